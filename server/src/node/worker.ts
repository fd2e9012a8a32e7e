/** Worker thread entry (dist/worker.js): analyses batches of files and posts plain FileFacts back. */
import { parentPort } from 'worker_threads';
import type { AnalyzeOptions } from '../core/engine/analyzeFile';
import { analyzeJobs, analyzeOptions, type FileJob } from '../core/engine/check';
import { Grammars } from '../core/language/grammars';
import { languageById } from '../core/language/languages';
import '../core/engine/registerAll';
import { grammarAssets } from './assets';
import { nodeHost } from './nodeHost';
import type { WorkerRequest, WorkerResponse } from './workerRunner';

let grammars: Grammars | undefined;
let options: Omit<AnalyzeOptions, 'isTest'> | undefined;
let queue = Promise.resolve();

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.kind === 'init') {
    options = { ...analyzeOptions(msg.settings), defer: new Set(msg.defer) };
    grammars = new Grammars(grammarAssets(), msg.grammars);
    return;
  }
  queue = queue.then(async () => {
    try {
      const jobs: FileJob[] = msg.jobs.map((j) => ({ path: j.path, absPath: j.absPath, language: languageById(j.languageId)!, isTest: j.isTest, size: j.size }));
      const results: WorkerResponse & { kind: 'results' } = { kind: 'results', ids: msg.ids, results: [] };
      await analyzeJobs(nodeHost, grammars!, jobs, options!, (r) => results.results.push(r));
      // Deferred analyses' trees are moved, not copied.
      const transfer: ArrayBuffer[] = [];
      for (const r of results.results) {
        const t = 'pending' in r ? r.pending?.tree : undefined;
        if (t) for (const a of [t.typeIds, t.starts, t.ends, t.fields, t.parents, t.next]) transfer.push(a.buffer as ArrayBuffer);
      }
      parentPort!.postMessage(results, transfer);
    } catch (e) {
      parentPort!.postMessage({ kind: 'error', message: (e as Error).stack ?? String(e) } satisfies WorkerResponse);
    }
  });
});
