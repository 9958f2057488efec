import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { Memo } from '../core/memo.js';
import { watchPoolErrors, workerEntry } from '../lint/pool.js';
import { LineIndex } from '../post/line-index.js';
import type { Post } from '../post/post.js';
import type { FixWriter, GitHubClient } from './client.js';
import type { FixAndReviewResult, FixRequest } from './fix-request.js';
import type { CorpusCacheOptions } from './corpus.js';
import type { Logger, ReviewTarget, RunOptions, RunReport } from './run.js';
import { ReviewInProgress, StandDown } from './verdict.js';

/**
 * The review in a thread of its own: `ReviewThread.review` is `reviewPullRequest` with the same arguments,
 * run in a worker thread, so the thread that answers webhooks only records deliveries and passes GitHub
 * calls on; `ReviewThread.fixAndReview` likewise runs a fix request (`fix-request.ts`) there. Everything of a review that takes CPU (parsing, the rules, the comparison of every changed
 * post with every other, the fix passes, the plan) runs there, and its heap with it: its garbage
 * collections do not pause the webhook endpoint either. (In the webhook's thread the work yielded between
 * posts, but one post's near-duplicate check against a thousand near-identical posts is one 40–90 ms unit
 * under load, and yielding inside it would make the rules asynchronous.)
 *
 * What crosses the threads, over a port per review: the review's GitHub calls (each `GitHubClient` method
 * the caller's client has, run by that client in the webhook's thread: its token, retries, rate limiting
 * and abort signal stay there), the two callbacks (`mayPost`, the post lock's `confirm`), the log lines,
 * the abort of the run, and the report. Errors cross with their class (`StandDown`, `ReviewInProgress`)
 * and the fields the retry decisions read (`status`, `code`, `transient`, the rate-limit headers, the
 * cause), which a structured clone drops. The thread is piscina's, as the check pool's; the few message
 * kinds are written out here rather than through an RPC library (Comlink), whose proxies make every
 * optional client method look present and whose errors arrive as bare `Error`s.
 *
 * The base branch's post index (`CorpusCache`) lives in the review thread, kept between runs as the
 * thread is.
 */

/** The `GitHubClient` methods, each one a call the review thread may make (the record makes the list complete). */
const CLIENT_METHODS: Record<keyof (GitHubClient & FixWriter), true> = {
  readText: true,
  readRepositoryText: true,
  readFile: true,
  readTree: true,
  readBlobTexts: true,
  listFiles: true,
  listReviewComments: true,
  listReviews: true,
  getPull: true,
  findPullByHead: true,
  createReview: true,
  submitReview: true,
  deleteReview: true,
  createCheckRun: true,
  updateCheckRun: true,
  minimizeComments: true,
  permissionOf: true,
  comment: true,
  commitFiles: true,
};
export const CLIENT_METHOD_NAMES = Object.keys(CLIENT_METHODS) as (keyof (GitHubClient & FixWriter))[];

/** The two callbacks of `RunOptions`, called in this thread. */
export type Callback = 'mayPost' | 'confirm';

/** An error as it crosses threads. */
export type SentError = { thrown: string } | { name: string; message: string; stack?: string; fields: Record<string, unknown>; cause?: SentError; kind?: 'StandDown' | 'ReviewInProgress' };

/** Fields of an error the queue and the review read to decide on retries (`isTransientFailure`, `isTransient`). */
const ERROR_FIELDS = ['status', 'code', 'transient'] as const;

export function sendError(error: unknown): SentError {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const e = error as Error & Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of ERROR_FIELDS) if (typeof e[key] === 'string' || typeof e[key] === 'number' || typeof e[key] === 'boolean') fields[key] = e[key];
  // The rate-limit headers only: the request (with its token) stays here.
  const headers = (e.response as { headers?: Record<string, unknown> } | undefined)?.headers;
  if (headers && typeof headers === 'object') fields.response = { headers: Object.fromEntries(Object.entries(headers).filter(([k, v]) => k.startsWith('x-ratelimit') && typeof v === 'string')) };
  const kind = error instanceof StandDown ? 'StandDown' : error instanceof ReviewInProgress ? 'ReviewInProgress' : undefined;
  return {
    ...(kind ? { kind } : {}),
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    fields,
    ...(error.cause !== undefined && error.cause !== error ? { cause: sendError(error.cause) } : {}),
  };
}

