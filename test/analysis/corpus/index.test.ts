import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../../src/analysis/corpus/features.js';
import { gitBlobSha } from '../../../src/analysis/corpus/hash.js';
import { CorpusIndex } from '../../../src/analysis/corpus/index.js';
import { FileStore, MemoryStore, RedisStore, storeNamespace, type RedisLike } from '../../../src/analysis/corpus/store.js';
import { DEFAULT_FEATURE_OPTIONS } from '../../../src/analysis/corpus/features.js';
import fg from 'fast-glob';
import { FIXTURES, hasShared, SHARED } from '../../helpers.js';

const dir = join(FIXTURES, 'corpus/_posts');
const files = readdirSync(dir).sort();
const texts = new Map(files.map((f) => [`_posts/${f}`, readFileSync(join(dir, f), 'utf8')]));
const entries = [...texts].map(([path, text]) => ({ path, blobSha: gitBlobSha(text) }));
const bySha = new Map([...texts.values()].map((t) => [gitBlobSha(t), t]));
const loader = (calls: string[][]) => async (shas: string[]) => {
  calls.push(shas);
  return new Map(shas.flatMap((s) => (bySha.has(s) ? [[s, bySha.get(s)!] as const] : [])));
};

describe('CorpusIndex', () => {
  it('finds the planted near copy, the shared passage, the duplicate title and permalink', () => {
    const index = new CorpusIndex();
    for (const [path, text] of texts) index.addText(path, text);
    const nedo = index.queryText('_posts/2025-10-09-3-nedoai.md', texts.get('_posts/2025-10-09-3-nedoai.md')!);
    expect(nedo.nearDuplicates.map((n) => n.path)).toEqual(['_posts/2025-10-12-1-nedo-republished.md']);
    expect(nedo.nearDuplicates[0]!.similarity).toBeGreaterThan(0.75);
    const follow = index.queryText('_posts/2025-10-15-1-cpo-followup.md', texts.get('_posts/2025-10-15-1-cpo-followup.md')!);
    expect(follow.nearDuplicates).toEqual([]);
    expect(follow.passages).toMatchObject([{ path: '_posts/2025-09-15-2-aicpo.md', line: 13, endLine: 17, otherLine: 16, otherEndLine: 20 }]);
    const nvidia = index.queryText('_posts/2025-09-20-2-nvidia.md', texts.get('_posts/2025-09-20-2-nvidia.md')!);
    expect(nvidia.sameTitle).toEqual(['_posts/2025-09-23-1-nvidia.md']);
    expect(nvidia.samePermalink).toEqual(['_posts/2025-11-01-1-permalink-clash.md']);
    expect(nvidia.nearDuplicates).toEqual([]); // same title, different regenerated text
  });

  it('groups the posts the cross-post rules compare with each other: near copies, one title', () => {
    const index = new CorpusIndex();
    for (const [path, text] of texts) index.addText(path, text);
    const paths = [...texts.keys(), '_posts/not-indexed.md'];
    const groups = index.groupsOf(paths, 0.4);
    const at = (file: string) => paths.indexOf(`_posts/${file}`);
    const groupOf = (file: string) => groups[at(file)];
    // A group is named by the position of its first path.
    expect(groupOf('2025-10-12-1-nedo-republished.md')).toBe(at('2025-10-09-3-nedoai.md'));
    expect(groupOf('2025-09-23-1-nvidia.md')).toBe(at('2025-09-20-2-nvidia.md'));
    // A shared passage is no link (its exact similarity is never asked), nor a shared permalink.
    expect(groupOf('2025-10-15-1-cpo-followup.md')).toBe(at('2025-10-15-1-cpo-followup.md'));
    expect(groupOf('2025-09-15-2-aicpo.md')).toBe(at('2025-09-15-2-aicpo.md'));
    expect(groupOf('2025-11-01-1-permalink-clash.md')).toBe(at('2025-11-01-1-permalink-clash.md'));
    expect(groups.at(-1)).toBe(paths.length - 1);
    // A title more posts share than `maxShared` is a template, not a link; the near copy still is one.
    const template = index.groupsOf(paths, 0.4, 1);
    expect(template[at('2025-09-23-1-nvidia.md')]).toBe(at('2025-09-23-1-nvidia.md'));
    expect(template[at('2025-10-12-1-nedo-republished.md')]).toBe(at('2025-10-09-3-nedoai.md'));
    // Above the near copy's estimated similarity, no near-copy link.
    expect(index.groupsOf(paths, 0.999)[at('2025-10-12-1-nedo-republished.md')]).toBe(at('2025-10-12-1-nedo-republished.md'));
  });

  it('sync loads only blobs it does not know, and forgets removed posts', async () => {
    const calls: string[][] = [];
    const index = new CorpusIndex();
    const first = await index.sync(entries, loader(calls));
    expect(first).toMatchObject({ added: entries.length, loaded: entries.length, removed: 0, missing: [] });
    // Warm: nothing changed, nothing loaded.
    const warm = await index.sync(entries, loader(calls));
    expect(warm).toMatchObject({ added: 0, loaded: 0, removed: 0 });
    expect(calls).toHaveLength(1);
    // One post edited, one deleted: only the edited blob is loaded.
    const edited = `${texts.get('_posts/2025-09-20-2-nvidia.md')!}\n追記です。\n`;
    bySha.set(gitBlobSha(edited), edited);
    const next = entries
      .filter((e) => e.path !== '_posts/2025-11-01-1-permalink-clash.md')
      .map((e) => (e.path === '_posts/2025-09-20-2-nvidia.md' ? { path: e.path, blobSha: gitBlobSha(edited) } : e));
    const third = await index.sync(next, loader(calls));
    expect(calls.at(-1)).toEqual([gitBlobSha(edited)]);
    expect(third).toMatchObject({ loaded: 1, removed: 2, added: 1 });
    expect(index.size).toBe(entries.length - 1);
    const nvidia = index.queryText('_posts/2025-09-20-2-nvidia.md', edited);
    expect(nvidia.samePermalink).toEqual([]);
  });

  it('persists features in a file store: a second process loads no text', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'er-index-')), storeNamespace(DEFAULT_FEATURE_OPTIONS));
    const calls: string[][] = [];
    await new CorpusIndex({}, store).sync(entries, loader(calls));
    const reopened = new FileStore(store.file.slice(0, store.file.lastIndexOf('/')), storeNamespace(DEFAULT_FEATURE_OPTIONS));
    const index = new CorpusIndex({}, reopened);
    const result = await index.sync(entries, loader(calls));
    expect(result).toMatchObject({ fromStore: entries.length, loaded: 0, added: entries.length });
    expect(calls).toHaveLength(1);
    const q = index.queryText('_posts/2025-10-09-3-nedoai.md', texts.get('_posts/2025-10-09-3-nedoai.md')!);
    expect(q.nearDuplicates.map((n) => n.path)).toEqual(['_posts/2025-10-12-1-nedo-republished.md']);
  });

  it('round-trips features through a Redis hash (fake client)', async () => {
    const hash = new Map<string, string>();
    const fake: RedisLike = {
      hmget: async (_key, ...fields) => fields.map((f) => hash.get(f) ?? null),
      hset: async (_key, data) => {
        for (const [k, v] of Object.entries(data)) hash.set(k, v);
        return Object.keys(data).length;
      },
      quit: async () => 'OK',
    };
    const store = new RedisStore(fake, 'test');
    const f = extractFeatures(texts.get('_posts/2025-10-09-3-nedoai.md')!);
    await store.put(new Map([['abc', f]]));
    const got = await store.get(['abc', 'missing']);
    expect([...got.keys()]).toEqual(['abc']);
    expect([...got.get('abc')!.signature]).toEqual([...f.signature]);
    expect([...got.get('abc')!.passages]).toEqual([...f.passages]);
    expect(got.get('abc')!.meta.title).toBe(f.meta.title);
  });

  it('a memory store serves features by SHA', async () => {
    const store = new MemoryStore();
    const index = new CorpusIndex({}, store);
    await index.sync(entries, loader([]));
    expect(store.data.size).toBe(new Set(entries.map((e) => e.blobSha)).size);
  });

  // The first queries scan the posts added since the tables were built; later ones use the tables. Both
  // must give the same answers: on every post of the human corpora (series, translations, shared passages,
  // a removed and re-added post) and the planted fixtures.
  it.runIf(hasShared)('answers the same by scanning as from its query tables (needs ../shared)', () => {
    const corpus = fg.sync('corpus/{clean-en,human-ja-vim-jp/_posts,human-en-prometheus/blog/posts}/**/*.{md,markdown}', { cwd: SHARED }).sort();
    const all = new Map([...texts, ...corpus.map((f) => [f, readFileSync(join(SHARED, f), 'utf8')] as const)]);
    const features = new Map([...all].map(([path, text]) => [path, { sha: gitBlobSha(text), f: extractFeatures(text) }]));
    const replaced = `${all.get(corpus[0]!)!}\n`;
    const fill = (index: CorpusIndex, tableMidway: boolean): CorpusIndex => {
      const paths = [...all.keys()];
      paths.forEach((path, i) => {
        index.addFeatures(path, features.get(path)!.sha, features.get(path)!.f);
        // Half of the tables are built midway, so its queries read both the tables and the scan.
        if (tableMidway && i === Math.floor(paths.length / 2)) index.buildTables();
      });
      // A post replaced by a later version: its old slot is dead in both.
      index.remove(corpus[0]!);
      index.addText(corpus[0]!, replaced);
      return index;
    };
    const tabled = fill(new CorpusIndex(), true);
    tabled.buildTables();
    let found = { near: 0, passages: 0 };
    let scanning = fill(new CorpusIndex(), false);
    let asked = 0;
    for (const path of all.keys()) {
      // A fresh index for every 10 queries: all of them answered by scanning.
      if (++asked % 10 === 0) scanning = fill(new CorpusIndex(), false);
      const { f } = features.get(path)!;
      const fromTables = tabled.query(path, f);
      expect(scanning.query(path, f), path).toEqual(fromTables);
      found = { near: found.near + fromTables.nearDuplicates.length, passages: found.passages + fromTables.passages.length };
    }
    // The comparison covers real matches, not only empty answers.
    expect(found.near).toBeGreaterThan(20);
    expect(found.passages).toBeGreaterThan(10);
  }, 300_000);
});
