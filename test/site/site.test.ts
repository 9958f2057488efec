import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Finding } from '../../src/core/finding.js';
import { readSite } from '../../src/analysis/site/config.js';
import { readSitePosts } from '../../src/analysis/site/context.js';
import { DirectorySiteFiles } from '../../src/analysis/site/files.js';
import { FIXTURES } from '../helpers.js';

const SITES = join(FIXTURES, 'sites');

beforeAll(() => {
  process.env.EDITORIAL_REVIEW_CACHE_DIR = mkdtempSync(join(tmpdir(), 'er-site-cache-'));
});

async function check(cwd: string, ...args: string[]): Promise<{ code: number; findings: Finding[]; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['check', '--format', 'json', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTty: false });
  return { code, findings: stdout ? (JSON.parse(stdout) as { findings: Finding[] }).findings : [], stderr };
}

function site(name: string) {
  const files = new DirectorySiteFiles(join(SITES, name));
  const found = readSite(files, join(SITES, name))!;
  return { site: found, posts: readSitePosts(found, files) };
}

const byRule = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

describe('Hugo (hugo.toml; TOML, YAML and JSON front matter; a page bundle; term pages)', () => {
  it('reads the configuration and computes URLs from [permalinks], slug and the bundle folder', () => {
    const { site: hugo, posts } = site('hugo');
    expect(hugo).toMatchObject({ generator: 'hugo', configPath: 'hugo.toml', baseUrl: 'https://example.org', timezone: 'Europe/Berlin', contentDir: 'content' });
    expect(hugo.categories?.terms).toEqual(['news', 'releases']);
    expect(Object.fromEntries(posts.map((p) => [p.path, p.url]))).toEqual({
      'content/posts/bundled-post/index.md': '/articles/2024/03/migrating-to-the-new-image-pipeline/',
      'content/posts/first-post.md': '/articles/2024/03/spring-update/',
      'content/posts/json-post.md': '/articles/2024/04/a-post-with-json-front-matter/',
    });
    expect(posts.find((p) => p.path.endsWith('first-post.md'))!.meta).toMatchObject({ date: '2024-03-14T07:07:07.000+01:00', dateKey: 'date', tags: ['release', 'tooling'] });
  });

  it('checks the directory: only content posts, no layout demanded, categories against the term pages, ref links resolved', async () => {
    const { findings } = await check(join(SITES, 'hugo'), '.');
    // The section lists (`_index.md`) and the term pages are not posts.
    expect(findings.every((f) => f.path.startsWith('content/posts/'))).toBe(true);
    expect(findings.filter((f) => f.rule === 'front-matter/required-keys' && f.severity !== 'info')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'front-matter/readable')).toEqual([]);
    // `Releases` and `News` match the term pages `releases` and `news`; `Announcements` has none.
    expect(byRule(findings, 'site/category-unknown').map((f) => [f.path, f.line])).toEqual([['content/posts/bundled-post/index.md', 5]]);
    // `ref "bundled-post"` resolves; `relref "posts/winter-notes.md"` does not: Hugo fails the build.
    expect(byRule(findings, 'site/link-broken').map((f) => [f.path, f.line, f.severity])).toEqual([['content/posts/first-post.md', 11, 'error']]);
  });
});

describe('Astro (astro.config.mjs, a content collection with pubDate, .mdx)', () => {
  it('finds the collection, its pages route and the schema enum of tags', () => {
    const { site: astro, posts } = site('astro');
    expect(astro).toMatchObject({ generator: 'astro', baseUrl: 'https://example.com', routes: { blog: '/blog/' } });
    expect(astro.tags?.terms).toEqual(['astro', 'markdown', 'mdx']);
    expect(posts.map((p) => [p.path, p.url, p.meta.dateKey])).toEqual([
      ['src/content/blog/first-post.md', '/blog/first-post/', 'pubDate'],
      ['src/content/blog/using-mdx.mdx', '/blog/using-mdx/', 'pubDate'],
    ]);
  });

  it('pubDate is the date; the .mdx post is checked; a tag outside the enum and a link to no entry are found', async () => {
    const { findings } = await check(join(SITES, 'astro'), 'src/content');
    expect([...new Set(findings.map((f) => f.path))]).toContain('src/content/blog/using-mdx.mdx');
    expect(findings.filter((f) => f.rule === 'front-matter/required-keys')).toEqual([]);
    expect(byRule(findings, 'site/category-unknown').map((f) => [f.path, f.line])).toEqual([['src/content/blog/using-mdx.mdx', 5]]);
    expect(byRule(findings, 'site/link-broken').map((f) => [f.path, f.line, f.severity])).toEqual([['src/content/blog/using-mdx.mdx', 14, 'warning']]);
  });
});

