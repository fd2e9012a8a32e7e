// Runs an extension's tests inside the real VS Code extension host of code-server, the way
// @vscode/test-electron's runTests does on a desktop: extensionTestsPath names a module exporting
// run(): Promise<void> (typically running mocha); the workbench reports the outcome through
// window.codeAutomationExit(code).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import type { ConsoleMessage } from 'playwright-core';
import { launchBrowser, type BrowserSession } from './browser';
import { BEGIN, REJECTED, type HostControl } from './hostEntry';
import { installExtension, newRunDir, startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { artifactsDir, repoRoot, slug } from './env';
import { removeTempDir } from './processes';

export interface RunExtensionTestsOptions {
  /** Absolute path(s) of the extension(s) under development (loaded from source). Omit to test installed extensions only. */
  extensionDevelopmentPath?: string | string[];
  /** Absolute path of the test entry module: exports run(): Promise<void>, executed in the extension host. */
  extensionTestsPath: string;
  /** Folder opened in the workbench (vscode.workspace.workspaceFolders[0]). */
  workspace?: string;
  /** Whole-run limit (server start, workbench load, tests); default 180 s. */
  timeoutMs?: number;
  /** Name used for artifacts (screenshot/log on failure in test-artifacts/); default from extensionTestsPath. */
  name?: string;
  /**
   * Use this running server (its extensions dir, settings, env) instead of starting one; one run at a
   * time per server (the control file is per server), and earlier extension hosts live until stop().
   */
  server?: CodeServer;
  /** Options of the server started for this run (ignored with `server`). */
  serverOptions?: CodeServerOptions;
  /** Receives the extension host's output line by line; default: printed indented to stdout. */
  onOutput?: (line: string) => void;
}

export interface ExtensionTestsResult {
  /** The code passed to window.codeAutomationExit: 0 when run() resolved. */
  exitCode: number;
  /**
   * What the extension host wrote through console.* and process.stdout/stderr while run() ran
   * (mocha's reporter output, ...), captured in the host by hostEntry.ts; the last line is
   * `[medtrace-e2e] run() resolved` or `[medtrace-e2e] run() rejected: <stack>`.
   */
  output: string[];
  /** Mocha summary parsed from the output (undefined when not found). */
  passing?: number;
  failing?: number;
  pending?: number;
  /** Mocha's failure blocks ("1) suite test:\n   AssertionError ...") parsed from the output. */
  failures: string[];
  durationMs: number;
  /** Where the time went: serverStartMs, browserLaunchMs, workbenchToRunMs (page load to run()), testsMs. */
  phases: Record<string, number>;
  /** Screenshot written to test-artifacts/ when exitCode != 0. */
  screenshot?: string;
}

/** Raised when the tests do not finish in time or the workbench cannot run them. */
export class ExtensionTestsError extends Error {}

/**
 * The compiled test/e2e/hostEntry.ts, passed to the workbench as the real extensionTestsPath: next to
 * this module (out/test/e2e/), else in <repo>/out/test/e2e/ (npm test's build), or $MEDTRACE_E2E_HOST_ENTRY.
 */
export function hostEntryPath(): string {
  const candidates = [
    process.env.MEDTRACE_E2E_HOST_ENTRY,
    path.join(__dirname, 'hostEntry.js'),
    path.join(repoRoot(), 'out', 'test', 'e2e', 'hostEntry.js'),
  ].filter((c): c is string => !!c);
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) {
    throw new ExtensionTestsError(`compiled test/e2e/hostEntry.ts not found (looked at ${candidates.join(', ')}): build the tests first (npm run pretest)`);
  }
  return found;
}

/** An extension without contributions (placeholder extensionDevelopmentPath for installed-extension runs). */
function placeholderExtension(runDir: string): string {
  const dir = path.join(runDir, 'placeholder-extension');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'e2e-placeholder', publisher: 'medtrace-e2e', version: '0.0.0', engines: { vscode: '*' },
    description: 'Lets the workbench run extensionTestsPath against installed extensions.',
  }));
  return dir;
}

/** Streams the lines appended to a file (polled; the extension host appends synchronously). */
class FileTail {
  private offset = 0;
  private partial = '';
  constructor(private readonly file: string, private readonly onLine: (line: string) => void) {}
  poll(final = false): void {
    let fd: number;
    try { fd = fs.openSync(this.file, 'r'); } catch { return; }
    try {
      const buf = Buffer.alloc(64 * 1024);
      for (let n; (n = fs.readSync(fd, buf, 0, buf.length, this.offset)) > 0;) {
        this.offset += n;
        const lines = (this.partial + buf.subarray(0, n).toString('utf8')).split('\n');
        this.partial = lines.pop() ?? '';
        lines.forEach(this.onLine);
      }
    } finally {
      fs.closeSync(fd);
    }
    if (final && this.partial) { this.onLine(this.partial); this.partial = ''; }
  }
}

