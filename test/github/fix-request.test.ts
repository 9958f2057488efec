import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { isFixCommand } from '../../src/review/fix-request.js';
import { BOT_LOGIN, git, type FakeGitHub } from '../fake-github/server.js';
import { seedPath } from '../helpers.js';
import { deliver, FULL, issueCommentPayload, OWNER, pullRequestPush, REPO, type TestApp, type TestRepo, useGitHub, type PayloadOptions } from './harness.js';

// Two real posts of the MIT-licensed blog nullponull/ai-blog-system (test/fixtures/seeds), with fixable
// defects (duplicated paragraphs, titles, pasted figures), plus a clean one that must stay as it is.
const POSTS = {
  '_posts/2025-12-30-amazon-ai.md': readFileSync(seedPath(0), 'utf8'),
  '_posts/2025-12-31-second.md': readFileSync(seedPath(1), 'utf8'),
};

let fake: FakeGitHub;
let repo: TestRepo;
let app: TestApp;
useGitHub((fixture) => ({ fake, repo, app } = fixture));

function openPr(extra: PayloadOptions & { maintainerCanModify?: boolean } = {}) {
  repo.commit({ 'README.md': '# blog\n' });
  repo.checkout('pr', true);
  repo.commit(POSTS);
  const { maintainerCanModify, ...payload } = extra;
  const delivery = pullRequestPush({ fake, repo }, 'opened', 1, payload);
  if (extra.fork) {
    // The fork's branch is the same git branch here; what differs is whose repository it is.
    if (!fake.repos.has(extra.fork)) fake.addRepo(extra.fork, repo.dir, 'main');
    fake.setPull(FULL, 1, 'main', 'pr', { headRepo: extra.fork, ...(maintainerCanModify ? { maintainerCanModify: true } : {}) });
  }
  return delivery;
}

const ask = (login: string, body = '/editorial-review fix') =>
  deliver(app, 'issue_comment', issueCommentPayload({ owner: OWNER, repo: REPO, number: 1, defaultBranch: 'main', body, user: { login } }));

const head = () => fake.repos.get(FULL)!.pulls.get(1)!.headSha;

