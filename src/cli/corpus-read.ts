import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Config } from '../config/schema.js';
import type { Corpus, PostSummary } from '../analysis/corpus/corpus.js';
import { indexOptionsFor } from '../analysis/corpus/compare.js';
import { extractFeatures, type DocFeatures } from '../analysis/corpus/features.js';
import { CorpusIndex } from '../analysis/corpus/index.js';
import { IndexedSummaries } from '../analysis/corpus/indexed-posts.js';
import { storeNamespace } from '../analysis/corpus/store.js';
import { summarizePost } from '../analysis/corpus/summary.js';
import { defaultCacheDir, writeCacheFile } from '../core/cache-dir.js';
import { readBlobText, readPost } from '../lint/run.js';
import { displayPath, postsBelow } from './files.js';

/**
 * `--corpus DIR`: the posts of a folder that are only context for the checked ones. Each is summarised
 * (`PostSummary`: what the cross-post rules read of it) and indexed (its features, by git blob SHA). Both
 * are kept between runs in one cache file per folder, per post by path with the file's size and mtime (as
 * the site's snapshot, `site-snapshot.ts`, and ESLint's `--cache` do): a warm run stats every post, reads
 * the cache and parses only the posts that changed, instead of building every post's model to summarise
 * it (3.6 s of CPU for one post checked against the 1,176 posts of the site bundle's head, every run).
 * An unchanged post's text is read again only if a rule asks for it (`blobText`).
 *
 * The file is `v8.serialize`d (front matter dates stay `Date`s, features keep their typed arrays); one that
 * does not read back as this version counts as no cache. Bump `CORPUS_CACHE_VERSION` when what
 * `summarizePost` or `extractFeatures` make changes.
 */
export const CORPUS_CACHE_VERSION = 1;

/** A summary without its path and text: what the cache keeps of a post. */
type StoredSummary = Omit<PostSummary, 'path' | 'blobText' | 'blobSha' | 'releaseText'>;

interface CacheEntry {
  size: number;
  mtime: number;
  sha: string;
  summary: StoredSummary;
  features: DocFeatures;
}

interface CacheFile {
  version: number;
  entries: Map<string, CacheEntry>;
}

export interface CorpusDirectoryOptions {
  /** Display paths are relative to it (as the checked posts'). */
  cwd: string;
  config: Config;
  /** Display paths of posts not to take in (the checked ones: they are read once, as checked posts). */
  excluded: ReadonlySet<string>;
  env?: NodeJS.ProcessEnv;
  /** Neither read nor write the cache. */
  noCache?: boolean;
}

export interface CorpusDirectory {
  /** The folder's posts in listing order, without the excluded ones. */
  readonly summaries: readonly PostSummary[];
  /** The corpus for one check: these posts but the checked ones, then the checked ones, with an index of all. */
  corpus(checked: readonly PostSummary[]): Corpus;
  /** Posts taken from the cache and posts read (for tests and benchmarks). */
  readonly stats: { cached: number; read: number };
}

/** Reads the posts below `dir` as a corpus, from the cache where they have not changed. */
export function readCorpusDirectory(dir: string, options: CorpusDirectoryOptions): CorpusDirectory {
  const indexOptions = indexOptionsFor(options.config);
  const featureOptions = new CorpusIndex(indexOptions).options;
  const file = join(
    defaultCacheDir(options.env ?? process.env),
    `corpus-${createHash('sha1').update(dir).digest('hex').slice(0, 16)}-${storeNamespace(featureOptions)}.bin`,
  );
  const cached = options.noCache ? new Map<string, CacheEntry>() : readCache(file);
  const fresh = new Map<string, CacheEntry>();
  const summaries: PostSummary[] = [];
  const features = new Map<PostSummary, { sha: string; features: DocFeatures }>();
  const stats = { cached: 0, read: 0 };
  for (const absolute of postsBelow(dir)) {
    const shown = displayPath(absolute, options.cwd);
    const key = relative(dir, absolute);
    if (options.excluded.has(shown)) {
      // Checked this time (read as a checked post), context another time: its entry stays.
      const kept = cached.get(key);
      if (kept) fresh.set(key, kept);
      continue;
    }
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    const hit = stat ? cached.get(key) : undefined;
    if (hit && hit.size === stat!.size && hit.mtime === stat!.mtimeMs) {
      const summary = restoreSummary(hit, shown, absolute);
      summaries.push(summary);
      features.set(summary, { sha: hit.sha, features: hit.features });
      fresh.set(key, hit);
      stats.cached++;
      continue;
    }
    // A post read as before this cache existed: parsed, summarised, its text kept with the summary.
    const summary = summarizePost(readPost(absolute, shown));
    summaries.push(summary);
    stats.read++;
    if (!stat || !summary.indexable) continue;
    const sha = summary.blobSha();
    const computed = extractFeatures(summary.blobText(), featureOptions);
    features.set(summary, { sha, features: computed });
    const stored = storedSummary(summary);
    if (stored) fresh.set(key, { size: stat.size, mtime: stat.mtimeMs, sha, summary: stored, features: computed });
  }
  if (!options.noCache && (fresh.size !== cached.size || [...fresh].some(([key, entry]) => cached.get(key) !== entry))) {
    writeCache(file, fresh);
  }
  return {
    summaries,
    stats,
    corpus(checked) {
      const checkedPaths = new Set(checked.map((summary) => summary.path));
      // The order `compare` indexes an in-memory corpus in: its posts, then the checked ones (`InMemoryCorpus`).
      const all = [...summaries.filter((summary) => !checkedPaths.has(summary.path)), ...checked];
      const index = new CorpusIndex(indexOptions);
      for (const summary of all) {
        if (!summary.indexable) continue;
        const known = features.get(summary);
        if (known) index.addFeatures(summary.path, known.sha, known.features);
        else index.addText(summary.path, summary.blobText(), summary.blobSha());
      }
      return new IndexedSummaries(all, index);
    },
  };
}

function restoreSummary(entry: CacheEntry, path: string, file: string): PostSummary {
  let text: string | undefined;
  return {
    ...entry.summary,
    path,
    blobText: () => (text ??= readBlobText(file)),
    blobSha: () => entry.sha,
  };
}

/** What the cache keeps of a summary; undefined when its front matter holds values `v8.serialize` would not give back as they are. */
function storedSummary(summary: PostSummary): StoredSummary | undefined {
  const { path: _path, blobText: _text, blobSha: _sha, releaseText: _release, ...stored } = summary;
  return plainData(stored.data) ? stored : undefined;
}

/** Strings, numbers, booleans, null, dates, arrays and plain objects of them: what survives `v8.serialize` unchanged. */
function plainData(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint') return true;
  if (value instanceof Date) return true;
  if (Array.isArray(value)) return value.every(plainData);
  if (type === 'object') {
    const prototype = Object.getPrototypeOf(value);
    return (prototype === Object.prototype || prototype === null) && Object.values(value as object).every(plainData);
  }
  return false;
}

function readCache(file: string): Map<string, CacheEntry> {
  try {
    const stored = deserialize(readFileSync(file)) as CacheFile;
    if (stored?.version === CORPUS_CACHE_VERSION && stored.entries instanceof Map) return stored.entries;
  } catch {
    // no cache yet, or a file this version cannot read: every post is read
  }
  return new Map();
}

function writeCache(file: string, entries: Map<string, CacheEntry>): void {
  const stored: CacheFile = { version: CORPUS_CACHE_VERSION, entries };
  writeCacheFile(file, serialize(stored));
}