/** Text of a console message of the workbench page ('%c INFO', 'color: ...', fmt, ...args from its log service). */
async function messageText(m: ConsoleMessage): Promise<string> {
  try {
    const args = await Promise.all(m.args().map((a) => a.jsonValue()));
    if (typeof args[0] === 'string' && args[0].startsWith('%c') && typeof args[2] === 'string') {
      return `${args[0].slice(2).trim()} ${util.format(...(args.slice(2) as [string, ...unknown[]]))}`;
    }
  } catch { /* page gone */ }
  return m.text();
}

/** Mocha's (spec/base reporter) summary and failure blocks, from the extension host's output. */
export function parseMochaSummary(lines: string[]): Pick<ExtensionTestsResult, 'passing' | 'failing' | 'pending' | 'failures'> {
  const mochaLines = lines.filter((l) => !l.startsWith('[medtrace-e2e]'));
  const text = mochaLines.join('\n');
  const num = (re: RegExp) => { const m = re.exec(text); return m ? Number(m[1]) : undefined; };
  const failures: string[] = [];
  const idx = text.search(/^\s*\d+ failing/m);
  if (idx >= 0) {
    const after = text.slice(idx).split('\n').slice(1).join('\n');
    for (const block of after.split(/\n(?=\s*\d+\) )/)) {
      const b = block.replace(/^\n+|\s+$/g, '');
      if (/^\s*\d+\) /.test(b)) failures.push(b);
    }
  }
  return {
    passing: num(/^\s*(\d+) passing/m), failing: num(/^\s*(\d+) failing/m), pending: num(/^\s*(\d+) pending/m), failures,
  };
}

/**
 * Runs extensionTestsPath in code-server's extension host with extensionDevelopmentPath loaded,
 * streams the extension host's output, and resolves with the exit code (never rejects for failing
 * tests: check result.exitCode). Rejects with ExtensionTestsError on timeout or when the workbench
 * does not start, with the extension-host output, the server log tail and a screenshot path.
 */
