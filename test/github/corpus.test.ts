import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeKeys } from '../fake-github/global-setup.js';
import { FakeGitHub } from '../fake-github/server.js';
import { ROOT } from '../helpers.js';
import { deliver, lastReview, pullRequestPayload, startApp, TestRepo, type TestApp } from './harness.js';

/**
 * The App compares each changed post with every post of the base branch through the content-addressed
 * index: one git-trees request, GraphQL blob batches only for blobs not yet indexed (fixtures: the four real
 * posts of test/fixtures/corpus/_posts and the seeds as the rest of the blog).
 */

const OWNER = 'Codertocat';
const REPO = 'Hello-World';
const FULL = `${OWNER}/${REPO}`;
const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus', '_posts');
const SEEDS = join(ROOT, 'test', 'fixtures', 'seeds');
const REAL = ['2025-09-15-2-aicpo.md', '2025-09-20-2-nvidia.md', '2025-09-23-1-nvidia.md', '2025-10-09-3-nedoai.md'];
const REPUBLISHED = '2025-10-12-1-nedo-republished.md';

let fake: FakeGitHub;
let repo: TestRepo;
let app: TestApp;

/** The base branch: the four real posts and every seed, as `_posts/*.md`. */
function baseFiles(): Record<string, string> {
  const files: Record<string, string> = { 'README.md': '# blog\n' };
  for (const name of REAL) files[`_posts/${name}`] = readFileSync(join(CORPUS, name), 'utf8');
  readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .forEach((f, i) => (files[`_posts/2025-08-${String((i % 28) + 1).padStart(2, '0')}-seed-${i}.md`] = readFileSync(join(SEEDS, f), 'utf8')));
  return files;
}

const reviewed = () => lastReview(app);

