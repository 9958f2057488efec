import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MemoryJournal } from '../../src/queue/journal.js';
import { markersIn } from '../../src/review/markdown.js';
import type { Plan } from '../../src/review/plan.js';
import { BOT_LOGIN, FakeGitHub } from '../fake-github/server.js';
import { seedPath } from '../helpers.js';
import { checkRunRerequestedPayload, deliver, SECRET, startApp, TestRepo, type TestApp, useGitHub, lastReview, pullRequestPush, OWNER, REPO, FULL, type PayloadOptions, serveWebhooks, signedPost } from './harness.js';

const seedText = (n: number) => readFileSync(seedPath(n), 'utf8');
const CLEAN = (n: number) =>
  `---\nlayout: post\ntitle: "Release notes ${n}"\ndate: 2024-01-${String((n % 28) + 1).padStart(2, '0')} 10:00:00 +0000\n---\n\nThis release fixes a bug in the build of page ${n}. Thanks to everyone who reported it.\n`;

let fake: FakeGitHub;
let repo: TestRepo;
let app: TestApp;

useGitHub((fixture) => ({ fake, repo, app } = fixture));

/** Points PR #number at the current `pr` branch and returns the delivery for `action`. */
const push = (action: Parameters<typeof pullRequestPush>[1] = 'opened', number = 1, extra: PayloadOptions = {}) =>
  pullRequestPush({ fake, repo }, action, number, extra);

const lastPlan = (): Plan => lastReview(app).plan;

function basePr(files: Record<string, string>, base: Record<string, string> = { 'README.md': '# blog\n' }) {
  repo.commit(base);
  repo.checkout('pr', true);
  repo.commit(files);
}

