import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Job, Journal } from './journal.js';

/**
 * With `REDIS_URL`: the journal lives in Redis (shared by every process of the App) and a Redis lock with
 * an expiry serialises the work on one pull request across processes. A process that dies holding a lock
 * loses it when it expires; its jobs are still in the journal and are run by whichever process restarts.
 */

const PREFIX = 'editorial-review:';
const SEEN_SECONDS = 3 * 24 * 3600;

export function connectRedis(url: string): Redis {
  // Commands wait for the connection (offline queue); a lost connection is retried with a short backoff.
  // A command fails within 2 s when Redis is away, so a delivery is answered 503 at once (GitHub marks it
  // failed and reconciliation redelivers it) rather than after GitHub's 10 s timeout.
  return new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 2000, retryStrategy: (n) => Math.min(n * 200, 2000), lazyConnect: false });
}

export class RedisJournal implements Journal {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = PREFIX,
  ) {}

  async add(job: Job): Promise<boolean> {
    const fresh = await this.redis.set(`${this.prefix}seen:${job.id}`, '1', 'EX', SEEN_SECONDS, 'NX');
    if (fresh === null) return false;
    await this.redis.hset(`${this.prefix}jobs`, job.id, JSON.stringify(job));
    return true;
  }

  async update(job: Job): Promise<void> {
    // Only while still pending (a concurrent `done` wins).
    await this.redis.eval(
      "if redis.call('hexists', KEYS[1], ARGV[1]) == 1 then return redis.call('hset', KEYS[1], ARGV[1], ARGV[2]) else return 0 end",
      1,
      `${this.prefix}jobs`,
      job.id,
      JSON.stringify(job),
    );
  }

  async done(id: string): Promise<void> {
    await this.redis.hdel(`${this.prefix}jobs`, id);
  }

  async pending(): Promise<Job[]> {
    const all = await this.redis.hgetall(`${this.prefix}jobs`);
    return Object.values(all)
      .map((v) => JSON.parse(v) as Job)
      .sort((a, b) => a.acceptedAt - b.acceptedAt);
  }

  async lastReviewed(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}reviewed:${key}`)) ?? undefined;
  }

  async markReviewed(key: string, headSha: string): Promise<void> {
    await this.redis.set(`${this.prefix}reviewed:${key}`, headSha, 'EX', SEEN_SECONDS);
  }

  async close(): Promise<void> {}
}

/** A per-key lock: held by one process at a time, renewed while held, released only by its holder. */
export interface Lock {
  /** A release function, or null when another process holds the lock. */
  acquire(key: string): Promise<(() => Promise<void>) | null>;
}

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export class RedisLock implements Lock {
  constructor(
    private readonly redis: Redis,
    /** The lock expires this long after its last renewal (a crashed holder frees it). */
    private readonly ttlMs = 30_000,
    private readonly prefix = PREFIX,
  ) {}

  async acquire(key: string): Promise<(() => Promise<void>) | null> {
    const name = `${this.prefix}lock:${key}`;
    const token = randomUUID();
    const ok = await this.redis.set(name, token, 'PX', this.ttlMs, 'NX');
    if (ok === null) return null;
    const renew = setInterval(() => {
      void this.redis.eval(EXTEND, 1, name, token, String(this.ttlMs)).catch(() => undefined);
    }, Math.max(50, Math.floor(this.ttlMs / 3)));
    renew.unref();
    return async () => {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, name, token).catch(() => undefined);
    };
  }
}
