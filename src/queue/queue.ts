import { DEFAULT_RETRY, isTransientFailure, retryDelay, type RetrySchedule } from './failure.js';
import type { ReviewedHeads } from './heads.js';
import type { Job, Journal } from './journal.js';
import type { Logger } from '../review/run.js';

/**
 * The embedded review queue (one instance) between the webhook and the work. A delivery is written to the journal and answered at
 * once (GitHub waits 10 s and never redelivers); the review runs later:
 * - one run at a time per pull request (`job.key`) in this process (several instances: `BullReviewQueue`);
 * - a newer delivery for the same pull request supersedes a queued one, and aborts a running one for
 *   another head (the run also checks the head before posting, so nothing stale is ever posted);
 * - a run failing transiently (GitHub 5xx, connection errors, Redis) is retried with exponential backoff
 *   until the retry schedule gives up (a day by default); a permanent failure is retried `maxAttempts`
 *   times, then `onGiveUp` says so (a check run); a job leaves the journal only when done, so jobs
 *   accepted before a crash run again after a restart (`recover`);
 * - `shutdown(grace)` (SIGTERM): no new run starts; running ones may finish within the grace period, then
 *   they are aborted before posting; everything unfinished stays in the journal for the next start.
 */

export interface RunContext {
  signal: AbortSignal;
  /** True only for the first run of an `opened` delivery in this process (no earlier comment can exist). */
  fresh: boolean;
}

/** What the App needs of a job queue: the embedded `ReviewQueue` (file journal) or `BullReviewQueue` (Redis). */
export interface JobQueue {
  /** Records a delivery's job; false for a delivery id recorded before. Throws when it cannot be recorded. */
  accept(job: Job): Promise<boolean>;
  /** Whether a delivery id was recorded (reconciliation redelivers the ones that were not). */
  recorded(deliveryId: string): Promise<boolean>;
  /** Runs what was left by a previous process; the number of jobs. */
  recover(): Promise<number>;
  /** Jobs recorded and not done. */
  pending(): Promise<Job[]>;
  idle(): Promise<void>;
  shutdown(graceMs: number): Promise<{ finished: number; requeued: number }>;
  readonly stats: QueueStats;
  readonly heads: ReviewedHeads;
}

/** The App's log (Probot's pino) as the queue and the webhook endpoint write to it: a run's log, and errors. */
export interface AppLogger extends Logger {
  error: (obj: object, msg?: string) => void;
}

export interface QueueOptions {
  journal: Journal;
  run: (job: Job, context: RunContext) => Promise<void>;
  /** Pull requests reviewed at the same time (default 4). */
  concurrency?: number;
  /** Runs of one job failing permanently (not `isTransient`) before it is given up (default 3). */
  maxAttempts?: number;
  /** Backoff of failed runs and how long transient failures are retried (default `DEFAULT_RETRY`). */
  retry?: RetrySchedule;
  /** Overrides the delay before retrying a failed run (tests). */
  retryDelayMs?: (attempt: number) => number;
  /** Whether a run's error is worth retrying for hours (default `isTransientFailure`). */
  isTransient?: (error: unknown) => boolean;
  /** Called once when a job is given up (the App posts a check run saying why). */
  onGiveUp?: (job: Job, error: unknown) => Promise<void>;
  log?: AppLogger;
}

const SUPERSEDED = 'a newer push to this pull request superseded the run';
/** The abort reason of a run stopped by shutdown (both queues): the job stays recorded for the next start. */
export const SHUTDOWN = 'the App is shutting down';

/**
 * A run's signal that a supersede stops only until the run commits (claims its head to post): after that,
 * aborting would leave the claim to a run that never posts, and the newer-queued job would find the head
 * "already reviewed" — a lost review. Only a shutdown still aborts a committed run (its job stays recorded
 * and its retry, the same claimant, posts).
 */
