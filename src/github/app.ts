import { join } from 'node:path';
import type { ApplicationFunction, Context, Probot } from 'probot';
import { BullReviewQueue, type BullQueueOptions } from '../queue/bullmq.js';
import { FileJournal, type Job, type Journal } from '../queue/journal.js';
import { commitSignal, ReviewQueue, type JobQueue, type QueueOptions } from '../queue/queue.js';
import { OctokitClient, type ClientOptions, type OctokitLike } from './client.js';
import { CHECK_NAME } from '../review/plan.js';
import { CorpusCache, type CorpusCacheOptions } from '../review/corpus.js';
import { reviewPullRequest, type ReviewBudget, type RunReport } from '../review/run.js';
import { escapeMarkdown } from '../review/markdown.js';
import { isTransientFailure, retryScheduleFromEnv } from '../queue/failure.js';
import { jobFromDelivery } from './deliveries.js';
import type { Delivery, ReceiveResult } from './webhook-server.js';
import { Reconciler, type ReconcileOptions, type ReconcileRequester } from './reconcile.js';
import { fixAndReview } from '../review/fix-request.js';
import { mayPost, reviewsOnHead } from './fence.js';

/**
 * The Probot app. A delivery is only recorded (durably) and answered: no GitHub call happens before it is
 * on record (GitHub waits 10 s for the answer and never redelivers by itself). The review runs from
 * `ReviewQueue` (one run at a time per pull request, a newer push superseding older work, one review per
 * head), on the pull request's head as GitHub reports it when the run starts, and checks the head again
 * before posting. Everything GitHub-facing goes through `OctokitClient`.
 */

import { PULL_REQUEST_EVENTS } from './deliveries.js';

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
}