async function open(action: 'opened' | 'synchronize' = 'opened'): Promise<void> {
  if (!fake.repos.has(FULL)) fake.addRepo(FULL, repo.dir, 'main');
  const pull = fake.setPull(FULL, 1, 'main', 'pr');
  await deliver(app, 'pull_request', pullRequestPayload(action, { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' }));
}

const nearDuplicates = () => reviewed().findings.filter((f) => f.rule === 'duplication/near-duplicate-post');

beforeEach(async () => {
  fake = await new FakeGitHub().start();
  repo = new TestRepo('main');
  app = await startApp(fake);
  repo.commit(baseFiles());
  repo.checkout('pr', true);
  repo.commit({ [`_posts/${REPUBLISHED}`]: readFileSync(join(CORPUS, REPUBLISHED), 'utf8') });
});

afterEach(async () => {
  await fake.stop();
  repo.remove();
});

describe('the App compares changed posts with every post of the base branch', () => {
  it('a PR adding a near copy of a base post gets the near-duplicate finding naming it; the warm push reads no base blob', async () => {
    const posts = Object.keys(baseFiles()).filter((p) => p.startsWith('_posts/')).length;
    await open();
    expect(fake.violations).toEqual([]);
    const cold = reviewed();
    // Only the new post changed: without the base branch there would be nothing to compare it with.
    expect(cold.posts.map((p) => p.path)).toEqual([`_posts/${REPUBLISHED}`]);
    const dup = nearDuplicates();
    expect(dup).toHaveLength(1);
    expect(dup[0]!.message).toContain('_posts/2025-10-09-3-nedoai.md');
    expect(dup[0]!.related?.[0]?.path).toBe('_posts/2025-10-09-3-nedoai.md');
    expect(fake.reviews.at(-1)!.body + fake.comments.map((c) => c.body).join('\n')).toContain('2025-10-09-3-nedoai.md');
    // Cold index: one tree request, every base post fetched once, in GraphQL batches of at most 100.
    expect(cold.corpus).toEqual({ posts, loaded: posts, fromStore: 0, missing: 0 });
    expect(fake.requests().filter((r) => r.route.includes('/git/trees/'))).toHaveLength(1);
    expect(fake.blobQueries).toHaveLength(Math.ceil(posts / 100));
    expect(new Set(fake.blobQueries.flat()).size).toBe(posts);

    // Second push: the new post is edited, the base branch is unchanged — no base blob is read again.
    fake.resetLog();
    const text = readFileSync(join(CORPUS, REPUBLISHED), 'utf8');
    repo.commit({ [`_posts/${REPUBLISHED}`]: `${text.replace(/\n$/, '')}\n\nOne more closing sentence, written by hand.\n` });
    await open('synchronize');
    expect(fake.violations).toEqual([]);
    expect(fake.blobQueries).toEqual([]);
    expect(fake.requests().filter((r) => r.route.includes('/git/trees/'))).toHaveLength(1);
    expect(reviewed().corpus).toEqual({ posts, loaded: 0, fromStore: 0, missing: 0 });
    expect(nearDuplicates()).toHaveLength(1);
  });

  it("compares with the pull request's base branch, not the default branch", async () => {
    // `release` keeps the original post; the default branch has since dropped it.
    repo.checkout('main');
    repo.checkout('release', true);
    repo.checkout('main');
    repo.commit({ '_posts/2025-10-09-3-nedoai.md': null });
    repo.checkout('pr');
    fake.addRepo(FULL, repo.dir, 'main');
    const pull = fake.setPull(FULL, 1, 'release', 'pr');
    await deliver(app, 'pull_request', pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' }));
    expect(fake.violations).toEqual([]);
    expect(fake.requests().filter((r) => r.route.includes('/git/trees/')).map((r) => r.url)).toEqual([expect.stringContaining('/git/trees/release')]);
    expect(nearDuplicates().map((f) => f.related?.[0]?.path)).toEqual(['_posts/2025-10-09-3-nedoai.md']);
  });

  it('a restarted App reads the features from the store: only blobs new since then are fetched', async () => {
    const dir = (app.appOptions.corpus as { dir: string }).dir;
    await open();
    const posts = reviewed().corpus!.posts;
    await fake.stop();
    fake = await new FakeGitHub().start();
    app = await startApp(fake, { corpus: { dir, env: {} } });
    // The base branch moved by one new post meanwhile.
    repo.checkout('main');
    repo.commit({ '_posts/2025-11-30-new.md': '---\ntitle: "A new post"\ndate: 2025-11-30\n---\n\nA short new post about something else entirely.\n' });
    repo.checkout('pr');
    repo.git(['merge', '-q', '--no-edit', 'main']);
    await open('synchronize');
    expect(fake.violations).toEqual([]);
    expect(fake.blobQueries).toHaveLength(1);
    expect(fake.blobQueries[0]).toHaveLength(1);
    expect(reviewed().corpus).toEqual({ posts: posts + 1, loaded: 1, fromStore: posts, missing: 0 });
    expect(nearDuplicates()).toHaveLength(1);
  });

  it('a truncated tree falls back to the changed posts only, and the check run says so', async () => {
    fake.truncateTrees = true;
    await open();
    expect(fake.violations).toEqual([]);
    expect(nearDuplicates()).toEqual([]);
    expect(reviewed().corpus).toBeUndefined();
    expect(fake.blobQueries).toEqual([]);
    expect(fake.checkRuns.at(-1)!.output.summary).toContain('more files than GitHub lists in one tree');
  });

  it('a failing tree request never fails the run: changed posts only, with a note', async () => {
    fake.inject({ path: '/git/trees/', status: 500, times: 10 });
    await open();
    expect(app.runs).toHaveLength(1);
    expect(nearDuplicates()).toEqual([]);
    expect(reviewed().corpus).toBeUndefined();
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns.at(-1)!.output.summary).toContain('could not be listed');
  });
});

describe('the dry run (`review`) takes the same path through the local checkout', () => {
  it('compares with every post of --base via git ls-tree / cat-file, and reads them only once', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'er-dry-'));
    // A store of its own: with REDIS_URL, the Redis store under a key prefix no other test or run uses; else
    // a file store in a fresh directory (the default is the user's cache directory, shared with other runs).
    const saved = { cache: process.env.EDITORIAL_REVIEW_CACHE_DIR, prefix: process.env.EDITORIAL_REVIEW_REDIS_PREFIX };
    process.env.EDITORIAL_REVIEW_CACHE_DIR = join(cwd, 'cache');
    const prefix = `er-dry-${randomUUID()}`;
    process.env.EDITORIAL_REVIEW_REDIS_PREFIX = prefix;
    try {
      const review = async () => {
        let stdout = '';
        await main(['review', '--repo', repo.dir, '--base', 'main', '--head', 'pr'], { stdout: (s) => (stdout += s), stderr: () => {}, cwd, isTty: false });
        return stdout;
      };
      const posts = Object.keys(baseFiles()).filter((p) => p.startsWith('_posts/')).length;
      const first = await review();
      expect(first).toContain('_posts/2025-10-09-3-nedoai.md');
      expect(first).toContain(`Compared with the ${posts} post(s) of the base branch: ${posts} read, 0 from the index cache.`);
      // A second dry run finds the features in the file store.
      expect(await review()).toContain(`Compared with the ${posts} post(s) of the base branch: 0 read, ${posts} from the index cache.`);
    } finally {
      for (const [name, value] of [['EDITORIAL_REVIEW_CACHE_DIR', saved.cache], ['EDITORIAL_REVIEW_REDIS_PREFIX', saved.prefix]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      if (process.env.REDIS_URL) await removeKeys(process.env.REDIS_URL, `${prefix}:*`);
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
