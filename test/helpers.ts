import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { defaultConfig } from '../src/config/load.js';
import type { ConfigInput } from '../src/config/schema.js';
import { configSchema } from '../src/config/schema.js';
import { checkPost } from '../src/lint/check.js';
import type { Finding } from '../src/core/finding.js';
import { InMemoryCorpus } from '../src/analysis/corpus/summary.js';
import type { Rule } from '../src/rules/rule.js';
import { parsePost } from '../src/post/parse.js';
import type { Post } from '../src/post/post.js';
import { allRules } from '../src/rules/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
/** shared/ beside the checkout (CI has it too): the real corpus. */
export const SHARED = join(ROOT, '..', 'shared');
export const CLEAN_EN = join(SHARED, 'corpus', 'clean-en');
/**
 * Whether ../shared is beside the checkout. Without it the tests that read it are skipped (their names
 * say "needs ../shared"), so `npm test` passes on a clone alone; on CI (`CI=true`), which lays shared/
 * beside the clone, a missing shared/ fails the run instead of silently skipping those tests.
 */
export const hasShared = existsSync(CLEAN_EN);
if (!hasShared && process.env.CI === 'true') {
  throw new Error(`CI=true but ${SHARED} is missing: the tests that read the real corpus must run on CI`);
}

export const SEEDS = [
  '000_30badf05d11e52dc.txt',
  '001_28157c3539ea115d.txt',
  '002_8d00008af39165bc.txt',
  '003_5ffb68ad4f02bf61.txt',
  '004_8d33a1fd1f218783.txt',
] as const;

export function seedPath(n: number): string {
  return join(FIXTURES, 'seeds', SEEDS[n]!);
}

export function seed(n: number): Post {
  return parsePost(`seeds/${SEEDS[n]}`, readFileSync(seedPath(n), 'utf8'));
}

export function fixture(relativePath: string): Post {
  return parsePost(relativePath, readFileSync(join(FIXTURES, relativePath), 'utf8'));
}

export function config(input: ConfigInput = {}) {
  return input && Object.keys(input).length ? configSchema.parse(input) : defaultConfig();
}

/** Runs the given rules (default: all) on a post, with the other posts as the corpus. */
export function check(post: Post, options: { rules?: readonly Rule[]; config?: ConfigInput; corpus?: Post[] } = {}): Finding[] {
  return checkPost(post, {
    config: config(options.config),
    rules: options.rules ?? allRules,
    corpus: new InMemoryCorpus([...(options.corpus ?? []), post]),
  });
}

export function byRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

export const SITE_BUNDLE = join(SHARED, 'corpus', 'ai-blog-system-site.bundle');

/**
 * The ai-blog-system site (MIT) at the bundle's head, cloned into `dir` (a temp folder the test owns and
 * removes); undefined, with a message on stderr, when the bundle is not beside the checkout.
 */
export function cloneSiteBundle(dir: string): string | undefined {
  if (!existsSync(SITE_BUNDLE)) {
    console.warn(`skipped: ${SITE_BUNDLE} is not present`);
    return undefined;
  }
  const site = join(dir, 'site');
  execFileSync('git', ['clone', '-q', '-b', 'site-dev', SITE_BUNDLE, site], { stdio: 'ignore' });
  return site;
}

/**
 * Lines of real posts: the seeds (ai-blog-system, MIT; in test/fixtures) and, when ../shared is beside
 * the checkout, the Markdown files of the given folders under it (e.g. `corpus/clean-en`, MIT).
 */
export function realLines(sharedFolders: readonly string[] = []): string[] {
  const files = SEEDS.map((_, n) => seedPath(n));
  if (hasShared) {
    for (const folder of sharedFolders) {
      const dir = join(SHARED, folder);
      for (const file of readdirSync(dir, { recursive: true }) as string[]) if (/\.(?:md|markdown)$/u.test(file)) files.push(join(dir, file));
    }
  }
  return files.flatMap((file) => readFileSync(file, 'utf8').split('\n'));
}

/** The folders of human-written posts under ../shared: clean-en (MIT), vim-jp (CC BY 4.0), Prometheus (Apache-2.0). */
export const HUMAN_CORPORA = ['corpus/clean-en', 'corpus/human-ja-vim-jp/_posts', 'corpus/human-en-prometheus/blog/posts'] as const;

/** Path and text of every Markdown file below `dir` (README.md left out). */
export function markdownPostsUnder(dir: string): { path: string; text: string }[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => /\.(?:md|markdown)$/u.test(file) && !/(?:^|\/)README\.md$/u.test(file))
    .sort()
    .map((file) => ({ path: join(dir, file), text: readFileSync(join(dir, file), 'utf8') }));
}

/** The seeds (ai-blog-system, MIT) and, when ../shared is beside the checkout, every post of the human corpora. */
export function realPostSources(): { path: string; text: string }[] {
  const posts = SEEDS.map((name, n) => ({ path: `seeds/${name}`, text: readFileSync(seedPath(n), 'utf8') }));
  if (hasShared) for (const folder of HUMAN_CORPORA) posts.push(...markdownPostsUnder(join(SHARED, folder)));
  return posts;
}

/** Every post of the site bundle's head (ai-blog-system, MIT), cloned into `dir`; undefined without the bundle. */
export function siteBundlePosts(dir: string): { path: string; text: string }[] | undefined {
  const site = cloneSiteBundle(dir);
  return site === undefined ? undefined : markdownPostsUnder(join(site, '_posts'));
}

/**
 * A deterministic generator of numbers in [0, 1) (mulberry32): the generated inputs of a property test are
 * the same on every run, so a failure names an input that fails again.
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A test run on every post of the site bundle's head (its 1,176 posts, cloned into a temp folder that goes
 * after the file's tests); skipped without ../shared. The property tests that hold a pre-scan to the full
 * computation on real posts end with it.
 */
export function itOnEverySiteHeadPost(name: string, test: (posts: { path: string; text: string }[]) => void, timeout = 600_000): void {
  const temp = mkdtempSync(join(tmpdir(), 'er-site-head-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  it.runIf(hasShared)(name, () => {
    const posts = siteBundlePosts(temp);
    if (posts === undefined) return;
    expect(posts.length).toBeGreaterThan(1000);
    test(posts);
  }, timeout);
}

/**
 * The two tests that hold one per-post property on real posts: on the seeds and the human corpora
 * (`realPostSources`), and on every post of the site bundle's head (`itOnEverySiteHeadPost`). `check` asserts
 * the property on one post and returns how many things it compared there; each run must compare more than
 * its `minimum`, since an equality over nothing proves nothing.
 */
export function itOnEveryRealPost(what: string, check: (path: string, text: string) => number, minimum: { real: number; siteHead: number }): void {
  it(`${what}, on the seeds and the human corpora (needs ../shared for the corpora)`, () => {
    let count = 0;
    for (const { path, text } of realPostSources()) count += check(path, text);
    expect(count).toBeGreaterThan(minimum.real);
  }, 600_000);
  itOnEverySiteHeadPost(`${what}, on every post of the site bundle's head (needs ../shared)`, (posts) => {
    let count = 0;
    for (const { path, text } of posts) count += check(path, text);
    expect(count).toBeGreaterThan(minimum.siteHead);
  });
}
