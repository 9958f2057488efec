import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OctokitClient, type OctokitLike } from '../../src/github/client.js';
import { lockMarker, postReview, STALE_PENDING_MS } from '../../src/review/post-review.js';
import { ReviewInProgress, StandDown } from '../../src/review/verdict.js';
import { markersIn } from '../../src/review/markdown.js';
import { BOT_LOGIN } from '../fake-github/server.js';
import { APP_SLUG, OWNER, REPO, SECRET, signedPost, startApp, TEST_CLIENT } from './harness.js';
import { until, useAppProcesses, type AppProcess } from './process.js';

/**
 * GitHub's own lock on posting a review (post-review.ts): a user may hold one PENDING review per pull
 * request, so the App creates its review PENDING, checks that no review of its own landed meanwhile, and
 * submits it. Two App processes, each with its own journal (no claim shared between them: what a flushed
 * Redis leaves), review one `opened` pull request; the first one's review POST is held by the fake GitHub
 * (a POST slower than any wait) until the other one's review is out, or the first one's submission is
 * held until the other one ran into its PENDING review. Either way: one review.
 */

const f = useAppProcesses();
const start = () => f.start({}, 'own');
const posted = (a: AppProcess) => a.logs.some((l) => l.msg === 'editorial-review run');
const stoodDown = (a: AppProcess) => a.logs.find((l) => String(l.msg).startsWith('editorial-review: nothing posted'));

/** A request the fake GitHub has answered (route, status). */
const answered = (route: string, status: number) => f.fake.log.some((r) => r.route === route && r.status === status);
const CREATE = 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews';

describe('one review when two App processes review one head and neither knows of the other', { timeout: 240_000 }, () => {
  it('the first one’s review POST arrives after the second one’s review is out: the first finds it while holding the lock and stands down', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    let held = false;
    f.fake.inject({ method: 'POST', path: '/pulls/1/reviews', status: 0, holdUntil: async () => {
      held = true;
      await until(() => f.published().length >= 1, 'the other review');
    } });
    const payload = f.opened();
    expect((await signedPost(a.url, 'pull_request', payload, SECRET, randomUUID())).status).toBe(202);
    await until(() => held, 'the first review POST to be on its way');
    expect((await signedPost(b.url, 'pull_request', payload, SECRET, randomUUID())).status).toBe(202);
    await until(() => posted(b) && stoodDown(a) !== undefined, 'one posting, the other standing down');
    expect(stoodDown(a)!.msg).toMatch(/^editorial-review: nothing posted: a review of ours \(\d+\) appeared on this head while the run worked/);
    expect(f.fake.violations).toEqual([]);
    expect(f.published()).toHaveLength(1);
    expect(f.fake.reviews.filter((r) => r.event === 'PENDING')).toEqual([]); // A deleted its pending review
    const keys = f.fake.comments.flatMap((c) => markersIn(c.body));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the second one runs into the first one’s PENDING review ("one pending review"): it backs off and, run again, posts nothing more', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    let held = false;
    f.fake.inject({ method: 'POST', path: '/events', status: 0, holdUntil: async () => {
      held = true;
      await until(() => answered(CREATE, 422), 'the other run to be refused');
    } });
    const payload = f.opened();
    expect((await signedPost(a.url, 'pull_request', payload, SECRET, randomUUID())).status).toBe(202);
    await until(() => held, 'the first review to be PENDING');
    expect((await signedPost(b.url, 'pull_request', payload, SECRET, randomUUID())).status).toBe(202);
    // "another run (…) is posting its review", or, when that review went out between the refusal and the look, "… held … a moment ago".
    await until(() => b.logs.some((l) => l.msg === 'editorial-review: run failed; will retry' && /^another run /.test(String(l.err))), 'the second run to back off');
    await until(() => f.published().length >= 1 && b.logs.filter((l) => l.msg === 'editorial-review: run started').length >= 2, 'the review and the retry');
    // The retry finds the review (or the claim) and posts no second one.
    await until(() => stoodDown(b) !== undefined || b.logs.some((l) => l.msg === 'editorial-review run' || String(l.msg).includes('already reviewed')), 'the retry to end');
    expect(f.fake.violations).toEqual([]);
    expect(f.published()).toHaveLength(1);
  });
});

describe('pending reviews of ours found when the lock is taken', () => {
  const gh = async (app: Awaited<ReturnType<typeof startApp>>) => new OctokitClient((await app.probot.auth(1)) as unknown as OctokitLike, OWNER, REPO, TEST_CLIENT);
  const review = (head: string) => ({ commit_id: head, event: 'COMMENT' as const, body: 'editorial-review: 1 finding', comments: [] });
  const pending = (body: string) => {
    const head = f.fake.repos.get(`${OWNER}/${REPO}`)!.pulls.get(1)!.headSha;
    f.fake.reviews.push({ id: 777, at: Date.now(), pull: 1, body, event: 'PENDING', commit_id: head, comments: 0, user: BOT_LOGIN, userType: 'Bot' });
    return head;
  };
  const login = `${APP_SLUG}[bot]`;

  it('another live run’s: the run backs off (transient, retried later); a stale one (a crashed run’s) and this run’s own are deleted', async () => {
    f.opened();
    const app = await startApp(f.fake, { load: false });
    const client = await gh(app);
    const head = pending(lockMarker('other@1', Date.now() - 1000));
    const error = await postReview(client, 1, review(head), { appLogin: login, lock: { runner: 'me@2' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewInProgress);
    expect((error as ReviewInProgress).transient).toBe(true);
    expect(f.published()).toHaveLength(0);

    f.fake.reviews.length = 0;
    pending(lockMarker('other@1', Date.now() - STALE_PENDING_MS - 1000));
    expect(await postReview(client, 1, review(head), { appLogin: login, lock: { runner: 'me@2' } })).toMatchObject({ deletedPending: 1 });
    expect(f.fake.deletedReviews).toEqual([777]);
    expect(f.published()).toHaveLength(1);

    f.fake.reviews.length = 0;
    pending(lockMarker('me@2', Date.now()));
    expect(await postReview(client, 1, review(head), { appLogin: login, lock: { runner: 'me@2' } })).toMatchObject({ deletedPending: 1 });
    expect(f.published()).toHaveLength(1);
    expect(f.fake.violations).toEqual([]);
  });

  it('a review of another run that landed while the lock was being taken: the PENDING review is deleted and the run stands down', async () => {
    f.opened();
    const app = await startApp(f.fake, { load: false });
    const client = await gh(app);
    const head = f.fake.repos.get(`${OWNER}/${REPO}`)!.pulls.get(1)!.headSha;
    const confirm = async () => ({ post: false as const, reason: 'a review of ours (1) appeared on this head while the run worked (another run posted it)' });
    await expect(postReview(client, 1, review(head), { appLogin: login, lock: { runner: 'me@2', confirm } })).rejects.toBeInstanceOf(StandDown);
    expect(f.fake.reviews).toEqual([]);
    expect(f.fake.deletedReviews).toHaveLength(1);
  });
});