export function commitSignal(signal: AbortSignal): { signal: AbortSignal; commit(): void } {
  const own = new AbortController();
  let committed = false;
  const follow = () => {
    if (!committed || signal.reason === SHUTDOWN) own.abort(signal.reason);
  };
  if (signal.aborted) follow();
  else signal.addEventListener('abort', follow, { once: true });
  return {
    signal: own.signal,
    commit: () => {
      committed = true;
    },
  };
}

interface KeyState {
  queued?: Job;
  running?: { job: Job; abort: AbortController };
  /** A run for this pull request happened (or a delivery was superseded): `fresh` no longer holds. */
  touched: boolean;
}

export interface QueueStats {
  accepted: number;
  duplicates: number;
  superseded: number;
  runs: number;
  failures: number;
  givenUp: number;
  recovered: number;
}

export class ReviewQueue implements JobQueue {
  private readonly keys = new Map<string, KeyState>();
  private readonly ready: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly runs = new Set<Promise<void>>();
  /** Jobs recovered from the journal: an earlier run may have posted already. */
  private readonly recoveredIds = new Set<string>();
  /** Pull requests reviewed by this process (the most recent 10,000): a later `opened` is not fresh. */
  private readonly seenKeys = new Set<string>();
  private active = 0;
  private stopping = false;
  private waiters: (() => void)[] = [];
  readonly stats: QueueStats = { accepted: 0, duplicates: 0, superseded: 0, runs: 0, failures: 0, givenUp: 0, recovered: 0 };

  constructor(private readonly options: QueueOptions) {}

  get journal(): Journal {
    return this.options.journal;
  }

  get heads(): ReviewedHeads {
    return this.options.journal;
  }

  pending(): Promise<Job[]> {
    return this.options.journal.pending();
  }

  recorded(deliveryId: string): Promise<boolean> {
    return this.options.journal.recorded(deliveryId);
  }

  /**
   * Accepts a delivery: durable first (the journal), then scheduled. Resolves as soon as the job is
   * recorded — never after the review. False for a redelivery of an accepted job.
   */
  async accept(job: Job): Promise<boolean> {
    const added = await this.options.journal.add(job);
    if (!added) {
      this.stats.duplicates++;
      return false;
    }
    this.stats.accepted++;
    if (!this.stopping) this.schedule(job);
    return true;
  }

  /** Runs again every job the journal holds (after a crash or a shutdown). */
  async recover(): Promise<number> {
    const jobs = await this.options.journal.pending();
    for (const job of jobs) {
      this.recoveredIds.add(job.id);
      this.schedule(job);
    }
    this.stats.recovered += jobs.length;
    return jobs.length;
  }

  private state(key: string): KeyState {
    let s = this.keys.get(key);
    if (!s) {
      s = { touched: false };
      this.keys.set(key, s);
    }
    return s;
  }

  private schedule(job: Job): void {
    const s = this.state(job.key);
    if (s.queued) {
      // The newer delivery replaces the queued one: the run reviews the current head either way.
      const older = s.queued.acceptedAt <= job.acceptedAt ? s.queued : job;
      s.queued = older === job ? s.queued : job;
      s.touched = true;
      this.stats.superseded++;
      void this.options.journal.done(older.id).catch(() => undefined);
      return;
    }
    s.queued = job;
    if (s.running) {
      s.touched = true;
      if (s.running.job.headSha !== job.headSha) s.running.abort.abort(SUPERSEDED);
      return; // started when the running one ends
    }
    this.ready.push(job.key);
    this.pump();
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 4;
    while (!this.stopping && this.active < limit && this.ready.length > 0) {
      const key = this.ready.shift()!;
      const s = this.keys.get(key);
      if (!s?.queued || s.running) continue;
      const job = s.queued;
      s.queued = undefined;
      const abort = new AbortController();
      s.running = { job, abort };
      this.active++;
      const run = this.execute(job, s, abort).finally(() => {
        this.runs.delete(run);
        this.active--;
        s.running = undefined;
        if (s.queued && !this.stopping) this.ready.push(key);
        else if (!s.queued) this.keys.delete(key);
        this.pump();
        this.settle();
      });
      this.runs.add(run);
    }
    this.settle();
  }

