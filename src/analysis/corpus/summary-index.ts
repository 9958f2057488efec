import type { Config } from '../../config/schema.js';
import type { Memo } from '../../core/memo.js';
import type { Corpus, PostSummary } from './corpus.js';
import type { DocFeatures } from './features.js';
import { CorpusIndex, hasCorpusIndex, type IndexedCorpus, type IndexOptions } from './index.js';
import { indexOptionsFor } from './compare.js';

/** A post's blob SHA and its similarity-index features. */
export interface IndexedBlob {
  sha: string;
  features: DocFeatures;
}

/**
 * The similarity index of a corpus made of the checked posts' summaries, built from features made while
 * each post was summarised. Without it, `compare` builds the index when a rule first asks, reading every
 * post's text again from its file once the first pass is over; with the worker pool, every thread did so
 * (on the large corpus of `bench/throughput.ts`, 0.7–0.9 s of features and 0.4–0.7 s of reading again per
 * thread). The index is the one `compare` would build (the options of `indexOptionsFor(config)`, the posts
 * added in the corpus's order, the empty ones left out), so the rules take it as the corpus's own and find
 * the same; a worker receives it with the corpus (`snapshotCorpus`).
 */
export class SummaryIndex {
  readonly index: CorpusIndex;

  constructor(config: Config) {
    this.index = new CorpusIndex(indexOptionsFor(config));
  }

  /** The options a worker makes features with (`extractFeatures(text, options)`), as this index would. */
  get options(): IndexOptions {
    return this.index.options;
  }

  /** Makes the features of a summary whose text is still in memory (before `releaseText`); none for a post with nothing to index. */
  note(summary: PostSummary): IndexedBlob | undefined {
    if (!summary.indexable) return undefined;
    const sha = summary.blobSha();
    return { sha, features: this.index.featuresOf(summary.blobText(), sha) };
  }

  /** Features made elsewhere with `options`: by a worker, or by an earlier run (the summary cache). */
  remember({ sha, features }: IndexedBlob): void {
    this.index.rememberFeatures(sha, features);
  }

  /**
   * `corpus` with this index of its summaries, when it keeps none of its own and has posts to compare
   * (a summary whose features were not made here, one cached by an earlier run, is read again as before).
   */
  attach(corpus: Corpus): Corpus {
    if (hasCorpusIndex(corpus) || corpus.size < 2) return corpus;
    for (const summary of corpus.summaries()) {
      if (summary.indexable) this.index.addBlob(summary.path, summary.blobSha(), () => summary.blobText());
    }
    // Every one of these posts is checked, so compared with the others.
    this.index.expectQueries(corpus.size);
    return new IndexedSummaries(corpus, this.index);
  }
}

/** A corpus of summaries and the index made of them. */
class IndexedSummaries implements Corpus, IndexedCorpus {
  constructor(
    private readonly inner: Corpus,
    private readonly index: CorpusIndex,
  ) {}

  summaries(): Iterable<PostSummary> {
    return this.inner.summaries();
  }

  get size(): number {
    return this.inner.size;
  }

  get memo(): Memo {
    return this.inner.memo;
  }

  corpusIndex(): CorpusIndex {
    return this.index;
  }
}
