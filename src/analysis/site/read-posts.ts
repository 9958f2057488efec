import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { readIndexedPost, type DocFeatures, type FeatureOptions } from '../corpus/features.js';
import { gitBlobSha } from '../corpus/hash.js';
import { splitFrontMatter } from '../../post/front-matter-source.js';
import type { FrontMatterFormat } from '../../post/post.js';
import { withDetachedStrings } from '../../text/detached.js';
import { decodeUtf8 } from '../../core/utf8.js';
import type { PostSummary } from '../corpus/corpus.js';

/**
 * Reading one post of the site for the CLI's site cache: its blob SHA, its front matter and, for a blob
 * the blob store does not know, its cross-post features. Shared by the CLI's thread and the thread that
 * reads a cold site beside it: the check's pool worker (`readSiteShare` as a pool task), else a worker of
 * its own (cli/site-features-worker.ts).
 */
export interface SitePostRead {
  sha: string;
  /** Absent when the caller knows the blob's features already. */
  features?: DocFeatures;
  frontMatter: { format: FrontMatterFormat; source: string } | null;
  /** The front matter's values, when this thread parsed them anyway (the features need a few). */
  data?: Record<string, unknown> | null;
  /** The post's summary, when the check asked for it (`SummarizeBytes`): a checked post of the site. */
  summarized?: SummarizedBytes;
}

/** A checked post's summary (without its functions: the caller reads the text again), and its blob SHA when its bytes gave it (`knownBlobSha`). */
export interface SummarizedBytes {
  summary: Omit<PostSummary, 'blobText' | 'blobSha' | 'releaseText'>;
  sha?: string;
}

/**
 * Parses a post's bytes as the check's first pass would (`displayPath`: its path in the findings) and
 * summarises it; undefined where the first pass reads it otherwise (it is then summarised there). Given by
 * the check (lint/pool-task.ts), so that a thread reading the site without it loads no parser.
 */
export type SummarizeBytes = (bytes: Buffer, displayPath: string, sha: string) => SummarizedBytes | undefined;

/** The checked post a site post is, for the reading thread to summarise it (`SummarizeBytes`). */
export interface SummarizeAs {
  displayPath: string;
  summarize: SummarizeBytes;
}

/** Heads tried before the whole file: most front matter closes in the first 4 KB (posts average 45 KB). */
const HEAD_BYTES = [4 * 1024, 32 * 1024];

/** The front matter, split from the shortest head of the file it closes in. */
function frontMatterOfHead(bytes: Buffer): { format: FrontMatterFormat; source: string } | null {
  for (const head of HEAD_BYTES) {
    if (bytes.length <= head) break;
    // Up to the head's last line break: a fence cut short (`---` of `----`) must not close the front matter.
    const text = bytes.toString('utf8', 0, head);
    const split = splitFrontMatter(text.slice(0, text.lastIndexOf('\n') + 1));
    if (split) return { format: split.format, source: split.source };
  }
  const split = splitFrontMatter(bytes.toString('utf8'));
  return split ? { format: split.format, source: split.source } : null;
}

/**
 * Reads `path` below `root` (undefined when it cannot be read). A blob `known` (another folder or commit of
 * this blog) needs its front matter only, from the file's head; else the front matter and the features come
 * from one pass over the text. With `summarizeAs` (a post the check checks), its summary too, from the same
 * bytes: the check's first pass then reads it no more.
 */
export function readSitePostFile(root: string, path: string, options: FeatureOptions, known: (sha: string) => boolean, summarizeAs?: SummarizeAs): SitePostRead | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, path));
  } catch {
    return undefined;
  }
  const sha = gitBlobSha(bytes);
  const summarized = summarizeAs ? summarizeSafely(summarizeAs, bytes, sha) : undefined;
  const withSummary = summarized ? { summarized } : {};
  if (known(sha)) return { sha, frontMatter: frontMatterOfHead(bytes), ...withSummary };
  const { features, frontMatter: data, frontMatterSource } = readIndexedPost(decodeUtf8(bytes) ?? bytes.toString('utf8'), options);
  // The features are kept for the whole run (the index, the store): their strings copied out of the text.
  return { sha, features: withDetachedStrings(features), frontMatter: frontMatterSource, data, ...withSummary };
}

/** A summary that fails is left to the first pass, which reports the post as it reports any it cannot read. */
function summarizeSafely({ displayPath, summarize }: SummarizeAs, bytes: Buffer, sha: string): SummarizedBytes | undefined {
  try {
    return summarize(bytes, displayPath, sha);
  } catch {
    return undefined;
  }
}

/** What the other thread is given: the posts to read, and a counter it shares with the CLI's thread (cli/site.ts). */
export interface SiteReadTask {
  root: string;
  paths: string[];
  options: FeatureOptions;
  /** Blob SHAs whose features the blob store has. */
  known: string[];
  /** By position in `paths`: the display path of a post the check checks (summarised as it is read, `SummarizeBytes`), else null. */
  checkedAs?: (string | null)[];
  /** Int32 [next path to take, results posted]: each thread takes the next path by `Atomics.add`. */
  control: SharedArrayBuffer;
  port: MessagePort;
}

/** One result the worker posts: the path's position in `paths`, and what was read (absent: unreadable or failed). */
export interface SiteReadResult {
  at: number;
  read?: SitePostRead;
  failed?: boolean;
}

/**
 * The other thread's share of a cold site's read (cli/site.ts `readStalePosts`): it and the CLI's thread
 * each take the next unread path from the shared counter, so neither waits for a fixed half. Each result is
 * posted, then counted in `control[1]` (which the CLI's thread waits on). Returns how many it read. With
 * `summarize` (the check's pool worker), the checked posts (`checkedAs`) are summarised as they are read.
 */
export function readSiteShare(task: SiteReadTask, summarize?: SummarizeBytes): number {
  const control = new Int32Array(task.control);
  const known = new Set(task.known);
  let read = 0;
  for (;;) {
    const at = Atomics.add(control, 0, 1);
    if (at >= task.paths.length) break;
    let result: SiteReadResult;
    try {
      const displayPath = summarize ? task.checkedAs?.[at] : undefined;
      const post = readSitePostFile(task.root, task.paths[at]!, task.options, (sha) => known.has(sha), displayPath ? { displayPath, summarize: summarize! } : undefined);
      // The values go as source (parsed again there: cloning would turn a TOML date into a plain Date), and the
      // features' front-matter copy as JSON, as the blob store and the site cache keep it.
      if (post?.features) post.features.meta = JSON.parse(JSON.stringify(post.features.meta)) as typeof post.features.meta;
      result = post
        ? { at, read: { sha: post.sha, frontMatter: post.frontMatter, ...(post.features ? { features: post.features } : {}), ...(post.summarized ? { summarized: post.summarized } : {}) } }
        : { at };
      read++;
    } catch {
      result = { at, failed: true };
    }
    task.port.postMessage(result);
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  }
  task.port.close();
  return read;
}
