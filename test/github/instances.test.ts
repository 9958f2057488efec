import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markersIn } from '../../src/review/markdown.js';
import { FakeGitHub } from '../fake-github/server.js';
import { FULL, OWNER, pullRequestPayload, REPO, SECRET, signedPost, TestRepo } from './harness.js';
import { DEFECTIVE } from './posts.js';
import { spawnApp, until, workDir, type AppProcess } from './process.js';

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
  let fake: FakeGitHub;
  let repo: TestRepo;
  let prefix: string;
  const dirs: ReturnType<typeof workDir>[] = [];
  const apps: AppProcess[] = [];
  const redis = url ? new Redis(url) : undefined;

  beforeEach(async () => {
    fake = await new FakeGitHub().start();
    repo = new TestRepo('main');
    prefix = `er-test-${randomUUID()}`;
    repo.commit({ 'README.md': '# blog\n' });
    repo.checkout('pr', true);
    repo.commit({ '_posts/a.md': DEFECTIVE(1), '_posts/b.md': DEFECTIVE(2) });
    fake.addRepo(FULL, repo.dir, 'main');
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) {
      app.kill('SIGKILL');
      await app.exited;
    }
    await fake.stop();
    repo.remove();
    for (const d of dirs.splice(0)) d.remove();
    const keys = await redis!.keys(`${prefix}*`);
    if (keys.length) await redis!.del(...keys);
  });

  afterAll(async () => {
    await redis?.quit();
  });

  async function start(env: Record<string, string> = {}): Promise<AppProcess> {
    const dir = workDir();
    dirs.push(dir);
    const app = await spawnApp(fake, { cwd: dir.dir, env: { REDIS_URL: url!, EDITORIAL_REVIEW_REDIS_PREFIX: prefix, ...env } });
    apps.push(app);
    return app;
  }

  function opened(): Record<string, unknown> {
    const pull = fake.setPull(FULL, 1, 'main', 'pr');
    return pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' });
  }
  const published = () => fake.reviews.filter((r) => r.event !== 'PENDING');

  it('two instances receive the same opened pull request under two delivery ids: one review', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const payload = opened();
    const answers = await Promise.all([signedPost(a.url, 'pull_request', payload, SECRET, randomUUID()), signedPost(b.url, 'pull_request', payload, SECRET, randomUUID())]);
    expect(answers.map((r) => r.status)).toEqual([202, 202]);
    await until(() => published().length >= 1 && fake.checkRuns.length >= 1, 'the review');
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.violations).toEqual([]);
    expect(published()).toHaveLength(1);
    const keys = fake.comments.flatMap((c) => markersIn(c.body));
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
    fake.inject({ method: 'GET', path: '/contents/_posts/', status: 0, delayMs: 2000 });
    let reading = false;
    fake.onRequest = (_m, path) => {
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
    await until(() => published().length >= 1, 'the live instance to post the review', 60_000);
    const took = published()[0]!.at - killedAt;
    console.log(`dead instance's job: review posted by the live one ${took} ms after the SIGKILL`);
    await new Promise((r) => setTimeout(r, 500));
    expect(published()).toHaveLength(1);
    expect(live.proc.exitCode).toBeNull();
  });
});
