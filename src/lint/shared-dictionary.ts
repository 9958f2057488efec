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
export const DICTIONARY_CHANNEL = 'editorial-review:japanese-dictionary';
const ANSWER_TIMEOUT_MS = 30_000;

interface Request {
  /** Set to 1 (and notified) once the answer is on the channel. */
  flag: Int32Array;
}

/** Main thread: answers the pool's threads, and uses the shared copy itself. Returns the stop function. */
export function serveDictionary(): () => void {
  setDictionarySource(() => sharedDictionaryFiles() ?? undefined);
  const channel = new BroadcastChannel(DICTIONARY_CHANNEL);
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

/**
 * What a pool thread is given with a run's context (`SharedContext`): the main thread's copy of the
 * dictionary when the run was expected to need it (`dictionaryForThreads`).
 */
export interface ThreadDictionary {
  dictionary?: DictionaryFiles;
}

/**
 * Main thread, before a run's second pass: the shared copy for its threads when the posts are expected to
 * be Japanese (`expected`), loaded here now (this thread would at its own first Japanese post). A thread
 * not given it asks at its first Japanese post, and waits until this thread answers between two posts of
 * its own: on the site head that wait took 0.15–0.35 s of the worker's time. Given with the second pass's
 * context rather than when the thread starts, it lets the threads start (and summarise the posts) while the
 * dictionary is still being decoded. Undefined when not expected (an English corpus never loads the
 * dictionary) or when it cannot be read.
 */
export function dictionaryForThreads(expected: boolean): ThreadDictionary | undefined {
  const dictionary = expected ? sharedDictionaryFiles() : null;
  return dictionary ? { dictionary } : undefined;
}

/** Worker thread: the copy it was given, else the main thread's, asked for on first use. */
export function useServedDictionary(given?: ThreadDictionary): void {
  const dictionary = given?.dictionary;
  setDictionarySource(dictionary ? () => dictionary : requestDictionary);
}

function requestDictionary(): DictionaryFiles | undefined {
  const channel = new BroadcastChannel(DICTIONARY_CHANNEL);
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