export function receiveError(sent: SentError): unknown {
  if ('thrown' in sent) return sent.thrown;
  const error = sent.kind === 'StandDown' ? new StandDown(sent.message) : sent.kind === 'ReviewInProgress' ? new ReviewInProgress(sent.message) : new Error(sent.message);
  error.name = sent.name;
  if (sent.stack) error.stack = sent.stack;
  Object.assign(error, sent.fields);
  if (sent.cause) error.cause = receiveError(sent.cause);
  return error;
}

/** What the thread runs: a review, or a fix request (`fixAndReview`: the commit, the reply, the review of the new head). */
export type ThreadJob =
  | { kind: 'review'; target: ReviewTarget }
  | { kind: 'fix'; request: FixRequest; review: Omit<ReviewTarget, 'headSha' | 'fresh' | 'draft' | 'pull'>; reply: boolean };

/** A job as the review thread's task: the port carries its calls, log lines and abort; the result is its outcome. */
export interface ReviewTask {
  port: MessagePort;
  job: ThreadJob;
  /** The client's methods (the optional ones it lacks are left out), and which callbacks are given. */
  methods: string[];
  callbacks: Callback[];
  options: Pick<RunOptions, 'budget' | 'retriesTransientFailures'> & { runner?: string; corpus: boolean };
}

export type ReviewTaskResult = { report: RunReport } | { fixed: FixAndReviewResult } | { error: SentError };

/** What the webhook thread sends on a task's port. */
export type ToThread = { type: 'reply'; call: number; value?: unknown; error?: SentError } | { type: 'abort'; reason: SentError };

/** What the review thread sends on a task's port. */
export type FromThread = { type: 'call'; call: number; method: string; args: unknown[] } | { type: 'log'; level: 'info' | 'warn'; obj: object; msg?: string };

/** What the thread is started with. */
export interface ThreadData {
  /** The base branch's post index options (a cache lives in one thread), or false for none. */
  corpus: CorpusCacheOptions | false;
}

/**
 * A post as it crosses threads: its line index and memo are rebuilt on arrival (the memo's analyses stay
 * behind; as the check pool's posts do, `lint/pool.ts`).
 */
export function sendablePosts(posts: Post[]): Omit<Post, 'lines' | 'memo'>[] {
  return posts.map(({ lines: _rebuilt, memo: _keptThere, ...rest }) => rest);
}

function receivedPost(post: Omit<Post, 'lines' | 'memo'>): Post {
  return { ...post, lines: new LineIndex(post.text), memo: new Memo() };
}

export type ReviewThreadOptions = ThreadData;

/** Reviews at once in the thread (they mostly wait on GitHub; the queue decides how many run). */
const CONCURRENT_REVIEWS = 16;

export class ReviewThread {
  private pool: Promise<Piscina> | undefined;

  constructor(private readonly options: ReviewThreadOptions) {}

  /**
   * `reviewPullRequest(client, target, log, options)` in the review thread. `options.corpus` is not
   * used: the thread keeps its own index of the base branch's posts (`ReviewThreadOptions.corpus`).
   */
  async review(client: GitHubClient, target: ReviewTarget, log: Logger | undefined, options: RunOptions = {}): Promise<RunReport> {
    const result = await this.run({ kind: 'review', target }, client, log, options);
    if (!('report' in result)) throw new Error('the review thread answered a review with something else');
    return receivedReport(result.report);
  }

  /** `fixAndReview(client, request, review, options)` (`fix-request.ts`) in the review thread. */
  async fixAndReview(
    client: GitHubClient & FixWriter,
    request: FixRequest,
    review: Extract<ThreadJob, { kind: 'fix' }>['review'],
    options: { reply: boolean; log?: Logger; run?: RunOptions },
  ): Promise<FixAndReviewResult> {
    const result = await this.run({ kind: 'fix', request, review, reply: options.reply }, client, options.log, options.run ?? {});
    if (!('fixed' in result)) throw new Error('the review thread answered a fix request with something else');
    const { fix, review: report } = result.fixed;
    return report ? { fix, review: receivedReport(report) } : { fix };
  }

