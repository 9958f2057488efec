import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { PostSummary } from '../analysis/corpus/corpus.js';
import type { DocFeatures } from '../analysis/corpus/features.js';
import { gitBlobSha } from '../analysis/corpus/hash.js';
import { writeCacheFile } from '../core/cache-dir.js';
import type { SummaryCache } from '../lint/pool.js';
import { readBlobText } from '../lint/run.js';
import type { SummarizedBytes } from '../analysis/site/read-posts.js';
import type { ReadSummary } from './site.js';

/**
 * The CLI's cache of post summaries between runs (`PostSummary`: what the cross-post rules read of a
 * post), per file with its size and mtime (as the site's snapshot, `site-snapshot.ts`, and ESLint's
 * `--cache` key them), its git blob SHA and, for a corpus post, its index features. A post whose file has
 * the size and mtime its entry was made from is not read to be summarised; its text is read again only
 * if a rule asks for it (`blobText`).
 *
 * One `v8.serialize`d file (front matter dates stay `Date`s, features keep their typed arrays), written
 * whole and renamed (`writeCacheFile`). A summary is what this build's code makes of a text, so the file
 * carries the build it was made by (the size and mtime of this module's file: the CLI's bundle once built):
 * another build's file, or one that does not read back, counts as no cache.
 */
export const SUMMARY_FILE_VERSION = 1;

/** A summary without its path and its text: what the file keeps of a post. */
export type StoredSummary = Omit<PostSummary, 'path' | 'blobText' | 'blobSha' | 'releaseText'>;

export interface SummaryEntry {
  size: number;
  mtime: number;
  summary: StoredSummary;
  /**
   * The post's blob SHA and index features: a corpus post's always; a checked post's when the check made
   * its own similarity index of the checked posts (`SummaryIndex`). Features depend on the index options:
   * a file holding them is named by those (`storeNamespace`).
   */
  indexed?: { sha: string; features: DocFeatures };
}

interface Stored {
  version: number;
  build: string;
  entries: Map<string, SummaryEntry>;
}

/** Entries a file shared by runs over different posts keeps at most (a site of 10,000 posts: ~40 MB). */
const MAX_KEPT_ENTRIES = 10_000;

let buildId: string | undefined;

/** This build's identity: the size and mtime of the file this module runs from. */
function currentBuild(): string {
  if (buildId === undefined) {
    try {
      const stat = statSync(fileURLToPath(import.meta.url));
      buildId = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      buildId = 'unknown';
    }
  }
  return buildId;
}

export class SummaryFile {
  private readonly previous: Map<string, SummaryEntry>;
  private readonly entries = new Map<string, SummaryEntry>();
  private changed = false;

  /** `file` read now (none when `disabled`, or it does not read back as this version and build). */
  constructor(
    private readonly file: string,
    private readonly disabled = false,
  ) {
    this.previous = disabled ? new Map() : readSummaryFile(file);
  }

