import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWithCache } from './check-with-cache.js';
import { checkedSummaries, SummaryFile } from '../../src/cli/summary-file.js';
import { loadLocalSite, siteRun } from '../../src/cli/site.js';
import { defaultConfig } from '../../src/config/load.js';
import { checkEach, checkStream, closePool, type SummaryCache } from '../../src/lint/pool.js';
import { summarizeBytes, type PostSource } from '../../src/lint/pool-task.js';
import { gitBlobSha } from '../../src/analysis/corpus/hash.js';
import { summarizePost } from '../../src/analysis/corpus/summary.js';
import { SummaryIndex } from '../../src/analysis/corpus/summary-index.js';
import { extractFeatures } from '../../src/analysis/corpus/features.js';
import type { Finding } from '../../src/core/finding.js';
import { readPost } from '../../src/lint/run.js';
import { hasShared, SHARED } from '../helpers.js';

// The first pass of a check takes unchanged posts' summaries from the cache (src/cli/summary-file.ts):
// a warm check of a whole site must give what an uncached one gives, also after posts change. A real
// site: the ai-blog-system bundle's head (MIT, nullponull/ai-blog-system), its `_config.yml` and every
// 25th of its posts, all checked.
const BUNDLE = join(SHARED, 'corpus', 'ai-blog-system-site.bundle');
let work: string;
let site: string;
let posts: string[];
const cache = () => join(work, 'cache');

