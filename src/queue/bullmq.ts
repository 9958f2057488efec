import { DelayedError, Queue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_RETRY, isTransientFailure, retryDelay, type RetrySchedule } from './failure.js';
import type { Job } from './journal.js';
import { parseReviewed, type ReviewedHeads } from './heads.js';
import { SHUTDOWN, type AppLogger, type JobQueue, type QueueStats, type RunContext } from './queue.js';

/**
 * Several instances of the App on one Redis (the one Probot deployments already run): the jobs live in a
 * BullMQ queue, a maintained engine that gives what the hand-written journal and lock only approximated:
 * - durable jobs, retried with the App's backoff schedule (`failure.ts`) for as long as failures are
 *   transient; permanent ones `maxAttempts` times, then `onGiveUp`;
 * - a job whose worker died (SIGKILL, a lost host) is "stalled": its lock expires after `lockDurationMs`
 *   and the next stalled check of ANY live worker (every `stalledIntervalMs`) puts it back to wait;
 * - de-duplication by delivery id (the job id, plus a `seen:` key kept 3 days, which reconciliation reads);
 * - one job per pull request at a time, the newest delivery's data kept (BullMQ deduplication with
 *   `keepLastIfActive`: at most one active and one waiting job per pull request), and one review per head
 *   (the App checks the reviewed head before it runs).
 * Redis unavailable when a delivery arrives: `accept` throws within ~2 s (the endpoint answers 503 and
 * reconciliation redelivers it later).
 */

export interface BullQueueOptions {
  redisUrl: string;
  /** Key prefix of the queue and the App's own keys (default `editorial-review`). */
  prefix?: string;
  run: (job: Job, context: RunContext) => Promise<void>;
  /** Pull requests reviewed at the same time by this instance (default 4). */
  concurrency?: number;
  maxAttempts?: number;
  retry?: RetrySchedule;
  isTransient?: (error: unknown) => boolean;
  onGiveUp?: (job: Job, error: unknown) => Promise<void>;
  /** How long a dead worker holds a job (default 10 s) and how often live workers look for such jobs (default 5 s). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  log?: AppLogger;
}

/** The BullMQ queue's name (its keys are `<prefix>:reviews:…`). */
export const QUEUE = 'reviews';
const SEEN_SECONDS = 3 * 24 * 3600;
/** Transient failures are bounded by time (the schedule's `giveUpAfterMs`), not by count. */
const ATTEMPTS = 100_000;
/**
 * `claimable` (heads.ts) in Lua: the value is `head by`. KEYS[2] is the store's marker, written when the
 * queue starts: a claim that finds it gone knows Redis lost its data, and records when (`lostAt`).
 */
const CLAIM = `
if redis.call('exists', KEYS[2]) == 0 then redis.call('set', KEYS[2], ARGV[5]) end
local cur = redis.call('get', KEYS[1])
if ARGV[4] ~= '1' and cur then
  local sp = string.find(cur, ' ', 1, true)
  if sp and string.sub(cur, 1, sp - 1) == ARGV[1] and string.sub(cur, sp + 1) ~= ARGV[2] then return 0 end
end
redis.call('set', KEYS[1], ARGV[1] .. ' ' .. ARGV[2], 'EX', ARGV[3])
return 1`;

export class BullReviewQueue implements JobQueue {
  readonly stats: QueueStats = { accepted: 0, duplicates: 0, superseded: 0, runs: 0, failures: 0, givenUp: 0, recovered: 0 };
  readonly heads: ReviewedHeads;
  private readonly redis: Redis;
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly prefix: string;
  private readonly active = new Map<string, AbortController>();
  private stopping = false;