describe('the App on a fake GitHub that validates every call against the OpenAPI description', () => {
  it('new post: one review at the head commit; every finding of a new file anchors as a comment', async () => {
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) });
    await deliver(app, 'pull_request', push('opened'));
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    const plan = lastPlan();
    expect(plan.stats.findings).toBeGreaterThan(0);
    expect(plan.stats.outsideDiff).toBe(0);
    expect(fake.reviews[0]!.commit_id).toBe(fake.repos.get(FULL)!.pulls.get(1)!.headSha);
    expect(plan.stats.overflow).toBe(0);
    expect(fake.comments).toHaveLength(plan.stats.comments);
    // Every finding is in some comment (several findings fixed by one suggestion share it).
    const posted = new Set(fake.comments.flatMap((c) => markersIn(c.body)));
    expect(posted.size).toBeGreaterThanOrEqual(plan.stats.findings);
    expect(fake.checkRuns.map((r) => r.name)).toEqual(['editorial-review']);
    expect(fake.checkRuns[0]!.annotations).toHaveLength(plan.annotations.length);
    // One log line per run, with counts and timing.
    const runLines = app.logs.filter((l) => l.msg === 'editorial-review run');
    expect(runLines).toHaveLength(1);
    expect(runLines[0]).toMatchObject({ pull: 1, findings: plan.stats.findings, comments: fake.comments.length });
    expect(typeof runLines[0]!.ms).toBe('number');
  });

  it('edited post: findings outside the diff (front matter) go to the review body and annotations, never comments[]', async () => {
    const post = seedText(0).replace(/\n$/, '');
    // The post is on the default branch already; the PR edits its last paragraph only.
    basePr(
      { '_posts/old.md': `${post}\n\nA closing paragraph that was rewritten by hand, and is longer now.\n` },
      { '_posts/old.md': `${post}\n\nA closing paragraph that was written by hand.\n` },
    );
    await deliver(app, 'pull_request', push('opened'));
    expect(fake.violations).toEqual([]);
    const plan = lastPlan();
    expect(plan.stats.outsideDiff).toBeGreaterThan(0);
    const frontMatterFindings = plan.annotations.filter((a) => a.end_line <= 10);
    expect(frontMatterFindings.length).toBeGreaterThan(0);
    for (const c of fake.comments) expect(c.line).toBeGreaterThan(10);
    expect(fake.reviews[0]!.body).toContain('Outside the lines this pull request changed');
  });

  it('fork PR: reads and writes only the base repository (the fork is not reachable)', async () => {
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) });
    await deliver(app, 'pull_request', push('opened', 1, { fork: 'someone/Hello-World' }));
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.requests().every((r) => !r.url.includes('/someone/'))).toBe(true);
  });

  it('two pushes in a row: no repeated comment; the fixed finding is minimised; a re-run on the same head posts nothing', async () => {
    const text = seedText(1);
    basePr({ '_posts/2025-12-21-aws.md': text });
    await deliver(app, 'pull_request', push('opened'));
    const first = lastPlan();
    const firstKeys = fake.comments.flatMap((c) => markersIn(c.body));
    expect(firstKeys.length).toBeGreaterThan(1);
    // The author applies one suggestion (the first comment with one).
    const withFix = fake.comments.find((c) => c.body.includes('```suggestion'))!;
    const lines = text.split('\n');
    const start = (withFix.start_line ?? withFix.line) - 1;
    const suggestion = /```+suggestion\n([\s\S]*?)\n?```+\n/.exec(withFix.body)![1]!;
    lines.splice(start, withFix.line - start, ...(suggestion === '' ? [] : suggestion.split('\n')));
    repo.commit({ '_posts/2025-12-21-aws.md': lines.join('\n') });
    fake.resetLog();
    await deliver(app, 'pull_request', push('synchronize'));
    expect(fake.violations).toEqual([]);
    const allKeys = fake.comments.flatMap((c) => markersIn(c.body));
    expect(new Set(allKeys).size).toBe(allKeys.length); // never the same finding twice
    expect(fake.comments.find((c) => c.id === withFix.id)!.minimized).toBe(true);
    expect(lastPlan().stats.alreadyPosted).toBeGreaterThan(0);
    expect(first.stats.comments).toBeGreaterThan(0);
    const secondPush = fake.requests().length;
    // Another delivery for the same head (a reopen): the head is reviewed already, no run at all.
    const reviews = fake.reviews.length;
    const comments = fake.comments.length;
    const runs = app.runs.length;
    await deliver(app, 'pull_request', push('reopened'));
    expect(app.runs).toHaveLength(runs);
    // A re-requested check does run again on the same head, and posts nothing new.
    const head = fake.repos.get(FULL)!.pulls.get(1)!.headSha;
    await deliver(app, 'check_run', checkRunRerequestedPayload({ owner: OWNER, repo: REPO, headSha: head, defaultBranch: 'main', pulls: [1] }));
    expect(app.runs).toHaveLength(runs + 1);
    expect(fake.reviews).toHaveLength(reviews);
    expect(fake.comments).toHaveLength(comments);
    expect(lastPlan().review).toBeNull();
    expect(secondPush).toBeGreaterThan(0);
  });

  it('force-push: the review goes on the new head and does not repeat comments of the rewritten commits', async () => {
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) });
    await deliver(app, 'pull_request', push('opened'));
    const firstComments = fake.comments.length;
    repo.git(['reset', '-q', '--hard', 'main']);
    repo.commit({ '_posts/2025-12-30-amazon-ai.md': seedText(0), '_posts/2025-12-17-bedrock.md': seedText(4) }, 'rewritten');
    await deliver(app, 'pull_request', push('synchronize'));
    expect(fake.violations).toEqual([]);
    const head = fake.repos.get(FULL)!.pulls.get(1)!.headSha;
    expect(fake.reviews.at(-1)!.commit_id).toBe(head);
    const keys = fake.comments.flatMap((c) => markersIn(c.body));
    expect(new Set(keys).size).toBe(keys.length);
    expect(fake.comments.slice(firstComments).every((c) => c.path === '_posts/2025-12-17-bedrock.md')).toBe(true);
  });

  it('300-file PR: files paginated, every post read, comments capped at 30 with the rest counted, annotations in batches of 50', async () => {
    // 100 posts and 200 images (the engine's cross-post rules are quadratic; this keeps CI time modest).
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++) files[`_posts/2024-01-01-post-${String(i).padStart(3, '0')}.md`] = i % 20 === 0 ? seedText(4) : CLEAN(i);
    for (let i = 0; i < 200; i++) files[`assets/images/figure-${String(i).padStart(3, '0')}.png`] = `PNG ${i}\n`;
    basePr(files);
    await deliver(app, 'pull_request', push('opened'));
    expect(fake.violations).toEqual([]);
    expect(fake.repos.get(FULL)!.pulls.get(1)!.files).toHaveLength(300);
    const plan = lastPlan();
    expect(plan.stats.posts).toBe(100);
    expect(fake.requests().filter((r) => r.url.includes('/contents/assets'))).toEqual([]);
    expect(fake.requests().filter((r) => r.route.endsWith('/files'))).toHaveLength(3);
    expect(fake.comments.length).toBeLessThanOrEqual(30);
    expect(plan.stats.comments + plan.stats.overflow + plan.stats.outsideDiff).toBeLessThanOrEqual(plan.stats.findings);
    if (plan.stats.overflow > 0) expect(fake.reviews[0]!.body).toContain(`${plan.stats.overflow} more finding`);
    const run = fake.checkRuns[0]!;
    expect(run.annotations).toHaveLength(plan.annotations.length);
    const patches = fake.requests().filter((r) => r.route.includes('check-runs/{check_run_id}'));
    expect(patches).toHaveLength(Math.max(0, Math.ceil(plan.annotations.length / 50) - 1));
  });

  it('a file without a patch: its findings become annotations and body lines, and the review is accepted', async () => {
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0), '_posts/2025-12-17-bedrock.md': seedText(4) });
    const payload = push('opened');
    delete fake.repos.get(FULL)!.pulls.get(1)!.files.find((f) => f.filename === '_posts/2025-12-17-bedrock.md')!.patch;
    await deliver(app, 'pull_request', payload);
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.comments.some((c) => c.path === '_posts/2025-12-17-bedrock.md')).toBe(false);
    expect(fake.checkRuns[0]!.annotations.some((a) => a.path === '_posts/2025-12-17-bedrock.md')).toBe(true);
    expect(fake.checkRuns[0]!.output.summary).toContain('GitHub shows no diff');
  });

  it('a config error: a check run naming the bad key, no review, no crash', async () => {
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) }, { '.github/editorial-review.yml': 'review:\n  maxComment: 3\n' });
    await deliver(app, 'pull_request', push('opened'));
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(0);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]!.conclusion).toBe('failure');
    expect(fake.checkRuns[0]!.output.title).toContain('review.maxComment');
  });

  it('a config that cannot be used (an alias bomb, over 1 MB, a directory): a failing check run naming why, never the defaults', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const cases: [string, Record<string, string>, string][] = [
      ['bomb', { '.github/editorial-review.yml': `${levels.join('\n')}\n` }, 'alias'],
      ['large', { '.github/editorial-review.yml': `# ${'x'.repeat(1024 * 1024)}\nposts: ["_posts/**"]\n` }, 'over the 1048576-byte limit'],
      ['directory', { '.github/editorial-review.yml': null as unknown as string, '.github/editorial-review.yml/x': 'a: 1\n' }, 'not a regular file'],
    ];
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) });
    for (const [, files, why] of cases) {
      repo.checkout('main');
      repo.commit(files);
      repo.checkout('pr');
      repo.git(['merge', '-q', '--no-edit', 'main']);
      const before = fake.checkRuns.length;
      await deliver(app, 'pull_request', push('synchronize'));
      expect(fake.violations).toEqual([]);
      expect(fake.checkRuns).toHaveLength(before + 1);
      const run = fake.checkRuns.at(-1)!;
      expect(run.conclusion).toBe('failure');
      expect(run.output.title).toContain('Invalid configuration');
      expect(run.output.summary).toContain(why);
    }
    expect(fake.reviews).toHaveLength(0);
  });

  it('the config comes from the default branch: a PR cannot weaken its own checks', async () => {
    basePr(
      { '_posts/2025-12-30-amazon-ai.md': seedText(0), '.github/editorial-review.yml': 'posts: ["nothing/**"]\n' },
      { '.github/editorial-review.yml': 'review:\n  maxComments: 2\n  conclusionOnErrors: neutral\n' },
    );
    await deliver(app, 'pull_request', push('opened'));
    expect(fake.violations).toEqual([]);
    expect(lastPlan().stats.posts).toBe(1);
    expect(fake.comments.length).toBeLessThanOrEqual(2);
    if (lastPlan().stats.errors > 0) expect(fake.checkRuns[0]!.conclusion).toBe('neutral');
  });

  it('a broken post among good ones: the others are reviewed; removed files ignored, renamed ones checked', async () => {
    basePr(
      {
        '_posts/good.md': seedText(4),
        '_posts/binary.md': 'GIF89a\0\0\0',
        '_posts/link.md': { symlink: '../../etc/passwd' } as unknown as string,
        '_posts/unterminated.md': '---\ntitle: "x"\n\nno closing fence\n',
        '_posts/old-name.md': null as unknown as string,
        '_posts/new-name.md': CLEAN(1),
        '_posts/gone.md': null as unknown as string,
      },
      { '_posts/old-name.md': CLEAN(1), '_posts/gone.md': CLEAN(2) },
    );
    await deliver(app, 'pull_request', push('opened'));
    expect(fake.violations).toEqual([]);
    const plan = lastPlan();
    const paths = plan.annotations.map((a) => a.path);
    expect(paths).toContain('_posts/good.md');
    expect(paths).toContain('_posts/binary.md');
    expect(paths).not.toContain('_posts/gone.md');
    expect(fake.requests().some((r) => r.url.includes('new-name.md'))).toBe(true);
    expect(fake.checkRuns[0]!.output.summary).toContain('not a regular file (symlink)');
    expect(fake.reviews).toHaveLength(1);
  });

  it('drafts are skipped unless configured; the App ignores its own pushes', async () => {
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) });
    await deliver(app, 'pull_request', push('opened', 1, { draft: true }));
    expect(app.runs.at(-1)!.outcome.kind).toBe('skipped-draft');
    fake.resetLog();
    await deliver(app, 'pull_request', push('synchronize', 1, { sender: { login: BOT_LOGIN, type: 'Bot' } }));
    expect(fake.requests()).toEqual([]);
    expect(fake.reviews).toHaveLength(0);
  });

  it('without a configured slug the App learns its login once from GET /app (JWT) and still ignores its own pushes', async () => {
    app = await startApp(fake, { appSlug: null });
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) });
    await deliver(app, 'pull_request', push('synchronize', 1, { sender: { login: BOT_LOGIN, type: 'Bot' } }));
    await deliver(app, 'pull_request', push('synchronize', 1, { sender: { login: 'dependabot[bot]', type: 'Bot' } }));
    expect(fake.violations).toEqual([]);
    expect(fake.requests().filter((r) => r.route === 'GET /app')).toHaveLength(1);
    expect(app.runs).toHaveLength(1); // only the other bot's push was reviewed
    expect(fake.reviews).toHaveLength(1);
  });

  it('check_run.rerequested re-runs on the PR head: a new check run, nothing repeated', async () => {
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) });
    await deliver(app, 'pull_request', push('opened'));
    const head = fake.repos.get(FULL)!.pulls.get(1)!.headSha;
    const comments = fake.comments.length;
    await deliver(app, 'check_run', checkRunRerequestedPayload({ owner: OWNER, repo: REPO, headSha: head, defaultBranch: 'main', pulls: [1] }));
    // A fork PR's check run lists no pull request: found by its head SHA.
    await deliver(app, 'check_run', checkRunRerequestedPayload({ owner: OWNER, repo: REPO, headSha: head, defaultBranch: 'main', pulls: [] }));
    expect(fake.violations).toEqual([]);
    expect(fake.checkRuns).toHaveLength(3);
    expect(fake.comments).toHaveLength(comments);
    expect(fake.reviews).toHaveLength(1);
  });

  it('GitHub faults: a 403 secondary rate limit with retry-after and a 502 are retried; the review is posted once', async () => {
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) });
    fake.inject({
      method: 'POST',
      path: '/reviews',
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest' },
    });
    fake.inject({ method: 'GET', path: '/files', status: 502 });
    await deliver(app, 'pull_request', push('opened'));
    expect(fake.reviews).toHaveLength(1);
    expect(fake.log.filter((r) => r.status === 403)).toHaveLength(1);
    expect(fake.log.filter((r) => r.status === 502)).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(1);
  });
});

