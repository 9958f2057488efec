import { Memo } from '../../core/memo.js';
import type { Corpus, PostSummary } from './corpus.js';
import { gitBlobSha } from './hash.js';
import { CorpusIndex, hasCorpusIndex, type IndexedCorpus, type IndexOptions } from './index.js';
import type { DocFeatures } from './features.js';

/**
 * A corpus as plain data, so the check pool's worker threads compare their posts with the same corpus as
 * the thread that made it: its summaries without their text (a worker reads a text again when a rule
 * needs it, as the streamed check does), its size, and the index it keeps, if any (the site's: features of
 * every post, most from the cache). Nothing the rules worked out (`corpus.memo`) is copied: each thread
 * works it out again from the same data.
 */
export interface CorpusSnapshot {
  summaries: SummarySnapshot[];
  size: number;
  /** `tabled`: the index had built its query tables (it expected many queries), so the copy builds them too. */
  index?: { options: IndexOptions; entries: { path: string; sha: string; features: DocFeatures }[]; tabled: boolean };
}

/** Where a summary's text is read again: a file (as `readText` reads it), or the text itself. */
export type TextSource = { file: string } | { text: string };

export type SummarySnapshot = Omit<PostSummary, 'blobText' | 'blobSha' | 'releaseText'> & { source: TextSource };

/** `corpus` as plain data; `fileOf` names the file a summary's text is read from again (else the text is copied). */
export function snapshotCorpus(corpus: Corpus, fileOf: (summary: PostSummary) => string | undefined): CorpusSnapshot {
  const summaries: SummarySnapshot[] = [];
  for (const summary of corpus.summaries()) {
    const { blobText, blobSha: _hashedAgain, releaseText: _released, ...plain } = summary;
    const file = fileOf(summary);
    summaries.push({ ...plain, source: file !== undefined ? { file } : { text: blobText.call(summary) } });
  }
  const index = hasCorpusIndex(corpus) ? corpus.corpusIndex() : undefined;
  return { summaries, size: corpus.size, ...(index ? { index: { options: index.options, entries: index.entries(), tabled: index.tabled } } : {}) };
}

/** The corpus of a snapshot; `readText` reads a file's text as the snapshot's thread read it (BOM included). */
export function restoreCorpus(snapshot: CorpusSnapshot, readText: (file: string) => string): Corpus {
  const summaries = snapshot.summaries.map(({ source, ...plain }): PostSummary => {
    let sha: string | undefined;
    const blobText = 'text' in source ? () => source.text : () => readText(source.file);
    return { ...plain, blobText, blobSha: () => (sha ??= gitBlobSha(blobText())) };
  });
  let index: CorpusIndex | undefined;
  if (snapshot.index) {
    index = new CorpusIndex(snapshot.index.options);
    for (const { path, sha, features } of snapshot.index.entries) index.addFeatures(path, sha, features);
    if (snapshot.index.tabled) index.buildTables();
  }
  return new RestoredCorpus(summaries, snapshot.size, index);
}

class RestoredCorpus implements Corpus {
  readonly memo = new Memo();
  constructor(
    private readonly all: readonly PostSummary[],
    readonly size: number,
    index: CorpusIndex | undefined,
  ) {
    if (index) (this as unknown as IndexedCorpus).corpusIndex = () => index;
  }
  summaries(): Iterable<PostSummary> {
    return this.all;
  }
}
