import { Memo } from '../core/memo.js';
import type { Post } from './post.js';

/**
 * The corpus: the other posts of the site, for the rules that compare a post with them (recurring
 * statistics, cross-post duplication, title templates, footers). The CLI fills it from the site or the
 * checked directory or --corpus; the App from the base branch; the audit from the tree at each commit.
 * An empty corpus is always valid. (One word for them everywhere: `context.corpus`, `corpus.memo`, the
 * `corpus:` settings, `--corpus`.)
 */
export interface Corpus {
  /** Every post known, the checked ones included; rules skip `post.path` themselves. */
  posts(): Iterable<Post>;
  size: number;
  /** What the rules work out across these posts (phrase index, title templates, the similarity index), kept with them. */
  readonly memo: Memo;
}

export class InMemoryCorpus implements Corpus {
  private readonly byPath = new Map<string, Post>();
  readonly memo = new Memo();

  constructor(posts: Iterable<Post> = []) {
    for (const post of posts) this.byPath.set(post.path, post);
  }

  add(post: Post): void {
    this.byPath.set(post.path, post);
  }

  posts(): Iterable<Post> {
    return this.byPath.values();
  }

  get size(): number {
    return this.byPath.size;
  }
}

/** No other posts: a new one each time, so nothing worked out about one check's posts outlives it. */
export function emptyCorpus(): Corpus {
  return new InMemoryCorpus();
}
