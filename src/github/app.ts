import { join } from 'node:path';
import type { ApplicationFunction, Context, Probot } from 'probot';
import { FileJournal, type Job, type Journal } from '../queue/journal.js';
import { ReviewQueue, type QueueOptions } from '../queue/queue.js';
import { connectRedis, RedisJournal, RedisLock, type Lock } from '../queue/redis.js';
import { OctokitClient, type ClientOptions, type OctokitLike } from './client.js';
import { CHECK_NAME } from '../review/plan.js';
import { CorpusCache, type CorpusCacheOptions } from '../review/corpus.js';
import { fixAndReview, isFixCommand } from '../review/fix-request.js';
import { reviewPullRequest, type RunReport } from '../review/run.js';

/**
 * The Probot app. A webhook handler only records a job (durably) and returns: GitHub waits 10 s for the
 * answer and never redelivers. The review runs from `ReviewQueue` (one run at a time per pull request, a
 * newer push superseding older work), on the pull request's head as GitHub reports it when the run starts,
 * and checks the head again before posting. Everything GitHub-facing goes through `OctokitClient`.
 */

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

export interface AppOptions {
  /** The App's slug; its `slug[bot]` login marks our comments and our own pushes. Default: `GET /app`, once. */
  appSlug?: string;
  /** Called after each run (tests, metrics). */
  onRun?: (report: RunReport, job: Job) => void;
  /** Where accepted deliveries are recorded (default: see `defaultJournal`). */
  journal?: Journal;
  /** Serialises a pull request across processes (default: a Redis lock when `REDIS_URL` is set; null: none). */
  lock?: Lock | null;
  /** Queue settings (concurrency, retries). */
  queue?: Partial<Omit<QueueOptions, 'journal' | 'run' | 'lock' | 'log'>>;
  /** GitHub client settings (backoff), e.g. for tests. */
  client?: ClientOptions;
  /** Receives the queue (tests await `idle()`; the process calls `shutdown()`). */
  onQueue?: (queue: ReviewQueue) => void;
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

