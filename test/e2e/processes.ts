// Process-group bookkeeping for the e2e harness: every process tree the harness starts is killed
// when it is stopped, when the test process exits, or on SIGINT/SIGTERM/SIGHUP.
import * as fs from 'fs';

/** Environment variable set on every process tree the harness starts; its value is the run id. */
export const RUN_MARKER = 'MEDTRACE_E2E_RUN';

const groups = new Map<number, string>(); // pgid -> run id
let handlersInstalled = false;

interface ProcInfo { pid: number; pgid: number; state: string }

function readProcs(): ProcInfo[] | undefined {
  let names: string[];
  try { names = fs.readdirSync('/proc'); } catch { return undefined; }
  const out: ProcInfo[] = [];
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ... ; comm may contain spaces/parentheses
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(n), state: rest[0], pgid: Number(rest[2]) });
    } catch { /* gone */ }
  }
  return out;
}

/** Live (non-zombie) processes carrying RUN_MARKER=runId in their environment, or in group pgid. */
export function liveProcesses(pgid: number, runId?: string): number[] {
  const procs = readProcs();
  if (!procs) {
    try { process.kill(-pgid, 0); return [pgid]; } catch { return []; }
  }
  const needle = runId ? `${RUN_MARKER}=${runId}\0` : undefined;
  const live: number[] = [];
  for (const p of procs) {
    if (p.state === 'Z' || p.pid === process.pid) continue;
    if (p.pgid === pgid) { live.push(p.pid); continue; }
    if (needle) {
      try {
        if (fs.readFileSync(`/proc/${p.pid}/environ`, 'latin1').includes(needle)) live.push(p.pid);
      } catch { /* gone or not ours */ }
    }
  }
  return live;
}

function killSync(pgid: number, runId: string | undefined, signal: NodeJS.Signals): void {
  try { process.kill(-pgid, signal); } catch { /* already gone */ }
  for (const pid of liveProcesses(pgid, runId)) {
    try { process.kill(pid, signal); } catch { /* gone */ }
  }
}

const tempDirs = new Set<string>();

/** Exit path (synchronous): SIGKILL every tracked group, wait up to 3 s for them to die, remove temp folders. */
function killAllSync(): void {
  const killed = [...groups];
  for (const [pgid, runId] of killed) killSync(pgid, runId, 'SIGKILL');
  groups.clear();
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const t0 = Date.now();
  while (Date.now() - t0 < 3000 && killed.some(([pgid, runId]) => liveProcesses(pgid, runId).length > 0)) {
    Atomics.wait(nap, 0, 0, 20); // synchronous sleep: 'exit' handlers cannot await
  }
  if (process.env.MEDTRACE_E2E_KEEP === '1') return;
  for (const dir of tempDirs) {
    try { fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }); } catch { /* best effort */ }
  }
  tempDirs.clear();
}

/** Remember a temporary folder to remove when the process exits (or is interrupted) before removeTempDir(). */
export function registerTempDir(dir: string): void {
  installHandlers();
  tempDirs.add(dir);
}

/** Keeps a registered temporary folder after exit. */
export function forgetTempDir(dir: string): void {
  tempDirs.delete(dir);
}

/** Removes a temporary folder now (kept when MEDTRACE_E2E_KEEP=1). */
export function removeTempDir(dir: string): void {
  tempDirs.delete(dir);
  if (process.env.MEDTRACE_E2E_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

function onSignal(signal: NodeJS.Signals): void {
  killAllSync();
  // Only exit ourselves when nobody else (mocha, Playwright) handles the signal.
  if (process.listenerCount(signal) === 1) process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[signal]);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllSync);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
}

/** Remember a process group (a child spawned with detached: true) to kill on exit/signals. */
export function trackGroup(pgid: number, runId?: string): void {
  installHandlers();
  groups.set(pgid, runId ?? '');
}

/**
 * Stops a tracked process group and every process carrying RUN_MARKER=runId: SIGTERM, poll until
 * gone, SIGKILL after graceMs.
 */
export async function stopGroup(pgid: number, runId?: string, graceMs = 5000): Promise<void> {
  const gone = async (ms: number) => {
    const t0 = Date.now();
    while (Date.now() - t0 < ms) {
      if (liveProcesses(pgid, runId).length === 0) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return liveProcesses(pgid, runId).length === 0;
  };
  killSync(pgid, runId, 'SIGTERM');
  if (!(await gone(graceMs))) {
    killSync(pgid, runId, 'SIGKILL');
    if (!(await gone(5000))) {
      groups.delete(pgid);
      throw new Error(`processes of group ${pgid} survived SIGKILL: ${liveProcesses(pgid, runId).join(', ')}`);
    }
  }
  groups.delete(pgid);
}

/**
 * Live processes started by this test process (their RUN_MARKER starts with `${process.pid}-`),
 * for checking that nothing was left running.
 */
export function leftoverProcesses(): number[] {
  const procs = readProcs() ?? [];
  const needle = `${RUN_MARKER}=${process.pid}-`;
  return procs.filter((p) => {
    if (p.state === 'Z' || p.pid === process.pid) return false;
    try { return fs.readFileSync(`/proc/${p.pid}/environ`, 'latin1').includes(needle); } catch { return false; }
  }).map((p) => p.pid);
}

/** TCP ports in LISTEN state held by the given processes, with their local address ('127.0.0.1:PORT', '[::]:PORT'). */
export function listeningAddresses(pids: number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try { fds = fs.readdirSync(`/proc/${pid}/fd`); } catch { continue; }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch { /* closed */ }
    }
  }
  const out: string[] = [];
  for (const [file, v6] of [['/proc/net/tcp', false], ['/proc/net/tcp6', true]] as const) {
    let lines: string[] = [];
    try { lines = fs.readFileSync(file, 'utf8').split('\n').slice(1); } catch { continue; }
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9])) continue; // 0A = LISTEN
      const [hexAddr, hexPort] = f[1].split(':');
      const port = parseInt(hexPort, 16);
      if (!v6) {
        const ip = hexAddr.match(/../g)!.reverse().map((h) => parseInt(h, 16)).join('.');
        out.push(`${ip}:${port}`);
      } else {
        out.push(`[${hexAddr}]:${port}`);
      }
    }
  }
  return out;
}
