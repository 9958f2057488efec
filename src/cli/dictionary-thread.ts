import { Worker } from 'node:worker_threads';
import { dictionaryToDecode, prefetchDictionary } from '../text/japanese.js';
import { workerEntry } from '../lint/pool.js';
import { typeScriptWorker } from './site.js';

/**
 * `prefetchDictionary` on a thread of its own (cli/dictionary-worker.ts) when there is something to decode.
 * Decoded on this thread, its streams need this thread's event loop, which a check does not turn while it
 * reads a cold site (synchronously): the decoding then waited for the read to end, and the check for the
 * decoding (with the site's checked posts summarised during the read, ~0.15–0.3 s with the pool's worker
 * idle). Its own thread decodes meanwhile. Resolves as `prefetchDictionary` does; where the thread cannot
 * start or fails, the dictionary is decoded here as before.
 */
export function prefetchDictionaryBeside(env: NodeJS.ProcessEnv = process.env): Promise<boolean | undefined> {
  if (!dictionaryToDecode(env)) return Promise.resolve(undefined);
  let worker: Worker;
  try {
    const entry = workerEntry('dictionary-worker', import.meta.url);
    // The thread's environment is `env` (its cache folder, the analyser's switch).
    const init = { env: { ...env } };
    worker = entry.filename.endsWith('.ts') ? typeScriptWorker(entry.filename, init) : new Worker(new URL(entry.filename), init);
  } catch {
    return prefetchDictionary(env);
  }
  return new Promise((resolve) => {
    let answered = false;
    worker.once('message', (written: boolean | null) => {
      answered = true;
      resolve(written ?? undefined);
    });
    worker.once('error', () => {
      if (!answered) resolve(prefetchDictionary(env));
      answered = true;
    });
    worker.once('exit', () => {
      if (!answered) resolve(prefetchDictionary(env));
      answered = true;
    });
  });
}
