// code-server (VS Code 1.100 in the browser) for the e2e tests: one server per run, bound to
// 127.0.0.1 on a free port, every folder it writes (user data, extensions, XDG_*, TMPDIR) under a
// per-run temp folder, stopped as a whole process group.
import { spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { codeServerBin } from './env';
import { RUN_MARKER, forgetTempDir, liveProcesses, registerTempDir, removeTempDir, stopGroup, trackGroup } from './processes';

export interface CodeServerOptions {
  /** Per-run folder; default: a new mkdtemp folder under os.tmpdir(), removed by stop(). */
  runDir?: string;
  /** Extensions folder; default <runDir>/extensions (empty: only built-in extensions load). */
  extensionsDir?: string;
  /** Merged into the user settings.json (defaults: no welcome page, no telemetry, no updates). */
  settings?: Record<string, unknown>;
  /** Extra environment of the server and therefore of the extension host (and language servers). */
  env?: Record<string, string>;
  /** Default 30 s. */
  startTimeoutMs?: number;
  /** Keep runDir after stop() (also when MEDTRACE_E2E_KEEP=1). */
  keepRunDir?: boolean;
  /** Receives code-server's log lines (default: only when MEDTRACE_E2E_VERBOSE=1, to stdout). */
  log?: (line: string) => void;
}

export interface WorkbenchUrlOptions {
  /** Absolute folder to open. */
  folder?: string;
  /** Absolute path(s) of extension(s) to load from source, like `code --extensionDevelopmentPath`. */
  extensionDevelopmentPath?: string | string[];
  /** Absolute path of a module exporting run(): Promise<void>, like `code --extensionTestsPath`. */
  extensionTestsPath?: string;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly runId: string;
  readonly runDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  /**
   * $MEDTRACE_E2E_CONTROL of the server and its extension hosts: the harness writes here which
   * test module test/e2e/hostEntry.ts runs and where its output goes (one test run at a time).
   */
  readonly controlFile: string;
  /** XDG_* / TMPDIR under runDir, also used for the browser so that nothing lands in $HOME. */
  readonly sandboxEnv: Record<string, string>;
  /** Workbench URL; extension development/test paths go in the `payload` query parameter. */
  workbenchUrl(opts?: WorkbenchUrlOptions): string;
  /** The last lines of the server log. */
  logTail(lines?: number): string;
  /** Process id of the code-server main process (leader of its process group). */
  readonly pid: number;
  /** Live processes of this server (its process group and everything carrying its run marker). */
  processes(): number[];
  /** Stops the whole process group (idempotent). */
  stop(): Promise<void>;
}

const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
};

