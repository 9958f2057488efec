import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type WorkerOptions } from 'node:worker_threads';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { DocFeatures, FeatureOptions } from '../analysis/corpus/features.js';
import { frontMatterData } from '../post/front-matter-source.js';
import { CorpusIndex } from '../analysis/corpus/index.js';
import { IndexedPosts } from '../analysis/corpus/indexed-posts.js';
import { defaultCacheDir, FileStore, storeNamespace } from '../analysis/corpus/store.js';
import type { Corpus, PostSummary } from '../analysis/corpus/corpus.js';
import type { Post } from '../post/post.js';
import { indexOptionsFor } from '../analysis/corpus/compare.js';
import { readSite } from '../analysis/site/config.js';
import type { CheckedPost, SiteContext } from '../analysis/site/context.js';
import { directorySiteContext, displayPathFor, sitePathFor } from '../analysis/site/directory.js';
import { DirectorySiteFiles } from '../analysis/site/files.js';
import { listSitePosts, metaOf, sitePost } from '../analysis/site/posts.js';
import type { Site, SitePost } from '../analysis/site/site.js';
import { readSiteSnapshot, writeSiteSnapshot, type SnapshotEntry } from './site-snapshot.js';
import { readSitePostFile, type SiteReadResult, type SiteReadTask, type SitePostRead, type SummarizeBytes, type SummarizedBytes } from '../analysis/site/read-posts.js';
import { workerEntry } from '../lint/pool.js';
import { withDetachedStrings } from '../text/detached.js';

/**
 * The CLI's view of the site it runs in: found by walking up from the checked files as linters find
 * their config, its posts read once (front matter for the site rules, features for the cross-post
 * rules). Two caches: the site's posts by path, keyed by each file's size and mtime, so a warm run reads
 * only changed files; and the cross-post features by git blob SHA (the store the App and `--corpus` use),
 * so a fresh clone, another folder or another commit of the same blog computes features only for blobs it
 * has never seen.
 */

