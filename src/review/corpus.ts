import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { CorpusIndex, type TreeEntry } from '../analysis/corpus/index.js';
import { IndexedPosts } from '../analysis/corpus/indexed-posts.js';
import { defaultCacheDir, openStore, storeNamespace, type IndexStore } from '../analysis/corpus/store.js';
import type { Corpus } from '../analysis/corpus/corpus.js';
import { summarizePost } from '../analysis/corpus/summary.js';
import type { Post } from '../post/post.js';
import { blobText, indexOptionsFor } from '../analysis/corpus/compare.js';
import type { GitHubClient, GitTree, PullFile } from './client.js';
import type { CheckedPost, SiteContext } from '../analysis/site/context.js';
import { baseSite, siteBlobShas } from './site.js';

/** Texts of the site's configuration blobs and base versions, by SHA, kept between runs (small, bounded). */
const siteBlobs = new Map<string, string>();
const MAX_SITE_BLOBS = 512;
function remember(sha: string, text: string): void {
  siteBlobs.delete(sha);
  siteBlobs.set(sha, text);
  while (siteBlobs.size > MAX_SITE_BLOBS) siteBlobs.delete(siteBlobs.keys().next().value!);
}
import { unsafePath } from './paths.js';

/**
 * The base branch's posts for the cross-post rules, through the content-addressed index: one git-trees
 * request lists the base branch, the index asks only for blobs it has neither in memory nor in its store
 * (GraphQL, 100 blobs per query), and the changed posts are compared with every other post of the branch.
 */

export interface CorpusCacheOptions {
  /** File store directory (default `defaultCacheDir()`: `$XDG_CACHE_HOME/editorial-review`, outside any checkout); unused when `REDIS_URL` is set. */
  dir?: string;
  env?: NodeJS.ProcessEnv;
  /** A store to use instead of `openStore` (tests). */
  store?: IndexStore;
  /** Repositories whose index stays in memory (least recently used dropped; the store keeps the features). */
  maxRepositories?: number;
}

/** What indexing the base branch cost in this run. */
export interface CorpusCost {
  /** Posts of the base branch in the index. */
  posts: number;
  /** Blobs whose text was fetched (GraphQL), and whose features came from the store. */
  loaded: number;
  fromStore: number;
  /** Blob SHAs GitHub returned no text for (binary, truncated). */
  missing: number;
}

/** Indexes kept between runs (one per repository and index options), each used by one run at a time. */
export class CorpusCache {
  private readonly indexes = new Map<string, { index: CorpusIndex; tail: Promise<unknown> }>();
  private readonly stores = new Map<string, Promise<IndexStore>>();

  constructor(private readonly options: CorpusCacheOptions = {}) {}

  private store(index: CorpusIndex): Promise<IndexStore> {
    if (this.options.store) return Promise.resolve(this.options.store);
    const namespace = storeNamespace(index.options);
    let store = this.stores.get(namespace);
    if (!store) {
      store = openStore(index.options, this.options.env ?? process.env, this.options.dir ?? defaultCacheDir(this.options.env ?? process.env));
      this.stores.set(namespace, store);
    }
    return store;
  }

  /** Runs `fn` with the repository's index, never concurrently with another run on the same index. */
  async with<T>(repoKey: string, config: Config, fn: (index: CorpusIndex) => Promise<T>): Promise<T> {
    const options = indexOptionsFor(config);
    const key = `${repoKey}\0${JSON.stringify(options)}`;
    let entry = this.indexes.get(key);
    if (!entry) {
      const probe = new CorpusIndex(options);
      entry = { index: new CorpusIndex(options, await this.store(probe)), tail: Promise.resolve() };
    }
    // Most recently used last; the oldest beyond the limit is dropped.
    this.indexes.delete(key);
    this.indexes.set(key, entry);
    const max = this.options.maxRepositories ?? 16;
    while (this.indexes.size > max) this.indexes.delete(this.indexes.keys().next().value!);
    const current = entry;
    const result = current.tail.then(() => fn(current.index));
    current.tail = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    for (const store of this.stores.values()) await (await store).close?.();
    this.stores.clear();
  }
}

