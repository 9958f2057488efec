import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fake-github/server.js';
import { seedPath } from '../helpers.js';
import { deliver, lastReview, OWNER, pullRequestPush, TestRepo, type TestApp, useGitHub } from './harness.js';

/**
 * Organisation-wide defaults in the App: `_extends: .github` reads `.github/editorial-review.yml` from the
 * organisation's `.github` repository (as probot/settings and stale do), through the same fake GitHub
 * that validates every request against GitHub's OpenAPI description.
 */
let fake: FakeGitHub;
let repo: TestRepo;
let app: TestApp;
const orgRepos: TestRepo[] = [];
useGitHub((fixture) => ({ fake, repo, app } = fixture));
afterEach(() => {
  for (const r of orgRepos.splice(0)) r.remove();
});

function orgDefaults(files: Record<string, string>): void {
  const org = new TestRepo('main');
  orgRepos.push(org);
  org.commit(files);
  fake.addRepo(`${OWNER}/.github`, org.dir, 'main');
}

function openPull(config: string): void {
  repo.commit({ 'README.md': '# blog\n', '.github/editorial-review.yml': config });
  repo.checkout('pr', true);
  repo.commit({ '_posts/2025-12-30-amazon-ai.md': readFileSync(seedPath(0), 'utf8') });
}

describe('_extends in the App', () => {
  it('merges the organisation defaults under the repository file', async () => {
    orgDefaults({ '.github/editorial-review.yml': 'rules:\n  front-matter/title-markdown: off\n  claims/hype: off\nreview:\n  conclusionOnErrors: neutral\n' });
    openPull('_extends: .github\nrules:\n  claims/hype: warning\n');
    await deliver(app, 'pull_request', pullRequestPush({ fake, repo }));
    expect(fake.violations).toEqual([]);
    const { plan } = lastReview(app);
    const rules = new Set(plan.annotations.map((a) => a.title));
    // Seed 000's title leaks Markdown: off in the organisation file; hype turned back on by the repository.
    expect(rules.has('front-matter/title-markdown')).toBe(false);
    expect(rules.has('claims/unsourced')).toBe(true);
    expect(plan.stats.errors).toBeGreaterThan(0);
    expect(fake.checkRuns.at(-1)!.conclusion).toBe('neutral');
    expect(fake.requests().some((r) => r.url.includes(`/repos/${OWNER}/.github/contents/`))).toBe(true);
  });

  it('a missing organisation repository is a config error at the `_extends` line, not a crash', async () => {
    openPull('language: ja\n_extends: .github\n');
    await deliver(app, 'pull_request', pullRequestPush({ fake, repo }));
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(0);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]!.conclusion).toBe('failure');
    expect(fake.checkRuns[0]!.output.title).toContain('_extends');
    expect(fake.checkRuns[0]!.output.summary).toContain('.github/editorial-review.yml:2: `_extends`: ".github" does not exist');
  });

  it('a misspelt rule id in the organisation file names that file and line', async () => {
    orgDefaults({ '.github/editorial-review.yml': 'rules:\n  front-matter/titel-markdown: off\n' });
    openPull('_extends: .github\n');
    await deliver(app, 'pull_request', pullRequestPush({ fake, repo }));
    expect(fake.checkRuns[0]!.output.summary).toContain('.github:.github/editorial-review.yml:2: `rules.front-matter/titel-markdown`');
    expect(fake.checkRuns[0]!.output.summary).toContain('did you mean `front-matter/title-markdown`?');
  });
});
