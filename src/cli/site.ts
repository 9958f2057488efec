import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type WorkerOptions } from 'node:worker_threads';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Config } from '../config/schema.js';
import type { DocFeatures, FeatureOptions } from '../analysis/corpus/features.js';
import { frontMatterData } from '../post/front-matter-source.js';
import { gitBlobSha } from '../analysis/corpus/hash.js';
import { CorpusIndex } from '../analysis/corpus/index.js';
import { IndexedPosts } from '../analysis/corpus/indexed-posts.js';
import { defaultCacheDir, FileStore, storeNamespace } from '../analysis/corpus/store.js';
import type { Corpus, PostSummary } from '../analysis/corpus/corpus.js';
import type { Post } from '../post/post.js';
import { indexOptionsFor } from '../analysis/corpus/compare.js';
import { readSite } from '../analysis/site/config.js';
import { createSiteContext, type CheckedPost, type SiteContext } from '../analysis/site/context.js';
import { DirectorySiteFiles } from '../analysis/site/files.js';
import { listSitePosts, metaOf, sitePost } from '../analysis/site/posts.js';
import type { Site, SitePost } from '../analysis/site/site.js';
import { readSiteSnapshot, writeSiteSnapshot, type SnapshotEntry } from './site-snapshot.js';
import { readSitePostFile, type SiteReadResult, type SiteReadTask, type SitePostRead } from './site-read.js';
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
}

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
  const { reads, byWorker } = readStalePosts(
    root,
    stale.map(({ i }) => paths[i]!),
    stale.reduce((sum, { size }) => sum + size, 0) >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES),
    index.options,
    computed,
    store,
    options.workerReadsAll ?? false,
  );
  stale.forEach(({ i, size, mtime }, k) => {
    const read = reads[k];
    if (!read) return;
    const features = read.features ?? computed.get(read.sha) ?? store?.getSync([read.sha]).get(read.sha);
    if (!features) return; // known to the store when read, gone since (not possible in one process)
    const data = read.data !== undefined ? read.data : read.frontMatter ? frontMatterData(read.frontMatter.format, read.frontMatter.source) : null;
    const path = paths[i]!;
    const post = sitePost(site, path, metaOf(site, path, data ?? {}), features.meta.headline);
    // Kept for the whole run: its strings copied out of the front matter (a substring keeps the post's text alive).
    entries[i] = { size, mtime, sha: read.sha, post: withDetachedStrings(post), features };
  });
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
    (store ?? new FileStore(defaultCacheDir(env), storeNamespace(index.options))).putSync(computed);
    if (fresh.size !== cache.size || [...fresh].some(([p, e]) => cache.get(p) !== e)) writeSiteSnapshot(file, fresh, permalink);
  }
  return {
    site,
    root,
    files,
    posts,
    index,
    displayPath,
    read: { posts: stale.length, byWorker },
    sitePath: sitePathFor(options.cwd, root),
  };
}

/**
 * Root-relative path of a display path. A function of its own: a closure made inside `loadLocalSite` would
 * keep everything its closures share alive for the whole run (what was read, the features computed).
 */
function sitePathFor(cwd: string, root: string): (shown: string) => string | undefined {
  return (shown) => {
    const rel = relative(root, resolve(cwd, shown)).split(sep).join('/');
    return rel.startsWith('..') ? undefined : rel;
  };
}

/** Posts to read at or above which a worker thread reads beside this one (a cold site: ~1 s of CPU per 50 MB). */
const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/** How long the worker may post nothing before this thread reads what it took itself (it crashed or stalled). */
const WORKER_STALL_MS = 10_000;

/**
 * Reads `paths` (the posts not in the cache) for their blob SHA, front matter and features; results in
 * the order of `paths` (undefined: unreadable). Features computed go into `computed` (by SHA: a blob seen
 * twice is analysed once per thread). `parallel` (a cold site: the posts to read are PARALLEL_MIN_BYTES or
 * more) with two cores or more: read by this thread and a worker together, each taking the next path from a shared counter;
 * the results are the same as one thread's (the worker's are collected here synchronously, by
 * `receiveMessageOnPort`, so loading the site stays synchronous).
 */
function readStalePosts(
  root: string,
  paths: readonly string[],
  parallel: boolean,
  options: FeatureOptions,
  computed: Map<string, DocFeatures>,
  store: FileStore | undefined,
  workerReadsAll: boolean,
): { reads: (SitePostRead | undefined)[]; byWorker: number } {
  const reads: (SitePostRead | undefined)[] = new Array(paths.length);
  const done = new Uint8Array(paths.length);
  const known = (sha: string): boolean => computed.has(sha) || (store?.hasSync(sha) ?? false);
  const readHere = (at: number): void => {
    const read = readSitePostFile(root, paths[at]!, options, known);
    if (read?.features && !computed.has(read.sha)) computed.set(read.sha, read.features);
    reads[at] = read;
    done[at] = 1;
  };
  const control = new Int32Array(new SharedArrayBuffer(8));
  let worker: Worker | undefined;
  let port: MessagePort | undefined;
  let byWorker = 0;
  if (parallel && paths.length > 1 && availableParallelism() > 1) {
    const channel = new MessageChannel();
    try {
      const entry = workerEntry('site-features-worker', import.meta.url);
      const task: SiteReadTask = { root, paths: [...paths], options: { ...options }, known: store?.shasSync() ?? [], control: control.buffer as SharedArrayBuffer, port: channel.port2 };
      const init = { workerData: task, transferList: [channel.port2] };
      worker = entry.filename.endsWith('.ts') ? typeScriptWorker(entry.filename, init) : new Worker(new URL(entry.filename), init);
      worker.on('error', () => {}); // its paths are read here (below)
      port = channel.port1;
    } catch {
      worker = undefined; // no worker: this thread reads everything
    }
  }
  for (; !(worker && workerReadsAll); ) {
    const at = Atomics.add(control, 0, 1);
    if (at >= paths.length) break;
    readHere(at);
  }
  if (worker && port) {
    let waiting = done.reduce((n, d) => n + (d ? 0 : 1), 0);
    let progress = performance.now();
    while (waiting > 0) {
      const posted = Atomics.load(control, 1);
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        const { at, read, failed } = message.message as SiteReadResult;
        progress = performance.now();
        if (done[at]) continue;
        if (failed) readHere(at);
        else {
          if (read?.features && !computed.has(read.sha)) computed.set(read.sha, read.features);
          reads[at] = read;
          done[at] = 1;
          byWorker++;
        }
        waiting--;
      }
      if (waiting === 0) break;
      if (!workerReadsAll && performance.now() - progress > WORKER_STALL_MS) {
        for (let at = 0; at < paths.length; at++) if (!done[at]) readHere(at);
        break;
      }
      Atomics.wait(control, 1, posted, 100);
    }
    port.close();
    void worker.terminate();
  }
  return { reads, byWorker };
}