describe('the HTTP webhook endpoint (the real middleware, signed deliveries)', () => {
  async function serve(): Promise<{ server: Server; url: string }> {
    app = await startApp(fake, { load: false });
    return serveWebhooks(app);
  }

  const post = (url: string, payload: unknown, secret: string) =>
    signedPost(url, 'pull_request', payload, secret, '72d3162e-cc78-11e3-81ab-4c9367dc0958');

  it('a signed delivery is reviewed; a bad signature gets 400 and nothing is posted', async () => {
    basePr({ '_posts/2025-12-30-amazon-ai.md': seedText(0) });
    const payload = push('opened');
    const { server, url } = await serve();
    try {
      const bad = await post(url, payload, 'not-the-secret');
      expect(bad.status).toBe(400);
      expect(fake.log).toEqual([]);
      const good = await post(url, payload, SECRET);
      expect(good.status).toBe(200);
      await app.queue!.idle();
      expect(fake.violations).toEqual([]);
      expect(fake.reviews).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});

describe('one review per head under races', () => {
  it('a late delivery of an older push, arriving while the run claims the current head, does not lose the review', async () => {
    basePr({ '_posts/2024-01-02-release.md': CLEAN(1) });
    const older = push('opened');
    repo.commit({ '_posts/2024-01-02-release.md': CLEAN(2) });
    const newer = push('synchronize');
    // The late delivery lands after the run has claimed the head, while its review is on the wire (held
    // 300 ms by the fake): the queue then aborts that run in favour of the older push's job, which finds
    // the head claimed. The claimed run must still post.
    const own = await startApp(fake, { journal: new MemoryJournal() });
    let late: Promise<unknown> | undefined;
    fake.inject({ method: 'POST', path: '/reviews', status: 0, delayMs: 300 });
    fake.onRequest = (method, path) => {
      if (!late && method === 'POST' && path.endsWith('/reviews')) {
        late = own.probot.receive({ id: 'd-late', name: 'pull_request', payload: older } as Parameters<TestApp['probot']['receive']>[0]);
      }
    };
    await deliver(own, 'pull_request', newer, 'd-newer');
    await late;
    await own.queue!.idle();
    expect(late).toBeDefined();
    const published = fake.reviews.filter((r) => r.event !== 'PENDING');
    expect(published.map((r) => r.commit_id)).toEqual([newer.pull_request.head.sha]);
    expect(fake.violations).toEqual([]);
  });
});