  constructor(private readonly options: BullQueueOptions) {
    this.prefix = options.prefix ?? 'editorial-review';
    // Commands fail fast when Redis is away (a delivery is answered 503 at once); the worker's own
    // connection blocks and reconnects for as long as it takes (BullMQ requires maxRetriesPerRequest null).
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 2000, enableOfflineQueue: true, retryStrategy: (n) => Math.min(n * 200, 2000) });
    this.redis.on('error', () => undefined); // reported through the failing commands
    const retry = options.retry ?? DEFAULT_RETRY;
    this.queue = new Queue(QUEUE, { connection: this.redis, prefix: this.prefix });
    this.queue.on('error', () => undefined);
    this.worker = new Worker(QUEUE, (job, token) => this.process(job, token), {
      connection: new Redis(options.redisUrl, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2000) }),
      prefix: this.prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: options.lockDurationMs ?? 10_000,
      stalledInterval: options.stalledIntervalMs ?? 5_000,
      // A job is never failed for having stalled: its worker died, another one runs it.
      maxStalledCount: 1_000,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelay(retry, attemptsMade) },
    });
    this.worker.on('error', (error) => options.log?.warn({ err: error.message }, 'editorial-review: queue worker error'));
    this.worker.on('stalled', (id) => {
      this.stats.recovered++;
      options.log?.warn({ job: id }, 'editorial-review: a job whose worker stopped is run again');
    });
    const key = (name: string) => `${this.prefix}:er:${name}`;
    this.heads = {
      lastReviewed: async (k) => parseReviewed(await this.redis.get(key(`reviewed:${k}`))),
      // Atomic in Redis: of two instances claiming one head, one wins.
      claim: async (k, head, by, force = false) =>
        (await this.redis.eval(CLAIM, 2, key(`reviewed:${k}`), key('lost-at'), head, by, String(SEEN_SECONDS), force ? '1' : '0', String(Date.now()))) === 1,
      lostAt: async () => Number(await this.redis.get(key('lost-at'))) || 0,
    };
    // The store's marker (0: no loss seen). Redis away now: the first claim writes it, as after a loss.
    void this.redis.set(key('lost-at'), '0', 'NX').catch(() => undefined);
    this.seenKey = (id) => key(`seen:${id}`);
  }

  private readonly seenKey: (id: string) => string;

  /**
   * Records a delivery; false for a delivery id already recorded. Throws when Redis cannot record it.
   * The `seen` key (what reconciliation reads) is written only after the job is in the queue: written
   * first, a job whose add then failed (Redis killed between the two, or a command that timed out here
   * but ran there) stayed "recorded" with no job, reconciliation never asked for it again, and its pull
   * request got no review. The add is idempotent (the job id is the delivery id), so a redelivery of a
   * delivery whose `seen` write failed adds nothing a second time.
   */
  async accept(job: Job): Promise<boolean> {
    if ((await this.redis.exists(this.seenKey(job.id))) === 1) {
      this.stats.duplicates++;
      return false;
    }
    const added = await this.queue.add('review', job, {
      jobId: jobId(job.id),
      deduplication: { id: job.key, keepLastIfActive: true },
      attempts: ATTEMPTS,
      backoff: { type: 'review' },
      removeOnComplete: { age: SEEN_SECONDS, count: 10_000 },
      removeOnFail: { age: SEEN_SECONDS },
    });
    // Two instances given one delivery at once both reach here with one job between them: one records it.
    if ((await this.redis.set(this.seenKey(job.id), String(job.acceptedAt), 'EX', SEEN_SECONDS, 'NX')) === null) {
      this.stats.duplicates++;
      return false;
    }
    if (added.id !== jobId(job.id)) this.stats.superseded++;
    this.stats.accepted++;
    return true;
  }

  /** Whether a delivery was recorded (reconciliation asks before redelivering). */
  async recorded(deliveryId: string): Promise<boolean> {
    return (await this.redis.exists(this.seenKey(deliveryId))) === 1;
  }

  /** Nothing to do: the jobs are in Redis, and stalled ones are taken back by the workers themselves. */
  async recover(): Promise<number> {
    return this.queue.getJobCountByTypes('wait', 'delayed', 'active', 'prioritized');
  }

  async pending(): Promise<Job[]> {
    return (await this.queue.getJobs(['wait', 'delayed', 'active', 'prioritized'])).filter(Boolean).map((j) => j.data as Job);
  }

  private async process(bullJob: BullJob, token: string | undefined): Promise<void> {
    const job = bullJob.data as Job;
    const abort = new AbortController();
    this.active.set(bullJob.id!, abort);
    this.stats.runs++;
    const fresh = job.event === 'pull_request.opened' && bullJob.attemptsStarted <= 1 && bullJob.stalledCounter === 0;
    try {
      await this.options.run(job, { signal: abort.signal, fresh });
    } catch (error) {
      if (abort.signal.aborted) return this.requeue(bullJob, token);
      this.stats.failures++;
      const transient = (this.options.isTransient ?? isTransientFailure)(error);
      const retry = this.options.retry ?? DEFAULT_RETRY;
      const giveUp = transient ? Date.now() - job.acceptedAt >= retry.giveUpAfterMs : bullJob.attemptsMade + 1 >= (this.options.maxAttempts ?? 3);
      const fields = { key: job.key, delivery: job.id, attempts: bullJob.attemptsMade + 1, transient, err: (error as Error).message };
      if (!giveUp) {
        this.options.log?.warn(fields, 'editorial-review: run failed; will retry');
        throw error; // BullMQ retries it after the backoff
      }
      this.stats.givenUp++;
      this.options.log?.error(fields, 'editorial-review: run failed; given up');
      await this.options.onGiveUp?.(job, error).catch((e: Error) => this.options.log?.error({ ...fields, report: e.message }, 'editorial-review: could not report the failure'));
    } finally {
      this.active.delete(bullJob.id!);
    }
    if (abort.signal.aborted && abort.signal.reason === SHUTDOWN) return this.requeue(bullJob, token);
  }

  /** Shutdown cut the run short: back to the queue at once for any instance (not counted as an attempt). */
  private async requeue(bullJob: BullJob, token: string | undefined): Promise<never> {
    await bullJob.moveToDelayed(Date.now(), token);
    throw new DelayedError();
  }

  /** Resolves when no job waits, runs or waits for a retry (tests). */
  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(counts).every((n) => n === 0) && this.active.size === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * SIGTERM: take no new job; running ones may finish within `graceMs`, then they are aborted before
   * posting and put back at once for another instance. Jobs in Redis stay there.
   */
  async shutdown(graceMs: number): Promise<{ finished: number; requeued: number }> {
    this.stopping = true;
    const running = this.active.size;
    const closing = this.worker.close();
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
    if ((await Promise.race([closing.then(() => 'done' as const), timeout])) === 'timeout') {
      for (const abort of this.active.values()) abort.abort(SHUTDOWN);
      await Promise.race([closing, new Promise((r) => setTimeout(r, 1000).unref())]);
    }
    const requeued = await this.recover().catch(() => 0);
    await this.queue.close().catch(() => undefined);
    await this.redis.quit().catch(() => undefined);
    return { finished: running, requeued };
  }

  get isStopping(): boolean {
    return this.stopping;
  }
}

/** BullMQ job ids may not contain ':' (it separates Redis key parts). */
function jobId(deliveryId: string): string {
  return `d-${deliveryId.replace(/:/g, '_')}`;
}