export interface BaseCorpusInput {
  /** Identifies the repository (its URL); only the cache's efficiency depends on it. */
  repoKey: string;
  /** The base branch (or commit) whose posts are compared with. */
  baseRef: string;
  config: Config;
  /** The pull request's changed files (their base versions are replaced or removed). */
  changed: PullFile[];
  /** The changed posts at the head, parsed. */
  posts: Post[];
  /** Which files are posts (default: the config's `posts` globs). */
  isPost?: (path: string) => boolean;
}

/**
 * Checks the posts against the whole base branch: `check` gets `corpusFor`, which gives a Corpus
 * backed by the synced index holding the given versions of the changed posts (the first check's, then each
 * fix pass's), or `undefined` when the base branch could not be listed (the changed-files-only fallback; a
 * note says why).
 */
export async function withBaseCorpus<T>(
  client: GitHubClient,
  cache: CorpusCache,
  input: BaseCorpusInput,
  notes: string[],
  check: (corpusFor: ((posts: Post[]) => Corpus) | undefined, site?: (checked: readonly CheckedPost[]) => SiteContext) => T,
): Promise<{ value: T; cost?: CorpusCost }> {
  if (!client.readTree || !client.readBlobTexts) return { value: check(undefined) };
  const readBlobTexts = client.readBlobTexts.bind(client);
  const { config } = input;
  let entries: TreeEntry[];
  let tree: GitTree;
  try {
    tree = await client.readTree(input.baseRef);
    if (tree.truncated) {
      notes.push(`The base branch has more files than GitHub lists in one tree; the posts were compared with each other only, not with every post of \`${input.baseRef}\`.`);
      return { value: check(undefined) };
    }
    const isPost = input.isPost ?? picomatch(config.posts, { dot: true });
    const replaced = new Set<string>();
    for (const f of input.changed) {
      replaced.add(f.filename);
      if (f.previous_filename) replaced.add(f.previous_filename);
    }
    entries = tree.files
      .filter((f) => isPost(f.path) && !replaced.has(f.path) && f.size <= config.review.maxFileBytes && unsafePath(f.path) === null)
      .map((f) => ({ path: f.path, blobSha: f.sha }));
  } catch (error) {
    notes.push(`The base branch could not be listed (${(error as Error).message}); the posts were compared with each other only.`);
    return { value: check(undefined) };
  }
  try {
    return await cache.with(input.repoKey, config, async (index) => {
      // The site's few blobs ride along with the index's first blob query, or come from the cache.
      const siteShas = siteBlobShas(tree, input.changed);
      const siteTexts = new Map<string, string>();
      for (const sha of siteShas) {
        const text = siteBlobs.get(sha);
        if (text !== undefined) siteTexts.set(sha, text);
      }
      let pending = siteShas.filter((sha) => !siteTexts.has(sha));
      const keep = (texts: Map<string, string>): void => {
        for (const sha of pending) {
          const text = texts.get(sha);
          if (text !== undefined) siteTexts.set(sha, text);
          remember(sha, text ?? '');
        }
        pending = [];
      };
      const synced = await index.sync(entries, async (shas) => {
        const texts = await readBlobTexts([...shas, ...pending.filter((sha) => !shas.includes(sha))]);
        keep(texts);
        return texts;
      });
      if (pending.length > 0) keep(await readBlobTexts(pending));
      const corpusFor = (posts: Post[]): Corpus => {
        for (const post of posts) {
          if (post.frontMatter || post.text !== '') index.addText(post.path, blobText(post));
        }
        return new IndexedPosts(posts.map((post) => summarizePost(post)), index);
      };
      const cost: CorpusCost = { posts: entries.length - synced.missing.length, loaded: synced.loaded, fromStore: synced.fromStore, missing: synced.missing.length };
      let site: ((checked: readonly CheckedPost[]) => SiteContext) | undefined;
      try {
        site = siteShas.length > 0 ? baseSite(tree, index, input.changed, siteTexts) : undefined;
      } catch (error) {
        notes.push(`The site's configuration could not be read from \`${input.baseRef}\` (${(error as Error).message}); the site rules did not run.`);
      }
      return { value: check(corpusFor, site), cost };
    });
  } catch (error) {
    notes.push(`The base branch's posts could not be indexed (${(error as Error).message}); the posts were compared with each other only.`);
    return { value: check(undefined) };
  }
}