beforeAll(() => {
  if (!hasShared) return;
  work = mkdtempSync(join(tmpdir(), 'er-summary-cache-test-'));
  const clone = join(work, 'clone');
  execFileSync('git', ['clone', '-q', '-b', 'site-dev', BUNDLE, clone]);
  site = join(work, 'site');
  cpSync(join(clone, '_config.yml'), join(site, '_config.yml'));
  posts = readdirSync(join(clone, '_posts')).filter((f) => f.endsWith('.md')).sort().filter((_, i) => i % 25 === 0);
  for (const name of posts) cpSync(join(clone, '_posts', name), join(site, '_posts', name));
});
afterAll(async () => {
  await closePool();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The findings of each post, as JSON, of `checkEach` (one thread) or `checkStream` on `threads` threads. */
async function findingsOf(sources: PostSource[], options: Parameters<typeof checkEach>[1], threads: number): Promise<string> {
  if (threads === 1) return JSON.stringify([...checkEach(sources, options)].map((checked) => checked.findings));
  const out: unknown[] = [];
  for await (const checked of checkStream(sources as never, options, threads)) out.push(checked.findings);
  return JSON.stringify(out);
}

function check(cacheDir: string, jobs: number): Promise<Finding[]> {
  return checkWithCache(['--jobs', String(jobs), '_posts'], site, cacheDir);
}

let fresh = 0;
const uncached = (jobs = 1) => check(join(work, `empty-${fresh++}`), jobs);
const summaryFiles = () => readdirSync(cache()).filter((f) => f.startsWith('summaries-'));

describe.skipIf(!hasShared)('the checked posts\' summary cache gives what an uncached check gives (needs ../shared)', () => {
  it('warm, with one thread and with the pool, and when a post changes', async () => {
    const file = join(work, 'pool-level.bin');
    const sources: PostSource[] = posts.map((name) => ({ path: `_posts/${name}`, file: join(site, '_posts', name) }));
    // The first pass of a large check, where the cache is used (a small one keeps its models and parses once).
    const run = async (summaries?: SummaryCache, threads = 1) => {
      const local = siteRun(loadLocalSite(site, { cwd: site, config: defaultConfig(), noCache: true })!, undefined);
      return findingsOf(sources, { config: defaultConfig(), corpus: local.corpus, site: local.context, keepPosts: false, ...(summaries ? { summaries } : {}) }, threads);
    };
    let hits = 0;
    const counted = (): SummaryCache => {
      const cache = checkedSummaries(file);
      return { ...cache, get: (source) => { const hit = cache.get(source); if (hit) hits++; return hit; } };
    };
    const expected = await run();
    expect(await run(counted())).toBe(expected);
    expect(hits).toBe(0);
    expect(await run(counted())).toBe(expected);
    expect(hits).toBe(posts.length);
    expect(await run(counted(), 2)).toBe(expected);
    expect(hits).toBe(2 * posts.length);

    // A post takes another's title, in a file of the size it had: only its mtime tells.
    const changed = join(site, '_posts', posts[1]!);
    const original = readFileSync(changed, 'utf8');
    const title = /^title: (.*)$/m.exec(readFileSync(join(site, '_posts', posts[2]!), 'utf8'))![1]!;
    const retitled = original.replace(/^title: .*$/m, `title: ${title}`);
    const bytes = Buffer.byteLength(original) - Buffer.byteLength(retitled);
    writeFileSync(changed, bytes >= 0 ? retitled + ' '.repeat(bytes) : retitled);
    const now = await run();
    expect(now).not.toBe(expected);
    hits = 0;
    expect(await run(counted())).toBe(now);
    expect(hits).toBe(posts.length - 1);
    expect(await run(counted(), 2)).toBe(now);

    // Back, with an older mtime than the cache saw: read again all the same.
    writeFileSync(changed, original);
    utimesSync(changed, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(await run(counted())).toBe(expected);
  }, 300_000);

  it('without a site: the posts\' index features come from the cache too, with one thread and with the pool', async () => {
    const file = join(work, 'own-index.bin');
    const sources: PostSource[] = posts.map((name) => ({ path: `_posts/${name}`, file: join(site, '_posts', name) }));
    const run = (summaries?: SummaryCache, threads = 1) => findingsOf(sources, { config: defaultConfig(), keepPosts: false, ...(summaries ? { summaries } : {}) }, threads);
    let indexed = 0;
    const counted = (): SummaryCache => {
      const cache = checkedSummaries(file);
      return { ...cache, get: (source) => { const hit = cache.get(source); if (hit?.indexed) indexed++; return hit; } };
    };
    const expected = await run();
    expect(await run(counted(), 2)).toBe(expected);
    expect(indexed).toBe(0);
    // The pool's first run left each post's features (made in the worker that read it) in the cache.
    expect(await run(counted())).toBe(expected);
    expect(indexed).toBe(posts.length);
    expect(await run(counted(), 2)).toBe(expected);
    expect(indexed).toBe(2 * posts.length);
  }, 300_000);

  it('the CLI keeps one file for the posts it checks, whatever the size of the check', async () => {
    const expected = await uncached();
    expect(await check(cache(), 1)).toEqual(expected);
    expect(summaryFiles()).toHaveLength(1);
    expect(await check(cache(), 1)).toEqual(expected);
  }, 120_000);

  it('a file made by another build, torn, or foreign counts as no cache', async () => {
    const expected = await uncached();
    await check(cache(), 1);
    const [name] = summaryFiles();
    const file = join(cache(), name!);
    const stored = deserialize(readFileSync(file)) as { build: string };
    writeFileSync(file, serialize({ ...stored, build: 'another build' }));
    expect(new SummaryFile(file).lookup(join(site, '_posts', posts[0]!), { size: 0, mtimeMs: 0 })).toBeUndefined();
    expect(await check(cache(), 1)).toEqual(expected);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    expect(await check(cache(), 1)).toEqual(expected);
    writeFileSync(file, 'not a cache');
    expect(await check(cache(), 1)).toEqual(expected);
  }, 120_000);

  /** Post `n`'s summary (with its index features when `indexed`) put into a new cache file, and what the file gives back. */
  const roundTrip = (name: string, n: number, indexed: boolean) => {
    const path = join(site, '_posts', posts[n]!);
    const source = { path: `_posts/${posts[n]!}`, file: path };
    const first = checkedSummaries(join(work, name));
    expect(first.get(source)).toBeUndefined();
    const made = summarizePost(readPost(path, source.path));
    const own = new SummaryIndex(defaultConfig());
    const features = indexed ? own.note(made) : undefined;
    first.put(source, made, features);
    first.done();
    return { made, features, options: own.options, cached: checkedSummaries(join(work, name)).get(source)! };
  };

  it('a summary from the cache is the one the post gives, its text read again from the file', () => {
    const { made, cached } = roundTrip('direct.bin', 3, false);
    const again = cached.summary;
    const { blobText: _t, blobSha: _s, releaseText: _r, ...plain } = made;
    const { blobText: _t2, blobSha: _s2, ...restored } = again;
    expect(restored).toEqual(plain);
    expect(again.blobText()).toBe(made.blobText());
    expect(again.blobSha()).toBe(made.blobSha());
    expect(cached.indexed).toBeUndefined();
  });

  it("a checked post summarised while the site was read is this run's summary while its file is unchanged, and is kept in the file", () => {
    const path = join(site, '_posts', posts[5]!);
    const source = { path: `_posts/${posts[5]!}`, file: path };
    const made = summarizePost(readPost(path, source.path));
    const bytes = readFileSync(path);
    const stat = statSync(path);
    const readWithSite = new Map([[path, { size: stat.size, mtime: stat.mtimeMs, summarized: summarizeBytes(bytes, source.path, gitBlobSha(bytes))! }]]);
    const cache = checkedSummaries(join(work, 'read-with-site.bin'), readWithSite);
    const summary = cache.get(source)!.summary;
    const { blobText: _t, blobSha: _s, releaseText: _r, ...plain } = made;
    const { blobText: _t2, blobSha: _s2, ...given } = summary;
    expect(given).toEqual(plain);
    expect(summary.blobText()).toBe(made.blobText());
    expect(summary.blobSha()).toBe(made.blobSha());
    cache.done();
    expect(checkedSummaries(join(work, 'read-with-site.bin')).get(source)!.summary.title).toBe(made.title);
    // Another display path, or a file changed since the site was read: the first pass reads it.
    expect(checkedSummaries(join(work, 'elsewhere.bin'), readWithSite).get({ path: `other/${posts[5]!}`, file: path })).toBeUndefined();
    const changed = new Map([[path, { ...readWithSite.get(path)!, mtime: stat.mtimeMs - 1000 }]]);
    expect(checkedSummaries(join(work, 'changed.bin'), changed).get(source)).toBeUndefined();
  });

  it('keeps a post\'s index features with its summary: a warm check does not read the post again to index it', () => {
    const { made, features, options, cached } = roundTrip('indexed.bin', 4, true);
    expect(cached.indexed).toEqual(features);
    expect(cached.indexed!.features).toEqual(extractFeatures(made.blobText(), options));
    // Its SHA comes from the entry: hashing it reads nothing.
    expect(cached.summary.blobSha()).toBe(made.blobSha());
  });
});