/** The site at or above `start` (the nearest root, stopping at the repository root), read once. */
export function findSite(start: string): { root: string; site: Site } | undefined {
  let dir = resolve(start);
  for (;;) {
    const site = readSite(new DirectorySiteFiles(dir), dir);
    if (site) return { root: dir, site };
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LocalSite {
  site: Site;
  root: string;
  /** Where the CLI runs: display paths are relative to it. */
  cwd: string;
  files: DirectorySiteFiles;
  /** Every post of the site (root-relative), as on disk. */
  posts: SitePost[];
  /** Root-relative path → post text loader and features, for the corpus (the other posts for the cross-post rules). */
  index: CorpusIndex;
  /** Display path (relative to cwd) of a root-relative path. */
  displayPath(path: string): string;
  /** Root-relative path of a display path, or undefined outside the site. */
  sitePath(displayPath: string): string | undefined;
  /** Posts read from disk this time (not from the cache), and how many of them the worker read. */
  read: { posts: number; byWorker: number };
  /** The checked posts summarised as they were read (`LoadSiteOptions.summarize`), by absolute file path. */
  summaries: Map<string, ReadSummary>;
}

/** A checked post's summary made while the site was read, with the size and mtime of the file it was read from. */
export interface ReadSummary {
  size: number;
  mtime: number;
  summarized: SummarizedBytes;
}

/** Posts read again (changed or new since the last run) at or below which the blob store is not read: its whole file costs more than their features. */
const STORE_MIN_MISSES = 32;

export interface LoadSiteOptions {
  cwd: string;
  config: Config;
  env?: NodeJS.ProcessEnv;
  /** Skip the on-disk cache (tests, benchmarks of the cold path). */
  noCache?: boolean;
  /** The site's configuration when the caller has read it already (finding the root reads it). */
  site?: Site;
  /** Bytes of posts to read at or above which a worker reads beside this thread (default PARALLEL_MIN_BYTES; tests force it). */
  parallelMinBytes?: number;
  /** Tests: the worker reads every post (this thread only collects, however long the worker takes to start). */
  workerReadsAll?: boolean;
  /**
   * Given the writing of the caches (the blob store and the site's snapshot: ~70 ms for a cold site of
   * 1,176 posts) instead of it being done before `loadLocalSite` returns: the CLI writes them once its
   * workers have posts to check, so that they do not wait for it.
   */
  writeCache?: (write: () => void) => void;
  /** A thread already started that reads beside this one (the check's pool worker), instead of a worker of the site's own. */
  helper?: SiteReadHelper;
  /**
   * The checked posts (absolute file path → display path) and how to summarise one: a post read now is
   * summarised from the bytes read for its features (by this thread, and by `helper`, which summarises
   * with its own), so that the check's first pass need not read it again (`LocalSite.summaries`).
   */
  summarize?: { checked: ReadonlyMap<string, string>; summarize: SummarizeBytes };
}

/**
 * Hands `task` (its `port` to transfer) to a thread that reads beside the CLI's: a promise of its end, or
 * undefined when it has none. The task must reach that thread now, while this one reads: its thread is
 * started already (the CLI's pool), so no turn of this thread's event loop is needed to hand it over.
 */
export type SiteReadHelper = (task: SiteReadTask) => Promise<unknown> | undefined;

/** Reads the site rooted at `root`: configuration, posts and their cross-post features. */
export function loadLocalSite(root: string, options: LoadSiteOptions): LocalSite | undefined {
  const files = new DirectorySiteFiles(root);
  const site = options.site ?? readSite(files, root);
  if (!site) return undefined;
  const index = new CorpusIndex(indexOptionsFor(options.config));
  const env = options.env ?? process.env;
  const key = createHash('sha1').update(`${root}\0${JSON.stringify({ ...site, memo: undefined })}`).digest('hex').slice(0, 16);
  const file = join(defaultCacheDir(env), `site-${key}-${storeNamespace(index.options)}.bin`);
  const { permalink } = index.options;
  const cache = options.noCache ? new Map<string, SnapshotEntry>() : readSiteSnapshot(file, permalink);
  const displayPath = displayPathFor(options.cwd, root);
  // Unchanged posts (same size and mtime) come from the snapshot; the others are read, in listing order.
  const paths = listSitePosts(site, files);
  const entries: (SnapshotEntry | undefined)[] = [];
  const stale: { i: number; size: number; mtime: number }[] = [];
  paths.forEach((path, i) => {
    let stat;
    try {
      stat = statSync(join(root, path));
    } catch {
      return;
    }
    const entry = cache.get(path);
    if (entry && entry.size === stat.size && entry.mtime === stat.mtimeMs) entries[i] = entry;
    else stale.push({ i, size: stat.size, mtime: stat.mtimeMs });
  });
  const store = options.noCache || stale.length <= STORE_MIN_MISSES ? undefined : new FileStore(defaultCacheDir(env), storeNamespace(index.options));
  const computed = new Map<string, DocFeatures>();
  const summaries = new Map<string, ReadSummary>();
  // Each post read made a site post as soon as it is read (by either thread), while the other thread still
  // reads: after the read, this was ~120 ms of this thread alone on the site head's 1,176 posts.
  const readDone = (k: number, read: SitePostRead): void => {
    const { i, size, mtime } = stale[k]!;
    if (read.summarized) summaries.set(resolve(root, paths[i]!), { size, mtime, summarized: read.summarized });
    const features = read.features ?? computed.get(read.sha) ?? store?.getSync([read.sha]).get(read.sha);
    if (!features) return; // known to the store when read, gone since (not possible in one process)
    const data = read.data !== undefined ? read.data : read.frontMatter ? frontMatterData(read.frontMatter.format, read.frontMatter.source) : null;
    const path = paths[i]!;
    const post = sitePost(site, path, metaOf(site, path, data ?? {}), features.meta.headline);
    // Kept for the whole run: its strings copied out of the front matter (a substring keeps the post's text alive).
    entries[i] = { size, mtime, sha: read.sha, post: withDetachedStrings(post), features };
  };
  const { byWorker } = readStalePosts(
    root,
    stale.map(({ i }) => paths[i]!),
    stale.reduce((sum, { size }) => sum + size, 0) >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES),
    index.options,
    computed,
    store,
    options.workerReadsAll ?? false,
    options.helper,
    readDone,
    options.summarize ? { checkedAs: stale.map(({ i }) => options.summarize!.checked.get(resolve(root, paths[i]!)) ?? null), summarize: options.summarize.summarize } : undefined,
  );
  const posts: SitePost[] = [];
  const fresh = new Map<string, SnapshotEntry>();
  paths.forEach((path, i) => {
    const entry = entries[i];
    if (!entry) return;
    const shown = displayPath(path);
    entry.url ??= index.urlOf(shown, entry.features);
    fresh.set(path, entry);
    posts.push(entry.post);
    index.addFeatures(shown, entry.sha, entry.features, entry.url);
  });
  if (!options.noCache) {
    const changed = fresh.size !== cache.size || [...fresh].some(([p, e]) => cache.get(p) !== e);
    const write = () => {
      (store ?? new FileStore(defaultCacheDir(env), storeNamespace(index.options))).putSync(computed);
      if (changed) writeSiteSnapshot(file, fresh, permalink);
    };
    if (options.writeCache) options.writeCache(write);
    else write();
  }
  return {
    site,
    root,
    cwd: options.cwd,
    files,
    posts,
    index,
    displayPath,
    read: { posts: stale.length, byWorker },
    summaries,
    sitePath: sitePathFor(options.cwd, root),
  };
}

/** Posts to read at or above which a worker thread reads beside this one (a cold site: ~1 s of CPU per 50 MB). */
const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/** How long the worker may post nothing before this thread reads what it took itself (it crashed or stalled). */
const WORKER_STALL_MS = 10_000;

/**
 * Reads `paths` (the posts not in the cache) for their blob SHA, front matter and features, handing each
 * read to `readDone` (with its position in `paths`; an unreadable post is not handed) in this thread as it
 * comes. Features computed go into `computed` (by SHA: a blob seen twice is analysed once per thread) before
 * `readDone` is called. `parallel` (a cold site: the posts to read are PARALLEL_MIN_BYTES or
 * more) with two cores or more: read by this thread and a worker together, each taking the next path from a shared counter;
 * the results are the same as one thread's (the other thread's are collected here synchronously, by
 * `receiveMessageOnPort`, so loading the site stays synchronous; between two reads of its own, this thread
 * takes what the worker has posted, so the work `readDone` does is shared out too).
 */
function readStalePosts(
  root: string,
  paths: readonly string[],
  parallel: boolean,
  options: FeatureOptions,
  computed: Map<string, DocFeatures>,
  store: FileStore | undefined,
  workerReadsAll: boolean,
  helper: SiteReadHelper | undefined,
  readDone: (at: number, read: SitePostRead) => void,
  summarizing?: { checkedAs: (string | null)[]; summarize: SummarizeBytes },
): { byWorker: number } {
  const done = new Uint8Array(paths.length);
  const known = (sha: string): boolean => computed.has(sha) || (store?.hasSync(sha) ?? false);
  const settle = (at: number, read: SitePostRead | undefined): void => {
    if (read?.features && !computed.has(read.sha)) computed.set(read.sha, read.features);
    done[at] = 1;
    if (read) readDone(at, read);
  };
  const summarizeAs = (at: number) => {
    const displayPath = summarizing?.checkedAs[at];
    return displayPath ? { displayPath, summarize: summarizing!.summarize } : undefined;
  };
  const readHere = (at: number): void => settle(at, readSitePostFile(root, paths[at]!, options, known, summarizeAs(at)));
  const control = new Int32Array(new SharedArrayBuffer(8));
  /** The thread reading beside this one: the caller's (`helper`), else a worker of its own. */
  let beside: { stop(): void } | undefined;
  let port: MessagePort | undefined;
  let byWorker = 0;
  if (parallel && paths.length > 1 && availableParallelism() > 1) {
    const channel = new MessageChannel();
    const task: SiteReadTask = {
      root,
      paths: [...paths],
      options: { ...options },
      known: store?.shasSync() ?? [],
      // Only the check's pool worker summarises (a worker of the site's own loads no parser): its posts are summarised by the first pass.
      ...(summarizing && helper ? { checkedAs: summarizing.checkedAs } : {}),
      control: control.buffer as SharedArrayBuffer,
      port: channel.port2,
    };
    try {
      const lent = helper?.(task);
      if (lent) {
        lent.catch(() => {}); // its paths are read here (below)
        beside = { stop() {} }; // the task ends when no path is left
      } else {
        const entry = workerEntry('site-features-worker', import.meta.url);
        const init = { workerData: task, transferList: [channel.port2] };
        const worker = entry.filename.endsWith('.ts') ? typeScriptWorker(entry.filename, init) : new Worker(new URL(entry.filename), init);
        worker.on('error', () => {}); // its paths are read here (below)
        beside = { stop: () => void worker.terminate() };
      }
      port = channel.port1;
    } catch {
      beside = undefined; // no other thread: this one reads everything
    }
  }
  let progress = performance.now();
  /** Takes what the worker has posted so far; how many paths that settled. */
  const collect = (): number => {
    let settled = 0;
    for (let message = port && receiveMessageOnPort(port); message; message = receiveMessageOnPort(port!)) {
      const { at, read, failed } = message.message as SiteReadResult;
      progress = performance.now();
      if (done[at]) continue;
      if (failed) readHere(at);
      else {
        settle(at, read);
        byWorker++;
      }
      settled++;
    }
    return settled;
  };
  for (; !(beside && workerReadsAll); ) {
    const at = Atomics.add(control, 0, 1);
    if (at >= paths.length) break;
    readHere(at);
    collect();
  }
  if (beside && port) {
    let waiting = done.reduce((n, d) => n + (d ? 0 : 1), 0);
    while (waiting > 0) {
      const posted = Atomics.load(control, 1);
      waiting -= collect();
      if (waiting === 0) break;
      if (!workerReadsAll && performance.now() - progress > WORKER_STALL_MS) {
        for (let at = 0; at < paths.length; at++) if (!done[at]) readHere(at);
        break;
      }
      Atomics.wait(control, 1, posted, 100);
    }
    port.close();
    beside.stop();
  }
  return { byWorker };
}

/**
 * A worker whose entry is TypeScript (the sources run by vitest or tsx): a worker thread does not get the
 * loader hooks `--import tsx` registers in time for its entry, so the entry is imported through tsx's API.
 */
export function typeScriptWorker(filename: string, init: WorkerOptions): Worker {
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(filename)}, ${JSON.stringify(filename)}))`, { ...init, eval: true });
}

/** The site context and the corpus for one check run over `posts`. */
export function siteRun(local: LocalSite, compare: { git: boolean; base?: string } = { git: false }) {
  return {
    context: (checked: readonly CheckedPost[]): SiteContext =>
      directorySiteContext({
        directory: { root: local.root, cwd: local.cwd, git: compare.git, ...(compare.base !== undefined ? { base: compare.base } : {}) },
        site: local.site,
        posts: local.posts,
        checked,
      }),
    corpus: (checked: readonly PostSummary[]): Corpus => {
      // By blob SHA: the site's features of an unchanged post are known, and its text is not read again.
      for (const summary of checked) local.index.addBlob(summary.path, summary.blobSha(), () => summary.blobText());
      return new IndexedPosts([...checked], local.index);
    },
  };
}
