import { Memo } from '../../core/memo.js';
import type { Corpus, PostSummary } from './corpus.js';
import type { CorpusIndex, IndexedCorpus } from './index.js';
import { InMemoryCorpus } from './summary.js';

/**
 * The checked posts, backed by an index holding every other post of the site or branch: the
 * cross-post rules compare with the index, the rules that walk `summaries()` see the checked posts only.
 */
export class IndexedPosts implements Corpus, IndexedCorpus {
  readonly memo = new Memo();
  constructor(
    private readonly checked: readonly PostSummary[],
    private readonly index: CorpusIndex,
  ) {}
  summaries(): Iterable<PostSummary> {
    return this.checked;
  }
  get size(): number {
    return Math.max(this.index.size, this.checked.length);
  }
  corpusIndex(): CorpusIndex {
    return this.index;
  }
}

/**
 * Every post of a corpus as summaries (the rules that walk `summaries()` see them all, as in an
 * `InMemoryCorpus`), with their index built ahead by the caller: `--corpus DIR` indexes from the features
 * it keeps between runs instead of hashing and normalising every text again.
 */
export class IndexedSummaries extends InMemoryCorpus implements IndexedCorpus {
  constructor(
    summaries: readonly PostSummary[],
    private readonly index: CorpusIndex,
  ) {
    super(summaries);
  }
  corpusIndex(): CorpusIndex {
    return this.index;
  }
}