describe('Zola (zola.toml, a dated file name, a colocated page, @/ links)', () => {
  it('takes the slug from the file name without its date, and the folder of a colocated page', () => {
    const { site: zola, posts } = site('zola');
    expect(zola).toMatchObject({ generator: 'zola', baseUrl: 'https://example.net' });
    expect(posts.map((p) => [p.path, p.url])).toEqual([
      ['content/blog/2024-01-15-hello-world.md', '/blog/hello-world/'],
      ['content/blog/colocated-post/index.md', '/blog/colocated-post/'],
    ]);
    expect(posts[0]!.meta.categories).toEqual(['meta']);
  });

  it('a post dated by its file name needs no date key; an @/ link to no file is an error', async () => {
    const { findings } = await check(join(SITES, 'zola'), 'content');
    expect(findings.filter((f) => f.rule === 'front-matter/required-keys' && f.severity !== 'info')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'front-matter/unknown-key' && f.message.includes('taxonomies.'))).toEqual([]);
    expect(byRule(findings, 'site/link-broken').map((f) => [f.path, f.line, f.severity])).toEqual([['content/blog/2024-01-15-hello-world.md', 11, 'error']]);
  });
});

describe('--no-site', () => {
  it('checks the files alone: no site rules', async () => {
    const { findings } = await check(join(SITES, 'hugo'), '--no-site', 'content/posts/bundled-post/index.md');
    expect(findings.filter((f) => f.category === 'site')).toEqual([]);
  });
});

describe('a real slice of the ai-blog-system site (Jekyll, Asia/Tokyo, dates written in UTC)', () => {
  const slice = join(SITES, 'jekyll-ai-blog');

  it('finds the URL taken by the day before and the undeclared category (one other post sharing the slug is no pattern yet)', async () => {
    const { findings, code } = await check(slice, '_posts/2025-10-04-3-ai-article-update.md');
    expect(code).toBe(1);
    const site = findings.filter((f) => f.category === 'site').map((f) => [f.rule, f.line, f.severity]);
    expect(site).toEqual([
      ['site/url-collision', 4, 'error'],
      ['site/category-unknown', 5, 'warning'],
    ]);
    expect(byRule(findings, 'site/url-collision')[0]!.message).toContain('_posts/2025-10-03-3-ai-article-update.md');
    expect(byRule(findings, 'site/url-collision')[0]!.message).toContain('https://ai-allforces.allforces.wuaze.com/2025/10/04/3-ai-article-update/');
    expect(byRule(findings, 'site/category-unknown')[0]!.fix?.replacement).toBe('categories: ["業界分析"]');
    // 04:35 UTC is 13:35 in Tokyo: the same day, so this post's own URL is where its name says.
    expect(byRule(findings, 'site/url-date-shift')).toEqual([]);
  });

  it('the post of the day before moved onto it: 20:35 UTC on the 3rd is the 4th in Tokyo; the fix writes the site offset', async () => {
    const { findings } = await check(slice, '_posts/2025-10-03-3-ai-article-update.md');
    const [shift] = byRule(findings, 'site/url-date-shift');
    expect(shift).toMatchObject({ line: 4, severity: 'warning', fix: { replacement: 'date: 2025-10-03 20:35:04 +0900' } });
    expect(byRule(findings, 'site/url-collision')).toHaveLength(1);
  });
});
