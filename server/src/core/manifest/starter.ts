/**
 * The medtrace.yaml that `medtrace init` writes: valid against schema.json, commented, with one example of
 * each kind of entry so a new user sees the shape and the tags that point at it.
 */
import type { SafetyClass } from './model';
import { yamlScalar } from './edit';

export interface StarterOptions {
  name: string;
  safetyClass?: SafetyClass;
  /** Workspace-relative folders that become one software unit each (e.g. top-level source folders). */
  unitsFromFolders?: string[];
}

/** `firmware/dose` → `SU-FIRMWARE-DOSE`: a valid id (SPEC 1) that still reads like the folder. */
function unitId(folder: string, taken: Set<string>): string {
  const stem = folder
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = stem === '' ? 'SU-UNIT' : `SU-${stem}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function unitLines(folders: readonly string[]): string[] {
  const clean = folders.map((f) => f.replace(/\\/g, '/').replace(/^\.\/|\/+$/g, '')).filter((f) => f !== '' && f !== '.');
  if (clean.length === 0) {
    return [
      '  - id: SU-MAIN',
      '    name: Main unit',
      '    safetyClass: C           # A | B | C; defaults to the system class',
      '    paths: ["src/**"]        # globs relative to the workspace root; or tag files with @unit SU-MAIN',
    ];
  }
  const taken = new Set<string>();
  const lines: string[] = [];
  for (const folder of clean) {
    lines.push(`  - id: ${unitId(folder, taken)}`);
    lines.push(`    name: ${yamlScalar(folder.split('/').pop() ?? folder)}`);
    lines.push(`    paths: [${JSON.stringify(`${folder}/**`)}]`);
  }
  return lines;
}

/** The starter manifest text (LF line endings, ends with a newline). */
export function starterManifest(opts: StarterOptions): string {
  const safetyClass = opts.safetyClass ?? 'C';
  const name = opts.name.trim() === '' ? 'My device software' : opts.name.trim();
  const lines = [
    `# MedTrace manifest for ${name.replace(/[\r\n]+/g, ' ')}.`,
    '# Code and tests point at the ids below with @implements, @mitigates, @verifies and @unit tags.',
    '# In VS Code, hover a key to see what it means; `medtrace check` reports what is missing.',
    'version: 1',
    '',
    '# IEC 62304 4.3 software safety class: A (no injury possible), B (non-serious injury),',
    '# C (death or serious injury possible). It decides how much must be traced.',
    'system:',
    `  name: ${yamlScalar(name.replace(/[\r\n]+/g, ' '))}`,
    `  safetyClass: ${safetyClass}`,
    '',
    '# Software items / units (IEC 62304 5.3, 5.4). A unit without safetyClass takes the system class.',
    'units:',
    ...unitLines(opts.unitsFromFolders ?? []),
    '',
    '# Software requirements (IEC 62304 5.2): code says @implements SRS-1, tests say @verifies SRS-1.',
    'requirements:',
    '  - id: SRS-1',
    '    title: Reject out-of-range input',
    '    text: The software shall reject input values outside the configured limits.',
    '    kind: safety             # functional | safety | security | privacy | performance | usability',
    '',
    '# Risk register (ISO 14971): severity and probability from 1 to 5. A risk whose',
    '# severity x probability exceeds policy.riskAcceptance needs risk controls.',
    'risks:',
    '  - id: RISK-1',
    '    hazard: Wrong output value',
    '    hazardousSituation: An out-of-range input is accepted',
    '    harm: Incorrect treatment',
    '    severity: 4',
    '    probability: 3',
    '    controls: [RC-1]',
    '    residual: { severity: 4, probability: 1 }',
    '',
    '# Risk control measures (ISO 14971 7): code says @mitigates RC-1, tests say @verifies RC-1.',
    'riskControls:',
    '  - id: RC-1',
    '    title: Input range check',
    '    type: protective         # inherent | protective | information',
    '    requirements: [SRS-1]',
    '',
    '# SOUP / third-party components (IEC 62304 8.1.2). MedTrace reports dependencies missing here, e.g.',
    '#  - { name: openssl, version: 3.0.13, manufacturer: OpenSSL Project, purpose: TLS, safetyClass: B,',
    '#      anomalyList: "https://openssl-library.org/news/vulnerabilities/", endOfSupport: 2026-09-07 }',
    'soup: []',
    '',
    '# More manifest files with any of the lists above, as globs relative to this file:',
    '# include: ["manifest/*.yaml"]',
    '',
    'policy:',
    '  exclude: []                # globs of files not to analyse',
    '  riskAcceptance: 8          # severity x probability above this must be controlled',
    '',
  ];
  return lines.join('\n');
}