  private async execute(job: Job, s: KeyState, abort: AbortController): Promise<void> {
    const log = this.options.log;
    const fresh = job.event === 'pull_request.opened' && job.attempts === 0 && !s.touched && !this.recoveredIds.has(job.id) && !this.seenKeys.has(job.key);
    s.touched = true;
    this.seenKeys.add(job.key);
    if (this.seenKeys.size > 10_000) this.seenKeys.delete(this.seenKeys.values().next().value!);
    this.recoveredIds.delete(job.id);
    this.stats.runs++;
    try {
      await this.options.run(job, { signal: abort.signal, fresh });
      if (abort.signal.aborted && abort.signal.reason === SHUTDOWN) return; // stays in the journal
      await this.record(() => this.options.journal.done(job.id));
    } catch (error) {
      if (abort.signal.aborted && abort.signal.reason === SHUTDOWN) return;
      if (abort.signal.aborted) {
        await this.record(() => this.options.journal.done(job.id)); // superseded: the queued job covers it
        return;
      }
      this.stats.failures++;
      const attempts = job.attempts + 1;
      const failingSince = job.failingSince ?? Date.now();
      const retry = this.options.retry ?? DEFAULT_RETRY;
      const transient = (this.options.isTransient ?? isTransientFailure)(error);
      const giveUp = transient ? Date.now() - failingSince >= retry.giveUpAfterMs : attempts >= (this.options.maxAttempts ?? 3);
      const fields = { key: job.key, delivery: job.id, attempts, transient, err: (error as Error).message };
      if (giveUp) {
        this.stats.givenUp++;
        log?.error(fields, 'editorial-review: run failed; given up');
        try {
          await this.options.onGiveUp?.(job, error);
        } catch (reportError) {
          log?.error({ ...fields, report: (reportError as Error).message }, 'editorial-review: could not report the failure');
        }
        await this.record(() => this.options.journal.done(job.id));
        return;
      }
      const delay = this.options.retryDelayMs?.(attempts) ?? retryDelay(retry, attempts);
      log?.warn({ ...fields, retryInMs: delay }, 'editorial-review: run failed; will retry');
      const next = { ...job, attempts, failingSince };
      await this.record(() => this.options.journal.update(next));
      this.later(next, delay);
    }
  }

  /**
   * A journal write after a run (Redis may be down): a failure is logged and does not stop the queue; at
   * worst the job stays recorded and runs again after a restart, where the head check finds it reviewed.
   */
  private async record(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.options.log?.warn({ err: (error as Error).message }, 'editorial-review: journal unavailable; the record is written later');
    }
  }

  /** Schedules `job` again after `ms` (unless a newer delivery for the same pull request arrives first). */
  private later(job: Job, ms: number): void {
    if (this.stopping) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopping) this.schedule(job);
      this.settle();
    }, ms);
    this.timers.add(timer);
  }

  private idleNow(): boolean {
    return this.active === 0 && this.timers.size === 0 && [...this.keys.values()].every((s) => !s.queued && !s.running);
  }

  private settle(): void {
    if (!this.idleNow()) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when nothing is queued, running or waiting to be retried. */
  idle(): Promise<void> {
    if (this.idleNow()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * SIGTERM: start nothing new; let running reviews finish for `graceMs`, then abort them (a run checks
   * its signal before posting anything); jobs not finished stay in the journal and run after a restart.
   */
  async shutdown(graceMs: number): Promise<{ finished: number; requeued: number }> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const running = [...this.runs];
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
    const outcome = await Promise.race([Promise.allSettled(running).then(() => 'done' as const), timeout]);
    if (outcome === 'timeout') {
      for (const s of this.keys.values()) s.running?.abort.abort(SHUTDOWN);
      await Promise.allSettled(running);
    }
    const requeued = (await this.options.journal.pending()).length;
    await this.options.journal.close();
    this.settle();
    for (const w of this.waiters.splice(0)) w();
    return { finished: running.length, requeued };
  }
}
