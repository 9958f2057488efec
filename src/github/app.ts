import { join } from 'node:path';
import type { ApplicationFunction, Context, Probot } from 'probot';
import { BullReviewQueue, type BullQueueOptions } from '../queue/bullmq.js';
import { FileJournal, type Job, type Journal } from '../queue/journal.js';
import { ReviewQueue, type JobQueue, type QueueOptions } from '../queue/queue.js';
import type { ClientOptions } from './client.js';
import { CorpusCache, type CorpusCacheOptions } from '../review/corpus.js';
import { ReviewThread } from '../review/thread.js';
import type { ReviewBudget, RunReport } from '../review/run.js';
import { retryScheduleFromEnv } from '../queue/failure.js';
import { HANDLED_EVENTS, jobFromDelivery } from './deliveries.js';
import type { Delivery, ReceiveResult } from './webhook-server.js';
import { Reconciler, type ReconcileOptions, type ReconcileRequester } from './reconcile.js';
import { AppInstallations } from './installations.js';
import { reviewJob } from './review-job.js';

import { PULL_REQUEST_EVENTS } from './deliveries.js';

/**
 * The Probot app: it wires GitHub's events to the review and nothing more. A delivery is only recorded
 * (durably) and answered: no GitHub call happens before it is on record (GitHub waits 10 s for the answer
 * and never redelivers by itself). The review runs from the job queue (one run at a time per pull request,
 * a newer push superseding older work, one review per head; `review-job.ts`), on the pull request's head as
 * GitHub reports it when the run starts, and checks the head again before posting. Everything
 * GitHub-facing goes through `OctokitClient` (`installations.ts` makes one per installation).
 */

export { PULL_REQUEST_EVENTS };

export interface AppOptions {
  /** The App's slug; its `slug[bot]` login marks our comments and our own pushes. Default: `GET /app`, once. */
  appSlug?: string;
  /** Called after each run (tests, metrics). */
  onRun?: (report: RunReport, job: Job) => void;
  /** Where accepted deliveries are recorded (default: see `defaultJournal`). */
  journal?: Journal;
  /**
   * Several instances: the jobs in a BullMQ queue on this Redis (default: `REDIS_URL`, key prefix
   * `EDITORIAL_REVIEW_REDIS_PREFIX`). Ignored when `journal` is given; false: the embedded journal.
   */
  redis?: Pick<BullQueueOptions, 'redisUrl' | 'prefix' | 'lockDurationMs' | 'stalledIntervalMs'> | false;
  /** Queue settings (concurrency, retries). */
  queue?: Partial<Omit<QueueOptions, 'journal' | 'run' | 'log'>>;
  /** GitHub client settings (backoff), e.g. for tests. */
  client?: ClientOptions;
  /** Receives the queue (tests await `idle()`; the process calls `shutdown()`). */
  onQueue?: (queue: JobQueue) => void;
  /** Receives the function that records a verified delivery (the App's own webhook endpoint calls it). */
  onReceive?: (receive: (delivery: Delivery) => Promise<ReceiveResult>) => void;
  /**
   * Reconciliation with GitHub's delivery log: a pass when the app loads, then every `intervalMs` (default
   * 10 minutes); failed or unrecorded deliveries are redelivered (see `reconcile.ts`). Default off.
   */
  reconcile?: (ReconcileOptions & { intervalMs?: number }) | false;
  /** Bounds on one run (default `DEFAULT_BUDGET`; `REVIEW_MAX_POSTS`, `REVIEW_MAX_BYTES`, `REVIEW_MAX_SECONDS`). */
  budget?: Partial<ReviewBudget>;
  /** Runs what a previous process left in the journal when the app loads (default true). */
  recover?: boolean;
  /** Installs a SIGTERM/SIGINT handler: finish in-flight reviews within the grace period, keep the rest. */
  handleSignals?: boolean;
  /** Grace period for in-flight reviews on shutdown (default `SHUTDOWN_GRACE_MS` or 8,000 ms). */
  shutdownGraceMs?: number;
  /**
   * The base-branch post index (each changed post is compared with every post of the base branch):
   * a cache, its options (file store under `dir`, Redis when `REDIS_URL` is set), or false for the
   * changed-files-only comparison. Default: a file store under `.editorial-review/cache` in the App's
   * working directory, next to its journal (the server's own state: one volume holds both).
   */
  corpus?: CorpusCache | CorpusCacheOptions | false;
  /**
   * Reviews run in a worker thread of their own (`review/thread.ts`), so the webhook endpoint answers in
   * milliseconds whatever a pull request holds (the App's process, `server.ts`, sets it). Not with a
   * `CorpusCache` object or a custom store given in `corpus`: a cache lives in one thread.
   */
  reviewThread?: boolean;
}

