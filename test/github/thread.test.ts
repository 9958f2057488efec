import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { receiveError, sendError } from '../../src/review/thread.js';
import { ReviewInProgress, StandDown } from '../../src/review/verdict.js';
import { isTransient } from '../../src/review/client.js';
import { isTransientFailure } from '../../src/queue/failure.js';
import { seedPath } from '../helpers.js';
import { git } from '../fake-github/server.js';
import { deliver, FULL, issueCommentPayload, lastReview, OWNER, pullRequestPush, REPO, setUpGitHub, tearDownGitHub, type GitHubFixture } from './harness.js';
import { DEFECTIVE } from './posts.js';

// The five seeds are posts of ai-blog-system (MIT), see ../shared/seeds/README.md.
const seed = (n: number) => readFileSync(seedPath(n), 'utf8');

const fixtures: GitHubFixture[] = [];
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await tearDownGitHub(fixture);
});

/** The same pull request reviewed by an App: base-branch posts, a near copy of one of them, a seed post, defective posts. */
async function reviewed(reviewThread: boolean) {
  const fixture = await setUpGitHub({ reviewThread });
  fixtures.push(fixture);
  const { fake, repo, app } = fixture;
  repo.commit({ 'README.md': '# blog\n', '_posts/2025-09-01-base-a.md': seed(1), '_posts/2025-09-02-base-b.md': seed(2) });
  repo.checkout('pr', true);
  repo.commit({
    '_posts/2025-12-30-new.md': seed(0),
    '_posts/2025-12-31-copy.md': seed(1).replace(/^title: .*$/m, 'title: "A title of its own for a copied post"'),
    ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`_posts/2024-01-0${i + 1}-d${i}.md`, DEFECTIVE(i)])),
  });
  await deliver(app, 'pull_request', pullRequestPush({ fake, repo }, 'opened'));
  const outcome = lastReview(app);
  const sha = /[0-9a-f]{40}/g;
  // The review carries its run's id and time (the post lock's marker): the one part that differs.
  const run = /<!-- editorial-review:posting [^>]*-->/g;
  return {
    findings: outcome.findings.map((f) => `${f.path}:${f.line} ${f.severity} ${f.rule} ${f.message}`),
    posts: outcome.posts.map((p) => `${p.path} ${p.lines.count ?? ''} ${p.text.length}`),
    review: fake.reviews.map((r) => `${r.event} ${r.body.replace(sha, 'SHA').replace(run, 'RUN')}`),
    comments: fake.comments.map((c) => `${c.path}:${c.line} ${c.body.replace(sha, 'SHA')}`),
    checkRuns: fake.checkRuns.map((r) => `${r.conclusion} ${r.output.title} ${(r.output.summary ?? '').replace(sha, 'SHA')}`),
    violations: fake.violations,
    runLines: app.logs.filter((l) => l.msg === 'editorial-review run').map((l) => ({ delivery: typeof l.delivery, findings: l.findings })),
  };
}

/** `/editorial-review fix` on a pull request of two seed posts with fixable defects: the commit, the reply, the fresh check. */
async function fixed(reviewThread: boolean) {
  const fixture = await setUpGitHub({ reviewThread });
  fixtures.push(fixture);
  const { fake, repo, app } = fixture;
  const posts = { '_posts/2025-12-30-amazon-ai.md': seed(0), '_posts/2025-12-31-second.md': seed(1) };
  repo.commit({ 'README.md': '# blog\n' });
  repo.checkout('pr', true);
  repo.commit(posts);
  await deliver(app, 'pull_request', pullRequestPush({ fake, repo }, 'opened'));
  fake.permissions.set('maintainer', 'write');
  await deliver(app, 'issue_comment', issueCommentPayload({ owner: OWNER, repo: REPO, number: 1, defaultBranch: 'main', body: '/editorial-review fix', user: { login: 'maintainer' } }));
  const head = fake.repos.get(FULL)!.pulls.get(1)!.headSha;
  const sha = /[0-9a-f]{40}/g;
  return {
    commits: fake.createdCommits.length,
    files: Object.keys(posts).map((path) => git(repo.dir, ['show', `${head}:${path}`])),
    replies: fake.issueComments.map((c) => c.body),
    checkRuns: fake.checkRuns.map((r) => `${r.head_sha === head} ${r.conclusion} ${(r.output.summary ?? '').replace(sha, 'SHA')}`),
    violations: fake.violations,
    outcomes: app.logs.filter((l) => l.msg === 'editorial-review: fix request').map((l) => l.outcome),
  };
}

describe('the review thread (review/thread.ts)', { timeout: 180_000 }, () => {
  it('gives the review the webhook thread gives: the same findings, comments, check run and log line, the base branch compared', async () => {
    const inThread = await reviewed(true);
    const here = await reviewed(false);
    expect(inThread.violations).toEqual([]);
    expect(inThread.findings.some((f) => f.includes('duplication/near-duplicate-post'))).toBe(true); // the base branch's post was compared
    expect(inThread.comments.length).toBeGreaterThan(0);
    expect(inThread).toEqual(here);
    // The run's log line comes through the webhook thread's logger, with the delivery it belongs to.
    expect(inThread.runLines).toEqual([{ delivery: 'string', findings: inThread.findings.length }]);
  });

  it('gives the fix request the webhook thread gives: the same commit, reply and check of the new head', async () => {
    const inThread = await fixed(true);
    const here = await fixed(false);
    expect(inThread.violations).toEqual([]);
    expect(inThread.commits).toBe(1);
    expect(inThread.outcomes).toEqual(['committed']);
    expect(inThread).toEqual(here);
  });

  it('errors cross with what the retry decisions read: class, status, code, transient, rate-limit headers, cause; never the request', () => {
    const outage = Object.assign(new Error('Bad Gateway'), { name: 'HttpError', status: 502, request: { headers: { authorization: 'token secret' } } });
    const limited = Object.assign(new Error('API rate limit exceeded'), { status: 403, response: { headers: { 'x-ratelimit-remaining': '0', 'set-cookie': 'x' }, data: {} } });
    const redis = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const wrapped = new Error('run failed', { cause: redis });
    const cross = (e: unknown) => receiveError(structuredClone(sendError(e)));

    const a = cross(outage) as Error & Record<string, unknown>;
    expect([a.name, a.message, a.status, isTransient(a), isTransientFailure(a), 'request' in a]).toEqual(['HttpError', 'Bad Gateway', 502, true, true, false]);
    const b = cross(limited) as Error & { response: { headers: Record<string, string> } };
    expect(b.response.headers).toEqual({ 'x-ratelimit-remaining': '0' });
    expect(isTransientFailure(b)).toBe(true);
    expect(isTransientFailure(cross(wrapped))).toBe(true);
    expect(isTransientFailure(cross(Object.assign(new Error('Not Found'), { status: 404 })))).toBe(false);
    expect(cross(new StandDown('the head moved'))).toBeInstanceOf(StandDown);
    const lock = cross(new ReviewInProgress('another run posts'));
    expect(lock).toBeInstanceOf(ReviewInProgress);
    expect(isTransientFailure(lock)).toBe(true);
    expect(cross('the App is shutting down')).toBe('the App is shutting down');
  });
});
