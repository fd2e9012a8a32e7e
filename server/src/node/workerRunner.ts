/**
 * Spreads file analysis over worker threads (one grammar set per worker) for large workspaces, so a
 * check uses every core. Small workspaces stay in-process: starting workers costs more than it saves.
 */
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { FileFacts, SkippedFile } from '../core/engine/fileFacts';
import { inProcessRunner, type FileJob, type FileRunner } from '../core/engine/check';
import type { Grammars } from '../core/language/grammars';
import type { Settings } from '../core/settings';
import type { WorkspaceHost } from '../core/workspace/host';

export interface WorkerJob {
  path: string;
  absPath: string;
  languageId: string;
  isTest: boolean;
  size?: number;
}

export type WorkerRequest = { kind: 'init'; settings: Settings } | { kind: 'jobs'; jobs: WorkerJob[] };
export type WorkerResponse = { kind: 'results'; results: (FileFacts | SkippedFile)[] } | { kind: 'error'; message: string };

const MIN_FILES_FOR_WORKERS = 150;
const BATCH = 24;

export function workerCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 8));
}

export function autoRunner(host: WorkspaceHost, grammars: Grammars, workerScript = path.join(__dirname, 'worker.js')): FileRunner {
  const local = inProcessRunner(host, grammars);
  return {
    async run(jobs, settings, onFile) {
      const n = workerCount();
      if (jobs.length < MIN_FILES_FOR_WORKERS || n < 2) return local.run(jobs, settings, onFile);
      return runInWorkers(jobs, settings, n, workerScript, onFile);
    },
  };
}

async function runInWorkers(jobs: readonly FileJob[], settings: Settings, n: number, script: string, onFile?: (done: number) => void): Promise<(FileFacts | SkippedFile)[]> {
  const results = new Array<FileFacts | SkippedFile>(jobs.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(script);
          workers.push(w);
          let batchStart = 0;
          let batchLen = 0;
          const send = () => {
            if (next >= jobs.length) {
              resolve();
              return;
            }
            batchStart = next;
            batchLen = Math.min(BATCH, jobs.length - next);
            next += batchLen;
            const batch = jobs.slice(batchStart, batchStart + batchLen).map((j) => ({ path: j.path, absPath: j.absPath, languageId: j.language.id, isTest: j.isTest, size: j.size }));
            w.postMessage({ kind: 'jobs', jobs: batch } satisfies WorkerRequest);
          };
          w.on('message', (msg: WorkerResponse) => {
            if (msg.kind === 'error') {
              reject(new Error(msg.message));
              return;
            }
            msg.results.forEach((r, i) => (results[batchStart + i] = r));
            done += msg.results.length;
            onFile?.(done);
            send();
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
          });
          w.postMessage({ kind: 'init', settings } satisfies WorkerRequest);
          send();
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
