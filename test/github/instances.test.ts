import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markersIn } from '../../src/review/markdown.js';
import { SECRET, signedPost } from './harness.js';
import { KILL_POINTS, expectOneReviewAfterTakeOver, killAndTakeOver, queuedJobs, until, useAppProcesses, type AppProcess } from './process.js';

/**
 * Several App processes on one Redis (the BullMQ queue), each its own OS process with its own working
 * directory, against the fake GitHub. Needs `REDIS_URL` (`.ci/run` starts a redis-server); each test uses
 * its own key prefix.
 */

const url = process.env.REDIS_URL;
if (!url && process.env.CI === 'true') {
  describe('several instances', () => {
    it('REDIS_URL is set on CI', () => expect.fail('CI=true but REDIS_URL is not set'));
  });
}

describe.skipIf(!url)('several App processes sharing Redis (BullMQ)', { timeout: 180_000 }, () => {
  let prefix: string;
  const redis = url ? new Redis(url) : undefined;

  beforeEach(() => {
    prefix = `er-test-${randomUUID()}`;
  });

  // Registered before the fixture's hooks, so it runs after them: the processes are gone by then.
  afterEach(async () => {
    const keys = await redis!.keys(`${prefix}*`);
    if (keys.length) await redis!.del(...keys);
  });

  const f = useAppProcesses();
  const { opened, published } = f;

  afterAll(async () => {
    await redis?.quit();
  });

  /** An App process with a working directory of its own, on the shared Redis. */
  const start = (env: Record<string, string> = {}) => f.start({ REDIS_URL: url!, EDITORIAL_REVIEW_REDIS_PREFIX: prefix, ...env }, 'own');
  /** No job left in the shared queue: no further review can come. */
  const settled = () => until(async () => (await queuedJobs(url!, prefix)) === 0, 'the shared queue to empty');

  it('two instances receive the same opened pull request under two delivery ids: one review', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const payload = opened();
    const answers = await Promise.all([signedPost(a.url, 'pull_request', payload, SECRET, randomUUID()), signedPost(b.url, 'pull_request', payload, SECRET, randomUUID())]);
    expect(answers.map((r) => r.status)).toEqual([202, 202]);
    await until(() => published().length >= 1 && f.fake.checkRuns.length >= 1, 'the review');
    await settled();
    expect(f.fake.violations).toEqual([]);
    expect(published()).toHaveLength(1);
    const keys = f.fake.comments.flatMap((c) => markersIn(c.body));
    expect(new Set(keys).size).toBe(keys.length);
    // The same delivery id at both: recorded once.
    const id = randomUUID();
    const again = await Promise.all([signedPost(a.url, 'pull_request', payload, SECRET, id), signedPost(b.url, 'pull_request', payload, SECRET, id)]);
    expect(again.map((r) => r.status).sort()).toEqual([200, 202]);
  });

  it('an instance killed mid-run: a live instance takes its job (lock 10 s, stalled check every 5 s) and posts the one review', async () => {
    const a = await start();
    const b = await start();
    // GitHub answers the post reads slowly, so the run is mid-way when its process dies.
    f.fake.inject({ method: 'GET', path: '/contents/_posts/', status: 0, delayMs: 2000 });
    let reading = false;
    f.fake.onRequest = (_m, path) => {
      if (path.includes('/contents/_posts/')) reading = true;
    };
    // Whichever instance takes the job, kill that one.
    expect((await signedPost(a.url, 'pull_request', opened(), SECRET, 'd-stalled')).status).toBe(202);
    await until(() => reading, 'a run to start');
    const started = (x: AppProcess) => x.logs.some((l) => l.delivery === 'd-stalled' && l.msg === 'editorial-review: run started');
    await until(() => started(a) || started(b), 'the run start in a log');
    const holder = started(a) ? a : b;
    const killedAt = Date.now();
    holder.kill('SIGKILL');
    await holder.exited;
    const live = holder === a ? b : a;
    await until(() => published().length >= 1, 'the live instance to post the review', 120_000);
    const took = published()[0]!.at - killedAt;
    console.log(`dead instance's job: review posted by the live one ${took} ms after the SIGKILL`);
    await settled();
    expect(published()).toHaveLength(1);
    expect(live.proc.exitCode).toBeNull();
  });

  describe('SIGKILL at five points of a run, another instance started after: it takes the job and posts the one review', () => {
    for (const point of KILL_POINTS) {
      it(point.name, async () => {
        await killAndTakeOver(f, point, await start(), () => start());
        await settled();
        expectOneReviewAfterTakeOver(f);
      });
    }
  });
});
