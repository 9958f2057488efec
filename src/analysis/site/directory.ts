import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { blobText, gitBlobSha, postBlobSha } from '../../post/blob.js';
import type { Post } from '../../post/post.js';
import { Memo } from '../../core/memo.js';
import { checkedSitePosts, createSiteContext, type CheckedPost, type SiteContext } from './context.js';
import { DirectorySiteFiles } from './files.js';
import type { Site, SitePost } from './site.js';

/**
 * A site checked out in a directory (the CLI's): how its paths are shown, which file a shown path is, which
 * files exist and what a file was before the change (git). Described by plain data (`DirectorySite`), so a
 * worker thread of the check pool rebuilds the same site context from a copy (`siteContextSnapshot`).
 */

/** Where the site lies and what the change is compared with. */
export interface DirectorySite {
  root: string;
  /** The directory paths are shown relative to (where the CLI runs). */
  cwd: string;
  /** Compare with git (`base` or HEAD): false when the caller knows no previous versions. */
  git: boolean;
  base?: string;
}

/** A site context as plain data: what `directorySiteContext` was given. */
export interface SiteContextSnapshot {
  directory: DirectorySite;
  site: Omit<Site, 'memo'>;
  posts: readonly SitePost[];
  checked: readonly CheckedPost[];
  /** `checkedSitePosts` of `checked`, as the thread that took the snapshot worked them out. */
  checkedSitePosts?: readonly (SitePost | undefined)[];
}

/** The site context of the checked posts in a directory site; `snapshot()` gives it as plain data. */
export function directorySiteContext(snapshot: SiteContextSnapshot & { site: Site }): SiteContext & { snapshot(): SiteContextSnapshot } {
  const { directory, site, posts, checked } = snapshot;
  const files = new DirectorySiteFiles(directory.root);
  const previousText = directory.git ? gitPreviousText(directory.root, directory.base) : undefined;
  const toSitePath = sitePathFor(directory.cwd, directory.root);
  const placed = snapshot.checkedSitePosts ?? checkedSitePosts(site, checked, toSitePath);
  const context = createSiteContext({
    site,
    posts,
    checked,
    checkedSitePosts: placed,
    toSitePath,
    displayPath: displayPathFor(directory.cwd, directory.root),
    exists: (path) => files.exists(path),
    ...(previousText ? { previousText } : {}),
  });
  return {
    ...context,
    snapshot: () => {
      const { memo: _rebuilt, ...plain } = site;
      // A summary stands for a checked post: only what the context reads of it is copied.
      return { directory, site: plain, posts, checked: checked.map(({ path, data, headline }) => ({ path, data, headline })), checkedSitePosts: placed };
    },
  };
}

/** `directorySiteContext` of a snapshot (another thread's), with a memo of its own. */
export function restoreSiteContext(snapshot: SiteContextSnapshot): SiteContext {
  return directorySiteContext({ ...snapshot, site: { ...snapshot.site, memo: new Memo() } });
}

/** Root-relative path of a display path, or undefined outside the site. */
export function sitePathFor(cwd: string, root: string): (shown: string) => string | undefined {
  return (shown) => {
    const rel = relative(root, resolve(cwd, shown)).split(sep).join('/');
    return rel.startsWith('..') ? undefined : rel;
  };
}

/**
 * Display path (relative to `cwd`, else absolute) of a root-relative path. Run from the site's root or a
 * folder above it (the common case) it is a prefix and the path: `path.relative` resolves both sides per
 * call, which cost more than anything else done per post of a warm run.
 */
export function displayPathFor(cwd: string, root: string): (path: string) => string {
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
export function gitPreviousText(root: string, base: string | undefined): ((path: string, current?: Post) => string | undefined) | undefined {
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
  return (path, current) => {
    if (last?.path === path) return last.text;
    const inRepo = relative(top, join(root, path)).split(sep).join('/');
    const sha = blobOf(inRepo);
    let text: string | undefined;
    // The checked post is the base's blob (most posts of a check): its own text is that blob's, decoded.
    if (sha !== undefined && current && postBlobSha(current) === sha) text = blobText(current);
    else if (sha !== undefined) {
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
