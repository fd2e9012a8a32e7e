/**
 * The `medtrace` command (SPEC 4): a thin front end over the core. It owns argument parsing, file output,
 * progress on stderr and exit codes; every finding comes from core/engine/check.ts like the editor's.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { pathToFileURL } from 'url';
import pkg from '../../../package.json';
import { checkWorkspace, type CheckResult } from '../core/engine/check';
import '../core/engine/registerAll';
import { CommandError, runExport, runImport, type InterchangeIo } from '../core/interchange/commands';
import { applySuspectLinks } from '../core/interchange/suspect';
import { Grammars } from '../core/language/grammars';
import { loadManifest } from '../core/manifest/load';
import { starterManifest } from '../core/manifest/starter';
import { readCommit } from '../core/report/commit';
import { buildMatrix } from '../core/report/matrix';
import { buildReport } from '../core/report/report';
import { buildSbom, serializeSbom } from '../core/sbom/sbom';
import { JunitError, parseJunit, type TestCase } from '../core/results/junit';
import { applyTestResults } from '../core/results/verification';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { SEVERITY_ORDER, type Severity } from '../core/types';
import { grammarAssets } from '../node/assets';
import { nodeHost } from '../node/nodeHost';
import { pathTaken, writeOutputFile } from '../node/outputFile';
import { autoRunner } from '../node/workerRunner';
import { HELP, oneOf, parseArgs, UsageError, type ParsedArgs } from './args';
import { githubAnnotations } from './printers/github';
import { printJson } from './printers/json';
import { matrixCsv, matrixHtml, matrixMarkdown } from './printers/matrix';
import { reportHtml } from './printers/report';
import { toSarif } from './printers/sarif';
import { printText } from './printers/text';
import { visible } from './printers/visible';

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
    runner: autoRunner(nodeHost, grammars, path.join(__dirname, 'worker.js'), { useCallingThread: true }),
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
      writeOutputFile(output, text);
    } catch (e) {
      throw new ExitError(`medtrace: cannot write ${output}: ${(e as Error).message}`, 2);
    }
  } else process.stdout.write(text);
}

async function check(args: ParsedArgs): Promise<number> {
  const format = oneOf('format', args.flags.format, ['text', 'json', 'sarif', 'github'] as const, 'text');
  const failOn = oneOf('fail-on', args.flags['fail-on'], ['error', 'warning', 'information', 'hint', 'none'] as const, 'error');
  const { result: checked, dir } = await runCheck(args);
  const result = args.flags['suspect-links'] ? await withSuspectLinks(withTestResults(checked, args), dir) : withTestResults(checked, args);
  const color = format === 'text' && typeof args.flags.output !== 'string' && process.stdout.isTTY === true && !args.flags['no-color'] && !process.env.NO_COLOR;
  const text =
    format === 'json'
      ? printJson(result, pkg.version)
      : format === 'sarif'
        ? JSON.stringify(toSarif(result, pkg.version, pathToFileURL(dir).href), null, 2) + '\n'
        : format === 'github'
          ? githubAnnotations(result, githubPathPrefix(dir))
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

/** GitHub resolves annotation paths against the repository root, which is the job's working directory. */
function githubPathPrefix(dir: string): string {
  const rel = path.relative(process.env.GITHUB_WORKSPACE || process.cwd(), dir).split(path.sep).join('/');
  return rel && !rel.startsWith('..') ? `${rel}/` : '';
}

async function report(args: ParsedArgs): Promise<number> {
  const { result: checked, dir } = await runCheck(args);
  // Test results and suspect links show in the report as they do in `check`: as findings and verification status.
  const withResults = withTestResults(checked, args);
  const result = args.flags['suspect-links'] ? await withSuspectLinks(withResults, dir) : withResults;
  if (!result.manifest) throw new ExitError('medtrace: no medtrace.yaml here: the report needs a manifest (run "medtrace init").', 2);
  const commit = await readCommit(nodeHost, dir);
  write(args.flags.output, reportHtml(buildReport(result, { toolVersion: pkg.version, generatedAt: new Date().toISOString(), commit })));
  if (typeof args.flags.output === 'string') process.stderr.write(`medtrace: report written to ${args.flags.output}\n`);
  return 0;
}

async function sbom(args: ParsedArgs): Promise<number> {
  const format = oneOf('format', args.flags.format, ['cyclonedx-json', 'cyclonedx-xml'] as const, 'cyclonedx-json');
  // The SBOM needs the manifest and the package files only: the crypto and privacy detectors are skipped.
  const { result } = await runCheck({ ...args, flags: { ...args.flags, skip: 'crypto,privacy' } });
  write(args.flags.output, serializeSbom(buildSbom(result, { toolVersion: pkg.version }), format));
  if (typeof args.flags.output === 'string') process.stderr.write(`medtrace: SBOM written to ${args.flags.output}\n`);
  return 0;
}

