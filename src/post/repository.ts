import { Memo } from '../core/memo.js';
import type { Post } from './post.js';

/**
 * The posts of the repository other than the one being checked, for the rules that compare posts
 * (recurring statistics, cross-post duplication). The CLI fills it from the checked directory or
 * --corpus; the App from the base branch. An empty repository is always valid.
 */
export interface Repository {
  /** Every post known, the checked ones included; rules skip `post.path` themselves. */
  posts(): Iterable<Post>;
  size: number;
  /** What the rules work out across these posts (phrase index, title templates, the similarity index), kept with them. */
  readonly memo: Memo;
}

export class InMemoryRepository implements Repository {
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
export function emptyRepository(): Repository {
  return new InMemoryRepository();
}