export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    const corpus = corpusCacheFor(options.corpus);
    const thread = reviewThreadFor(options);
    const handlers = reviewJob({
      ...(thread ? { thread } : {}),
      installations: new AppInstallations(app, options),
      queue: () => queue,
      ...(corpus ? { corpus } : {}),
      budget: options.budget ?? budgetFromEnv(),
      ...(options.onRun ? { onRun: options.onRun } : {}),
      log: app.log,
    });
    const queue = jobQueueFor(options, handlers, app.log);
    options.onQueue?.(queue);
    startBackgroundWork(app, queue, options);
    const receive = deliveryRecorder(queue, app.log);
    options.onReceive?.(receive);
    // Deliveries through Probot's own middleware or `probot.receive` take the same path.
    app.on([...HANDLED_EVENTS], async (context: Context) => {
      await receive({ id: context.id, name: context.name, payload: context.payload });
    });
  };
}

/** The base branch's post index: the one given, one with the options given, or a file store beside the journal. */
function corpusCacheFor(option: AppOptions['corpus']): CorpusCache | undefined {
  if (option === false) return undefined;
  return option instanceof CorpusCache ? option : new CorpusCache(option ?? defaultCorpusOptions());
}

/** The review thread, when asked for and the post index can be made there (from options, not an object). */
function reviewThreadFor(options: AppOptions): ReviewThread | undefined {
  const corpus = options.corpus;
  if (!options.reviewThread || corpus instanceof CorpusCache || (corpus && corpus.store)) return undefined;
  return new ReviewThread({ corpus: corpus === false ? false : (corpus ?? defaultCorpusOptions()) });
}

function defaultCorpusOptions(): CorpusCacheOptions {
  return { dir: join(process.cwd(), '.editorial-review', 'cache') };
}

/** BullMQ on Redis for several instances, else the embedded journal. */
function jobQueueFor(options: AppOptions, handlers: Pick<QueueOptions, 'run' | 'onGiveUp'>, log: Probot['log']): JobQueue {
  const redis = options.journal ? undefined : options.redis === false ? undefined : (options.redis ?? redisFromEnv());
  return redis
    ? new BullReviewQueue({ retry: retryScheduleFromEnv(), ...options.queue, ...redis, ...handlers, log })
    : new ReviewQueue({ retry: retryScheduleFromEnv(), ...options.queue, journal: options.journal ?? defaultJournal(), ...handlers, log });
}

/** What runs beside the deliveries: the jobs a previous process left, reconciliation, the signal handlers. */
function startBackgroundWork(app: Probot, queue: JobQueue, options: AppOptions): void {
  if (options.recover !== false) {
    void queue.recover().then(
      (n) => n > 0 && app.log.info({ jobs: n }, 'editorial-review: resuming deliveries accepted before the last stop'),
      (error: Error) => app.log.error({ err: error.message }, 'editorial-review: cannot read the journal'),
    );
  }
  if (options.reconcile) startReconciliation(app, queue, options.reconcile);
  if (options.handleSignals) installSignalHandlers(app.log, queue, options.shutdownGraceMs ?? (Number(process.env.SHUTDOWN_GRACE_MS) || 8000));
}

/** Records a verified delivery; no GitHub call. Throws when it cannot be recorded (the endpoint answers 5xx). */
function deliveryRecorder(queue: JobQueue, log: Probot['log']): (delivery: Delivery) => Promise<ReceiveResult> {
  return async (delivery) => {
    const draft = jobFromDelivery(delivery);
    if (!draft) return 'ignored';
    const accepted = await queue.accept({ ...draft, acceptedAt: Date.now(), attempts: 0 });
    log.info({ delivery: delivery.id, pull: draft.pull, accepted }, accepted ? 'editorial-review: queued' : 'editorial-review: redelivery ignored');
    return accepted ? 'recorded' : 'duplicate';
  };
}

