import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAction } from '../../scripts/build-action.mjs';
import { BOT_LOGIN, git, type FakeGitHub } from '../fake-github/server.js';
import { FULL, OWNER, pullRequestPayload, REPO, type TestRepo, useGitHub } from '../github/harness.js';
import { ROOT, seedPath } from '../helpers.js';

// The Action's real artefact: the esbuild bundle `action.yml` runs, started as the runner starts it
// (`node <main>` with the runner's variables and `INPUT_*`), against the fake GitHub. Posts: two real
// posts of the MIT-licensed blog nullponull/ai-blog-system (test/fixtures/seeds).
const POSTS = {
  '_posts/2025-12-30-amazon-ai.md': readFileSync(seedPath(0), 'utf8'),
  '_posts/2025-12-31-second.md': readFileSync(seedPath(1), 'utf8'),
};

let scratch: string;
let bundle: string;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'er-action-'));
  bundle = await buildAction(join(scratch, 'bundle.mjs'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let fake: FakeGitHub;
let repo: TestRepo;
useGitHub(({ fake: f, repo: r }) => ((fake = f), (repo = r)), { load: false });

interface Run {
  status: number | null;
  stdout: string;
  summary: string;
  outputs: string;
}

/**
 * Runs the bundle as the runner would for `event` with `payload`; inputs as `with:` gives them. The
 * process runs asynchronously: the fake GitHub answers from this process's event loop.
 */
async function runAction(event: string, payload: unknown, inputs: Record<string, string>, workspace = repo.dir): Promise<Run> {
  const dir = mkdtempSync(join(scratch, 'run-'));
  const files = { event: join(dir, 'event.json'), summary: join(dir, 'summary.md'), output: join(dir, 'output') };
  writeFileSync(files.event, JSON.stringify(payload));
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  mkdirSync(join(dir, 'temp'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: FULL,
    GITHUB_API_URL: fake.url,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_TEMP: join(dir, 'temp'),
  };
  // `with:` → INPUT_<NAME upper-cased>, dashes kept, as the runner does.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return { status, stdout, summary: readFileSync(files.summary, 'utf8'), outputs: readFileSync(files.output, 'utf8') };
}

function openPr(fork?: string) {
  repo.commit({ 'README.md': '# blog\n' });
  repo.checkout('pr', true);
  repo.commit(POSTS);
  fake.addRepo(FULL, repo.dir, 'main');
  const pull = fake.setPull(FULL, 1, 'main', 'pr', fork ? { headRepo: fork } : {});
  return pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main', ...(fork ? { fork } : {}) });
}

// Each test starts the bundle as a separate process (twice in the first): generous timeouts on a shared machine.
describe('the GitHub Action (bundle) on a real pull_request payload', { timeout: 180_000 }, () => {
  it('posts one review with suggestions and one check run through GITHUB_TOKEN; fails on errors', async () => {
    const payload = openPr();
    const run = await runAction('pull_request', payload, { 'github-token': fake.issueToken(), config: '.github/editorial-review.yml', 'fail-level': 'error', fix: 'suggest' });
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviews[0]!.commit_id).toBe(payload.pull_request.head.sha);
    expect(fake.comments.some((c) => c.body.includes('```suggestion'))).toBe(true);
    expect(fake.comments.every((c) => /<!-- editorial-review:fp=/.test(c.body))).toBe(true);
    expect(fake.checkRuns.map((r) => [r.name, r.conclusion])).toEqual([['editorial-review', 'failure']]);
    expect(run.summary).toContain('## editorial-review');
    expect(run.stdout).toMatch(/::error::editorial-review: \d+ finding\(s\) at or above `fail-level: error`/);
    expect(run.status).toBe(1);
    expect(run.outputs).toMatch(/^findings<<.*\n\d+\n/m);

    // The next push of nothing new (a re-run on the same head) posts no second review.
    const again = await runAction('pull_request', { ...payload, action: 'synchronize' }, { 'github-token': fake.issueToken(), 'fail-level': 'never' });
    expect(again.status).toBe(0);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('fork pull request (read-only token): no write at all; annotations and the job summary instead', async () => {
    const payload = openPr('someone/Hello-World');
    const run = await runAction('pull_request', payload, { 'github-token': fake.issueToken({ readOnly: true }), 'fail-level': 'error' });
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(0);
    expect(fake.checkRuns).toHaveLength(0);
    expect(fake.requests().every((r) => r.method === 'GET' || r.route === 'POST /graphql')).toBe(true);
    expect(run.stdout).toMatch(/^::error title=[^,]+,file=_posts\/2025-12-30-amazon-ai\.md,line=\d+,endLine=\d+::/m);
    expect(run.summary).toContain('comes from a fork');
    expect(run.summary).toContain('```suggestion');
    expect(run.status).toBe(1);
  });

  it('a token that may not write (no checks: write, a Dependabot pull request): the same fallback after the 403', async () => {
    const payload = openPr();
    const run = await runAction('pull_request', payload, { 'github-token': fake.issueToken({ readOnly: true }), 'fail-level': 'never' });
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(0);
    expect(run.stdout).toContain('the token may not write the review or the check run (403)');
    expect(run.stdout).toMatch(/^::error title=[^,]+,file=_posts\/2025-12-30-amazon-ai\.md,/m);
    expect(run.summary).toContain('### The review');
    expect(run.summary).toContain('grant the job `pull-requests: write` and `checks: write`');
    expect(run.status).toBe(0);
  });

  it('fix: commit pushes one commit by the bot with every safe fix, then reviews the new head', async () => {
    const payload = openPr();
    const before = payload.pull_request.head.sha as string;
    const run = await runAction('pull_request', payload, { 'github-token': fake.issueToken(), fix: 'commit', 'fail-level': 'never' });
    expect(fake.violations).toEqual([]);
    expect(run.status).toBe(0);
    expect(fake.createdCommits).toHaveLength(1);
    const { sha, author } = fake.createdCommits[0]!;
    expect(author).toBe(BOT_LOGIN);
    expect(git(repo.dir, ['rev-parse', `${sha}^`]).trim()).toBe(before);
    expect(fake.reviews.map((r) => r.commit_id)).toEqual([sha]);
    expect(run.outputs).toContain(sha);
    expect(run.summary).toMatch(/\*\*Fixes:\*\* applied \d+ fix/);
  });

  it('other events: checks the posts of the workspace (this repository\'s example blog) with a summary', async () => {
    const run = await runAction('push', { ref: 'refs/heads/main' }, { 'github-token': 'unused-for-push', config: '.github/editorial-review.yml', 'fail-level': 'error' }, ROOT);
    expect(run.summary).toMatch(/3 post\(s\) matching `posts` checked: 0 error\(s\)/);
    expect(run.status).toBe(0);
    expect(fake.requests()).toHaveLength(0);
  });

  it('refuses an invalid input with a clear message', async () => {
    const run = await runAction('push', {}, { 'github-token': 't', 'fail-level': 'errors' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('`fail-level` must be one of error, warning, info, never (got "errors")');
  });
});
