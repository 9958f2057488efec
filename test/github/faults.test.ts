import { beforeEach, describe, expect, it } from 'vitest';
import { markersIn } from '../../src/review/markdown.js';
import { PROBE_BUDGET } from '../../src/review/post-review.js';
import type { Plan } from '../../src/review/plan.js';
import { BOT_LOGIN, FakeGitHub } from '../fake-github/server.js';
import { deliver, TestRepo, type TestApp, useGitHub, pullRequestPush, FULL } from './harness.js';
import { CLEAN, DEFECTIVE } from './posts.js';

/**
 * GitHub faults scripted in the fake server (which validates every call against GitHub's OpenAPI
 * description): each one is survived, nothing is posted twice, nothing stale is posted, and the review is
 * never lost as a whole.
 */


let fake: FakeGitHub;
let repo: TestRepo;
let app: TestApp;

useGitHub((fixture) => ({ fake, repo, app } = fixture));

beforeEach(() => {
  repo.commit({ 'README.md': '# blog\n' });
  repo.checkout('pr', true);
});

const push = (action: 'opened' | 'synchronize' = 'opened', number = 1) => pullRequestPush({ fake, repo }, action, number);

function plans(): Plan[] {
  return app.runs.flatMap((r) => (r.outcome.kind === 'reviewed' ? [r.outcome.plan] : []));
}

const head = (n = 1) => fake.repos.get(FULL)!.pulls.get(n)!.headSha;
const failed = (status: number) => fake.log.filter((r) => r.status === status);

