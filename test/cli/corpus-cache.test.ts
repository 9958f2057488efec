import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWithCache } from './check-with-cache.js';
import { readCorpusDirectory } from '../../src/cli/corpus-read.js';
import { defaultConfig } from '../../src/config/load.js';
import type { Finding } from '../../src/core/finding.js';
import { hasShared, SHARED } from '../helpers.js';

// `--corpus DIR` keeps its posts' summaries and features between runs (src/cli/corpus-read.ts): a warm run
// must give what an uncached run gives when the folder's posts change. Real posts: every 20th post of the
// ai-blog-system bundle's head (MIT, nullponull/ai-blog-system) as the corpus, and one checked post made of
// one corpus post's front matter (its title: duplicate-title, from the corpus index) and another's body.
const BUNDLE = join(SHARED, 'corpus', 'ai-blog-system-site.bundle');
let work: string;
let corpus: string;
let names: string[];
let cache: string;
const CHECKED = 'checked.md';

beforeAll(() => {
  if (!hasShared) return;
  work = mkdtempSync(join(tmpdir(), 'er-corpus-cache-test-'));
  const clone = join(work, 'clone');
  execFileSync('git', ['clone', '-q', '-b', 'site-dev', BUNDLE, clone]);
  corpus = join(work, 'corpus');
  const all = readdirSync(join(clone, '_posts')).filter((f) => f.endsWith('.md')).sort();
  names = all.filter((_, i) => i % 20 === 0);
  for (const name of names) cpSync(join(clone, '_posts', name), join(corpus, name));
  // The checked post: the front matter of one post, the body of another.
  const head = readFileSync(join(corpus, names[3]!), 'utf8').match(/^---\n[\s\S]*?\n---\n/)![0];
  const body = readFileSync(join(corpus, names[2]!), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  writeFileSync(join(work, CHECKED), head + body);
  cache = join(work, 'cache');
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function check(cacheDir: string): Promise<Finding[]> {
  return checkWithCache(['--no-site', '--corpus', 'corpus', CHECKED], work, cacheDir);
}

let fresh = 0;
async function both(): Promise<{ cached: Finding[]; uncached: Finding[] }> {
  const cached = await check(cache);
  const uncached = await check(join(work, `empty-${fresh++}`));
  return { cached, uncached };
}

const read = () => readCorpusDirectory(corpus, { cwd: work, config: defaultConfig(), excluded: new Set(), env: { EDITORIAL_REVIEW_CACHE_DIR: cache } }).stats;

describe.skipIf(!hasShared)('the --corpus cache gives what an uncached run gives (needs ../shared)', () => {
  it('warm, and when a corpus post changes, is added or is removed', async () => {
    const first = await both();
    expect(first.cached).toEqual(first.uncached);
    const titled = (findings: Finding[]) => findings.filter((f) => f.rule === 'duplication/duplicate-title').map((f) => f.message);
    expect(titled(first.cached)).toHaveLength(1);
    expect(read()).toEqual({ cached: names.length, read: 0 });
    const warm = await both();
    expect(warm.cached).toEqual(first.uncached);

    // Changed with the same size (only the mtime tells): the post whose title the checked one repeats gets another.
    const sameTitle = join(corpus, names[3]!);
    const original = readFileSync(sameTitle, 'utf8');
    writeFileSync(sameTitle, original.replace(/^title: (.*)$/m, (_, value: string) => `title: ${'x'.repeat(Buffer.byteLength(value))}`));
    expect(Buffer.byteLength(readFileSync(sameTitle, 'utf8'))).toBe(Buffer.byteLength(original));
    expect(read()).toEqual({ cached: names.length - 1, read: 1 });
    const changed = await both();
    expect(changed.cached).toEqual(changed.uncached);
    expect(titled(changed.cached)).toHaveLength(0);

    // Back, with an older mtime than the cache saw: read again all the same.
    writeFileSync(sameTitle, original);
    utimesSync(sameTitle, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const restored = await both();
    expect(restored.cached).toEqual(first.uncached);

    // Added (another post of that title) and removed.
    const added = join(corpus, '2020-01-01-added.md');
    writeFileSync(added, original);
    const withAdded = await both();
    expect(withAdded.cached).toEqual(withAdded.uncached);
    expect(withAdded.cached).not.toEqual(first.cached);
    rmSync(added);
    const removed = await both();
    expect(removed.cached).toEqual(first.uncached);
  }, 120_000);

  it('a checked post that is also in the corpus is read once, and its cache entry kept for other runs', async () => {
    const inCorpus = `corpus/${names[4]!}`;
    const stats = readCorpusDirectory(corpus, { cwd: work, config: defaultConfig(), excluded: new Set([inCorpus]), env: { EDITORIAL_REVIEW_CACHE_DIR: cache } }).stats;
    expect(stats.cached + stats.read).toBe(names.length - 1);
    expect(read()).toEqual({ cached: names.length, read: 0 });
  });

  it('a torn or foreign cache file counts as no cache', async () => {
    const expected = await check(join(work, `empty-${fresh++}`));
    for (const file of readdirSync(cache).filter((f) => f.startsWith('corpus-'))) {
      const bytes = readFileSync(join(cache, file));
      writeFileSync(join(cache, file), bytes.subarray(0, bytes.length >> 1));
    }
    expect(await check(cache)).toEqual(expected);
    for (const file of readdirSync(cache).filter((f) => f.startsWith('corpus-'))) writeFileSync(join(cache, file), 'not a cache');
    expect(await check(cache)).toEqual(expected);
    expect(read()).toEqual({ cached: names.length, read: 0 });
  }, 60_000);
});