export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    const corpus = options.corpus === false ? undefined : options.corpus instanceof CorpusCache ? options.corpus : new CorpusCache(options.corpus ?? { dir: join(process.cwd(), '.editorial-review', 'cache') });
    const budget = options.budget ?? budgetFromEnv();
    let login: Promise<string | undefined> | undefined;
    const appLogin = (): Promise<string | undefined> => {
      if (options.appSlug) return Promise.resolve(`${options.appSlug}[bot]`);
      login ??= app
        .auth()
        .then((octokit) => octokit.request('GET /app'))
        .then(({ data }) => (data && 'slug' in data && data.slug ? `${data.slug}[bot]` : undefined))
        .catch(() => {
          login = undefined;
          return undefined;
        });
      return login;
    };

    const clientFor = async (job: Job, signal?: AbortSignal): Promise<OctokitClient> => {
      const log = app.log.child({ delivery: job.id, pull: job.pull });
      const octokit = (await app.auth(job.installationId)) as unknown as OctokitLike;
      return new OctokitClient(octokit, job.owner, job.repo, {
        ...options.client,
        ...(signal ? { signal } : {}),
        // A 401 mid-run: mint a new installation token with the App's JWT and continue with it.
        reauthenticate: async () => {
          const appOctokit = await app.auth();
          const { data } = await appOctokit.request('POST /app/installations/{installation_id}/access_tokens', {
            installation_id: job.installationId,
            ...(signal ? { request: { signal } } : {}),
          });
          log.warn({}, 'editorial-review: installation token refused (401); continuing with a new one');
          const Octokit = octokit.constructor as new (options: object) => OctokitLike;
          return new Octokit({ auth: { token: data.token } });
        },
      });
    };

    const runJob: QueueOptions['run'] = async (job, context) => {
      const { fresh } = context;
      const { signal, commit } = commitSignal(context.signal);
      const log = app.log.child({ delivery: job.id, pull: job.pull });
      log.info({ attempts: job.attempts }, 'editorial-review: run started');
      const client = await clientFor(job, signal);
      if (job.fix) {
        const fixer = await appLogin();
        const { fix, review } = await fixAndReview(
          client,
          { pull: job.pull, repo: `${job.owner}/${job.repo}`, configRef: job.configRef, requestedBy: job.fix.requestedBy },
          { configRef: job.configRef, ...(job.repoUrl ? { repoUrl: job.repoUrl } : {}), ...(fixer ? { appLogin: fixer } : {}) },
          { reply: true, log, run: { signal, ...(corpus ? { corpus } : {}) } },
        );
        log.info({ outcome: fix.kind, ...(fix.kind === 'refused' ? { reason: fix.reason } : {}) }, 'editorial-review: fix request');
        if (review) options.onRun?.(review, job);
        return;
      }
      const self = await appLogin();
      if (job.event === 'pull_request.synchronize' && self && job.sender === self) {
        log.info({}, 'editorial-review: own push ignored');
        return;
      }
      const pull = job.pull > 0 ? await client.getPull(job.pull) : await client.findPullByHead(job.headSha);
      if (!pull || pull.state !== 'open') {
        log.info({ sha: job.headSha.slice(0, 12) }, 'editorial-review: no open pull request; nothing to do');
        return;
      }
      if (job.pull === 0) {
        // A re-requested check of a fork PR (no PR number in the event): now that the PR is known, the work
        // joins that PR's line, so it is serialised with (and superseded by) its pushes.
        await queue.accept({ ...job, id: `${job.id}:pr`, key: `${job.owner}/${job.repo}#${pull.number}`, pull: pull.number, acceptedAt: Date.now() });
        return;
      }
      // One review per head: another delivery for a head already reviewed (a second instance, a redelivery
      // under a new id) does nothing; a re-requested check and a PR leaving draft are reviewed again.
      const reviewed = await queue.heads.lastReviewed(job.key);
      const again = job.event === 'check_run.rerequested' || job.event === 'pull_request.ready_for_review';
      // This job across its retries and restarts (a delivery recorded anew, e.g. redelivered after Redis lost it, is another).
      const runner = `${job.id}@${job.acceptedAt}`;
      if (reviewed?.head === pull.headSha && reviewed.by !== runner && !again) {
        log.info({ sha: pull.headSha.slice(0, 12) }, 'editorial-review: this head is already reviewed; nothing to do');
        return;
      }
      const isFresh = fresh && reviewed === undefined && pull.headSha === job.headSha;
      // Right before posting: the head has not moved, no other job claimed it, and no review of ours appeared
      // on it since this run started (two runs that overlap, e.g. after Redis lost a job record mid-run, post
      // once). Passing commits the run: from then on only a shutdown aborts it.
      const known = isFresh ? new Set<number>() : await reviewsOnHead(client, pull.number, pull.headSha, self);
      const stillCurrent = async () => {
        const may = await mayPost({ client, heads: queue.heads, key: job.key, pull: pull.number, headSha: pull.headSha, runner, again, known, ...(self ? { appLogin: self } : {}) });
        if (may) commit();
        return may;
      };
      const report = await reviewPullRequest(
        client,
        {
          pull: pull.number,
          headSha: pull.headSha,
          configRef: job.configRef,
          // A PR into a release branch is compared with that branch's posts; the config still comes from the default branch.
          baseRef: pull.baseRef,
          draft: pull.draft,
          fresh: isFresh,
          ...(job.repoUrl ? { repoUrl: job.repoUrl } : {}),
          ...(self ? { appLogin: self } : {}),
        },
        log,
        { signal, stillCurrent, ...(corpus ? { corpus } : {}), budget },
      );
      options.onRun?.(report, job);
    };

    /** A job given up (a permanent failure, or transient ones for longer than the retry schedule): a check run says so. */
    const onGiveUp = async (job: Job, error: unknown): Promise<void> => {
      if (job.pull === 0) return;
      const client = await clientFor(job);
      const headSha = await client.getPull(job.pull).then((p) => p.headSha, () => job.headSha);
      const transient = isTransientFailure(error);
      await client.createCheckRun({
        name: CHECK_NAME,
        head_sha: headSha,
        status: 'completed',
        conclusion: 'neutral',
        output: {
          title: 'The review could not be completed',
          summary: `editorial-review could not review this push ${transient ? 'after retrying for as long as its retry schedule allows' : `after ${job.attempts + 1} attempts`}:\n\n> ${escapeMarkdown(String((error as Error).message ?? error)).slice(0, 1000)}\n\nPush again or re-run this check to try again.`,
        },
      });
    };

    const redis = options.journal ? undefined : options.redis === false ? undefined : (options.redis ?? redisFromEnv());
    const queue: JobQueue = redis
      ? new BullReviewQueue({ retry: retryScheduleFromEnv(), ...options.queue, ...redis, run: runJob, onGiveUp, log: app.log })
      : new ReviewQueue({
          retry: retryScheduleFromEnv(),
          ...options.queue,
          journal: options.journal ?? defaultJournal(),
          run: runJob,
          onGiveUp,
          log: app.log,
        });
    options.onQueue?.(queue);
    if (options.recover !== false) {
      void queue.recover().then(
        (n) => n > 0 && app.log.info({ jobs: n }, 'editorial-review: resuming deliveries accepted before the last stop'),
        (error: Error) => app.log.error({ err: error.message }, 'editorial-review: cannot read the journal'),
      );
    }
    if (options.reconcile) startReconciliation(app, queue, options.reconcile);
    if (options.handleSignals) installSignalHandlers(app.log, queue, options.shutdownGraceMs ?? (Number(process.env.SHUTDOWN_GRACE_MS) || 8000));

    /** Records a verified delivery; no GitHub call. Throws when it cannot be recorded (the endpoint answers 5xx). */
    const receive = async (delivery: Delivery): Promise<ReceiveResult> => {
      const draft = jobFromDelivery(delivery);
      if (!draft) return 'ignored';
      const accepted = await queue.accept({ ...draft, acceptedAt: Date.now(), attempts: 0 });
      app.log.info({ delivery: delivery.id, pull: draft.pull, accepted }, accepted ? 'editorial-review: queued' : 'editorial-review: redelivery ignored');
      return accepted ? 'recorded' : 'duplicate';
    };
    options.onReceive?.(receive);

    // Deliveries through Probot's own middleware or `probot.receive` take the same path.
    app.on([...PULL_REQUEST_EVENTS, 'check_run.rerequested', 'issue_comment.created'], async (context: Context) => {
      await receive({ id: context.id, name: context.name, payload: context.payload });
    });
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
