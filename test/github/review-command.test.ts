import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { RecordedRequest } from '../../src/review/local.js';
import type { ReviewComment, ReviewRequest } from '../../src/review/plan.js';
import { makeExampleRepo } from '../../scripts/make-example-repo.mjs';
import { FakeGitHub, git } from '../fake-github/server.js';
import { deliver, pullRequestPayload, startApp } from './harness.js';

let example: ReturnType<typeof makeExampleRepo>;
const root = mkdtempSync(join(tmpdir(), 'er-example-'));

beforeAll(() => {
  example = makeExampleRepo(join(root, 'blog'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTty: false });
  return { code, stdout, stderr };
}

/** Applies suggestions the way a maintainer clicks them one after the other (GitHub shifts the later ones). */
function applySuggestions(text: string, comments: ReviewComment[]): string {
  const lines = text.split('\n');
  let delta = 0;
  for (const c of [...comments].sort((a, b) => (a.start_line ?? a.line) - (b.start_line ?? b.line))) {
    const m = /^(`{3,})suggestion\n([\s\S]*?)\n?\1$/m.exec(c.body);
    if (!m) continue;
    const replacement = m[2] === '' ? [] : m[2]!.split('\n');
    const start = (c.start_line ?? c.line) - 1 + delta;
    lines.splice(start, c.line - (c.start_line ?? c.line) + 1, ...replacement);
    delta += replacement.length - (c.line - (c.start_line ?? c.line) + 1);
  }
  return lines.join('\n');
}

describe('editorial-review review (dry run on a local checkout)', () => {
  it('prints the exact request bodies the App would send; the seeds’ suggestions applied in order equal `check --fix`', async () => {
    const { code, stdout, stderr } = await run(['review', '--repo', example.dir, '--base', 'main', '--head', 'pr', '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(1); // the seeds have error-level findings
    const { requests } = JSON.parse(stdout) as { requests: RecordedRequest[] };
    const reviews = requests.filter((r) => r.url.endsWith('/reviews'));
    expect(reviews).toHaveLength(1); // ONE review
    const review = reviews[0]!.body as ReviewRequest;
    expect(review.commit_id).toBe(git(example.dir, ['rev-parse', 'pr']).trim());
    expect(requests.filter((r) => r.url.endsWith('/check-runs'))).toHaveLength(1);

    // `check --fix` on a copy of the PR branch, with the same files checked together.
    const copy = join(root, 'fixed');
    rmSync(copy, { recursive: true, force: true });
    cpSync(example.dir, copy, { recursive: true });
    git(copy, ['checkout', '-q', 'pr']);
    const changed = [...example.added, example.edited];
    const previous = process.cwd();
    process.chdir(copy);
    try {
      await run(['check', '--fix', '--format', 'json', ...changed], copy);
    } finally {
      process.chdir(previous);
    }
    let suggested = 0;
    for (const path of example.added) {
      const original = git(example.dir, ['show', `pr:${path}`]);
      const comments = review.comments.filter((c) => c.path === path);
      suggested += comments.filter((c) => c.body.includes('suggestion\n')).length;
      expect(applySuggestions(original, comments), path).toBe(readFileSync(join(copy, path), 'utf8'));
    }
    expect(suggested).toBeGreaterThan(0);
  });

  it('text format and usage errors', async () => {
    const text = await run(['review', '--repo', example.dir, '--base', 'main', '--head', 'pr']);
    expect(text.stdout).toContain('Check run "editorial-review"');
    expect(text.stdout).toContain('```suggestion');
    expect((await run(['review', '--repo', example.dir])).code).toBe(2);
    expect((await run(['review', '--repo', example.dir, '--base', 'no-such-ref'])).code).toBe(2);
  });
});