export async function runExtensionTests(opts: RunExtensionTestsOptions): Promise<ExtensionTestsResult> {
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const name = slug(opts.name ?? `${path.basename(path.dirname(path.dirname(opts.extensionTestsPath)))}-${path.basename(opts.extensionTestsPath, '.js')}`);
  const onOutput = opts.onOutput ?? ((l: string) => process.stdout.write(`      | ${l}\n`));
  const verbose = process.env.MEDTRACE_E2E_VERBOSE === '1';
  const devPaths = opts.extensionDevelopmentPath === undefined ? [] : [opts.extensionDevelopmentPath].flat();
  for (const p of [opts.extensionTestsPath, ...devPaths, ...(opts.workspace ? [opts.workspace] : [])]) {
    if (!path.isAbsolute(p)) throw new ExtensionTestsError(`not an absolute path: ${p}`);
    if (!fs.existsSync(p)) throw new ExtensionTestsError(`does not exist: ${p}`);
  }
  const hostEntry = hostEntryPath();

  const phases: Record<string, number> = {};
  let last = t0;
  const phase = (p: string) => { const now = Date.now(); phases[p] = now - last; last = now; };

  const cs = opts.server ?? (await startCodeServer(opts.serverOptions));
  phase('serverStartMs');
  const outputFile = path.join(cs.runDir, `ext-host-output-${Date.now()}.log`);
  const control: HostControl = { testsPath: opts.extensionTestsPath, outputFile };
  fs.writeFileSync(cs.controlFile, JSON.stringify(control));
  const output: string[] = [];
  let begun = false;
  const tail = new FileTail(outputFile, (line) => {
    if (line.startsWith(BEGIN)) { begun = true; phase('workbenchToRunMs'); return; }
    output.push(line);
    onOutput(line);
  });
  const pageErrors: string[] = [];
  const pageError = (e: string) => { pageErrors.push(e.split('\n')[0]); if (pageErrors.length > 20) pageErrors.shift(); };
  let browser: BrowserSession | undefined;
  let poller: NodeJS.Timeout | undefined;
  let screenshot: string | undefined;
  const shoot = async () => {
    const file = path.join(artifactsDir(), `${name}.png`);
    if (browser && (await browser.page.screenshot({ path: file }).then(() => true, () => false))) screenshot = file;
  };
  try {
    browser = await launchBrowser(cs);
    phase('browserLaunchMs');
    const { page } = browser;
    page.on('console', (m) => {
      if (!verbose && m.type() !== 'error') return;
      void messageText(m).then((text) => {
        if (verbose) process.stdout.write(`      [page ${m.type()}] ${text}\n`);
        if (m.type() === 'error') pageError(text);
      });
    });
    page.on('pageerror', (e) => pageError(`page error: ${e.message}`));
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((r) => (resolveExit = r));
    // The web workbench calls window.codeAutomationExit(code) when run() settles (as for @vscode/test-web).
    await page.exposeFunction('codeAutomationExit', (code: unknown) => resolveExit(typeof code === 'number' ? code : Number(code) || 1));

    // VS Code's extension host runs extensionTestsPath only when an extensionDevelopmentPath is given
    // too: when testing installed extensions only, give it an empty placeholder extension.
    const loadPaths = devPaths.length ? devPaths : [placeholderExtension(cs.runDir)];
    const url = cs.workbenchUrl({ folder: opts.workspace, extensionDevelopmentPath: loadPaths, extensionTestsPath: hostEntry });
    const remaining = () => Math.max(1000, timeoutMs - (Date.now() - t0));
    poller = setInterval(() => tail.poll(), 100);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: remaining() }).catch((e: Error) => {
      throw new ExtensionTestsError(`cannot load the workbench ${url}: ${e.message}\n--- code-server log ---\n${cs.logTail(20)}`);
    });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), remaining()))),
    ]).finally(() => clearTimeout(timer));
    clearInterval(poller);
    tail.poll(true);
    phase(begun ? 'testsMs' : 'workbenchToRunMs');
    if (code === 'timeout') {
      await shoot();
      const logCopy = path.join(artifactsDir(), `${name}-code-server.log`);
      fs.copyFileSync(cs.logFile, logCopy);
      throw new ExtensionTestsError([
        `extension tests did not finish within ${timeoutMs} ms (window.codeAutomationExit was never called)`,
        `  extensionTestsPath: ${opts.extensionTestsPath}`,
        `  extensionDevelopmentPath: ${devPaths.join(', ') || '(none)'}`,
        begun ? '--- last extension-host output ---' : '--- the extension host never called run() ---',
        ...output.slice(-30),
        ...(pageErrors.length ? ['--- last workbench errors ---', ...pageErrors] : []),
        `--- code-server log (copy: ${logCopy}) ---`, cs.logTail(20),
        ...(screenshot ? [`--- screenshot: ${screenshot}`] : []),
      ].join('\n'));
    }
    const summary = parseMochaSummary(output);
    if (code !== 0 && summary.failures.length === 0) {
      // No mocha failure blocks (run() threw before or without mocha): show why.
      const rejected = output.findIndex((l) => l.startsWith(REJECTED));
      summary.failures.push(rejected >= 0 ? output.slice(rejected, rejected + 15).join('\n')
        : `exit code ${code}${begun ? '' : ' before run() was called'}; workbench errors:\n${pageErrors.join('\n')}`);
    }
    if (code !== 0) await shoot();
    return { exitCode: code, output, ...summary, durationMs: Date.now() - t0, phases, screenshot };
  } finally {
    if (poller) clearInterval(poller);
    await browser?.close();
    if (!opts.server) await cs.stop();
  }
}

export interface RunVsixTestsOptions extends Omit<RunExtensionTestsOptions, 'extensionDevelopmentPath' | 'server' | 'serverOptions'> {
  /** The packaged extension(s) to install into a fresh, empty extensions folder. */
  vsix: string | string[];
  serverOptions?: Omit<CodeServerOptions, 'extensionsDir'>;
}

/**
 * Installs the .vsix file(s) with `code-server --install-extension` into a fresh empty extensions
 * folder, then runs extensionTestsPath against the installed copy (no extensionDevelopmentPath).
 */
export async function runVsixTests(opts: RunVsixTestsOptions): Promise<ExtensionTestsResult> {
  const runDir = newRunDir();
  try {
    const extensionsDir = path.join(runDir, 'extensions');
    for (const v of [opts.vsix].flat()) await installExtension(v, extensionsDir);
    return await runExtensionTests({ ...opts, serverOptions: { ...opts.serverOptions, extensionsDir, runDir } });
  } finally {
    removeTempDir(runDir);
  }
}

/**
 * `vsce package` of an extension folder into outFile (default: test-artifacts/<name>.vsix), using
 * the project's @vscode/vsce. No dependency check (the extension is expected to be bundled).
 */
export async function packageVsix(extensionDir: string, outFile?: string, timeoutMs = 120_000): Promise<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')) as { name: string; version: string };
  const out = outFile ?? path.join(artifactsDir(), `${manifest.name}-${manifest.version}.vsix`);
  const vsce = require.resolve('@vscode/vsce/vsce', { paths: [repoRoot(), __dirname] });
  const child = spawn(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository',
    '--skip-license', '--out', out], { cwd: extensionDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`vsce package timed out in ${extensionDir}\n${log}`)); }, timeoutMs);
    child.on('close', (c) => { clearTimeout(timer); resolve(c); });
  });
  if (code !== 0 || !fs.existsSync(out)) throw new Error(`vsce package failed in ${extensionDir} (exit ${code}):\n${log}`);
  return out;
}
