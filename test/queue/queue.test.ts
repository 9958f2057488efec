import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileJournal, MemoryJournal, type Job } from '../../src/queue/journal.js';
import { ReviewQueue, type RunContext } from '../../src/queue/queue.js';
import { isTransientFailure, retryDelay } from '../../src/queue/failure.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'er-queue-'));
  dirs.push(d);
  return d;
}

let seq = 0;
function job(pull: number, headSha = `sha${seq}`, extra: Partial<Job> = {}): Job {
  seq++;
  return {
    id: `delivery-${seq}`,
    key: `o/r#${pull}`,
    installationId: 1,
    owner: 'o',
    repo: 'r',
    pull,
    headSha,
    configRef: 'main',
    event: 'pull_request.synchronize',
    acceptedAt: Date.now() + seq,
    attempts: 0,
    ...extra,
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A runner that records what ran, and how many runs per key overlapped. */
/** Waits for a condition on the event loop (no deadline of its own: the test's timeout is the bound). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

function recorder(work: (j: Job, c: RunContext) => Promise<void> = async () => undefined) {
  const running = new Map<string, number>();
  const ran: { job: Job; aborted: boolean; fresh: boolean }[] = [];
  let maxPerKey = 0;
  let maxTotal = 0;
  const run = async (j: Job, c: RunContext) => {
    running.set(j.key, (running.get(j.key) ?? 0) + 1);
    maxPerKey = Math.max(maxPerKey, running.get(j.key)!);
    maxTotal = Math.max(maxTotal, [...running.values()].reduce((a, b) => a + b, 0));
    try {
      await work(j, c);
    } finally {
      running.set(j.key, running.get(j.key)! - 1);
      ran.push({ job: j, aborted: c.signal.aborted, fresh: c.fresh });
    }
  };
  return { run, ran, stats: () => ({ maxPerKey, maxTotal }) };
}

describe('ReviewQueue', () => {
  it('one run at a time per pull request; a newer push aborts the running one and replaces the queued ones', async () => {
    const gate = deferred();
    const rec = recorder(async (j, c) => {
      if (j.headSha === 'first') await Promise.race([gate.promise, new Promise((r) => c.signal.addEventListener('abort', r))]);
    });
    const journal = new MemoryJournal();
    const queue = new ReviewQueue({ journal, run: rec.run, concurrency: 4 });
    await queue.accept(job(1, 'first'));
    for (const sha of ['second', 'third', 'fourth']) await queue.accept(job(1, sha));
    await queue.idle();
    gate.resolve();
    expect(rec.ran.map((r) => [r.job.headSha, r.aborted])).toEqual([
      ['first', true],
      ['fourth', false],
    ]);
    expect(rec.stats().maxPerKey).toBe(1);
    expect(queue.stats.superseded).toBe(2);
    expect(await journal.pending()).toEqual([]);
  });

  it('different pull requests run concurrently, within the limit', async () => {
    const rec = recorder(() => new Promise((r) => setTimeout(r, 20)));
    const queue = new ReviewQueue({ journal: new MemoryJournal(), run: rec.run, concurrency: 3 });
    for (let pull = 1; pull <= 10; pull++) await queue.accept(job(pull));
    await queue.idle();
    expect(rec.ran).toHaveLength(10);
    expect(rec.stats().maxTotal).toBe(3);
  });

  it('a failed run is retried with backoff and given up after maxAttempts (the job then leaves the journal)', async () => {
    let calls = 0;
    const rec = recorder(async () => {
      calls++;
      if (calls < 3) throw new Error('GitHub is down');
    });
    const journal = new MemoryJournal();
    const queue = new ReviewQueue({ journal, run: rec.run, retryDelayMs: () => 10, maxAttempts: 3 });
    await queue.accept(job(1));
    await queue.idle();
    expect(calls).toBe(3);
    expect(queue.stats.failures).toBe(2);
    expect(queue.stats.givenUp).toBe(0);

    const always = new ReviewQueue({ journal, run: async () => Promise.reject(new Error('down')), retryDelayMs: () => 5, maxAttempts: 2 });
    await always.accept(job(2));
    await always.idle();
    expect(always.stats.givenUp).toBe(1);
    expect(await journal.pending()).toEqual([]);
  });

  it('transient failures (GitHub 5xx, connection errors, Redis) are retried on the backoff schedule until it gives up; then onGiveUp reports', async () => {
    const outage = Object.assign(new Error('Bad Gateway'), { status: 502 });
    let calls = 0;
    const rec = recorder(async () => {
      calls++;
      if (calls <= 12) throw calls % 3 === 0 ? Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }) : outage;
    });
    const journal = new MemoryJournal();
    const queue = new ReviewQueue({ journal, run: rec.run, retry: { baseMs: 1, maxMs: 8, giveUpAfterMs: 60_000 }, maxAttempts: 2 });
    await queue.accept(job(1));
    await queue.idle();
    // Twelve transient failures (more than maxAttempts, which bounds permanent ones only), then success.
    expect(calls).toBe(13);
    expect(queue.stats.givenUp).toBe(0);
    // The schedule: exponential, capped, within 10% jitter.
    const schedule = { baseMs: 10_000, maxMs: 600_000, giveUpAfterMs: 86_400_000 };
    expect([1, 2, 3, 7, 8, 20].map((n) => retryDelay(schedule, n, () => 0.5))).toEqual([10_000, 20_000, 40_000, 600_000, 600_000, 600_000]);
    expect(retryDelay(schedule, 2, () => 0)).toBe(18_000);
    expect(retryDelay(schedule, 2, () => 1)).toBe(22_000);
    expect(isTransientFailure(outage)).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('ERR SETTINGS_KEY_NOT_FOUND'), { name: 'ReplyError' }))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('API rate limit exceeded'), { status: 403 }))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('Resource not accessible by integration'), { status: 403 }))).toBe(false);
    expect(isTransientFailure(Object.assign(new Error('Not Found'), { status: 404 }))).toBe(false);
    expect(isTransientFailure(new TypeError('x is undefined'))).toBe(false);

    const reported: unknown[] = [];
    // The give-up is by time since the first failure: each attempt moves a clock of the test's 10 ms on,
    // so the count does not depend on how fast a loaded machine runs the retries (at load 13 the real
    // clock let only two attempts into 30 ms).
    let clock = Date.now();
    const now = vi.spyOn(Date, 'now').mockImplementation(() => clock);
    try {
      const gone = new ReviewQueue({
        journal,
        run: async () => {
          clock += 10;
          return Promise.reject(outage);
        },
        retry: { baseMs: 1, maxMs: 2, giveUpAfterMs: 30 },
        onGiveUp: async (_job, error) => void reported.push(error),
      });
      await gone.accept(job(2));
      await gone.idle();
      expect(gone.stats.givenUp).toBe(1);
      expect(gone.stats.failures).toBe(4);
    } finally {
      now.mockRestore();
    }
    expect(reported).toEqual([outage]);
    expect(await journal.pending()).toEqual([]);
  });

  it('a permanent failure (a 404, a bug) is given up after maxAttempts and reported once', async () => {
    const reported: unknown[] = [];
    const queue = new ReviewQueue({
      journal: new MemoryJournal(),
      run: async () => Promise.reject(new TypeError('x is undefined')),
      retryDelayMs: () => 1,
      maxAttempts: 3,
      onGiveUp: async (_job, error) => void reported.push(error),
    });
    await queue.accept(job(3));
    await queue.idle();
    expect(queue.stats.failures).toBe(3);
    expect(reported).toHaveLength(1);
  });

  it('a redelivery (same delivery id) runs once; only the first opened run is fresh', async () => {
    const rec = recorder();
    const queue = new ReviewQueue({ journal: new MemoryJournal(), run: rec.run });
    const opened = job(1, 'a', { event: 'pull_request.opened' });
    expect(await queue.accept(opened)).toBe(true);
    expect(await queue.accept({ ...opened })).toBe(false);
    await queue.idle();
    await queue.accept(job(1, 'b', { event: 'pull_request.opened' }));
    await queue.idle();
    expect(rec.ran.map((r) => r.fresh)).toEqual([true, false]);
    expect(queue.stats.duplicates).toBe(1);
  });
});

describe('FileJournal (the default durable record)', () => {
  it('what was accepted and not done survives a crash (a new process reads it back); a torn last line is ignored', async () => {
    const path = join(tmp(), 'journal.jsonl');
    const a = new FileJournal(path);
    const jobs = [job(1), job(2), job(3)];
    for (const j of jobs) await a.add(j);
    await a.done(jobs[1]!.id);
    // Crash: no close; the process died mid-write of another record.
    appendFileSync(path, '{"add":{"id":"torn');
    const b = new FileJournal(path);
    expect((await b.pending()).map((j) => j.id)).toEqual([jobs[0]!.id, jobs[2]!.id]);
    // A redelivery of an accepted delivery is still recognised after the restart.
    expect(await b.add(jobs[0]!)).toBe(false);
    expect(await b.add(jobs[1]!)).toBe(false);
    await b.close();
  });
});

describe('shutdown (SIGTERM)', () => {
  it('in-flight runs finish within the grace period and leave the journal; queued ones stay for the next start', async () => {
    const path = join(tmp(), 'journal.jsonl');
    const journal = new FileJournal(path);
    // The runs wait on a gate opened only once shutdown has begun, so "in flight" does not depend on how fast
    // this machine accepts five jobs (a timer raced the accepts on a loaded CI machine).
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let started = 0;
    const rec = recorder(() => (started++, gate));
    const queue = new ReviewQueue({ journal, run: rec.run, concurrency: 2 });
    for (let pull = 1; pull <= 5; pull++) await queue.accept(job(pull));
    await until(() => started === 2);
    const stopping = queue.shutdown(5000);
    open();
    const result = await stopping;
    expect(result.finished).toBe(2);
    expect(rec.ran.every((r) => !r.aborted)).toBe(true);
    expect(result.requeued).toBe(3);
    // The next process runs the rest, and only the rest.
    const rec2 = recorder();
    const next = new ReviewQueue({ journal: new FileJournal(path), run: rec2.run });
    expect(await next.recover()).toBe(3);
    await next.idle();
    expect(rec2.ran.map((r) => r.job.pull).sort()).toEqual([3, 4, 5]);
    expect(rec2.ran.every((r) => !r.fresh)).toBe(true);
    expect(await next.journal.pending()).toEqual([]);
  });

  it('a run still going when the grace period ends is aborted before posting and stays in the journal', async () => {
    const path = join(tmp(), 'journal.jsonl');
    let posted = 0;
    const queue = new ReviewQueue({
      journal: new FileJournal(path),
      run: async (_j, c) => {
        await new Promise((r) => setTimeout(r, 300));
        if (c.signal.aborted) return; // the run checks its signal before any write
        posted++;
      },
    });
    await queue.accept(job(1));
    const result = await queue.shutdown(20);
    expect(posted).toBe(0);
    expect(result.requeued).toBe(1);
    expect(await new FileJournal(path).pending()).toHaveLength(1);
  });
});