describe('request count of the App', () => {
  it('a 5-post PR and its second push', async () => {
    const fake = await new FakeGitHub().start();
    const app = await startApp(fake);
    try {
      // The five seeds in one PR (the example repository without the edit of an existing post).
      const dir = join(root, 'five');
      cpSync(example.dir, dir, { recursive: true });
      git(dir, ['checkout', '-q', 'pr']);
      git(dir, ['-c', 'user.name=t', '-c', 'user.email=t@e', 'revert', '--no-edit', '-n', 'HEAD']);
      git(dir, ['checkout', '-q', 'HEAD', '--', ...example.added]);
      git(dir, ['-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-q', '-m', 'only the five posts']);
      fake.addRepo('Codertocat/Hello-World', dir, 'main');
      const pull = fake.setPull('Codertocat/Hello-World', 7, 'main', 'pr');
      expect(pull.files).toHaveLength(5);
      await deliver(app, 'pull_request', pullRequestPayload('opened', { owner: 'Codertocat', repo: 'Hello-World', number: 7, headSha: pull.headSha, defaultBranch: 'main' }));
      const first = fake.requests();
      const firstPlan = app.runs[0]!.outcome;
      if (firstPlan.kind !== 'reviewed') throw new Error('not reviewed');
      const batches = (n: number) => Math.max(1, Math.ceil(n / 50));
      // pull (current head) + config + files + 5 contents + base tree + GraphQL blob batches (cold index: every
      // base post, 100 per query) + pull (head unchanged?) + reviews (the fence: none of ours on the head yet)
      // + the review under GitHub's one-pending-review lock (create it pending, list reviews while holding the lock,
      // submit it: 3 requests) + check run (+ annotation batches beyond the first 50)
      const basePosts = firstPlan.corpus!.posts;
      const coldBlobQueries = Math.ceil(firstPlan.corpus!.loaded / 100);
      expect(fake.blobQueries).toHaveLength(coldBlobQueries);
      expect(first).toHaveLength(1 + 1 + 1 + 5 + 1 + coldBlobQueries + 1 + 1 + 3 + batches(firstPlan.plan.annotations.length));

      // Second push: the author applies the first suggestion of one post.
      const comment = fake.comments.find((c) => c.body.includes('suggestion\n'))!;
      const text = git(dir, ['show', `pr:${comment.path}`]).split('\n');
      const m = /^(`{3,})suggestion\n([\s\S]*?)\n?\1$/m.exec(comment.body)!;
      text.splice((comment.start_line ?? comment.line) - 1, comment.line - (comment.start_line ?? comment.line) + 1, ...(m[2] === '' ? [] : m[2]!.split('\n')));
      require_write(join(dir, comment.path), text.join('\n'));
      git(dir, ['-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-q', '-am', 'apply suggestion']);
      fake.resetLog();
      const second = fake.setPull('Codertocat/Hello-World', 7, 'main', 'pr');
      await deliver(app, 'pull_request', pullRequestPayload('synchronize', { owner: 'Codertocat', repo: 'Hello-World', number: 7, headSha: second.headSha, defaultBranch: 'main' }));
      const secondRequests = fake.requests();
      const plan2 = app.runs[1]!.outcome;
      if (plan2.kind !== 'reviewed') throw new Error('not reviewed');
      expect(fake.violations).toEqual([]);
      expect(fake.comments.find((c) => c.id === comment.id)!.minimized).toBe(true);
      // pull + reviews (ours on the head when the run starts) + config + files + 5 contents + base tree + comments
      // + reviews + pull + reviews (the fence) + (pending review, reviews, submit if anything new) + check run(s) + minimize;
      // the warm index reads no blob of the (unchanged) base branch.
      expect(fake.blobQueries).toEqual([]);
      expect(plan2.corpus).toMatchObject({ posts: basePosts, loaded: 0 });
      expect(secondRequests).toHaveLength(1 + 1 + 1 + 1 + 5 + 1 + 2 + 1 + 1 + (plan2.plan.review ? 3 : 0) + batches(plan2.plan.annotations.length) + 1);
      console.log(
        `request count: 5-post PR opened = ${first.length} (+1 installation token; ${basePosts} base posts indexed); second push = ${secondRequests.length}\n` +
          `  first: ${first.map((r) => r.route).join(' | ')}\n  second: ${secondRequests.map((r) => r.route).join(' | ')}`,
      );
    } finally {
      await fake.stop();
    }
  });
});

import { writeFileSync } from 'node:fs';
function require_write(path: string, text: string) {
  writeFileSync(path, text);
}
