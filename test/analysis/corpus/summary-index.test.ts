import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/load.js';
import { indexOptionsFor } from '../../../src/analysis/corpus/compare.js';
import { extractFeatures } from '../../../src/analysis/corpus/features.js';
import { CorpusIndex, hasCorpusIndex } from '../../../src/analysis/corpus/index.js';
import { InMemoryCorpus, summarizePost } from '../../../src/analysis/corpus/summary.js';
import { restoreCorpus, snapshotCorpus } from '../../../src/analysis/corpus/snapshot.js';
import { SummaryIndex } from '../../../src/analysis/corpus/summary-index.js';
import { checkEach, checkStream, closePool } from '../../../src/lint/pool.js';
import { runSummaryTask, type PostSource } from '../../../src/lint/pool-task.js';
import { parsePostBytes, postBlobText } from '../../../src/post/parse.js';
import { cloneSiteBundle, hasShared } from '../../helpers.js';

/**
 * A check whose corpus is the checked posts alone builds the similarity index from features made in the
 * first pass (`SummaryIndex`), where `compare` used to build it once the pass was over, reading every text
 * again. The index, and so the findings, must be the ones `compare` builds itself.
 *
 * Posts: every 10th post of the site bundle's head (ai-blog-system, MIT), and three of them republished
 * under a new title and date (the pipeline's re-runs that `duplication/near-duplicate-post` reports), as
 * bytes, checked as plain files (no site).
 */
let temp: string;
let sources: { path: string; bytes: Buffer }[] = [];

beforeAll(() => {
  if (!hasShared) return;
  temp = mkdtempSync(join(tmpdir(), 'er-summary-index-'));
  const site = cloneSiteBundle(temp)!;
  const files = fg.sync('_posts/*.md', { cwd: site }).sort().filter((_, i) => i % 10 === 0);
  sources = files.map((path) => ({ path, bytes: readFileSync(join(site, path)) }));
  for (const [n, { path, bytes }] of sources.slice(0, 3).entries()) {
    const text = bytes.toString('utf8').replace(/^title: .*$/m, `title: "Republished ${n}"`).replace(/^date: .*$/m, 'date: 2026-01-0' + (n + 1) + ' 00:00:00 +0000');
    sources.push({ path: path.replace('_posts/', '_posts/2026-01-0' + (n + 1) + '-republished-'), bytes: Buffer.from(text) });
  }
});
afterAll(async () => {
  await closePool();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe.skipIf(!hasShared)('SummaryIndex (needs ../shared)', { timeout: 600_000 }, () => {
  it('gives the findings of the index compare builds itself, in one thread and on the pool', async () => {
    const config = defaultConfig();
    // A caller-given corpus keeps no index of its own: `compare` builds it when a rule first asks.
    const own = [...checkEach(sources, { config, keepPosts: false, corpus: (summaries) => new InMemoryCorpus(summaries) })].map((c) => c.findings);
    const early = [...checkEach(sources, { config, keepPosts: false })].map((c) => c.findings);
    expect(JSON.stringify(early)).toBe(JSON.stringify(own));
    const copies = own.flat().filter((f) => f.rule === 'duplication/near-duplicate-post' && f.path.includes('republished'));
    expect(copies.map((f) => f.severity)).toEqual(['error', 'error', 'error']);

    const pooled: unknown[] = [];
    for await (const checked of checkStream(sources, { config, keepPosts: false }, 2)) pooled.push(checked.findings);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(own));
  });

  it('is the index compare builds, made without reading a text again', () => {
    const config = defaultConfig();
    let reads = 0;
    const summaries = sources.map((source) => {
      const summary = summarizePost(parsePostBytes(source.path, source.bytes), () => (reads++, postBlobText(source.bytes)));
      return summary;
    });
    const early = new SummaryIndex(config);
    for (const summary of summaries) {
      early.note(summary);
      summary.releaseText?.();
    }
    const corpus = early.attach(new InMemoryCorpus(summaries));
    expect(reads).toBe(0);
    expect(hasCorpusIndex(corpus)).toBe(true);

    const built = new CorpusIndex(indexOptionsFor(config));
    for (const summary of summaries) if (summary.indexable) built.addBlob(summary.path, summary.blobSha(), () => summary.blobText());
    expect(hasCorpusIndex(corpus) && corpus.corpusIndex().entries()).toEqual(built.entries());
    expect(built.entries().length).toBe(sources.length);

    // Every one of the posts is compared with the others: the query tables are built at once (answers
    // equal to a scanning index's: index.test.ts, and the findings above), and a worker's copy builds them too.
    expect(hasCorpusIndex(corpus) && corpus.corpusIndex().tabled).toBe(true);
    expect(built.tabled).toBe(false);
    const restored = restoreCorpus(snapshotCorpus(corpus, () => undefined), () => '');
    expect(hasCorpusIndex(restored) && restored.corpusIndex().tabled).toBe(true);
    expect(hasCorpusIndex(restored) && restored.corpusIndex().entries()).toEqual(built.entries());
  });

  it('takes a worker’s features, made from the text the worker read', () => {
    const config = defaultConfig();
    const early = new SummaryIndex(config);
    for (const source of sources.slice(0, 5)) {
      const result = runSummaryTask({ kind: 'summary', source, indexOptions: early.options });
      expect(result.features).toEqual(extractFeatures(postBlobText(source.bytes), early.options));
      expect(result.sha).toBeDefined();
    }
    // Without the options the worker makes none.
    expect(runSummaryTask({ kind: 'summary', source: sources[0]! as PostSource & { bytes: Buffer } }).features).toBeUndefined();
  });

  it('leaves a corpus alone when it keeps its own index or has fewer than two posts', () => {
    const config = defaultConfig();
    const one = new InMemoryCorpus([summarizePost(parsePostBytes(sources[0]!.path, sources[0]!.bytes))]);
    expect(new SummaryIndex(config).attach(one)).toBe(one);
    const indexed = new SummaryIndex(config).attach(new InMemoryCorpus(sources.slice(0, 3).map((s) => summarizePost(parsePostBytes(s.path, s.bytes)))));
    expect(new SummaryIndex(config).attach(indexed)).toBe(indexed);
  });
});
