import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ensureSubset } from '../../scripts/extract-openapi-subset.mjs';

/**
 * vitest globalSetup, before the workers start (they inherit the environment set here):
 * - extracts GitHub's OpenAPI subset once (the workers read the cache);
 * - with `REDIS_URL`, gives this run a Redis key prefix of its own (`EDITORIAL_REVIEW_REDIS_PREFIX`, which
 *   the queue and the index store use), so that tests pass on a Redis that holds other runs' or a
 *   deployment's data, and removes this run's keys at the end. Tests that need keys of their own within the
 *   run (two queues, two App processes) still choose a prefix per test.
 */
export default function setup(): (() => Promise<void>) | undefined {
  ensureSubset();
  const url = process.env.REDIS_URL;
  if (!url || process.env.EDITORIAL_REVIEW_REDIS_PREFIX) return undefined;
  const prefix = `er-run-${randomUUID()}`;
  process.env.EDITORIAL_REVIEW_REDIS_PREFIX = prefix;
  return () => removeKeys(url, `${prefix}:*`);
}

/** Deletes the keys matching `pattern` (SCAN, never KEYS on a shared server); a Redis gone meanwhile is no failure. */
export async function removeKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) if (keys.length) await redis.unlink(...keys);
  } catch {
    // nothing to clean, or no Redis any more
  } finally {
    redis.disconnect();
  }
}
