/** Worker thread entry (dist/worker.js): analyses batches of files and posts plain FileFacts back. */
import { parentPort } from 'worker_threads';
import { analyzeJob, analyzeOptions } from '../core/engine/check';
import { Grammars } from '../core/language/grammars';
import { languageById } from '../core/language/languages';
import type { Settings } from '../core/settings';
import '../core/engine/registerAll';
import { grammarAssets } from './assets';
import { nodeHost } from './nodeHost';
import type { WorkerRequest, WorkerResponse } from './workerRunner';

const grammars = new Grammars(grammarAssets());
let settings: Settings | undefined;
let queue = Promise.resolve();

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.kind === 'init') {
    settings = msg.settings;
    return;
  }
  queue = queue.then(async () => {
    try {
      const options = analyzeOptions(settings!);
      const results = [];
      for (const j of msg.jobs) {
        const language = languageById(j.languageId)!;
        results.push(await analyzeJob(nodeHost, grammars, { path: j.path, absPath: j.absPath, language, isTest: j.isTest, size: j.size }, options));
      }
      parentPort!.postMessage({ kind: 'results', results } satisfies WorkerResponse);
    } catch (e) {
      parentPort!.postMessage({ kind: 'error', message: (e as Error).stack ?? String(e) } satisfies WorkerResponse);
    }
  });
});
