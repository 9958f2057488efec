import type { Post } from '../../post/post.js';
import { firstBodyLine, splitFrontMatter } from '../../post/front-matter-source.js';

const HEAD_BYTES = 16 * 1024;
import { metaOf, sitePost, sitePostFromText, isSitePost, listSitePosts } from './posts.js';
import type { SiteFiles } from './files.js';
import type { Site, SitePost } from './site.js';

/**
 * The site around the checked posts, as the site rules see it: every post with its URL (the checked
 * ones at their new version), found by path and by URL, and the version of a path before the change
 * (the pull request's base; in the CLI the git base when one is known).
 */
export interface SiteContext {
  site: Site;
  /** Every post of the site, the checked ones at their checked version. */
  posts: readonly SitePost[];
  byPath: ReadonlyMap<string, SitePost>;
  byUrl: ReadonlyMap<string, SitePost[]>;
  /** The root-relative path of a checked post, or undefined when it lies outside the site. */
  sitePath(post: Post): string | undefined;
  /** The checked post as the site publishes it. */
  postFor(post: Post): SitePost | undefined;
  /**
   * The text of `path` before the change, when the caller knows it (undefined: new or unknown), as git
   * stores it (BOM included). `current`, the checked post at that path, spares reading a version that is
   * its own content (the same blob SHA) again.
   */
  previousText?(path: string, current?: Post): string | undefined;
  /** Whether previous versions are known at all (an unknown base never reports an overwrite). */
  hasBase: boolean;
  /** A root-relative path as the findings name files (the CLI: relative to where it runs). */
  displayPath(path: string): string;
  /** Does this root-relative file exist in the site (for `{% link %}` and Hugo `ref`)? */
  exists(path: string): boolean;
}

/** What the site context reads of a checked post: a post's summary (`PostSummary`) has it. */
export interface CheckedPost {
  path: string;
  /** The front matter's values. */
  data: Record<string, unknown> | undefined;
  /** The body's first line (`firstBodyLine`). */
  headline: string | undefined;
}

/** What the site context reads of a post (for callers that hold the post rather than its summary). */
export function checkedPost(post: Post): CheckedPost {
  return { path: post.path, data: post.frontMatter?.data, headline: firstBodyLine(post.text) };
}

export interface SiteContextInput {
  site: Site;
  /** The site's posts (root-relative path → SitePost), as read before the checked posts are applied. */
  posts: Iterable<SitePost>;
  checked: readonly CheckedPost[];
  /**
   * The checked posts as the site publishes them (`checkedSitePosts` of the same site, `checked` and
   * `toSitePath`), when another thread worked them out already: a worker of the check pool is given them
   * rather than dating and placing each checked post again (~0.1 s of each worker's time on the site head).
   */
  checkedSitePosts?: readonly (SitePost | undefined)[];
  /** Maps a checked post's path to the root-relative one (identity when paths are already root-relative). */
  toSitePath?: (path: string) => string | undefined;
  previousText?: (path: string, current?: Post) => string | undefined;
  displayPath?: (path: string) => string;
  exists?: (path: string) => boolean;
}

export function createSiteContext(input: SiteContextInput): SiteContext {
  const { site } = input;
  const toSitePath = input.toSitePath ?? ((p: string) => p);
  const byPath = new Map<string, SitePost>();
  for (const p of input.posts) byPath.set(p.path, p);
  // By path, not by post object: a check releases each post's model once it is done (and may parse it again).
  const checkedPosts = new Map<string, SitePost>();
  const placed = input.checkedSitePosts ?? checkedSitePosts(site, input.checked, toSitePath);
  input.checked.forEach((post, at) => {
    const sp = placed[at];
    if (sp === undefined) return;
    checkedPosts.set(post.path, sp);
    if (isSitePost(site, sp.path) || byPath.has(sp.path)) byPath.set(sp.path, sp);
  });
  const byUrl = new Map<string, SitePost[]>();
  for (const p of byPath.values()) {
    const list = byUrl.get(p.url);
    if (list) list.push(p);
    else byUrl.set(p.url, [p]);
  }
  return {
    site,
    posts: [...byPath.values()],
    byPath,
    byUrl,
    sitePath: (post) => checkedPosts.get(post.path)?.path ?? toSitePath(post.path),
    postFor: (post) => {
      let sp = checkedPosts.get(post.path);
      const path = sp ? undefined : toSitePath(post.path);
      if (!sp && path !== undefined) checkedPosts.set(post.path, (sp = sitePost(site, path, metaOf(site, path, post.frontMatter?.data ?? {}), firstBodyLine(post.text))));
      return sp;
    },
    ...(input.previousText ? { previousText: input.previousText } : {}),
    hasBase: input.previousText !== undefined,
    displayPath: input.displayPath ?? ((p) => p),
    exists: input.exists ?? ((p) => byPath.has(p)),
  };
}

/** Each checked post as the site publishes it (its root-relative path, meta and URL); undefined outside the site. */
export function checkedSitePosts(site: Site, checked: readonly CheckedPost[], toSitePath: (path: string) => string | undefined): (SitePost | undefined)[] {
  return checked.map((post) => {
    const path = toSitePath(post.path);
    return path === undefined ? undefined : sitePost(site, path, metaOf(site, path, post.data ?? {}), post.headline);
  });
}

/** Reads every post of the site through `files` (front matter only). */
export function readSitePosts(site: Site, files: SiteFiles, paths: readonly string[] = listSitePosts(site, files)): SitePost[] {
  const out: SitePost[] = [];
  for (const path of paths) {
    // Front matter sits at the top: read the head, and the whole file only when its front matter runs on.
    const head = files.readHead?.(path, HEAD_BYTES);
    // A head cut inside a line could end in a fence cut short (`---` of `----`): only whole lines count.
    const text = head && (head.complete || splitFrontMatter(head.text.slice(0, head.text.lastIndexOf('\n') + 1))) ? head.text : files.read(path);
    if (text !== undefined) out.push(sitePostFromText(site, path, text));
  }
  return out;
}
