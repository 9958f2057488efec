import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Config } from '../config/schema.js';
import { readIndexedPost, type DocFeatures } from '../analysis/corpus/features.js';
import { frontMatterData, splitFrontMatter } from '../post/front-matter-source.js';
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

/**
 * The CLI's view of the site it runs in: found by walking up from the checked files as linters find
 * their config, its posts read once (front matter for the site rules, features for the cross-post
 * rules). Two caches: the site's posts by path, keyed by each file's size and mtime, so a warm run reads
 * only changed files; and the cross-post features by git blob SHA (the store the App and `--corpus` use),
 * so a fresh clone, another folder or another commit of the same blog computes features only for blobs it
 * has never seen.
 */

/** Heads tried before the whole file: most front matter closes in the first 4 KB (posts average 45 KB). */
const HEAD_BYTES = [4 * 1024, 32 * 1024];

/** The front matter's values, decoded from the shortest head of the file it closes in. */
function frontMatterOf(bytes: Buffer): Record<string, unknown> | null {
  let split = null;
  for (const head of HEAD_BYTES) {
    if (bytes.length <= head) break;
    // Up to the head's last line break: a fence cut short (`---` of `----`) must not close the front matter.
    const text = bytes.toString('utf8', 0, head);
    split = splitFrontMatter(text.slice(0, text.lastIndexOf('\n') + 1));
    if (split) break;
  }
  split ??= splitFrontMatter(bytes.toString('utf8'));
  return split ? frontMatterData(split.format, split.source) : null;
}

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
}

interface CacheEntry {
  size: number;
  mtime: number;
  sha: string;
  post: SitePost;
}

const CACHE_VERSION = 4;

function readCache(file: string): Map<string, CacheEntry> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version: number; entries: Record<string, CacheEntry> };
    if (data.version !== CACHE_VERSION) return new Map();
    return new Map(Object.entries(data.entries));
  } catch {
    return new Map();
  }
}

function writeCache(file: string, entries: Map<string, CacheEntry>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: CACHE_VERSION, entries: Object.fromEntries(entries) }));
    renameSync(tmp, file);
  } catch {
    // A read-only home: the next run recomputes.
  }
}

export interface LoadSiteOptions {
  cwd: string;
  config: Config;
  env?: NodeJS.ProcessEnv;
  /** Skip the on-disk cache (tests, benchmarks of the cold path). */
  noCache?: boolean;
  /** The site's configuration when the caller has read it already (finding the root reads it). */
  site?: Site;
}

/** Reads the site rooted at `root`: configuration, posts and their cross-post features. */
export function loadLocalSite(root: string, options: LoadSiteOptions): LocalSite | undefined {
  const files = new DirectorySiteFiles(root);
  const site = options.site ?? readSite(files, root);
  if (!site) return undefined;
  const index = new CorpusIndex(indexOptionsFor(options.config));
  const env = options.env ?? process.env;
  const key = createHash('sha1').update(`${root}\0${JSON.stringify({ ...site, memo: undefined })}`).digest('hex').slice(0, 16);
  const file = join(defaultCacheDir(env), `site-${key}-${storeNamespace(index.options)}.json`);
  const cache = options.noCache ? new Map<string, CacheEntry>() : readCache(file);
  const fresh = new Map<string, CacheEntry>();
  const displayPath = (path: string): string => {
    const rel = relative(options.cwd, join(root, path));
    return (rel.startsWith('..') ? join(root, path) : rel).split(sep).join('/');
  };
  const posts: SitePost[] = [];
  const store = options.noCache ? undefined : new FileStore(defaultCacheDir(env), storeNamespace(index.options));
  const computed = new Map<string, DocFeatures>();
  for (const path of listSitePosts(site, files)) {
    let stat;
    try {
      stat = statSync(join(root, path));
    } catch {
      continue;
    }
    let entry = cache.get(path);
    if (entry && entry.size === stat.size && entry.mtime === stat.mtimeMs) {
      const features = store?.getSync([entry.sha]).get(entry.sha);
      if (features) {
        add(path, entry, features);
        continue;
      }
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, path));
    } catch {
      continue;
    }
    const sha = gitBlobSha(bytes);
    // A blob the store knows (another folder or commit of this blog) needs its front matter only, decoded
    // from the file's head; else the front matter and the features come from one pass over the text.
    let features = computed.get(sha) ?? store?.getSync([sha]).get(sha);
    let frontMatter: Record<string, unknown> | null;
    if (features) frontMatter = frontMatterOf(bytes);
    else {
      ({ features, frontMatter } = readIndexedPost(bytes.toString('utf8'), index.options));
      computed.set(sha, features);
    }
    entry = { size: stat.size, mtime: stat.mtimeMs, sha, post: sitePost(site, path, metaOf(site, path, frontMatter ?? {}), features.meta.headline) };
    add(path, entry, features);
  }
  function add(path: string, entry: CacheEntry, features: DocFeatures): void {
    fresh.set(path, entry);
    posts.push(entry.post);
    index.addFeatures(displayPath(path), entry.sha, features);
  }
  store?.putSync(computed);
  if (!options.noCache && (fresh.size !== cache.size || [...fresh].some(([p, e]) => cache.get(p) !== e))) writeCache(file, fresh);
  return {
    site,
    root,
    files,
    posts,
    index,
    displayPath,
    sitePath: (shown) => {
      const rel = relative(root, resolve(options.cwd, shown)).split(sep).join('/');
      return rel.startsWith('..') ? undefined : rel;
    },
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
