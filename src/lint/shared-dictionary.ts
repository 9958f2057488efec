import { BroadcastChannel, receiveMessageOnPort } from 'node:worker_threads';
import { setDictionarySource, sharedDictionaryFiles, type DictionaryFiles } from '../text/japanese.js';

/**
 * One copy of the Japanese dictionary for the main thread and every pool thread. kuromoji's dictionary
 * is ~90 MB of buffers that each thread used to gunzip for itself; now the main thread gunzips it once into
 * shared memory, and a worker that needs it asks for it when it first meets a Japanese post (an English
 * corpus never loads it). The worker's rules are synchronous, so the request is too: it posts on a
 * broadcast channel and sleeps on an `Atomics` flag until the main thread has answered on the channel,
 * then takes the answer with `receiveMessageOnPort`. Without an answer in time it reads its own copy.
 */
const CHANNEL = 'editorial-review:japanese-dictionary';
const ANSWER_TIMEOUT_MS = 30_000;

interface Request {
  /** Set to 1 (and notified) once the answer is on the channel. */
  flag: Int32Array;
}

/** Main thread: answers the pool's threads, and uses the shared copy itself. Returns the stop function. */
export function serveDictionary(): () => void {
  setDictionarySource(() => sharedDictionaryFiles() ?? undefined);
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  channel.onmessage = (event) => {
    const { flag } = (event as { data: Request }).data;
    channel.postMessage(sharedDictionaryFiles());
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  return () => {
    channel.close();
    setDictionarySource(undefined);
  };
}

/** Worker thread: the main thread's copy, asked for on first use. */
export function useServedDictionary(): void {
  setDictionarySource(requestDictionary);
}

function requestDictionary(): DictionaryFiles | undefined {
  const channel = new BroadcastChannel(CHANNEL);
  try {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    channel.postMessage({ flag } satisfies Request);
    if (Atomics.wait(flag, 0, 0, ANSWER_TIMEOUT_MS) === 'timed-out') return undefined;
    // Answers to other threads' requests may sit before ours; any of them is the same dictionary.
    let answer: { message: unknown } | undefined;
    while ((answer = receiveMessageOnPort(channel as never))) {
      if (answer.message && typeof answer.message === 'object' && !('flag' in answer.message)) return answer.message as DictionaryFiles;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    channel.close();
  }
}
