import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/queue/journal.js';
import { ReviewQueue } from '../../src/queue/queue.js';
import { connectRedis, RedisJournal, RedisLock } from '../../src/queue/redis.js';

/**
 * Needs a real redis-server (`REDIS_URL`, e.g. redis://127.0.0.1:6379; `.ci/run` starts one). Skipped
 * without it on a workstation; on CI (`CI=true`) a missing REDIS_URL is a failure, not a skip.
 */
const url = process.env.REDIS_URL;
if (!url && process.env.CI === 'true') {
  describe('Redis', () => {
    it('REDIS_URL is set on CI', () => {
      expect.fail('CI=true but REDIS_URL is not set: .ci/run must start redis-server and export REDIS_URL');
    });
  });
}

describe.skipIf(!url)('with REDIS_URL: a durable journal and a lock shared by processes', () => {
  const prefix = `editorial-review-test:${randomUUID()}:`;
  const clients: ReturnType<typeof connectRedis>[] = [];
  const client = () => {
    const c = connectRedis(url!);
    clients.push(c);
    return c;
  };
  afterAll(async () => {
    const c = client();
    const keys = await c.keys(`${prefix}*`);
    if (keys.length) await c.del(...keys);
    await Promise.all(clients.map((x) => x.quit()));
  });

  let seq = 0;
  const job = (pull: number): Job => {
    seq++;
    return { id: `d${seq}`, key: `o/r#${pull}`, installationId: 1, owner: 'o', repo: 'r', pull, headSha: `sha${seq}`, configRef: 'main', event: 'pull_request.synchronize', acceptedAt: Date.now() + seq, attempts: 0 };
  };

  it('two processes never review the same pull request at once, and every delivery is done', async () => {
    const running = new Map<string, number>();
    let overlap = 0;
    let runs = 0;
    const run = async (j: Job) => {
      runs++;
      running.set(j.key, (running.get(j.key) ?? 0) + 1);
      if (running.get(j.key)! > 1) overlap++;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 15));
      running.set(j.key, running.get(j.key)! - 1);
    };
    // Two "processes": separate connections, journals and queues over the same Redis.
    const queues = [0, 1].map(() => {
      const redis = client();
      return new ReviewQueue({ journal: new RedisJournal(redis, prefix), lock: new RedisLock(redis, 5000, prefix), run, concurrency: 4, lockRetryMs: 10 });
    });
    const accepted: Promise<boolean>[] = [];
    for (let i = 0; i < 60; i++) accepted.push(queues[i % 2]!.accept(job(1 + (i % 5))));
    expect((await Promise.all(accepted)).every(Boolean)).toBe(true);
    await Promise.all(queues.map((q) => q.idle()));
    expect(overlap).toBe(0);
    expect(runs).toBeGreaterThanOrEqual(5);
    expect(await new RedisJournal(client(), prefix).pending()).toEqual([]);
  });

  it('a delivery accepted by a process that then dies is run by the next one; a redelivery is recognised', async () => {
    const p = `${prefix}crash:`;
    const dead = new RedisJournal(client(), p);
    const j = job(9);
    expect(await dead.add(j)).toBe(true);
    // (the process is killed here: no run, no done)
    const ran: string[] = [];
    const next = new ReviewQueue({ journal: new RedisJournal(client(), p), run: async (x) => void ran.push(x.id) });
    expect(await next.recover()).toBe(1);
    await next.idle();
    expect(ran).toEqual([j.id]);
    expect(await next.accept(j)).toBe(false);
    expect(await new RedisJournal(client(), p).pending()).toEqual([]);
  });

  it('a lock held by a crashed process expires; a live holder keeps it and only the holder releases it', async () => {
    const redis = client();
    const lock = new RedisLock(redis, 200, prefix);
    // A crashed holder: the lock was set and never renewed.
    await redis.set(`${prefix}lock:o/r#42`, 'dead-process', 'PX', 150);
    expect(await lock.acquire('o/r#42')).toBeNull();
    await new Promise((r) => setTimeout(r, 250));
    const release = await lock.acquire('o/r#42');
    expect(release).not.toBeNull();
    // Renewed while held: still held after twice the expiry.
    await new Promise((r) => setTimeout(r, 450));
    expect(await new RedisLock(client(), 200, prefix).acquire('o/r#42')).toBeNull();
    await release!();
    const again = await lock.acquire('o/r#42');
    expect(again).not.toBeNull();
    await again!();
  });
});
