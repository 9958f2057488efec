import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BullReviewQueue, type BullQueueOptions } from '../../src/queue/bullmq.js';
import type { Job } from '../../src/queue/journal.js';

/**
 * The BullMQ engine on a real redis-server (`REDIS_URL`; `.ci/run` starts one), two queue instances in
 * one process standing for two App processes. Each test uses its own key prefix.
 */
const url = process.env.REDIS_URL;
if (!url && process.env.CI === 'true') {
  describe('BullMQ', () => {
    it('REDIS_URL is set on CI', () => expect.fail('CI=true but REDIS_URL is not set: .ci/run must start redis-server'));
  });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.skipIf(!url)('BullReviewQueue: durable jobs shared by instances', () => {
  const redis = url ? new Redis(url) : undefined;
  const queues: BullReviewQueue[] = [];
  let prefix = '';
  const make = (o: Partial<BullQueueOptions> & Pick<BullQueueOptions, 'run'>) => {
    const q = new BullReviewQueue({ redisUrl: url!, prefix, retry: { baseMs: 20, maxMs: 100, giveUpAfterMs: 60_000 }, ...o });
    queues.push(q);
    return q;
  };
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.shutdown(0)));
    const keys = await redis!.keys(`${prefix}*`);
    if (keys.length) await redis!.del(...keys);
    prefix = `er-bull-${randomUUID()}`;
  });
  prefix = `er-bull-${randomUUID()}`;
  afterAll(async () => void (await redis?.quit()));

  let seq = 0;
  const job = (pull: number, extra: Partial<Job> = {}): Job => {
    seq++;
    return { id: `d${seq}-${randomUUID()}`, key: `o/r#${pull}`, installationId: 1, owner: 'o', repo: 'r', pull, headSha: `sha${seq}`, configRef: 'main', event: 'pull_request.synchronize', acceptedAt: Date.now(), attempts: 0, ...extra };
  };

  it('a delivery id is recorded once, by whichever instance; the job runs once', async () => {
    const ran: string[] = [];
    const run = async (j: Job) => void ran.push(j.id);
    const [a, b] = [make({ run }), make({ run })];
    const j = job(1);
    expect(await Promise.all([a.accept(j), b.accept(j)])).toEqual(expect.arrayContaining([true, false]));
    expect(await a.recorded(j.id)).toBe(true);
    expect(await a.recorded('never')).toBe(false);
    await a.idle();
    expect(ran).toEqual([j.id]);
  });

  // CI found the first (test/github/reconcile.test.ts, Redis killed under two instances: "PR 2: 0 reviews"):
  // the `seen` key was written before the job's add, and the add failed with Redis gone, so did the undo.
  it('a delivery whose job could not be queued is not recorded, even if Redis kept what was written first; its redelivery runs once', async () => {
    const ran: string[] = [];
    const q = make({ run: async (j) => void ran.push(j.id) });
    const inside = q as unknown as { queue: { add: (...a: unknown[]) => Promise<unknown> }; redis: Redis };
    const add = inside.queue.add.bind(inside.queue);
    const del = inside.redis.del.bind(inside.redis);
    inside.queue.add = async () => {
      throw new Error('Connection is closed.');
    };
    inside.redis.del = (async () => {
      throw new Error('Connection is closed.');
    }) as unknown as Redis['del'];
    const j = job(4);
    await expect(q.accept(j)).rejects.toThrow('Connection is closed.');
    inside.queue.add = add;
    inside.redis.del = del;
    expect(await q.recorded(j.id)).toBe(false); // reconciliation asks GitHub for a redelivery
    expect(await q.accept(j)).toBe(true);
    await q.idle();
    expect(ran).toEqual([j.id]);
  });

  it('a delivery queued but not marked seen (the write failed) is not recorded; its redelivery adds no second job', async () => {
    const ran: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const q = make({ run: async (j) => {
      await held; // still queued or running when the redelivery comes: one job, not two
      ran.push(j.id);
    } });
    const inside = q as unknown as { redis: Redis };
    const set = inside.redis.set.bind(inside.redis);
    let failed = false;
    inside.redis.set = (async (...args: unknown[]) => {
      if (!failed && String(args[0]).includes(':seen:')) {
        failed = true;
        throw new Error('Command timed out');
      }
      return (set as (...a: unknown[]) => Promise<unknown>)(...args);
    }) as unknown as Redis['set'];
    const j = job(5);
    await expect(q.accept(j)).rejects.toThrow('Command timed out');
    expect(await q.recorded(j.id)).toBe(false);
    expect(await q.accept(j)).toBe(true);
    expect(await q.recorded(j.id)).toBe(true);
    expect(await q.accept(j)).toBe(false);
    release();
    await q.idle();
    expect(ran).toEqual([j.id]);
  });

  it('one run at a time per pull request across instances; the newest delivery runs last; other pull requests run in parallel', async () => {
    const running = new Map<string, number>();
    let maxSame = 0;
    let maxTotal = 0;
    const order: string[] = [];
    // The first run of PR 7 is held until every delivery is in and another PR's run has started, whatever
    // the machine's speed: the later pushes arrive while it is active, and the runs overlap.
    const release = deferred();
    const firstStarted = deferred();
    const otherStarted = deferred();
    const run = async (j: Job) => {
      running.set(j.key, (running.get(j.key) ?? 0) + 1);
      maxSame = Math.max(maxSame, running.get(j.key)!);
      maxTotal = Math.max(maxTotal, [...running.values()].reduce((x, y) => x + y, 0));
      if (j.headSha === 'head1') {
        firstStarted.resolve();
        await release.promise;
      } else if (j.key !== 'o/r#7') otherStarted.resolve();
      order.push(`${j.key} ${j.headSha}`);
      running.set(j.key, running.get(j.key)! - 1);
    };
    const [a, b] = [make({ run }), make({ run })];
    const pushes = [1, 2, 3, 4, 5].map((n) => job(7, { headSha: `head${n}` }));
    await b.accept(pushes[0]!);
    await firstStarted.promise;
    for (const [i, p] of pushes.slice(1).entries()) await (i % 2 ? b : a).accept(p);
    for (const n of [8, 9, 10]) await a.accept(job(n));
    await otherStarted.promise;
    release.resolve();
    await a.idle();
    await b.idle();
    expect(maxSame).toBe(1);
    expect(maxTotal).toBeGreaterThan(1);
    // The one running, then only the newest of those that arrived meanwhile.
    expect(order.filter((o) => o.startsWith('o/r#7 '))).toEqual(['o/r#7 head1', 'o/r#7 head5']);
  });

  it('transient failures are retried on the schedule; a permanent one is given up after maxAttempts and reported', async () => {
    let calls = 0;
    const reported: unknown[] = [];
    const q = make({
      run: async (j) => {
        if (j.pull === 1 && ++calls <= 5) throw Object.assign(new Error('Bad Gateway'), { status: 502 });
        if (j.pull === 2) throw Object.assign(new Error('Not Found'), { status: 404 });
      },
      maxAttempts: 3,
      onGiveUp: async (_j, e) => void reported.push(e),
    });
    await q.accept(job(1));
    await q.accept(job(2));
    await q.idle();
    expect(calls).toBe(6);
    expect(q.stats.givenUp).toBe(1);
    expect(reported).toHaveLength(1);
    expect((reported[0] as { status: number }).status).toBe(404);
  });

  it('shutdown cuts a long run short after the grace period and hands the job to another instance at once', async () => {
    const ran: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const a = make({
      run: async (_j, { signal }) => {
        started();
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    const j = job(3);
    await a.accept(j);
    await running;
    const { finished } = await a.shutdown(100);
    expect(finished).toBe(1);
    const b = make({ run: async (x) => void ran.push(x.id) });
    await b.idle();
    expect(ran).toEqual([j.id]);
  });

  it('a claim that finds the store emptied (Redis flushed) records when, for the fence before posting', async () => {
    const q = make({ run: async () => undefined });
    expect(await q.heads.claim('o/r#1', 'head1', 'a@1')).toBe(true);
    expect(await q.heads.lostAt!()).toBe(0);
    // This queue's keys gone, as after FLUSHALL (the shared test Redis keeps everyone else's).
    const keys = await redis!.keys(`${prefix}*`);
    await redis!.del(...keys);
    const before = Date.now();
    expect(await q.heads.claim('o/r#1', 'head1', 'b@2')).toBe(true);
    expect(await q.heads.lostAt!()).toBeGreaterThanOrEqual(before);
    expect(await q.heads.lastReviewed('o/r#1')).toEqual({ head: 'head1', by: 'b@2' });
  });
});