/** --junit FILE|DIR (repeatable, comma-separated): JUnit XML test results applied to the trace (core/results). */
function withTestResults(result: CheckResult, args: ParsedArgs): CheckResult {
  if (typeof args.flags.junit !== 'string') return result;
  const cases: TestCase[] = [];
  const seen = new Set<string>();
  for (const given of args.flags.junit.split(',').map((s) => s.trim()).filter(Boolean)) {
    let files = [given];
    try {
      if (fs.statSync(given).isDirectory()) files = fs.readdirSync(given).filter((f) => f.endsWith('.xml')).sort().map((f) => path.join(given, f));
      for (const file of files) {
        if (seen.has(path.resolve(file))) continue;
        seen.add(path.resolve(file));
        // Only regular files: reading a FIFO, a device or a socket would block or never end.
        if (!fs.statSync(file).isFile()) {
          if (file === given) throw new ExitError(`medtrace: ${given} is not a regular file (a FIFO, device or socket?); JUnit results are read from files only`, 2);
          process.stderr.write(`medtrace: skipped ${file}: not a regular file\n`);
          continue;
        }
        // (One push per case: spreading 200,000 cases into push() overflows the call stack.)
        for (const c of parseJunit(fs.readFileSync(file, 'utf8'), file)) cases.push(c);
      }
    } catch (e) {
      if (e instanceof ExitError) throw e;
      if (e instanceof JunitError) throw new ExitError(`medtrace: ${e.message}`, 2);
      throw new ExitError(`medtrace: cannot read JUnit results ${given}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
    }
  }
  return applyTestResults(result, cases);
}

/**
 * The git executable, by absolute path: only absolute PATH entries are searched, so that `PATH=bin:$PATH` in
 * a cloned repository cannot make MedTrace run the repository's own `bin/git` (workspace code).
 */
function findGit(): string | undefined {
  const names = process.platform === 'win32' ? ['git.exe', 'git.cmd'] : ['git'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    for (const n of names) {
      const p = path.join(dir, n);
      try {
        if (fs.statSync(p).isFile()) {
          fs.accessSync(p, fs.constants.X_OK);
          return p;
        }
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * --suspect-links: runs git (never workspace code) with a timeout, only when DIR is inside a git repository.
 * Repository-configured helpers are disabled; blame reads committed history only (core/interchange/suspect).
 */
async function withSuspectLinks(result: CheckResult, dir: string): Promise<CheckResult> {
  let d = dir;
  while (!fs.existsSync(path.join(d, '.git'))) {
    const up = path.dirname(d);
    if (up === d) {
      process.stderr.write('medtrace: --suspect-links needs a git repository; none found, so suspect links were not checked.\n');
      return result;
    }
    d = up;
  }
  const gitPath = findGit();
  if (!gitPath) {
    process.stderr.write('medtrace: --suspect-links: git was not found in an absolute PATH folder (relative PATH entries such as bin/ are never searched); suspect links were not checked.\n');
    return result;
  }
  const git = (gitArgs: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile(
        gitPath,
        ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', ...gitArgs],
        { cwd: dir, timeout: 30000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      );
    });
  try {
    await git(['rev-parse', '--verify', '--quiet', 'HEAD']);
  } catch (e) {
    process.stderr.write(`medtrace: --suspect-links: git is not usable here (${(e as Error).message.split('\n')[0]}); suspect links were not checked.\n`);
    return result;
  }
  return applySuspectLinks(result, git);
}

/** `medtrace import|export reqif|csv …`: the logic is in core/interchange; this wires in fs and zlib. */
async function interchange(args: ParsedArgs): Promise<number> {
  const io: InterchangeIo = {
    cwd: process.cwd(),
    readFile: (p) => fs.readFileSync(p),
    exists: (p) => fs.existsSync(p),
    taken: pathTaken,
    writeFile: (p, data, opts) => {
      try {
        writeOutputFile(p, data, opts);
      } catch (e) {
        throw new ExitError(`medtrace: cannot write ${p}: ${(e as Error).message}`, 2);
      }
    },
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(visible(t, { keepLineBreaks: true })),
    inflateRaw: (d, max) => zlib.inflateRawSync(d, { maxOutputLength: Math.max(1, max) }),
    deflateRaw: (d) => zlib.deflateRawSync(d),
    loadManifest: (root, manifestPath) => loadManifest(nodeHost, root, manifestPath),
    now: () => new Date().toISOString(),
    version: pkg.version,
  };
  try {
    return args.command === 'import' ? await runImport(args, io) : await runExport(args, io);
  } catch (e) {
    if (e instanceof CommandError) throw new ExitError(e.message, e.code);
    throw e;
  }
}

function init(args: ParsedArgs): number {
  const dir = resolveDir(args);
  const file = path.join(dir, 'medtrace.yaml');
  if (pathTaken(file) && !args.flags.force) throw new ExitError(`medtrace: ${file} exists; use --force to overwrite it.`, 2);
  const safetyClass = oneOf('safety-class', args.flags['safety-class'], ['A', 'B', 'C'] as const, 'C');
  const name = typeof args.flags.name === 'string' ? args.flags.name : path.basename(dir);
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !['node_modules', 'test', 'tests', 'docs', 'build', 'dist'].includes(e.name))
    .map((e) => e.name);
  try {
    writeOutputFile(file, starterManifest({ name, safetyClass, unitsFromFolders: folders }));
  } catch (e) {
    throw new ExitError(`medtrace: cannot write ${file}: ${(e as Error).message}`, 2);
  }
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
      case 'import':
      case 'export':
        return await interchange(args);
      case 'report':
        return await report(args);
      case 'sbom':
        return await sbom(args);
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
      // Exit messages quote the workspace (a manifest error's text, a file name): escaped like every text output.
      process.stderr.write(visible(e.message, { keepLineBreaks: true }) + '\n');
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