  /** The entry of `key` when `stat` is the size and mtime it was made from. */
  lookup(key: string, stat: { size: number; mtimeMs: number }): SummaryEntry | undefined {
    const entry = this.previous.get(key);
    if (!entry || entry.size !== stat.size || entry.mtime !== stat.mtimeMs) return undefined;
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps `key`'s previous entry unchecked (a post not read this run that another run may ask for). */
  keep(key: string): void {
    const entry = this.previous.get(key);
    if (entry) this.entries.set(key, entry);
  }

  /** Remembers what this run made of `key`'s file, read at `stat`; false when the summary cannot be kept as it is. */
  remember(key: string, stat: { size: number; mtimeMs: number }, summary: PostSummary, indexed?: SummaryEntry['indexed']): boolean {
    const stored = storedSummary(summary);
    if (!stored) return false;
    this.entries.set(key, { size: stat.size, mtime: stat.mtimeMs, summary: stored, ...(indexed ? { indexed } : {}) });
    this.changed = true;
    return true;
  }

  /**
   * Writes the entries looked up, kept or remembered this run when one was remembered or one of the
   * previous ones is gone (`keepPrevious`: the previous ones not asked for stay too, for a cache shared by
   * runs over different posts).
   */
  save(keepPrevious = false): void {
    if (this.disabled) return;
    if (keepPrevious) {
      for (const [key, entry] of this.previous) {
        if (this.entries.size >= MAX_KEPT_ENTRIES) break; // files renamed or deleted long ago go first
        if (!this.entries.has(key)) this.entries.set(key, entry);
      }
    }
    if (!this.changed && this.entries.size === this.previous.size) return;
    const stored: Stored = { version: SUMMARY_FILE_VERSION, build: currentBuild(), entries: this.entries };
    writeCacheFile(this.file, serialize(stored));
  }
}

/**
 * A summary made from an entry: its text read again from `file` when asked for (and not kept: a whole
 * site's texts would stay in memory), its blob SHA from the entry or hashed from the text.
 */
export function restoreSummary(entry: SummaryEntry, path: string, file: string): PostSummary {
  let sha = entry.indexed?.sha;
  const blobText = () => readBlobText(file);
  return { ...entry.summary, path, blobText, blobSha: () => (sha ??= gitBlobSha(blobText())) };
}

/** A summary made while the site was read: as the first pass's worker makes one (lint/pool.ts), its text read again from `file` when asked for. */
function summaryReadWithSite({ summary, sha: known }: SummarizedBytes, file: string): PostSummary {
  let sha = known;
  const blobText = () => readBlobText(file);
  return { ...summary, blobText, blobSha: () => (sha ??= gitBlobSha(blobText())) };
}

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

function readSummaryFile(file: string): Map<string, SummaryEntry> {
  try {
    const stored = deserialize(readFileSync(file)) as Stored;
    if (stored?.version === SUMMARY_FILE_VERSION && stored.build === currentBuild() && stored.entries instanceof Map) return stored.entries;
  } catch {
    // no file yet, or one this version cannot read: every post is read
  }
  return new Map();
}

/**
 * The first pass's cache of the checked posts' summaries (`SummaryCache`), by absolute file path, in
 * `cacheFile`: a post whose file has the size and mtime of its entry is not read to be summarised, nor to
 * be indexed when its entry holds its features (`cacheFile` is then named by the index options). Posts
 * given as bytes (the Action's, the App's) are always read. `readWithSite`: the checked posts of a site
 * summarised while the site was read (`LocalSite.summaries`), taken as this run's own when their file has
 * not changed since (and kept in the file as the summaries this run made).
 */
export function checkedSummaries(cacheFile: string, readWithSite: ReadonlyMap<string, ReadSummary> = new Map()): SummaryCache {
  const file = new SummaryFile(cacheFile);
  const read = new Map<string, { size: number; mtimeMs: number }>();
  return {
    get(source) {
      if (!('file' in source)) return undefined;
      let stat;
      try {
        stat = statSync(source.file);
      } catch {
        return undefined; // the post reports it
      }
      const hit = file.lookup(source.file, stat);
      if (hit) return { summary: restoreSummary(hit, source.path, source.file), ...(hit.indexed ? { indexed: hit.indexed } : {}) };
      const made = readWithSite.get(resolve(source.file));
      if (made && made.size === stat.size && made.mtime === stat.mtimeMs && made.summarized.summary.path === source.path) {
        const summary = summaryReadWithSite(made.summarized, source.file);
        file.remember(source.file, stat, summary);
        return { summary };
      }
      read.set(source.file, stat);
      return undefined;
    },
    put(source, summary, indexed) {
      const stat = 'file' in source ? read.get(source.file) : undefined;
      if (stat) file.remember((source as { file: string }).file, stat, summary, indexed);
    },
    done() {
      file.save(true);
    },
  };
}