/** The embedded journal: `EDITORIAL_REVIEW_JOURNAL` (a file path), default `.editorial-review/journal.jsonl`. */
export function defaultJournal(): Journal {
  return new FileJournal(process.env.EDITORIAL_REVIEW_JOURNAL ?? join(process.cwd(), '.editorial-review', 'journal.jsonl'));
}

function startReconciliation(app: Probot, queue: JobQueue, options: ReconcileOptions & { intervalMs?: number }): void {
  const reconciler = new Reconciler(async () => (await app.auth()) as unknown as ReconcileRequester, (guid) => queue.recorded(guid), options);
  const pass = () =>
    reconciler.pass().then(
      (r) => (r.redelivered > 0 ? app.log.info(r, 'editorial-review: asked GitHub to redeliver failed or unrecorded deliveries') : undefined),
      (error: Error) => app.log.warn({ err: error.message }, 'editorial-review: cannot read the delivery log now; trying again later'),
    );
  setTimeout(() => void pass(), 0).unref();
  setInterval(() => void pass(), options.intervalMs ?? 10 * 60_000).unref();
}

/** `RECONCILE_INTERVAL_MS`, `RECONCILE_WINDOW_MS`, `RECONCILE_SETTLE_MS`; `RECONCILE=off` switches it off. */
export function reconcileFromEnv(env: NodeJS.ProcessEnv = process.env): AppOptions['reconcile'] {
  if (env.RECONCILE === 'off') return false;
  const n = (name: string) => (Number(env[name]) > 0 ? { [name]: Number(env[name]) } : {});
  const values = { ...n('RECONCILE_INTERVAL_MS'), ...n('RECONCILE_WINDOW_MS'), ...n('RECONCILE_SETTLE_MS') };
  return {
    ...(values.RECONCILE_INTERVAL_MS ? { intervalMs: values.RECONCILE_INTERVAL_MS } : {}),
    ...(values.RECONCILE_WINDOW_MS ? { windowMs: values.RECONCILE_WINDOW_MS } : {}),
    ...(values.RECONCILE_SETTLE_MS ? { settleMs: values.RECONCILE_SETTLE_MS } : {}),
  };
}

function budgetFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ReviewBudget> {
  const read = (name: string) => (Number(env[name]) > 0 ? Number(env[name]) : undefined);
  const [maxPosts, maxBytes, maxSeconds] = [read('REVIEW_MAX_POSTS'), read('REVIEW_MAX_BYTES'), read('REVIEW_MAX_SECONDS')];
  return { ...(maxPosts ? { maxPosts } : {}), ...(maxBytes ? { maxBytes } : {}), ...(maxSeconds ? { maxSeconds } : {}) };
}

function redisFromEnv(): AppOptions['redis'] {
  if (!process.env.REDIS_URL) return undefined;
  return { redisUrl: process.env.REDIS_URL, ...(process.env.EDITORIAL_REVIEW_REDIS_PREFIX ? { prefix: process.env.EDITORIAL_REVIEW_REDIS_PREFIX } : {}) };
}

/**
 * SIGTERM/SIGINT: stop starting reviews (and `beforeStop`: stop accepting deliveries); let the running ones
 * finish within most of the grace period; abort the rest (every request takes the abort signal), leaving
 * them in the journal with the queued jobs, and exit. Whatever still hangs, the process exits when the
 * grace period ends. The next process runs what was left.
 */
export function installSignalHandlers(log: Probot['log'], queue: JobQueue, graceMs: number, beforeStop?: () => void): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, graceMs }, 'editorial-review: shutting down; finishing in-flight reviews');
    setTimeout(() => process.exit(1), graceMs).unref();
    beforeStop?.();
    void (async () => {
      const { finished, requeued } = await queue.shutdown(Math.max(0, graceMs - Math.min(1000, graceMs / 4)));
      log.info({ finished, requeued }, 'editorial-review: stopped; unfinished deliveries stay queued for the next start');
      process.exit(0);
    })().catch(() => process.exit(1));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** `probot run ./dist/github/app.js` loads this (the App's own server, `server.js`, is the recommended entry). */
export default createApp({ ...(process.env.APP_SLUG ? { appSlug: process.env.APP_SLUG } : {}), handleSignals: true });
