/** What the interchange formats read and write: manifest entries as plain data, without locations. */
import { stringify } from 'yaml';
import { ID_PATTERN } from '../manifest/load';
import type { Manifest, RequirementKind } from '../manifest/model';

export const REQUIREMENT_KINDS: readonly RequirementKind[] = ['functional', 'safety', 'security', 'privacy', 'performance', 'usability'];

export interface PlainRequirement {
  id: string;
  title?: string;
  text?: string;
  kind?: RequirementKind;
  derivedFrom?: string[];
}

export interface PlainRisk {
  id: string;
  hazard?: string;
  hazardousSituation?: string;
  harm?: string;
  severity?: number;
  probability?: number;
  controls?: string[];
  residual?: { severity?: number; probability?: number };
  threat?: string;
}

/** The result of an import: entries plus what was left out and why (said to the user, never silent). */
export interface ImportResult<T> {
  entries: T[];
  warnings: string[];
}

export function plainRequirements(m: Manifest): PlainRequirement[] {
  return m.requirements.map((r) => dropUndefined({ id: r.id, title: r.title, text: r.text, kind: r.kind, derivedFrom: r.derivedFrom.length ? r.derivedFrom.map((d) => d.id) : undefined }));
}

export function plainRisks(m: Manifest): PlainRisk[] {
  return m.risks.map((r) =>
    dropUndefined({
      id: r.id,
      hazard: r.hazard,
      hazardousSituation: r.hazardousSituation,
      harm: r.harm,
      severity: r.severity,
      probability: r.probability,
      controls: r.controls.length ? r.controls.map((c) => c.id) : undefined,
      residual: r.residual && (r.residual.severity !== undefined || r.residual.probability !== undefined) ? dropUndefined({ ...r.residual }) : undefined,
      threat: r.threat,
    }),
  );
}

/** A kind written by another tool ("Functional Requirement", "SAFETY") as a manifest kind, when it is one. */
export function normaliseKind(v: string | undefined): RequirementKind | undefined {
  if (!v) return undefined;
  const s = v.trim().toLowerCase();
  return REQUIREMENT_KINDS.find((k) => s === k || s.startsWith(k + ' ') || s.startsWith(k + '-') || s === k.slice(0, 4));
}

/** Keeps entries with valid, unique ids; says what it dropped. */
export function validateIds<T extends { id: string }>(entries: readonly T[], where: (e: T, i: number) => string, warnings: string[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  entries.forEach((e, i) => {
    if (!ID_PATTERN.test(e.id)) {
      warnings.push(`${where(e, i)}: "${e.id}" is not a valid id (a letter, then letters, digits, _ . : ~ -); skipped. Use --id-prefix or fix the id in the source tool.`);
      return;
    }
    if (seen.has(e.id)) {
      warnings.push(`${where(e, i)}: duplicate id ${e.id}; the first one is kept.`);
      return;
    }
    seen.add(e.id);
    out.push(e);
  });
  return out;
}

/** The YAML file an import writes: one section, a header comment saying where it came from. */
export function manifestFragment(section: 'requirements' | 'risks', entries: readonly object[], header: string): string {
  const body = stringify({ [section]: entries }, { lineWidth: 0, indentSeq: true });
  return header
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n')
    .concat('\n', body);
}

export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
