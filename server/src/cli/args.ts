/** Command-line parsing for `medtrace` (SPEC 4). Small and strict: unknown flags are usage errors (exit 2). */

export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  positionals: string[];
  flags: Record<string, string | true>;
}

/** Flags that take a value, per command. */
const VALUE_FLAGS: Record<string, string[]> = {
  check: ['format', 'output', 'fail-on', 'manifest', 'skip', 'junit'],
  matrix: ['format', 'output', 'manifest'],
  report: ['output', 'manifest', 'skip', 'junit'],
  sbom: ['format', 'output', 'manifest'],
  init: ['name', 'safety-class'],
  import: ['output', 'manifest', 'kind', 'id-attr', 'title-attr', 'text-attr', 'kind-attr', 'id-prefix'],
  export: ['output', 'manifest', 'kind'],
  lsp: [],
};
const BOOL_FLAGS: Record<string, string[]> = {
  check: ['verbose', 'no-color', 'quiet', 'suspect-links'],
  matrix: ['verbose'],
  report: ['suspect-links'],
  sbom: [],
  init: ['force'],
  import: ['force'],
  export: [],
  lsp: ['stdio', 'node-ipc'],
};

export function parseArgs(argv: string[]): ParsedArgs {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { command: 'help', positionals: argv.slice(1), flags: {} };
  if (argv[0] === '--version' || argv[0] === '-v') return { command: 'version', positionals: [], flags: {} };
  const command = argv[0];
  if (!(command in VALUE_FLAGS)) throw new UsageError(`unknown command '${command}'`);
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      flags.help = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (VALUE_FLAGS[command].includes(name)) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
        // --junit may be repeated: the values add up (comma-separated, as a single --junit a.xml,b.xml would be).
        flags[name] = name === 'junit' && typeof flags[name] === 'string' ? `${flags[name] as string},${v}` : v;
      } else if (BOOL_FLAGS[command].includes(name)) {
        flags[name] = true;
      } else if (command === 'lsp' && name.startsWith('clientProcessId')) {
        // vscode-languageclient passes --clientProcessId=N; the server reads it itself.
      } else {
        throw new UsageError(`unknown option --${name} for '${command}'`);
      }
      continue;
    }
    positionals.push(a);
  }
  // import/export take a format first: `medtrace import reqif FILE`, `medtrace export csv [DIR]`.
  if (positionals.length > (command === 'import' || command === 'export' ? 2 : 1)) throw new UsageError(`'${command}' takes at most one directory, got: ${positionals.join(' ')}`);
  return { command, positionals, flags };
}

export function oneOf<T extends string>(flag: string, value: string | true | undefined, allowed: readonly T[], dflt: T): T {
  if (value === undefined) return dflt;
  if (value === true || !allowed.includes(value as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export const HELP = `MedTrace — traceability (IEC 62304, ISO 14971), cryptography and health-data checks for medical-device software.

Usage:
  medtrace check [DIR] [--format text|json|sarif|github] [--output FILE] [--fail-on error|warning|information|none]
                       [--manifest FILE] [--skip crypto,privacy] [--verbose] [--quiet] [--no-color]
                       [--junit RESULTS.xml|DIR]...   JUnit XML test results: failing @verifies tests become findings
                       [--suspect-links]   flag requirements changed in git after their implementation
  medtrace matrix [DIR] [--format md|html|csv|json] [--output FILE] [--manifest FILE]
  medtrace report [DIR] [--output report.html] [--manifest FILE] [--skip crypto,privacy] [--junit RESULTS.xml|DIR] [--suspect-links]
                      the audit report: one self-contained HTML file (stdout unless --output)
  medtrace sbom [DIR] [--format cyclonedx-json|cyclonedx-xml] [--output FILE] [--manifest FILE]
                      CycloneDX 1.6 SBOM of the dependencies and the soup: list
  medtrace init [DIR] [--name NAME] [--safety-class A|B|C] [--force]
  medtrace import reqif FILE.reqif|FILE.reqifz [--output FILE] [--force] [--id-attr NAME] [--title-attr NAME]
                       [--text-attr NAME] [--kind-attr NAME] [--id-prefix PREFIX]
  medtrace import csv FILE.csv [--kind requirements|risks] [--output FILE] [--force]
  medtrace export reqif|csv [DIR] [--output FILE] [--kind requirements|risks] [--manifest FILE]
  medtrace lsp --stdio          the language server, for any LSP client (VS Code, Neovim, Emacs, Helix…)
  medtrace --help | --version

DIR defaults to the current folder. The manifest is DIR/medtrace.yaml unless --manifest says otherwise.

Exit status: 0 when nothing at or above --fail-on (default: error) was found; 1 when something was;
2 for bad usage, an unreadable directory or a manifest that cannot be loaded.
`;
