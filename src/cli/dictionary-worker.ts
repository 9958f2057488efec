import { parentPort } from 'node:worker_threads';
import { prefetchDictionary } from '../text/japanese.js';

/**
 * The thread that decodes the Japanese dictionary into the cache folder on a first run
 * (cli/dictionary-thread.ts): its own event loop turns the decoding's streams while the CLI's thread reads
 * the site synchronously. Posts what `prefetchDictionary` resolved to (null for undefined).
 */
void prefetchDictionary().then((written) => parentPort!.postMessage(written ?? null));
