/**
 * bin/medtrace.js runs check / matrix / report in a child process and ends it once the output is written
 * (Node's own exit would wait for V8's background compiles). These tests hold it to what the command
 * promised before: the same output and exit code as in one process, and no process left behind — after a
 * normal end, or when the command is ended by a signal.
 */
import * as assert from 'assert';
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/assets';

const BIN = path.join(REPO_ROOT, 'bin', 'medtrace.js');
const BASIC = path.join(FIXTURES, 'cli', 'basic');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'infusion-pump');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120000, env: { ...process.env, NO_COLOR: '1', ...env } });
  if (r.error) throw r.error;
  return r;
}

function children(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
}

/** Running: it exists and is not a zombie (dead, waiting to be reaped — not every init reaps orphans). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: trust kill(pid, 0)
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < withinMs; await new Promise((r) => setTimeout(r, 20))) if (!alive(pid)) return true;
  return !alive(pid);
}

/** Starts the command, waits for its child, then optionally signals the command; resolves when it has ended. */
async function startAndWatch(args: string[], signal?: NodeJS.Signals): Promise<{ child: number; code: number | null; sig: NodeJS.Signals | null }> {
  const p = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
  const ended = new Promise<{ code: number | null; sig: NodeJS.Signals | null }>((resolve) => p.on('exit', (code, sig) => resolve({ code, sig })));
  let child = 0;
  for (let i = 0; i < 500 && !child; i++) {
    child = children(p.pid!)[0] ?? 0;
    if (!child) await new Promise((r) => setTimeout(r, 10));
  }
  assert.ok(child, 'the command started no child process');
  if (signal) p.kill(signal);
  return { child, ...(await ended) };
}

describe('medtrace command: check, matrix and report in a child process', function () {
  this.timeout(120000);
  // A workspace whose check takes seconds, so that a child left running would still be running when looked for.
  let big = '';
  before(() => {
    big = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-oneshot-'));
    fs.writeFileSync(path.join(big, 'medtrace.yaml'), 'version: 1\nsystem: { name: Big, safetyClass: B }\nrequirements:\n  - { id: SRS-1, title: One, text: It works., kind: functional }\n');
    const fn = (i: number) => `# @implements SRS-1\ndef step_${i}(patient, value):\n    digest = hashlib.md5(value).hexdigest()\n    logger.info("patient %s", patient.name)\n    return value * ${i}\n\n`;
    const body = 'import hashlib\nimport logging\nlogger = logging.getLogger(__name__)\n\n' + Array.from({ length: 60 }, (_, i) => fn(i)).join('');
    fs.mkdirSync(path.join(big, 'src'));
    for (let f = 0; f < 400; f++) fs.writeFileSync(path.join(big, 'src', `m${f}.py`), body);
  });
  after(() => fs.rmSync(big, { recursive: true, force: true }));

  it('gives the same output and exit code as running in one process', () => {
    for (const args of [['check', BASIC, '--format', 'json'], ['check', BASIC, '--fail-on', 'none'], ['matrix', BASIC, '--format', 'csv'], ['check', EXAMPLE, '--format', 'sarif']]) {
      const forked = run(args);
      const inProcess = run(args, { MEDTRACE_IN_PROCESS: '1' });
      assert.strictEqual(forked.status, inProcess.status, args.join(' '));
      assert.strictEqual(forked.stdout, inProcess.stdout, args.join(' '));
      assert.ok(forked.stdout.length > 100, args.join(' '));
    }
    assert.strictEqual(run(['check', BASIC]).status, 1);
    const usage = run(['check', '--no-such-flag']);
    assert.strictEqual(usage.status, 2);
    assert.match(usage.stderr, /unknown option --no-such-flag/);
  });

  it('finishes quietly, with its own exit status, when the reader of its output goes away (| head)', async () => {
    for (const env of [{}, { MEDTRACE_IN_PROCESS: '1' }]) {
      // Megabytes of JSON: far more than a pipe holds, so writing goes on after the reader is gone.
      const p = spawn(process.execPath, [BIN, 'check', big, '--format', 'json', '--fail-on', 'warning'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.stdout.once('data', () => p.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => p.on('exit', (c) => resolve(c)));
      const how = JSON.stringify(env);
      assert.strictEqual(code, 1, `${how}: exit status ${code}, stderr: ${stderr}`); // it has warnings
      assert.doesNotMatch(stderr, /EPIPE|internal error/, how);
    }
  });

  it('leaves no process behind when it ends normally', async () => {
    const r = await startAndWatch(['check', big, '--fail-on', 'none', '--quiet']);
    assert.strictEqual(r.code, 0);
    assert.ok(await gone(r.child, 1000), `child ${r.child} still running after the command ended`);
  });

  it('ends its child when it is ended by a signal', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const out = path.join(big, `out-${signal}.json`);
      const r = await startAndWatch(['check', big, '--fail-on', 'none', '--quiet', '--format', 'json', '--output', out], signal);
      assert.strictEqual(r.sig, signal, `${signal}: ended with ${r.code ?? r.sig}`);
      // Interrupted: the check (seconds on this workspace) did not go on to write its output.
      assert.ok(!fs.existsSync(out), `${signal}: the check ran to the end`);
      assert.ok(await gone(r.child, 1000), `${signal}: child ${r.child} still running after the command ended`);
    }
  });
});
