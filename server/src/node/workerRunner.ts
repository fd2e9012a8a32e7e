/**
 * Spreads file analysis over worker threads (one grammar set per worker) for large workspaces, so a
 * check uses every core. Small workspaces stay in-process: starting workers costs more than it saves.
 */
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { FileFacts, SkippedFile } from '../core/engine/fileFacts';
import { completePending } from '../core/engine/analyzeFile';
import { analyzeJobs, analyzeOptions, inProcessRunner, type FileJob, type FileRunner } from '../core/engine/check';
import type { Grammars, SharedGrammars } from '../core/language/grammars';
import type { Settings } from '../core/settings';
import type { WorkspaceHost } from '../core/workspace/host';
import { familyOf } from '../core/code/syntax';
import { BatchQueue } from './batchQueue';

export interface WorkerJob {
  path: string;
  absPath: string;
  languageId: string;
  isTest: boolean;
  size?: number;
}

/** `ids`: the jobs' indexes in the whole list, echoed back with their results. */
/** `defer`: analysers the worker leaves to the calling thread (FileFacts.pending). */
export type WorkerRequest = { kind: 'init'; settings: Settings; grammars: SharedGrammars; defer: string[] } | { kind: 'jobs'; ids: number[]; jobs: WorkerJob[] };
export type WorkerResponse = { kind: 'results'; ids: number[]; results: (FileFacts | SkippedFile)[] } | { kind: 'error'; message: string };

const MIN_FILES_FOR_WORKERS = 150;
const BATCH = 24;
const MIN_BATCH = 4;
/** Batches queued per worker, so a worker never waits for the main thread between two batches. */
const IN_FLIGHT = 2;
/**
 * Analysers the workers leave to the calling thread when it analyses too (the CLI). The privacy walker's
 * cost in a cold pass is mostly V8 compiling and re-optimising its code, paid again by every thread that
 * runs it; run in one thread it is paid once (bench: see README, Performance). The calling thread runs
 * them on the flat trees the workers send, before taking files of its own.
 */
const DEFER_TO_CALLING_THREAD = ['privacy'];

/** Analysis threads to use: MEDTRACE_THREADS when set (1 = no workers), else the cores, at most 8. */
export function workerCount(): number {
  const forced = Number(process.env.MEDTRACE_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, 64);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 8));
}

export interface RunnerOptions {
  /**
   * The calling thread analyses batches too, next to cores − 1 workers (the CLI: it has nothing else
   * to do, and one heap fewer keeps the peak memory down). The language server keeps its thread free
   * for requests and uses one worker per core.
   */
  useCallingThread?: boolean;
}

export function autoRunner(host: WorkspaceHost, grammars: Grammars, workerScript = path.join(__dirname, 'worker.js'), options: RunnerOptions = {}): FileRunner {
  const local = inProcessRunner(host, grammars);
  return {
    async run(jobs, settings, onFile) {
      const cores = workerCount();
      const workers = options.useCallingThread ? cores - 1 : cores;
      if (jobs.length < MIN_FILES_FOR_WORKERS || cores < 2 || workers < 1) return local.run(jobs, settings, onFile);
      // Compiled once here and shared: the workers then share the parsers' optimised code too.
      const shared = grammars.share(jobs.map((j) => j.language.id));
      const here = options.useCallingThread ? { host, grammars } : undefined;
      return runInWorkers(jobs, settings, shared, workers, workerScript, here, onFile);
    },
  };
}

async function runInWorkers(
  jobs: readonly FileJob[],
  settings: Settings,
  compiled: SharedGrammars,
  n: number,
  script: string,
  here: { host: WorkspaceHost; grammars: Grammars } | undefined,
  onFile?: (done: number) => void,
): Promise<(FileFacts | SkippedFile)[]> {
  const results = new Array<FileFacts | SkippedFile>(jobs.length);
  let done = 0;
  const workers: Worker[] = [];
  const threads = n + (here ? 1 : 0);
  // Grouped by the detectors' language family, then language (stable: listing order within a language).
  const key = (j: FileJob) => `${familyOf(j.language.id)}/${j.language.id}`;
  const keys = jobs.map(key);
  const order = jobs.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
  const queue = new BatchQueue(order, threads, BATCH, MIN_BATCH, IN_FLIGHT);
  const options = analyzeOptions(settings);
  const defer = here ? DEFER_TO_CALLING_THREAD.filter((d) => options.analyzers.some((a) => a.name === d)) : [];
  // Results of the workers whose deferred analysers the calling thread still has to run, and how it waits.
  const pending: FileFacts[] = [];
  let workersDone = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const completeAll = async () => {
    for (let f = pending.shift(); f; f = pending.shift()) {
      await completePending(here!.grammars, f, options.analyzers);
      // Let worker messages in after each file, so that no worker waits for its next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  /** The calling thread's share (thread 0): deferred analyses first, then batches from the same queue. */
  const local = async () => {
    if (!here) return;
    for (;;) {
      await completeAll();
      const ids = queue.take(0);
      if (!ids) break;
      const batch = ids;
      await analyzeJobs(here.host, here.grammars, batch.map((i) => jobs[i]), options, (r, k) => (results[batch[k]] = r));
      done += batch.length;
      onFile?.(done);
      // Let worker messages in (results, requests for the next batch): file reads here resolve at once.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // No files left to take: finish what the workers still send.
    for (;;) {
      await completeAll();
      if (workersDone) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const inWorkers = Promise.all(
    Array.from({ length: n }, (_, w0) =>
      new Promise<void>((resolve, reject) => {
        const thread = w0 + (here ? 1 : 0);
        // A small young generation: the analysis allocates short-lived objects at a high rate, and the
        // default lets each worker's heap grow by tens of MB without making it faster (bench: −50 MB peak RSS).
        const w = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 12 } });
        workers.push(w);
        let inFlight = 0;
        const send = () => {
          const ids = queue.take(thread);
          if (!ids) {
            if (inFlight === 0) resolve();
            return;
          }
          inFlight++;
          const batch = ids.map((i) => jobs[i]).map((j) => ({ path: j.path, absPath: j.absPath, languageId: j.language.id, isTest: j.isTest, size: j.size }));
          w.postMessage({ kind: 'jobs', ids, jobs: batch } satisfies WorkerRequest);
        };
        w.on('message', (msg: WorkerResponse) => {
          if (msg.kind === 'error') {
            reject(new Error(msg.message));
            return;
          }
          inFlight--;
          msg.results.forEach((r, k) => {
            results[msg.ids[k]] = r;
            if ('pending' in r && r.pending) pending.push(r);
          });
          done += msg.results.length;
          onFile?.(done);
          send();
          notify();
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
        });
        w.postMessage({ kind: 'init', settings, grammars: compiled, defer } satisfies WorkerRequest);
        for (let k = 0; k < IN_FLIGHT; k++) send();
      }),
    ),
  ).finally(() => {
    workersDone = true;
    notify();
  });
  try {
    await Promise.all([local(), inWorkers]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
