/**
 * The `medtrace` command (SPEC 4): a thin front end over the core. It owns argument parsing, file output,
 * progress on stderr and exit codes; every finding comes from core/engine/check.ts like the editor's.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import pkg from '../../../package.json';
import { checkWorkspace, type CheckResult } from '../core/engine/check';
import '../core/engine/registerAll';
import { Grammars } from '../core/language/grammars';
import { starterManifest } from '../core/manifest/starter';
import { buildMatrix } from '../core/report/matrix';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { SEVERITY_ORDER, type Severity } from '../core/types';
import { grammarAssets } from '../node/assets';
import { nodeHost } from '../node/nodeHost';
import { autoRunner } from '../node/workerRunner';
import { HELP, oneOf, parseArgs, UsageError, type ParsedArgs } from './args';
import { printJson } from './printers/json';
import { matrixCsv, matrixHtml, matrixMarkdown } from './printers/matrix';
import { toSarif } from './printers/sarif';
import { printText } from './printers/text';

class ExitError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function resolveDir(args: ParsedArgs): string {
  const dir = path.resolve(args.positionals[0] ?? '.');
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new ExitError(`medtrace: directory not found: ${dir}`, 2);
  }
  if (!st.isDirectory()) throw new ExitError(`medtrace: not a directory: ${dir}`, 2);
  try {
    fs.readdirSync(dir);
  } catch (e) {
    throw new ExitError(`medtrace: cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code}`, 2);
  }
  return dir;
}

/** A single progress line on stderr, only on a terminal and only once the run has taken a moment. */
function progressReporter(enabled: boolean): { update: (phase: string, done: number, total: number) => void; clear: () => void } {
  const start = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(phase, done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (now - start < 800 || now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\x1b[2Kmedtrace: ${phase} ${total > 1 ? `${done}/${total} files` : ''}`);
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

async function runCheck(args: ParsedArgs): Promise<{ result: CheckResult; dir: string }> {
  const dir = resolveDir(args);
  const grammars = new Grammars(grammarAssets());
  const progress = progressReporter(process.stderr.isTTY === true && !args.flags.quiet);
  const manifestFlag = typeof args.flags.manifest === 'string' ? path.resolve(args.flags.manifest) : undefined;
  if (manifestFlag && !fs.existsSync(manifestFlag)) throw new ExitError(`medtrace: manifest not found: ${manifestFlag}`, 2);
  const result = await checkWorkspace({
    rootAbs: dir,
    host: nodeHost,
    grammars,
    settings: settingsFromFlags(args),
    manifestPath: manifestFlag,
    runner: autoRunner(nodeHost, grammars, path.join(__dirname, 'worker.js')),
    onProgress: progress.update,
  });
  progress.clear();
  // In CI a manifest with a YAML syntax error counts as not loadable: a half-read register would hide gaps.
  // (The editor keeps working on what it could read and shows the error in place.)
  const syntax = result.manifestLoad.findings.find((f) => f.data?.code === 'yaml-syntax' && f.path === result.manifest?.path);
  if (result.manifestLoad.fatal || syntax) {
    const first = syntax ?? result.manifestLoad.findings[0];
    throw new ExitError(
      `medtrace: the manifest cannot be loaded${first ? `: ${first.path}:${first.range.start.line + 1}:${first.range.start.character + 1} ${first.message}` : ''}`,
      2,
    );
  }
  return { result, dir };
}

/** --skip crypto,privacy turns detector families off (e.g. a CI job that checks traceability only). */
function settingsFromFlags(args: ParsedArgs): Settings {
  const skip = typeof args.flags.skip === 'string' ? args.flags.skip.split(',').map((s) => s.trim()) : [];
  for (const s of skip) if (s !== 'crypto' && s !== 'privacy') throw new UsageError(`--skip takes crypto and/or privacy, not '${s}'`);
  return { ...DEFAULT_SETTINGS, crypto: { enable: !skip.includes('crypto') }, privacy: { enable: !skip.includes('privacy') } };
}

function write(output: string | true | undefined, text: string): void {
  if (typeof output === 'string') {
    try {
      fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
      fs.writeFileSync(output, text);
    } catch (e) {
      throw new ExitError(`medtrace: cannot write ${output}: ${(e as Error).message}`, 2);
    }
  } else process.stdout.write(text);
}

async function check(args: ParsedArgs): Promise<number> {
  const format = oneOf('format', args.flags.format, ['text', 'json', 'sarif'] as const, 'text');
  const failOn = oneOf('fail-on', args.flags['fail-on'], ['error', 'warning', 'information', 'hint', 'none'] as const, 'error');
  const { result, dir } = await runCheck(args);
  const color = format === 'text' && typeof args.flags.output !== 'string' && process.stdout.isTTY === true && !args.flags['no-color'] && !process.env.NO_COLOR;
  const text =
    format === 'json'
      ? printJson(result, pkg.version)
      : format === 'sarif'
        ? JSON.stringify(toSarif(result, pkg.version, pathToFileURL(dir).href), null, 2) + '\n'
        : printText(result, { color, verbose: args.flags.verbose === true, quiet: args.flags.quiet === true });
  write(args.flags.output, text);
  if (typeof args.flags.output === 'string' && format !== 'text') process.stderr.write(`medtrace: ${result.findings.length} findings written to ${args.flags.output}\n`);
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[failOn as Severity];
  return result.findings.some((f) => SEVERITY_ORDER[f.severity] <= threshold) ? 1 : 0;
}

async function matrix(args: ParsedArgs): Promise<number> {
  const format = oneOf('format', args.flags.format, ['md', 'html', 'csv', 'json'] as const, 'md');
  const { result } = await runCheck(args);
  if (!result.manifest) throw new ExitError('medtrace: no medtrace.yaml here: the matrix needs a manifest (run "medtrace init").', 2);
  const m = buildMatrix(result.graph);
  const text = format === 'html' ? matrixHtml(m) : format === 'csv' ? matrixCsv(m) : format === 'json' ? JSON.stringify(m, null, 2) + '\n' : matrixMarkdown(m);
  write(args.flags.output, text);
  return 0;
}

function init(args: ParsedArgs): number {
  const dir = resolveDir(args);
  const file = path.join(dir, 'medtrace.yaml');
  if (fs.existsSync(file) && !args.flags.force) throw new ExitError(`medtrace: ${file} exists; use --force to overwrite it.`, 2);
  const safetyClass = oneOf('safety-class', args.flags['safety-class'], ['A', 'B', 'C'] as const, 'C');
  const name = typeof args.flags.name === 'string' ? args.flags.name : path.basename(dir);
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !['node_modules', 'test', 'tests', 'docs', 'build', 'dist'].includes(e.name))
    .map((e) => e.name);
  fs.writeFileSync(file, starterManifest({ name, safetyClass, unitsFromFolders: folders }));
  process.stdout.write(`medtrace: wrote ${file}. Next: declare your requirements and risks there, tag code with @implements / @mitigates, then run "medtrace check".\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`medtrace: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help' || args.flags.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  try {
    switch (args.command) {
      case 'check':
        return await check(args);
      case 'matrix':
        return await matrix(args);
      case 'init':
        return init(args);
      case 'lsp':
        if (!args.flags.stdio && !args.flags['node-ipc']) throw new UsageError('lsp needs --stdio (or --node-ipc when started by VS Code)');
        // The server bundle reads --stdio / --node-ipc from process.argv itself.
        require(path.join(__dirname, 'server.js'));
        return -1;
      default:
        throw new UsageError(`unknown command '${args.command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`medtrace: ${e.message}\n\n${HELP}`);
      return 2;
    }
    if (e instanceof ExitError) {
      process.stderr.write(e.message + '\n');
      return e.code;
    }
    process.stderr.write(`medtrace: internal error: ${(e as Error).stack ?? e}\nPlease report this with the command you ran.\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`medtrace: internal error: ${String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
