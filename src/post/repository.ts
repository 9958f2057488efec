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
}

export class InMemoryRepository implements Repository {
  private readonly byPath = new Map<string, Post>();

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

export const EMPTY_REPOSITORY: Repository = new InMemoryRepository();