  private async run(job: ThreadJob, client: GitHubClient, log: Logger | undefined, options: RunOptions): Promise<Exclude<ReviewTaskResult, { error: SentError }>> {
    const pool = await this.start();
    const { port1: port, port2: theirs } = new MessageChannel();
    const reply = (message: ToThread) => port.postMessage(message);
    const take = (message: FromThread) => {
      if (message.type === 'log') {
        log?.[message.level](message.obj, message.msg);
        return;
      }
      const { call, method, args } = message;
      invoke(client, options, method, args).then(
        (value) => reply({ type: 'reply', call, value }),
        (error: unknown) => reply({ type: 'reply', call, error: sendError(error) }),
      );
    };
    port.on('message', take);
    const signal = options.signal;
    // Not piscina's own signal: it ends the thread, and with it the other reviews and the post index.
    const onAbort = () => reply({ type: 'abort', reason: sendError(signal!.reason) });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const task: ReviewTask = {
      port: theirs,
      job,
      methods: CLIENT_METHOD_NAMES.filter((m) => typeof (client as unknown as Record<string, unknown>)[m] === 'function'),
      callbacks: [...(options.mayPost ? (['mayPost'] as const) : []), ...(options.postLock?.confirm ? (['confirm'] as const) : [])],
      options: {
        ...(options.budget ? { budget: options.budget } : {}),
        ...(options.retriesTransientFailures ? { retriesTransientFailures: true } : {}),
        ...(options.postLock ? { runner: options.postLock.runner } : {}),
        corpus: options.corpus !== undefined,
      },
    };
    try {
      const result = (await pool.run(task, { transferList: [theirs] })) as ReviewTaskResult;
      if ('error' in result) throw receiveError(result.error);
      return result;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // The result comes on piscina's channel, which may overtake the port's last messages (the run's log
      // line): they are taken before the port is closed.
      for (let left = receiveMessageOnPort(port); left; left = receiveMessageOnPort(port)) take(left.message as FromThread);
      port.close();
    }
  }

  /** Ends the thread (reviews still running fail). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await (await pool)?.destroy();
  }

  /**
   * One thread, started on first use and kept (with its post index) while the process runs. piscina, as
   * for the check pool: it starts the thread the same way under tsx, and a thread that dies fails its
   * reviews (the queue retries them) and is replaced.
   */
  private start(): Promise<Piscina> {
    this.pool ??= import('piscina').then(({ Piscina }) => {
      const pool = new Piscina({
        // `thread-worker` beside this module, with tsx's loader under tsx or vitest.
        ...workerEntry('thread-worker', import.meta.url),
        minThreads: 1,
        maxThreads: 1,
        idleTimeout: Infinity,
        concurrentTasksPerWorker: CONCURRENT_REVIEWS,
        workerData: { corpus: this.options.corpus } satisfies ThreadData,
      });
      watchPoolErrors(pool);
      return pool;
    });
    return this.pool;
  }
}

/** A call of the review thread: a client method, or one of the two callbacks. */
function invoke(client: GitHubClient, options: RunOptions, method: string, args: unknown[]): Promise<unknown> {
  if (method === 'mayPost' && options.mayPost) return options.mayPost();
  if (method === 'confirm' && options.postLock?.confirm) return options.postLock.confirm();
  const fn = (client as unknown as Record<string, unknown>)[method];
  if (!CLIENT_METHOD_NAMES.includes(method as keyof (GitHubClient & FixWriter)) || typeof fn !== 'function') return Promise.reject(new Error(`no client method ${method}`));
  return (fn as (...a: unknown[]) => Promise<unknown>).apply(client, args);
}

function receivedReport(report: RunReport): RunReport {
  if (report.outcome.kind !== 'reviewed') return report;
  return { ...report, outcome: { ...report.outcome, posts: report.outcome.posts.map(receivedPost) } };
}
