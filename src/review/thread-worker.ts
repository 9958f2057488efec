import { workerData } from 'node:worker_threads';
import type { FixWriter, GitHubClient } from './client.js';
import { fixAndReview } from './fix-request.js';
import { CorpusCache } from './corpus.js';
import { reviewPullRequest, type Logger, type RunOptions, type RunReport } from './run.js';
import { receiveError, sendablePosts, sendError, type Callback, type FromThread, type ReviewTask, type ReviewTaskResult, type ThreadData, type ToThread } from './thread.js';
import type { PostVerdict } from './verdict.js';

/**
 * The review thread's entry (`thread.ts`): piscina calls the default export once per job. It runs
 * `reviewPullRequest` (or `fixAndReview`) with a client and callbacks whose calls go back to the webhook
 * thread over the task's port, and returns the outcome (or the error, with what the queue reads of it).
 */
const data = workerData as ThreadData;
/** The base branch's post index, kept between reviews as the thread is. */
const corpus = data.corpus === false ? undefined : new CorpusCache(data.corpus);

function sendableReport(report: RunReport): RunReport {
  if (report.outcome.kind !== 'reviewed') return report;
  return { ...report, outcome: { ...report.outcome, posts: sendablePosts(report.outcome.posts) as typeof report.outcome.posts } };
}

export default async function reviewInThread(task: ReviewTask): Promise<ReviewTaskResult> {
  const { port, job, methods, callbacks, options } = task;
  const send = (message: FromThread) => port.postMessage(message);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  const abort = new AbortController();
  let nextCall = 1;
  port.on('message', (message: ToThread) => {
    if (message.type === 'abort') {
      abort.abort(receiveError(message.reason));
      return;
    }
    const waiting = pending.get(message.call);
    pending.delete(message.call);
    if (message.error) waiting?.reject(receiveError(message.error));
    else waiting?.resolve(message.value);
  });
  const call = (method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextCall++;
      pending.set(id, { resolve, reject });
      send({ type: 'call', call: id, method, args });
    });
  const client = Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as GitHubClient & FixWriter;
  const callback = (name: Callback) => (callbacks.includes(name) ? () => call(name, []) as Promise<PostVerdict> : undefined);
  const mayPost = callback('mayPost');
  const confirm = callback('confirm');
  const log: Logger = {
    info: (obj, msg) => send({ type: 'log', level: 'info', obj, ...(msg === undefined ? {} : { msg }) }),
    warn: (obj, msg) => send({ type: 'log', level: 'warn', obj, ...(msg === undefined ? {} : { msg }) }),
  };
  const run: RunOptions = {
    signal: abort.signal,
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.retriesTransientFailures ? { retriesTransientFailures: true } : {}),
    ...(mayPost ? { mayPost } : {}),
    ...(options.runner !== undefined ? { postLock: { runner: options.runner, ...(confirm ? { confirm } : {}) } } : {}),
    ...(options.corpus && corpus ? { corpus } : {}),
  };
  try {
    if (job.kind === 'fix') {
      const { fix, review } = await fixAndReview(client, job.request, job.review, { reply: job.reply, log, run });
      return { fixed: review ? { fix, review: sendableReport(review) } : { fix } };
    }
    return { report: sendableReport(await reviewPullRequest(client, job.target, log, run)) };
  } catch (error) {
    return { error: sendError(error) };
  }
  // The port is closed by the webhook thread once it has taken every message: closing it here could drop the last log lines.
}
