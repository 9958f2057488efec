import { describe, expect, it } from 'vitest';
import { mayPost, reviewsOnHead, type FenceTarget } from '../../src/github/fence.js';
import { OctokitClient, type OctokitLike } from '../../src/github/client.js';
import type { MemoryJournal } from '../../src/queue/journal.js';
import type { ReviewQueue } from '../../src/queue/queue.js';
import { APP_SLUG, deliver, startApp, FULL, OWNER, pullRequestPush, REPO, TEST_CLIENT, useGitHub, type GitHubFixture } from './harness.js';
import { DEFECTIVE } from './posts.js';

/**
 * One review per head when the queue's record of claimed heads is lost (Redis flushed or replaced while
 * two instances hold one pull request's job): before posting, the run also looks for a review of ours on
 * the head on GitHub, and claims the head again. The fake GitHub stands for GitHub; the journal's
 * `heads` map is cleared to stand for the flush, at the exact points where the race lost a review.
 */

let f: GitHubFixture;
let journal: MemoryJournal;
useGitHub((fixture) => {
  f = fixture;
  journal = (f.app.queue as ReviewQueue).journal as MemoryJournal;
});

const published = () => f.fake.reviews.filter((r) => r.event !== 'PENDING');

async function pullRequest(): Promise<ReturnType<typeof pullRequestPush>> {
  f.repo.commit({ 'README.md': '# blog\n' });
  f.repo.checkout('pr', true);
  f.repo.commit({ '_posts/a.md': DEFECTIVE(1) });
  return pullRequestPush(f);
}

async function client(): Promise<OctokitClient> {
  return new OctokitClient((await f.app.probot.auth(1)) as unknown as OctokitLike, OWNER, REPO, TEST_CLIENT);
}

