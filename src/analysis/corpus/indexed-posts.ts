import { Memo } from '../../core/memo.js';
import type { Repository } from '../../post/repository.js';
import type { Post } from '../../post/post.js';
import type { CorpusIndex, IndexedRepository } from './index.js';

/**
 * The checked posts, backed by an index holding every other post of the site or branch: the
 * repository rules compare with the index, the rules that walk `posts()` see the checked posts only.
 */
export class IndexedPosts implements Repository, IndexedRepository {
  readonly memo = new Memo();
  constructor(
    private readonly checked: Post[],
    private readonly index: CorpusIndex,
  ) {}
  posts(): Iterable<Post> {
    return this.checked;
  }
  get size(): number {
    return Math.max(this.index.size, this.checked.length);
  }
  corpusIndex(): CorpusIndex {
    return this.index;
  }
}
