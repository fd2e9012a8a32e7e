// Where the real-editor e2e prerequisites live, and how to get them (test/e2e/prereqs.sh).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Cache folder of test/e2e/prereqs.sh (code-server is installed there), outside the repository. */
export function e2eCacheDir(): string {
  return process.env.MEDTRACE_E2E_CACHE || '/var/cache/medtrace-e2e';
}

export function codeServerBin(): string {
  return process.env.MEDTRACE_E2E_CODE_SERVER || path.join(e2eCacheDir(), 'code-server', 'node_modules', '.bin', 'code-server');
}

export function chromiumPath(): string {
  return process.env.MEDTRACE_E2E_CHROMIUM || '/usr/bin/chromium';
}

/** True when the e2e tests should be skipped (MEDTRACE_SKIP_E2E=1). */
export function e2eSkipped(): boolean {
  return process.env.MEDTRACE_SKIP_E2E === '1';
}

let root: string | undefined;
/**
 * The repository root (folder holding test/e2e/prereqs.sh). Found from this file's location
 * (out/test/e2e/ or test/e2e/), else from the working directory (compiled elsewhere, e.g. /tmp).
 */
export function repoRoot(): string {
  if (root) return root;
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      if (fs.existsSync(path.join(dir, 'test', 'e2e', 'prereqs.sh')) && fs.existsSync(path.join(dir, 'package.json'))) {
        return (root = dir);
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error(`cannot find the repository root (a folder with test/e2e/prereqs.sh) above ${__dirname} or ${process.cwd()}`);
}

/** <repo>/test-artifacts (gitignored): screenshots and logs of e2e runs. */
export function artifactsDir(): string {
  const dir = process.env.MEDTRACE_E2E_ARTIFACTS || path.join(repoRoot(), 'test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A file-name-safe version of a test title. */
export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'run';
}

let prereqs: Promise<void> | undefined;
/**
 * Runs test/e2e/prereqs.sh once per process (it installs what is missing; about 1.5 min from nothing,
 * under a second when everything is present). Rejects with the script's output tail when a
 * prerequisite cannot be had.
 */
export function ensurePrereqs(log: (line: string) => void = (l) => process.stdout.write(`      ${l}\n`)): Promise<void> {
  if (!prereqs) {
    prereqs = new Promise<void>((resolve, reject) => {
      const script = path.join(repoRoot(), 'test', 'e2e', 'prereqs.sh');
      const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
      const lines: string[] = [];
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          if (!line) continue;
          lines.push(line);
          log(line);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`test/e2e/prereqs.sh failed (exit ${code}):\n${lines.slice(-25).join('\n')}`));
      });
    });
    prereqs.catch(() => (prereqs = undefined)); // allow a retry
  }
  return prereqs;
}