/** `editorial-review check --fix` on a copy of the posts as they are at `ref`: path → fixed text. */
async function checkFix(ref: string): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'er-fix-'));
  try {
    for (const path of Object.keys(POSTS)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), git(repo.dir, ['show', `${ref}:${path}`]));
    }
    await main(['check', '--fix', ...Object.keys(POSTS)], { stdout: () => undefined, stderr: () => undefined, cwd: dir, isTty: false });
    return new Map(Object.keys(POSTS).map((p) => [p, readFileSync(join(dir, p), 'utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('/editorial-review fix on a pull request', { timeout: 180_000 }, () => {
  it('recognises the command at the start of a line only', () => {
    expect(isFixCommand('/editorial-review fix')).toBe(true);
    expect(isFixCommand('Thanks!\n/editorial-review fix please')).toBe(true);
    expect(isFixCommand('run `/editorial-review fix` later')).toBe(false);
    expect(isFixCommand('/editorial-review fixes')).toBe(false);
  });

  it('one commit by the bot whose tree equals `check --fix`, then a fresh review; a second request changes nothing', async () => {
    await deliver(app, 'pull_request', openPr());
    expect(fake.reviews).toHaveLength(1);
    const before = head();
    const expected = await checkFix(before);
    fake.permissions.set('maintainer', 'write');

    fake.resetLog();
    await ask('maintainer');
    expect(fake.violations).toEqual([]);
    // The writes of one request: the commit (tree, commit, branch), the answer, then the fresh check of
    // the new head. What the fixes leave was reviewed already (same findings, moved lines), so no new
    // review comments are posted.
    expect(fake.requests().filter((r) => r.method !== 'GET' && r.route !== 'POST /graphql').map((r) => r.route)).toEqual([
      'POST /repos/{owner}/{repo}/git/trees',
      'POST /repos/{owner}/{repo}/git/commits',
      'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST /repos/{owner}/{repo}/check-runs',
    ]);
    console.log(`fix request: ${fake.requests().length} requests (${fake.requests().filter((r) => r.method === 'GET').length} reads)`);
    expect(fake.createdCommits).toHaveLength(1);
    const commit = fake.createdCommits[0]!;
    expect(commit.author).toBe(BOT_LOGIN);
    expect(head()).toBe(commit.sha);
    expect(git(repo.dir, ['rev-parse', `${commit.sha}^`]).trim()).toBe(before);
    // The commit changes exactly the posts `check --fix` changes, to exactly what it writes.
    const changed = git(repo.dir, ['diff', '--name-only', before, commit.sha]).trim().split('\n').sort();
    expect(changed).toHaveLength(2);
    expect(changed).toEqual([...expected].filter(([p]) => expected.get(p) !== POSTS[p as keyof typeof POSTS]).map(([p]) => p).sort());
    for (const [path, text] of expected) expect(git(repo.dir, ['show', `${commit.sha}:${path}`])).toBe(text);
    // The answer, then a check of the new head (our own push would not trigger one).
    expect(fake.issueComments).toHaveLength(1);
    expect(fake.issueComments[0]!.body).toMatch(/^`maintainer`: applied \d+ fix/);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.checkRuns.at(-1)!.head_sha).toBe(commit.sha);

    await ask('maintainer');
    expect(fake.createdCommits).toHaveLength(1);
    expect(head()).toBe(commit.sha);
    expect(fake.issueComments.at(-1)!.body).toContain('nothing to fix');
    expect(fake.violations).toEqual([]);
  });

  it('waits for GitHub to show the fix commit as the head before the fresh review', async () => {
    await deliver(app, 'pull_request', openPr());
    fake.permissions.set('maintainer', 'write');
    fake.headLag = 2;
    await ask('maintainer');
    const { sha } = fake.createdCommits[0]!;
    expect(head()).toBe(sha);
    expect(fake.checkRuns.map((r) => r.head_sha)).toEqual([expect.any(String), sha]);
    expect(fake.violations).toEqual([]);
  });

  it('refused politely, with nothing written, for a user without write access', async () => {
    await deliver(app, 'pull_request', openPr());
    fake.permissions.set('passer-by', 'read');
    await ask('passer-by');
    await ask('stranger'); // not a collaborator at all: 404 → no access
    expect(fake.createdCommits).toHaveLength(0);
    expect(fake.issueComments.map((c) => c.body)).toEqual([
      expect.stringContaining('only people with write access'),
      expect.stringContaining('only people with write access'),
    ]);
    expect(fake.violations).toEqual([]);
  });

  it('refused politely on a fork that does not allow edits by maintainers; pushed to the fork when it does', async () => {
    await deliver(app, 'pull_request', openPr({ fork: 'someone/Hello-World' }));
    fake.permissions.set('maintainer', 'admin');
    await ask('maintainer');
    expect(fake.createdCommits).toHaveLength(0);
    expect(fake.issueComments.at(-1)!.body).toContain('does not allow edits by maintainers');

    fake.setPull(FULL, 1, 'main', 'pr', { headRepo: 'someone/Hello-World', maintainerCanModify: true });
    await ask('maintainer');
    expect(fake.createdCommits.map((c) => c.repo)).toEqual(['someone/Hello-World']);
    expect(head()).toBe(fake.createdCommits[0]!.sha);
    expect(fake.violations).toEqual([]);
  });

  it('ignores comments without the command and comments by bots', async () => {
    await deliver(app, 'pull_request', openPr());
    fake.permissions.set('maintainer', 'write');
    await ask('maintainer', 'Looks good, thanks');
    await deliver(app, 'issue_comment', issueCommentPayload({ owner: OWNER, repo: REPO, number: 1, defaultBranch: 'main', body: '/editorial-review fix', user: { login: 'other[bot]', type: 'Bot' } }));
    expect(fake.createdCommits).toHaveLength(0);
    expect(fake.issueComments).toHaveLength(0);
  });
});