describe('the fence before posting: one review per head when the claim record is lost', () => {
  it('a second instance gets the same opened pull request under another delivery id after the claims were flushed: no second review', async () => {
    const payload = await pullRequest();
    await deliver(f.app, 'pull_request', payload, 'first');
    expect(published()).toHaveLength(1);
    // Instance B with an empty record of claimed heads (Redis flushed): to it the delivery is a fresh `opened`.
    const b = await startApp(f.fake);
    await deliver(b, 'pull_request', payload, 'second');
    expect(f.fake.violations).toEqual([]);
    expect(published()).toHaveLength(1);
    expect(b.runs.map((r) => r.outcome.kind)).toEqual(['superseded']);
    // The log says why B stood down: no newer push here, but A's review on the head.
    const stood = b.logs.filter((l) => String(l.msg).startsWith('editorial-review: nothing posted'));
    expect(stood.map((l) => l.msg)).toEqual([`editorial-review: nothing posted: a review of ours (${published()[0]!.id}) appeared on this head while the run worked (another run posted it)`]);
  });

  it('a run that posted its review and failed before its check run: the retry posts the check run, not a second review', async () => {
    const payload = await pullRequest();
    // Every check-run POST of the first attempt fails (the client's own retries included).
    f.fake.inject({ method: 'POST', path: '/check-runs', status: 502, times: 4 });
    await deliver(f.app, 'pull_request', payload, 'first');
    expect(f.fake.violations).toEqual([]);
    expect(f.app.queue!.stats.failures).toBe(1);
    expect(published()).toHaveLength(1);
    expect(f.fake.checkRuns).toHaveLength(1);
  });

  it('the review POST fails through GitHub\'s outage and the outage ends before the check run: the retry posts the review (not a check run alone)', async () => {
    const payload = await pullRequest();
    // The pending review's creation fails on every try of the first attempt (the client's own retries included); the check run would succeed.
    f.fake.inject({ method: 'POST', path: '/reviews', status: 502, times: 4 });
    await deliver(f.app, 'pull_request', payload, 'first');
    expect(f.fake.violations).toEqual([]);
    expect(f.app.queue!.stats.failures).toBe(1);
    expect(published()).toHaveLength(1);
    expect(f.fake.checkRuns).toHaveLength(1);
    expect(f.fake.checkRuns[0]!.output.summary).not.toContain('could not be posted');
  });

  it('a late delivery of an older push arrives between the run\'s claim on the head and its post: the run still posts (the queued job finds the head reviewed)', async () => {
    const older = await pullRequest();
    f.repo.commit({ '_posts/b.md': DEFECTIVE(2) });
    const newer = pullRequestPush(f, 'synchronize');
    const head = f.fake.repos.get(FULL)!.pulls.get(1)!.headSha;
    let late = false;
    // The fence's look for a review of ours comes right after its claim: the older push's delivery lands then (seen under load in test/github/load.test.ts).
    f.fake.inject({
      method: 'GET',
      path: '/pulls/1/reviews',
      status: 0,
      until: Date.now() + 120_000,
      holdUntil: async () => {
        if (late || !journal.heads.get(`${FULL}#1`)?.startsWith(head)) return;
        late = true;
        await f.app.probot.receive({ id: 'late-older-push', name: 'pull_request', payload: older } as Parameters<typeof f.app.probot.receive>[0]);
      },
    });
    await deliver(f.app, 'pull_request', newer, 'newer-push');
    await f.app.queue!.idle();
    expect(late).toBe(true);
    expect(f.fake.violations).toEqual([]);
    expect(published().filter((r) => r.commit_id === head)).toHaveLength(1);
    expect(f.fake.checkRuns.filter((c) => c.head_sha === head)).toHaveLength(1);
  });

  it('a review of ours that appeared on the head while the run worked (another execution posted it): the run stands down', async () => {
    const payload = await pullRequest();
    await deliver(f.app, 'pull_request', payload, 'first');
    const head = f.fake.repos.get(FULL)!.pulls.get(1)!.headSha;
    const gh = await client();
    const login = `${APP_SLUG}[bot]`;
    const posted = await reviewsOnHead(gh, 1, head, login);
    expect(posted.size).toBe(1);
    const holder = journal.heads.get(`${FULL}#1`)!.split(' ')[1]!;
    // The same job run twice at once (a stalled worker that was alive): same claim, but it planned before the review existed.
    const target: FenceTarget = { client: gh, heads: journal, key: `${FULL}#1`, pull: 1, headSha: head, runner: holder, again: false, known: new Set(), appLogin: login };
    expect(await mayPost(target)).toEqual({ post: false, reason: `a review of ours (${[...posted][0]}) appeared on this head while the run worked (another run posted it)` });
    // A run that planned around that review (a retry, a re-requested check) may post what is new.
    expect((await mayPost({ ...target, known: posted })).post).toBe(true);
    expect((await mayPost({ ...target, runner: 'rerun@2', again: true, known: posted })).post).toBe(true);
  });

  it('two runs that both claimed after a flush and both found nothing on GitHub: the one whose claim was overwritten stands down', async () => {
    await pullRequest();
    const gh = await client();
    const head = f.fake.repos.get(FULL)!.pulls.get(1)!.headSha;
    const key = `${FULL}#1`;
    const b: FenceTarget = { client: gh, heads: journal, key, pull: 1, headSha: head, runner: 'b@2', again: false, known: new Set() };
    // While A looks on GitHub, Redis is flushed and B claims the head.
    const aClient = {
      getPull: (n: number) => gh.getPull(n),
      listReviews: async (n: number) => {
        const reviews = await gh.listReviews(n);
        journal.heads.clear();
        expect(await journal.claim(key, head, b.runner)).toBe(true);
        return reviews;
      },
    };
    expect(await mayPost({ ...b, client: aClient, runner: 'a@1' })).toEqual({ post: false, reason: 'another job claimed this head after the claims were lost' });
    expect((await mayPost(b)).post).toBe(true);
    // A moved head stops any run.
    expect(await mayPost({ ...b, headSha: 'f'.repeat(40) })).toEqual({ post: false, reason: `the head moved to ${head.slice(0, 12)} (a newer push)` });
    // A head another job holds (no re-request): that job posts.
    expect(await mayPost({ ...b, runner: 'c@3' })).toEqual({ post: false, reason: 'another job holds the claim on this head' });
  });

  it('after Redis lost its data, the run waits for a review posted before the loss to land before it looks', async () => {
    const payload = await pullRequest();
    const head = f.fake.repos.get(FULL)!.pulls.get(1)!.headSha;
    // The store reports a loss just now; the first run's review reaches GitHub while the second one waits.
    const heads = Object.assign(Object.create(journal) as typeof journal, { lostAt: async () => Date.now() });
    const waits: number[] = [];
    const target: FenceTarget = {
      client: await client(),
      heads,
      key: `${FULL}#1`,
      pull: 1,
      headSha: head,
      runner: 'after-flush@2',
      again: false,
      known: new Set(),
      inFlightMs: 5000,
      sleep: async (ms) => {
        waits.push(ms);
        // The run that claimed before the flush: its review lands now (here it claims and posts in one go).
        const claimed = new Map(journal.heads);
        journal.heads.clear();
        await deliver(f.app, 'pull_request', payload, 'before-flush');
        journal.heads.clear();
        for (const [k, v] of claimed) journal.heads.set(k, v); // the flush took its claim; this run's stands
      },
    };
    expect((await mayPost(target)).post).toBe(false);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(4000);
    expect(published()).toHaveLength(1);
    // No loss reported: no wait.
    expect((await mayPost({ ...target, heads: journal, runner: 'later@3', sleep: async () => expect.fail('waited without a loss') })).post).toBe(false);
  });
});