/**
 * A worker whose entry is TypeScript (the sources run by vitest or tsx): a worker thread does not get the
 * loader hooks `--import tsx` registers in time for its entry, so the entry is imported through tsx's API.
 */
function typeScriptWorker(filename: string, init: WorkerOptions): Worker {
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(filename)}, ${JSON.stringify(filename)}))`, { ...init, eval: true });
}

/**
 * Display path (relative to `cwd`, else absolute) of a root-relative path. Run from the site's root or a
 * folder above it (the common case) it is a prefix and the path: `path.relative` resolves both sides per
 * call, which cost more than anything else done per post of a warm run.
 */
function displayPathFor(cwd: string, root: string): (path: string) => string {
  const general = (path: string): string => {
    const rel = relative(cwd, join(root, path));
    return (rel.startsWith('..') ? join(root, path) : rel).split(sep).join('/');
  };
  const prefix = relative(cwd, root).split(sep).join('/');
  if (prefix.startsWith('..') || isAbsolute(prefix)) return general;
  return (path) => {
    if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) return general(path);
    return prefix === '' ? path : `${prefix}/${path}`;
  };
}

/**
 * Which version of a checked file came before the change, from git: `--base REF`, else HEAD for uncommitted edits.
 * The base's tree is listed once (`git ls-tree`); a file whose content is the base's blob (its git blob SHA
 * is the one listed: most files of a check) is its own previous version, read from disk; only a changed
 * file costs a `git cat-file`. (One `git show` per file cost a process spawn each: half of the time of a
 * check of a whole site.)
 */
export function gitPreviousText(root: string, base: string | undefined): ((path: string) => string | undefined) | undefined {
  let top: string;
  try {
    top = execFileSync('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
  const ref = base ?? 'HEAD';
  let blobs: Map<string, string> | undefined;
  const blobOf = (inRepo: string): string | undefined => (blobs ??= listBlobs(top, ref)).get(inRepo);
  // The last answer only: a check asks for each post's previous text while it checks that post (keeping
  // every answer would hold a second copy of the whole site's text until the end of the run).
  let last: { path: string; text: string | undefined } | undefined;
  return (path) => {
    if (last?.path === path) return last.text;
    const inRepo = relative(top, join(root, path)).split(sep).join('/');
    const sha = blobOf(inRepo);
    let text: string | undefined;
    if (sha !== undefined) {
      let bytes: Buffer | undefined;
      try {
        bytes = readFileSync(join(top, inRepo));
      } catch {
        bytes = undefined; // deleted since: read from git
      }
      text = bytes && gitBlobSha(bytes) === sha ? bytes.toString('utf8') : gitBlob(top, sha);
    }
    last = { path, text };
    return text;
  };
}

/** Path in the repository → blob SHA of every file of `ref`'s tree (empty when the ref does not resolve). */
function listBlobs(top: string, ref: string): Map<string, string> {
  const blobs = new Map<string, string>();
  let listing: string;
  try {
    listing = execFileSync('git', ['-C', top, 'ls-tree', '-r', '-z', '--full-tree', ref], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
  } catch {
    return blobs; // no such ref (a repository without commits): every file is new
  }
  // Each entry: `<mode> SP <type> SP <sha> TAB <path> NUL`.
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, sha] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && sha) blobs.set(entry.slice(tab + 1), sha);
  }
  return blobs;
}

function gitBlob(top: string, sha: string): string | undefined {
  try {
    return execFileSync('git', ['-C', top, 'cat-file', 'blob', sha], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The site context and the corpus for one check run over `posts`. */
export function siteRun(local: LocalSite, previousText: ((path: string) => string | undefined) | undefined) {
  return {
    context: (checked: readonly CheckedPost[]): SiteContext =>
      createSiteContext({
        site: local.site,
        posts: local.posts,
        checked,
        toSitePath: local.sitePath,
        displayPath: local.displayPath,
        exists: (path) => local.files.exists(path),
        ...(previousText ? { previousText } : {}),
      }),
    corpus: (checked: readonly PostSummary[]): Corpus => {
      for (const summary of checked) local.index.addText(summary.path, summary.blobText());
      return new IndexedPosts([...checked], local.index);
    },
  };
}