describe('GitHub faults', () => {
  it('5xx: three in a row are retried with backoff inside the run; a fourth fails the run, which the queue retries', async () => {
    repo.commit({ '_posts/a.md': DEFECTIVE(1) });
    for (const status of [500, 502, 503]) fake.inject({ method: 'GET', path: '/files', status });
    await deliver(app, 'pull_request', push());
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    expect(failed(500).length + failed(502).length + failed(503).length).toBe(3);

    // Four 502s on a read exhaust the client's 3 retries: the run fails and the job runs again (bounded).
    repo.commit({ '_posts/b.md': DEFECTIVE(2) });
    fake.inject({ method: 'GET', path: '/contents/_posts/b.md', status: 502, times: 4 });
    await deliver(app, 'pull_request', push('synchronize'));
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(2);
    expect(fake.reviews.at(-1)!.commit_id).toBe(head());
    expect(app.queue!.stats.failures).toBe(1);
    expect(app.queue!.stats.givenUp).toBe(0);
    expect(await app.queue!.pending()).toEqual([]);
  });

  it('a permanent failure (GitHub 404 on the file list, three runs): given up with a neutral check run that says why; an outage is retried instead', async () => {
    repo.commit({ '_posts/a.md': DEFECTIVE(1) });
    fake.inject({ method: 'GET', path: '/files', status: 404, times: 3, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } });
    await deliver(app, 'pull_request', push());
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(0);
    expect(app.queue!.stats.givenUp).toBe(1);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]!.conclusion).toBe('neutral');
    expect(fake.checkRuns[0]!.output.title).toBe('The review could not be completed');
    expect(fake.checkRuns[0]!.output.summary).toContain('after 3 attempts');

    // 502 on every call for longer than the client's own retries: the run is retried until GitHub is back.
    repo.commit({ '_posts/b.md': DEFECTIVE(2) });
    fake.inject({ status: 502, until: Date.now() + 1500 });
    await deliver(app, 'pull_request', push('synchronize'));
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviews[0]!.commit_id).toBe(head());
    expect(app.queue!.stats.givenUp).toBe(1);
  });

  it('connection resets: before the answer (retried) and after GitHub stored the review (not posted twice)', async () => {
    repo.commit({ '_posts/a.md': DEFECTIVE(1) });
    fake.inject({ method: 'GET', path: '/contents/_posts/a.md', status: 0, reset: 'before' });
    fake.inject({ method: 'POST', path: '/reviews', status: 0, reset: 'after' });
    await deliver(app, 'pull_request', push());
    expect(fake.violations).toEqual([]);
    expect(fake.log.filter((r) => r.status === 0)).toHaveLength(2);
    expect(fake.reviews).toHaveLength(1); // stored once, found by the listing, not re-posted
    expect(fake.checkRuns).toHaveLength(1);
    const keys = fake.comments.flatMap((c) => markersIn(c.body));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('secondary rate limits: 429 and 403 with retry-after are waited out, then the calls succeed', async () => {
    repo.commit({ '_posts/a.md': DEFECTIVE(1) });
    const limited = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest' };
    fake.inject({ method: 'POST', path: '/check-runs', status: 429, headers: { 'retry-after': '1' }, body: limited });
    fake.inject({ method: 'GET', path: '/contents/.github', status: 403, headers: { 'retry-after': '1' }, body: limited });
    await deliver(app, 'pull_request', push());
    expect(fake.violations).toEqual([]);
    expect(failed(429)).toHaveLength(1);
    expect(failed(403)).toHaveLength(1);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(1);
  });

  it('422 on a review, the diff changed meanwhile: comments that no longer anchor move into the body, the rest is posted', async () => {
    repo.commit({ '_posts/a.md': DEFECTIVE(1), '_posts/b.md': DEFECTIVE(2) });
    const payload = push();
    let moved = false;
    fake.onRequest = (method, path) => {
      // Between the plan and the post, GitHub stops showing b.md's diff.
      if (!moved && method === 'POST' && path.endsWith('/reviews')) {
        moved = true;
        delete fake.repos.get(FULL)!.pulls.get(1)!.files.find((f) => f.filename === '_posts/b.md')!.patch;
      }
    };
    await deliver(app, 'pull_request', payload);
    expect(fake.violations).toEqual([]);
    const plan = plans()[0]!;
    const planned = plan.review!.comments;
    expect(planned.some((c) => c.path === '_posts/b.md')).toBe(true);
    expect(fake.reviews).toHaveLength(1);
    const review = fake.reviews[0]!;
    expect(fake.comments.every((c) => c.path === '_posts/a.md')).toBe(true);
    expect(fake.comments).toHaveLength(planned.filter((c) => c.path === '_posts/a.md').length);
    // Nothing lost: every planned comment's fingerprint is either a comment or in the body.
    const everywhere = new Set([...fake.comments.flatMap((c) => markersIn(c.body)), ...markersIn(review.body)]);
    for (const c of planned) for (const key of markersIn(c.body)) expect(everywhere.has(key)).toBe(true);
    expect(review.body).toContain('could not be placed on the diff');
    expect(fake.checkRuns[0]!.output.summary).toContain('could not be placed on the diff');
    // 422, the file listing, the accepted review: no probing needed.
    expect(fake.requests().filter((r) => r.method === 'POST' && r.route.endsWith('/reviews'))).toHaveLength(2);
  });

  it('422 that names no comment (GitHub refuses one that looks valid): bisected with pending probes, bounded; the rest is posted', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`_posts/p${i}.md`] = DEFECTIVE(i);
    repo.commit(files);
    const payload = push();
    let victim: string | undefined;
    fake.refuseComment = (c) => {
      // The first comment on p3.md the App ever sends is the one GitHub refuses.
      if (c.path === '_posts/p3.md') victim ??= String(c.body);
      return c.body === victim;
    };
    await deliver(app, 'pull_request', payload);
    expect(fake.violations).toEqual([]);
    const planned = plans()[0]!.review!.comments;
    const refused = planned.filter((c) => fake.refuseComment!(c as unknown as Record<string, unknown>));
    expect(refused).toHaveLength(1);
    const published = fake.reviews.filter((r) => r.event !== 'PENDING');
    expect(published).toHaveLength(1);
    expect(fake.reviews.filter((r) => r.event === 'PENDING')).toEqual([]); // every probe deleted
    expect(fake.comments.filter((c) => c.review_id === published[0]!.id)).toHaveLength(planned.length - refused.length);
    for (const c of refused) for (const key of markersIn(c.body)) expect(markersIn(published[0]!.body)).toContain(key);
    const posts = fake.requests().filter((r) => r.method === 'POST' && r.route.endsWith('/reviews')).length;
    expect(posts).toBeLessThanOrEqual(1 + 1 + PROBE_BUDGET + 1 + 1);
    console.log(`422 bisection: ${planned.length} comments, 1 refused, ${posts} review POSTs, ${fake.deletedReviews.length} probes deleted`);
    expect(fake.deletedReviews.length).toBeGreaterThan(0);
  });

  it('a pending review left by a crashed run ("can only have one pending review"): deleted, its comments not counted as posted', async () => {
    repo.commit({ '_posts/a.md': DEFECTIVE(1) });
    await deliver(app, 'pull_request', push());
    const first = fake.reviews[0]!;
    // A crash left a PENDING review holding a comment of the next push.
    repo.commit({ '_posts/b.md': DEFECTIVE(2) });
    const payload = push('synchronize');
    const pendingId = 999_999;
    fake.reviews.push({ id: pendingId, at: Date.now(), pull: 1, body: '', event: 'PENDING', commit_id: head(), comments: 1, user: BOT_LOGIN, userType: 'Bot' });
    await deliver(app, 'pull_request', payload);
    expect(fake.violations).toEqual([]);
    expect(fake.deletedReviews).toEqual([pendingId]);
    const published = fake.reviews.filter((r) => r.event !== 'PENDING');
    expect(published.map((r) => r.id)).toEqual([first.id, published[1]!.id]);
    expect(published[1]!.commit_id).toBe(head());
    expect(fake.comments.some((c) => c.path === '_posts/b.md' && c.review_id === published[1]!.id)).toBe(true);
  });

  it('a file deleted between events: skipped with a note, the other posts reviewed', async () => {
    repo.commit({ '_posts/a.md': DEFECTIVE(1), '_posts/gone.md': DEFECTIVE(2) });
    const payload = push();
    fake.inject({ method: 'GET', path: '/contents/_posts/gone.md', status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } });
    await deliver(app, 'pull_request', payload);
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.comments.some((c) => c.path === '_posts/gone.md')).toBe(false);
    expect(fake.comments.some((c) => c.path === '_posts/a.md')).toBe(true);
    expect(fake.checkRuns[0]!.output.summary).toContain('not found at the head commit');
  });

  it('the head moved during the run: nothing stale is posted; the newer push gets the one review', async () => {
    repo.commit({ '_posts/a.md': DEFECTIVE(1) });
    const payload = push();
    const old = head();
    let pushed: ReturnType<typeof push> | undefined;
    fake.onRequest = (method, path) => {
      if (!pushed && method === 'GET' && path.includes('/contents/_posts/a.md')) {
        repo.commit({ '_posts/b.md': DEFECTIVE(2) });
        pushed = push('synchronize');
      }
    };
    await app.probot.receive({ id: 'd-old', name: 'pull_request', payload } as never);
    await app.queue!.idle();
    expect(pushed).toBeDefined();
    await deliver(app, 'pull_request', pushed!);
    expect(fake.violations).toEqual([]);
    expect(fake.reviews.map((r) => r.commit_id)).toEqual([head()]);
    expect(fake.checkRuns.map((r) => r.head_sha)).not.toContain(old);
    expect(app.runs.map((r) => r.outcome.kind)).toContain('superseded');
    // The log names the reason the run stood down.
    const stood = app.logs.filter((l) => String(l.msg).startsWith('editorial-review: nothing posted'));
    expect(stood.map((l) => l.msg)).toEqual([`editorial-review: nothing posted: the head moved to ${head().slice(0, 12)} (a newer push)`]);
  });

  it('an installation token that expires mid-run: 401, a new token, the call retried', async () => {
    repo.commit({ '_posts/a.md': DEFECTIVE(1), '_posts/b.md': CLEAN(2) });
    const payload = push();
    let expired = false;
    fake.onRequest = (method, path) => {
      if (!expired && path.includes('/contents/_posts/')) {
        expired = true;
        fake.expireTokens();
      }
    };
    await deliver(app, 'pull_request', payload);
    expect(fake.violations).toEqual([]);
    expect(failed(401).length).toBeGreaterThan(0);
    expect(fake.log.filter((r) => r.route.endsWith('/access_tokens')).length).toBe(2);
    expect(fake.reviews).toHaveLength(1);
    expect(plans()[0]!.stats.posts).toBe(2);
  });
});
