import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Finding } from '../../src/core/finding.js';
import { hasShared, SHARED } from '../helpers.js';

/**
 * site/link-broken on a real site with links: the 349 vim-jp.org posts (CC BY 4.0, `../shared/corpus/
 * human-ja-vim-jp/_posts`) laid out as the Jekyll site they come from (`_config.yml` with its `url`; Jekyll's
 * default `date` permalink gives `/blog/2018/04/19/vimconf2017-videos.html`, the form its posts link with).
 * The ai-blog-system site's head has no internal link at all (`npm run bench:site-links`), so this is where
 * the rule meets links people wrote: 23 posts link to others by absolute URL or `{% post_url %}`.
 */
const POSTS = join(SHARED, 'corpus', 'human-ja-vim-jp', '_posts');
const INTERNAL = /https?:\/\/vim-jp\.org\/(?:blog|vimmagazine|release)\/|\]\(\/(?:blog|vimmagazine|release)\/|\{%\s*post_url/;

let site: string;
let cache: string;
beforeAll(() => {
  if (!hasShared) return;
  site = mkdtempSync(join(tmpdir(), 'er-vimjp-site-'));
  cache = mkdtempSync(join(tmpdir(), 'er-vimjp-cache-'));
  cpSync(POSTS, join(site, '_posts'), { recursive: true });
  writeFileSync(join(site, '_config.yml'), 'title: vim-jp\nurl: https://vim-jp.org\n');
});
afterAll(() => {
  if (!hasShared) return;
  rmSync(site, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

async function check(...files: string[]): Promise<Finding[]> {
  let stdout = '';
  const previous = process.env.EDITORIAL_REVIEW_CACHE_DIR;
  process.env.EDITORIAL_REVIEW_CACHE_DIR = cache;
  try {
    await main(['check', '--format', 'json', ...files], { stdout: (s) => (stdout += s), stderr: () => {}, cwd: site, isTty: false });
  } finally {
    if (previous === undefined) delete process.env.EDITORIAL_REVIEW_CACHE_DIR;
    else process.env.EDITORIAL_REVIEW_CACHE_DIR = previous;
  }
  return (JSON.parse(stdout) as { findings: Finding[] }).findings.filter((f) => f.rule === 'site/link-broken');
}

describe.runIf(hasShared)('site/link-broken on the vim-jp site (needs ../shared)', () => {
  it('every internal link of the published site resolves: no finding on the 23 posts that link to others', async () => {
    const linking = fg.sync('_posts/**/*.md', { cwd: site }).filter((f) => INTERNAL.test(readFileSync(join(site, f), 'utf8')));
    expect(linking.length).toBe(23);
    expect(await check(...linking)).toEqual([]);
  }, 120_000);

  it('a linked post whose URL moved a day (the time-zone defect) breaks the link; the fix is its new URL', async () => {
    const dir = join(site, '_posts', 'blog');
    expect(readdirSync(dir)).toContain('2018-04-19-vimconf2017-videos.md');
    renameSync(join(dir, '2018-04-19-vimconf2017-videos.md'), join(dir, '2018-04-20-vimconf2017-videos.md'));
    try {
      const findings = await check('_posts/blog/2018-06-28-VimConf2018-cfp-ja.md');
      expect(findings.map((f) => [f.path, f.line, f.severity])).toEqual([['_posts/blog/2018-06-28-VimConf2018-cfp-ja.md', 21, 'warning']]);
      expect(JSON.stringify(findings[0]!.fix)).toContain('https://vim-jp.org/blog/2018/04/20/vimconf2017-videos.html');
    } finally {
      renameSync(join(dir, '2018-04-20-vimconf2017-videos.md'), join(dir, '2018-04-19-vimconf2017-videos.md'));
    }
  }, 120_000);

  it('a {% post_url %} whose post is gone fails the build: error', async () => {
    const dir = join(site, '_posts', 'blog');
    renameSync(join(dir, '2017-10-12-vimconf2017-speakers.md'), join(site, 'speakers.md.bak'));
    try {
      const findings = await check('_posts/blog/2017-10-13-vimconf-2017-interview.md');
      expect(findings.map((f) => [f.line, f.severity])).toEqual([
        [11, 'error'],
        [40, 'error'],
      ]);
    } finally {
      renameSync(join(site, 'speakers.md.bak'), join(dir, '2017-10-12-vimconf2017-speakers.md'));
    }
  }, 120_000);
});
