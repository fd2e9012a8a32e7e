/** Runs the real, built CLI (bin/medtrace.js → dist/cli.js) as a child process. */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { REPO_ROOT } from './assets';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function medtrace(args: string[], cwd = REPO_ROOT, timeoutMs = 120000): CliRun {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'medtrace.js'), ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
