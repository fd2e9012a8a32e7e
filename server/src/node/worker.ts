/** Worker thread entry (dist/worker.js): analyses batches of files and posts plain FileFacts back. */
import { parentPort } from 'worker_threads';
import { analyzeJobs, analyzeOptions, type FileJob } from '../core/engine/check';
import { Grammars } from '../core/language/grammars';
import { languageById } from '../core/language/languages';
import type { Settings } from '../core/settings';
import '../core/engine/registerAll';
import { grammarAssets } from './assets';
import { nodeHost } from './nodeHost';
import type { WorkerRequest, WorkerResponse } from './workerRunner';

let grammars: Grammars | undefined;
let settings: Settings | undefined;
let queue = Promise.resolve();

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.kind === 'init') {
    settings = msg.settings;
    grammars = new Grammars(grammarAssets(), msg.grammars);
    return;
  }
  queue = queue.then(async () => {
    try {
      const jobs: FileJob[] = msg.jobs.map((j) => ({ path: j.path, absPath: j.absPath, language: languageById(j.languageId)!, isTest: j.isTest, size: j.size }));
      const results: WorkerResponse & { kind: 'results' } = { kind: 'results', ids: msg.ids, results: [] };
      await analyzeJobs(nodeHost, grammars!, jobs, analyzeOptions(settings!), (r) => results.results.push(r));
      parentPort!.postMessage(results);
    } catch (e) {
      parentPort!.postMessage({ kind: 'error', message: (e as Error).stack ?? String(e) } satisfies WorkerResponse);
    }
  });
});
