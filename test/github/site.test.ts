import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fake-github/server.js';
import { ROOT } from '../helpers.js';
import { deliver, lastReview, pullRequestPayload, startApp, TestRepo, type TestApp } from './harness.js';

/**
 * The App reads the site from the pull request's base branch: `_config.yml` (one blob), the other posts'
 * metadata from the cross-post index, and the base version of each modified post. Fixture: the real slice
 * of the ai-blog-system site (test/fixtures/sites/jekyll-ai-blog, MIT).
 */

const OWNER = 'Codertocat';
const REPO = 'Hello-World';
const FULL = `${OWNER}/${REPO}`;
const SLICE = join(ROOT, 'test', 'fixtures', 'sites', 'jekyll-ai-blog');
const REPLACED = '_posts/2025-10-03-3-ai-article-update.md';

let fake: FakeGitHub;
let repo: TestRepo;
let app: TestApp;

/** The site at `prefix` ('' or a folder such as 'blog/'), its posts named in the config or not. */
function baseFiles(prefix: string, configured: boolean): Record<string, string> {
  const files: Record<string, string> = { [`${prefix}_config.yml`]: readFileSync(join(SLICE, '_config.yml'), 'utf8') };
  for (const name of readdirSync(join(SLICE, '_posts'))) files[`${prefix}_posts/${name}`] = readFileSync(join(SLICE, '_posts', name), 'utf8');
  if (configured) files['.github/editorial-review.yml'] = `posts: ['${prefix}_posts/**/*.md']\n`;
  return files;
}

beforeEach(async () => {
  fake = await new FakeGitHub().start();
  repo = new TestRepo('main');
  app = await startApp(fake);
});

afterEach(async () => {
  await fake.stop();
  repo.remove();
});

async function open(): Promise<void> {
  fake.addRepo(FULL, repo.dir, 'main');
  const pull = fake.setPull(FULL, 1, 'main', 'pr');
  await deliver(app, 'pull_request', pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' }));
}

describe.each([
  ['at the repository root', '', false],
  ['in a folder (blog/), as the CLI finds it by walking up from the post', 'blog/', true],
  ['in a folder (blog/) whose posts the config does not name: the generator\'s _posts/ decides, as in the CLI', 'blog/', false],
])('the App reads the site from the base branch: a site %s', (_, prefix, configured) => {
  it('a PR that writes another article over a published one: article-replaced and the site rules, from the base branch', async () => {
    repo.commit(baseFiles(prefix, configured));
    repo.checkout('pr', true);
    const other = readFileSync(join(SLICE, '_posts', '2025-09-12-2-k2-thinkai.md'), 'utf8')
      .replace('date: 2025-09-12 20:32:58 +0000', 'date: 2025-10-03 20:40:00 +0000');
    repo.commit({ [`${prefix}${REPLACED}`]: other });
    await open();
    expect(fake.violations).toEqual([]);
    const findings = lastReview(app).findings;
    const site = findings.filter((f) => f.category === 'site').map((f) => [f.path, f.rule, f.line]);
    expect(site).toEqual(
      expect.arrayContaining([
        [`${prefix}${REPLACED}`, 'site/article-replaced', 3],
        [`${prefix}${REPLACED}`, 'site/url-date-shift', 4],
        [`${prefix}${REPLACED}`, 'site/url-collision', 4],
        [`${prefix}${REPLACED}`, 'site/category-unknown', 5],
      ]),
    );
    const replaced = findings.find((f) => f.rule === 'site/article-replaced')!;
    expect(replaced.message).toContain('AIの巨大な電力消費');
    // The other post of the collision is named from the repository's root.
    expect(findings.find((f) => f.rule === 'site/url-collision')!.message).toContain(`${prefix}_posts/`);
  });
});