    const runJob: QueueOptions['run'] = async (job, { signal, fresh }) => {
      const log = app.log.child({ delivery: job.id, pull: job.pull });
      const octokit = (await app.auth(job.installationId)) as unknown as OctokitLike;
      const client = new OctokitClient(octokit, job.owner, job.repo, {
        ...options.client,
        // A 401 mid-run: mint a new installation token with the App's JWT and continue with it.
        reauthenticate: async () => {
          const appOctokit = await app.auth();
          const { data } = await appOctokit.request('POST /app/installations/{installation_id}/access_tokens', { installation_id: job.installationId });
          log.warn({}, 'editorial-review: installation token refused (401); continuing with a new one');
          const Octokit = octokit.constructor as new (options: object) => OctokitLike;
          return new Octokit({ auth: { token: data.token } });
        },
      });
      if (job.fix) {
        const self = await appLogin();
        const { fix, review } = await fixAndReview(
          client,
          { pull: job.pull, repo: `${job.owner}/${job.repo}`, configRef: job.configRef, requestedBy: job.fix.requestedBy },
          { configRef: job.configRef, ...(job.repoUrl ? { repoUrl: job.repoUrl } : {}), ...(self ? { appLogin: self } : {}) },
          { reply: true, log, run: { signal, ...(corpus ? { corpus } : {}) } },
        );
        log.info({ outcome: fix.kind, ...(fix.kind === 'refused' ? { reason: fix.reason } : {}) }, 'editorial-review: fix request');
        if (review) options.onRun?.(review, job);
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
      const self = await appLogin();
      const report = await reviewPullRequest(
        client,
        {
          pull: pull.number,
          headSha: pull.headSha,
          configRef: job.configRef,
          // A PR into a release branch is compared with that branch's posts; the config still comes from the default branch.
          baseRef: pull.baseRef,
          draft: pull.draft,
          fresh: fresh && pull.headSha === job.headSha,
          ...(job.repoUrl ? { repoUrl: job.repoUrl } : {}),
          ...(self ? { appLogin: self } : {}),
        },
        log,
        { signal, stillCurrent: async () => (await client.getPull(pull.number)).headSha === pull.headSha, ...(corpus ? { corpus } : {}) },
      );
      options.onRun?.(report, job);
    };

    const journal = options.journal ?? defaultJournal();
    const lock = options.lock === null ? undefined : (options.lock ?? defaultLock());
    const queue = new ReviewQueue({
      ...options.queue,
      journal,
      run: runJob,
      ...(lock ? { lock } : {}),
      log: app.log,
    });
    options.onQueue?.(queue);
    if (options.recover !== false) {
      void queue.recover().then(
        (n) => n > 0 && app.log.info({ jobs: n }, 'editorial-review: resuming deliveries accepted before the last stop'),
        (error: Error) => app.log.error({ err: error.message }, 'editorial-review: cannot read the journal'),
      );
    }
    if (options.handleSignals) installSignalHandlers(app, queue, options.shutdownGraceMs ?? (Number(process.env.SHUTDOWN_GRACE_MS) || 8000));

    const accept = async (context: Context, job: Omit<Job, 'id' | 'installationId' | 'acceptedAt' | 'attempts' | 'key'> & { key?: string }) => {
      const installationId = (context.payload as { installation?: { id: number } }).installation?.id;
      if (installationId === undefined) {
        context.log.warn({ event: job.event }, 'editorial-review: delivery without an installation ignored');
        return;
      }
      const accepted = await queue.accept({
        ...job,
        key: job.key ?? `${job.owner}/${job.repo}#${job.pull}`,
        id: context.id,
        installationId,
        acceptedAt: Date.now(),
        attempts: 0,
      });
      context.log.info({ delivery: context.id, pull: job.pull, accepted }, accepted ? 'editorial-review: queued' : 'editorial-review: redelivery ignored');
    };

    app.on([...PULL_REQUEST_EVENTS], async (context: Context<'pull_request'>) => {
      const { pull_request: pr, repository, sender } = context.payload;
      const self = await appLogin();
      if (context.payload.action === 'synchronize' && self && sender?.login === self) {
        context.log.info({ pull: pr.number }, 'editorial-review: own push ignored');
        return;
      }
      await accept(context as unknown as Context, {
        owner: repository.owner.login,
        repo: repository.name,
        pull: pr.number,
        headSha: pr.head.sha,
        configRef: repository.default_branch,
        repoUrl: repository.html_url,
        event: `pull_request.${context.payload.action}`,
      });
    });

    // `/editorial-review fix` in a pull request's conversation: one commit with every safe fix, then a
    // fresh review. Its own line per pull request, so a push does not cancel the request (a push during
    // the fix makes the commit refuse to land instead).
    app.on('issue_comment.created', async (context: Context<'issue_comment.created'>) => {
      const { issue, comment, repository } = context.payload;
      if (!issue.pull_request || comment.user?.type === 'Bot' || !isFixCommand(comment.body)) return;
      await accept(context as unknown as Context, {
        owner: repository.owner.login,
        repo: repository.name,
        pull: issue.number,
        headSha: '',
        configRef: repository.default_branch,
        repoUrl: repository.html_url,
        event: 'issue_comment.created',
        key: `${repository.owner.login}/${repository.name}#${issue.number}/fix`,
        fix: { requestedBy: comment.user?.login ?? '' },
      });
    });

    app.on('check_run.rerequested', async (context: Context<'check_run.rerequested'>) => {
      const { check_run: checkRun, repository } = context.payload;
      if (checkRun.name !== CHECK_NAME) return;
      // pull_requests is empty for fork pull requests: the run finds the open one whose head is this commit.
      const listed = checkRun.pull_requests[0];
      await accept(context as unknown as Context, {
        owner: repository.owner.login,
        repo: repository.name,
        pull: listed?.number ?? 0,
        headSha: checkRun.head_sha,
        configRef: repository.default_branch,
        repoUrl: repository.html_url,
        event: 'check_run.rerequested',
        ...(listed ? {} : { key: `${repository.owner.login}/${repository.name}@${checkRun.head_sha}` }),
      });
    });
  };
}

/** `EDITORIAL_REVIEW_JOURNAL` (a file path), Redis when `REDIS_URL` is set, else `.editorial-review/journal.jsonl`. */
export function defaultJournal(): Journal {
  const redis = sharedRedis();
  if (redis) return new RedisJournal(redis);
  return new FileJournal(process.env.EDITORIAL_REVIEW_JOURNAL ?? join(process.cwd(), '.editorial-review', 'journal.jsonl'));
}

function defaultLock(): Lock | undefined {
  const redis = sharedRedis();
  return redis ? new RedisLock(redis) : undefined;
}

let redisClient: ReturnType<typeof connectRedis> | undefined;
function sharedRedis(): ReturnType<typeof connectRedis> | undefined {
  if (!process.env.REDIS_URL) return undefined;
  redisClient ??= connectRedis(process.env.REDIS_URL);
  return redisClient;
}

/**
 * SIGTERM/SIGINT: stop starting reviews; let the running ones finish within the grace period; abort the
 * rest before they post (they stay in the journal, as do queued jobs) and exit. The next process runs them.
 */
function installSignalHandlers(app: Probot, queue: ReviewQueue, graceMs: number): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, graceMs }, 'editorial-review: shutting down; finishing in-flight reviews');
    void queue.shutdown(graceMs).then(
      ({ finished, requeued }) => {
        app.log.info({ finished, requeued }, 'editorial-review: stopped; unfinished deliveries stay queued for the next start');
        void redisClient?.quit().catch(() => undefined);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** `probot run ./dist/github/app.js` loads this. */
export default createApp({ ...(process.env.APP_SLUG ? { appSlug: process.env.APP_SLUG } : {}), handleSignals: true });
