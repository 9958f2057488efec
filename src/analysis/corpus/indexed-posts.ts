import { Memo } from '../../core/memo.js';
import type { Corpus, PostSummary } from './corpus.js';
import type { CorpusIndex, IndexedCorpus } from './index.js';

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