/** Environment for processes the harness starts: no VS Code variables of an outer editor. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // VSCODE_IPC_HOOK_CLI etc. would make code-server hand over to the outer editor.
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

export function makeSandboxEnv(runDir: string, runId: string): Record<string, string> {
  const d = (...p: string[]) => {
    const dir = path.join(runDir, ...p);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  return {
    XDG_DATA_HOME: d('xdg', 'data'),
    XDG_CONFIG_HOME: d('xdg', 'config'),
    XDG_CACHE_HOME: d('xdg', 'cache'),
    XDG_STATE_HOME: d('xdg', 'state'),
    // The extension host drops vscode-ipc-*.sock, vscode-git-*.sock, ... into TMPDIR.
    TMPDIR: d('tmp'),
    [RUN_MARKER]: runId,
  };
}

function get(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export function newRunDir(prefix = 'medtrace-e2e-'): string {
  // Short path: unix socket paths under TMPDIR must stay below 108 bytes.
  const base = os.tmpdir().length > 40 ? '/tmp' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, prefix));
  registerTempDir(dir); // removed on exit/interrupt unless removeTempDir() ran first
  return dir;
}

/** Starts code-server and waits until /healthz answers. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const bin = codeServerBin();
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}: run test/e2e/prereqs.sh (as root) first`);
  }
  const runDir = opts.runDir ?? newRunDir();
  fs.mkdirSync(runDir, { recursive: true });
  const runId = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = opts.extensionsDir ?? path.join(runDir, 'extensions');
  const configFile = path.join(runDir, 'config.yaml');
  const logFile = path.join(runDir, 'code-server.log');
  const controlFile = path.join(runDir, 'e2e-control.json');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2));
  const sandboxEnv = makeSandboxEnv(runDir, runId);
  const verbose = process.env.MEDTRACE_E2E_VERBOSE === '1';
  const log = opts.log ?? (verbose ? (l: string) => process.stdout.write(`      [code-server] ${l}\n`) : undefined);

  const args = [
    '--config', configFile, '--auth', 'none', '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  ];
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(bin, args, {
    cwd: runDir,
    env: cleanEnv({
      ...sandboxEnv,
      MEDTRACE_E2E_CONTROL: controlFile,
      // No extension marketplace (open-vsx.org is unreachable anyway): fail fast, without DNS lookups.
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
      ...opts.env,
    }),
    detached: true, // own process group: stop() kills the whole tree (extension host, language servers)
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid;
  if (pgid === undefined) {
    fs.closeSync(logFd);
    throw new Error(`could not spawn ${bin}`);
  }
  trackGroup(pgid, runId);

  let port = 0;
  let exited: string | undefined;
  let partial = '';
  const onData = (chunk: Buffer) => {
    fs.writeSync(logFd, chunk);
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      log?.(line);
      const m = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (m && !port) port = Number(m[1]);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', (code, signal) => (exited = `exit code ${code}${signal ? `, signal ${signal}` : ''}`));
  child.on('close', () => { try { fs.closeSync(logFd); } catch { /* closed */ } });

  let stopped: Promise<void> | undefined;
  const logTail = (n = 30) => {
    try { return fs.readFileSync(logFile, 'utf8').split('\n').slice(-n - 1).join('\n'); } catch { return ''; }
  };
  const stop = () => {
    stopped ??= (async () => {
      await stopGroup(pgid, runId);
      if (opts.keepRunDir) forgetTempDir(runDir);
      else if (!opts.runDir) removeTempDir(runDir);
    })();
    return stopped;
  };

  const timeoutMs = opts.startTimeoutMs ?? 30_000;
  const t0 = Date.now();
  try {
    for (;;) {
      if (exited) throw new Error(`code-server exited during startup (${exited})`);
      if (Date.now() - t0 > timeoutMs) {
        throw new Error(port ? `code-server on port ${port}: /healthz did not answer within ${timeoutMs} ms`
          : `code-server did not report its port within ${timeoutMs} ms`);
      }
      if (port) {
        const ok = await get(`http://127.0.0.1:${port}/healthz`, 2000).then((r) => r.status === 200, () => false);
        if (ok) break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (e) {
    const tail = logTail();
    await stop().catch(() => undefined);
    throw new Error(`${(e as Error).message}\n--- ${logFile} ---\n${tail}`);
  }

  const url = `http://127.0.0.1:${port}`;
  return {
    url, port, runId, runDir, userDataDir, extensionsDir, logFile, controlFile, sandboxEnv, logTail, stop,
    pid: pgid,
    processes: () => liveProcesses(pgid, runId),
    workbenchUrl(w: WorkbenchUrlOptions = {}) {
      const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
      const params: string[] = [];
      if (w.folder) params.push(`folder=${encodeURIComponent(path.resolve(w.folder))}`);
      const payload: [string, string][] = [];
      const dev = w.extensionDevelopmentPath === undefined ? []
        : Array.isArray(w.extensionDevelopmentPath) ? w.extensionDevelopmentPath : [w.extensionDevelopmentPath];
      for (const d of dev) payload.push(['extensionDevelopmentPath', remote(d)]);
      if (w.extensionTestsPath) payload.push(['extensionTestsPath', remote(w.extensionTestsPath)]);
      if (payload.length) params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      return `${url}/${params.length ? `?${params.join('&')}` : ''}`;
    },
  };
}

/** Starts code-server, runs fn, always stops the server. */
export async function withCodeServer<T>(opts: CodeServerOptions, fn: (cs: CodeServer) => Promise<T>): Promise<T> {
  const cs = await startCodeServer(opts);
  try {
    return await fn(cs);
  } finally {
    await cs.stop();
  }
}

/**
 * `code-server --install-extension VSIX --extensions-dir DIR` (about 1 s). Run with a sandboxed
 * environment; throws with the CLI output when the installation fails.
 */
export async function installExtension(vsix: string, extensionsDir: string, timeoutMs = 120_000): Promise<string> {
  const bin = codeServerBin();
  if (!fs.existsSync(bin)) throw new Error(`code-server not found at ${bin}: run test/e2e/prereqs.sh (as root) first`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  const runDir = newRunDir('medtrace-e2e-install-');
  const runId = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    const child = spawn(bin, [
      '--user-data-dir', path.join(runDir, 'user-data'), '--config', path.join(runDir, 'config.yaml'),
      '--extensions-dir', extensionsDir, '--install-extension', path.resolve(vsix),
    ], { cwd: runDir, env: cleanEnv(makeSandboxEnv(runDir, runId)), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid === undefined) throw new Error(`could not spawn ${bin}`);
    trackGroup(child.pid, runId);
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server --install-extension ${vsix} did not finish within ${timeoutMs} ms\n${out}`)), timeoutMs);
      child.on('close', (c) => { clearTimeout(timer); resolve(c); });
    }).finally(() => stopGroup(child.pid!, runId).catch(() => undefined));
    if (code !== 0 || !/was successfully installed/.test(out)) {
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${out}`);
    }
    return out.trim();
  } finally {
    removeTempDir(runDir);
  }
}
