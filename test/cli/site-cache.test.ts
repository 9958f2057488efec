import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWithCache } from './check-with-cache.js';
import { loadLocalSite, type LocalSite } from '../../src/cli/site.js';
import { closePool, startWorkers } from '../../src/lint/pool.js';
import { summarizeBytes } from '../../src/lint/pool-task.js';
import { readPost } from '../../src/lint/run.js';
import { summarizePost } from '../../src/analysis/corpus/summary.js';
import { gitBlobSha } from '../../src/analysis/corpus/hash.js';
import { defaultConfig } from '../../src/config/load.js';
import type { Finding } from '../../src/core/finding.js';
import { hasShared, SHARED } from '../helpers.js';

// The site cache (src/cli/site-snapshot.ts, the blob store, the learned title templates) must give what an
// uncached run gives when the site's other posts change. A real site: the ai-blog-system bundle's head
// (MIT, nullponull/ai-blog-system), its `_config.yml` and every 25th of its posts.
const BUNDLE = join(SHARED, 'corpus', 'ai-blog-system-site.bundle');
let work: string;
let site: string;
let posts: string[];
let checked: string;
let cache: string;

beforeAll(() => {
  if (!hasShared) return;
  work = mkdtempSync(join(tmpdir(), 'er-site-cache-test-'));
  const clone = join(work, 'clone');
  execFileSync('git', ['clone', '-q', '-b', 'site-dev', BUNDLE, clone]);
  site = join(work, 'site');
  cpSync(join(clone, '_config.yml'), join(site, '_config.yml'));
  const all = readdirSync(join(clone, '_posts')).filter((f) => f.endsWith('.md')).sort();
  posts = all.filter((_, i) => i % 25 === 0);
  for (const name of posts) cpSync(join(clone, '_posts', name), join(site, '_posts', name));
  checked = `_posts/${posts.at(-1)!}`;
  cache = join(work, 'cache');
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function check(cacheDir: string): Promise<Finding[]> {
  return checkWithCache([checked], site, cacheDir);
}

/** `text` cut or padded (blank lines) to `bytes` bytes of UTF-8. */
function sameSize(text: string, bytes: number): string {
  let out = text;
  while (Buffer.byteLength(out) > bytes) out = out.slice(0, -1);
  return out + '\n'.repeat(bytes - Buffer.byteLength(out));
}

let fresh = 0;
/** The same check with the kept cache (warm after the first call) and with an empty one. */
async function both(): Promise<{ cached: Finding[]; uncached: Finding[] }> {
  const cached = await check(cache);
  const uncached = await check(join(work, `empty-${fresh++}`));
  return { cached, uncached };
}

const crossPost = (findings: Finding[]) => findings.filter((f) => f.rule.startsWith('duplication/') || f.rule.startsWith('site/') || f.rule === 'front-matter/title-template');

describe.skipIf(!hasShared)('the site cache gives what an uncached run gives (needs ../shared)', () => {
  it('when a context post changes, is added or is removed', async () => {
    const first = await both();
    expect(first.cached).toEqual(first.uncached);
    // Warm: the cache written by the first run is read.
    const warm = await both();
    expect(warm.cached).toEqual(first.uncached);

    // Changed: another post takes the checked post's body, in a file of the size it had (only its mtime tells).
    const other = join(site, '_posts', posts[0]!);
    const original = readFileSync(other, 'utf8');
    const body = readFileSync(join(site, checked), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
    writeFileSync(other, sameSize(`${original.replace(/\n---\n[\s\S]*$/, '\n---\n')}${body}`, Buffer.byteLength(original)));
    const changed = await both();
    expect(changed.cached).toEqual(changed.uncached);
    expect(crossPost(changed.cached)).not.toEqual(crossPost(first.cached));
    expect(changed.cached.some((f) => f.rule === 'duplication/near-duplicate-post' || f.rule === 'duplication/shared-passage')).toBe(true);

    // Changed back with the same size and an older mtime than the cache saw: still re-read.
    writeFileSync(other, original);
    utimesSync(other, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const restored = await both();
    expect(restored.cached).toEqual(restored.uncached);
    expect(restored.cached).toEqual(first.uncached);

    // Added: a new post with the checked post's title.
    const title = /^title: .*$/m.exec(readFileSync(join(site, checked), 'utf8'))![0];
    const added = join(site, '_posts', '2020-01-01-added.md');
    writeFileSync(added, `---\nlayout: post\n${title}\ndate: 2020-01-01 00:00:00 +0000\n---\n\nA different body.\n`);
    const withAdded = await both();
    expect(withAdded.cached).toEqual(withAdded.uncached);
    expect(withAdded.cached.some((f) => f.rule === 'duplication/duplicate-title')).toBe(true);

    // Removed.
    rmSync(added);
    const removed = await both();
    expect(removed.cached).toEqual(removed.uncached);
    expect(removed.cached).toEqual(first.uncached);
  }, 120_000);

  it('a torn or foreign cache file counts as no cache', async () => {
    const expected = await check(join(work, `empty-${fresh++}`));
    for (const file of readdirSync(cache).filter((f) => f.startsWith('site-'))) {
      const bytes = readFileSync(join(cache, file));
      writeFileSync(join(cache, file), bytes.subarray(0, bytes.length >> 1));
    }
    expect(await check(cache)).toEqual(expected);
    for (const file of readdirSync(cache).filter((f) => f.startsWith('site-'))) writeFileSync(join(cache, file), 'not a snapshot');
    expect(await check(cache)).toEqual(expected);
  }, 60_000);

  it('a cold site read by this thread and a worker together is the site one thread reads', () => {
    const config = defaultConfig();
    const view = (local: LocalSite) =>
      JSON.stringify({ posts: local.posts, features: local.posts.map((p) => local.index.featuresAt(local.displayPath(p.path))).map((f) => f && { ...f, signature: [...f.signature], passages: [...f.passages] }) });
    const alone = loadLocalSite(site, { cwd: site, config, noCache: true, parallelMinBytes: Infinity })!;
    const together = loadLocalSite(site, { cwd: site, config, noCache: true, parallelMinBytes: 0, workerReadsAll: true })!;
    expect(alone.read.byWorker).toBe(0);
    expect(together.read.posts).toBe(posts.length);
    if (availableParallelism() > 1) expect(together.read.byWorker).toBe(posts.length);
    expect(view(together)).toBe(view(alone));
    // A fresh clone: no site cache, the blob store warm (the worker is told which blobs it knows).
    const env = { ...process.env, EDITORIAL_REVIEW_CACHE_DIR: join(work, 'store-warm') };
    loadLocalSite(site, { cwd: site, config, env });
    for (const file of readdirSync(env.EDITORIAL_REVIEW_CACHE_DIR).filter((f) => f.startsWith('site-'))) rmSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, file));
    const clone = loadLocalSite(site, { cwd: site, config, env, parallelMinBytes: 0, workerReadsAll: true })!;
    if (availableParallelism() > 1) expect(clone.read.byWorker).toBe(posts.length);
    expect(clone.read.posts).toBe(posts.length);
    expect(view(clone)).toBe(view(alone));
  }, 60_000);

  it("the check's pool worker, started before the site is read, reads it beside this thread and gives the same site", async () => {
    const config = defaultConfig();
    const view = (local: LocalSite) =>
      JSON.stringify({ posts: local.posts, features: local.posts.map((p) => local.index.featuresAt(local.displayPath(p.path))).map((f) => f && { ...f, signature: [...f.signature], passages: [...f.passages] }) });
    const alone = loadLocalSite(site, { cwd: site, config, noCache: true, parallelMinBytes: Infinity })!;
    try {
      const helper = await startWorkers(2);
      // This thread only collects: the worker gets its task while this thread is busy reading (no turn of the
      // event loop hands it over), else this would wait for ever.
      const lent = loadLocalSite(site, { cwd: site, config, noCache: true, parallelMinBytes: 0, workerReadsAll: true, helper })!;
      if (availableParallelism() > 1) expect(lent.read.byWorker).toBe(posts.length);
      expect(view(lent)).toBe(view(alone));
      // Both threads taking paths: the same site again, from the same (warm) worker.
      const shared = loadLocalSite(site, { cwd: site, config, noCache: true, parallelMinBytes: 0, helper })!;
      expect(shared.read.posts).toBe(posts.length);
      expect(view(shared)).toBe(view(alone));
    } finally {
      await closePool();
    }
  }, 60_000);

  it("the checked posts summarised as the site is read (this thread, the pool's worker) are the first pass's summaries", async () => {
    const config = defaultConfig();
    const plain = (summary: object) => JSON.stringify(summary);
    const firstPass = (file: string, path: string) => {
      const { blobText: _text, blobSha: _sha, releaseText: _release, ...summary } = summarizePost(readPost(file, path));
      return plain(summary);
    };
    // Every other post is checked; the rest are only the site.
    const checkedPosts = new Map(posts.filter((_, i) => i % 2 === 0).map((name) => [join(site, '_posts', name), `_posts/${name}`]));
    const summarize = { checked: checkedPosts, summarize: summarizeBytes };
    const expectFirstPass = (local: LocalSite) => {
      expect([...local.summaries.keys()].sort()).toEqual([...checkedPosts.keys()].sort());
      for (const [file, read] of local.summaries) {
        expect(plain(read.summarized.summary)).toBe(firstPass(file, checkedPosts.get(file)!));
        expect(read.summarized.sha).toBe(gitBlobSha(readFileSync(file)));
      }
    };
    expectFirstPass(loadLocalSite(site, { cwd: site, config, noCache: true, parallelMinBytes: Infinity, summarize })!);
    try {
      const helper = await startWorkers(2);
      const lent = loadLocalSite(site, { cwd: site, config, noCache: true, parallelMinBytes: 0, workerReadsAll: true, helper, summarize })!;
      if (availableParallelism() > 1) expect(lent.read.byWorker).toBe(posts.length);
      expectFirstPass(lent);
    } finally {
      await closePool();
    }
    // A worker of the site's own loads no parser: the posts it reads are left to the first pass.
    const own = loadLocalSite(site, { cwd: site, config, noCache: true, parallelMinBytes: 0, workerReadsAll: true, summarize })!;
    if (availableParallelism() > 1) expect(own.summaries.size).toBe(0);
  }, 60_000);

  it('the caches are written when the caller says (`writeCache`), and read as if written at once', () => {
    const config = defaultConfig();
    const env = { ...process.env, EDITORIAL_REVIEW_CACHE_DIR: join(work, 'write-later') };
    let write: (() => void) | undefined;
    const first = loadLocalSite(site, { cwd: site, config, env, writeCache: (w) => (write = w) })!;
    expect(readdirSync(work)).not.toContain('write-later');
    write!();
    expect(readdirSync(env.EDITORIAL_REVIEW_CACHE_DIR).filter((f) => f.startsWith('site-'))).toHaveLength(1);
    const again = loadLocalSite(site, { cwd: site, config, env })!;
    expect(again.read.posts).toBe(0);
    expect(JSON.stringify(again.posts)).toBe(JSON.stringify(first.posts));
  });
});
