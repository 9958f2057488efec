import type { CorpusIndex } from '../analysis/corpus/index.js';
import { readSite } from '../analysis/site/config.js';
import { createSiteContext, type CheckedPost, type SiteContext } from '../analysis/site/context.js';
import { MemorySiteFiles } from '../analysis/site/files.js';
import { isSitePost, metaOf, sitePost } from '../analysis/site/posts.js';
import type { Site, SitePost } from '../analysis/site/site.js';
import type { Post } from '../post/post.js';
import type { GitHubClient, GitTree, PullFile } from './client.js';

/** Files the site model reads besides posts (relative to the site's root): generator configs, term lists, content schemas. */
const SITE_FILES = /^(?:_config(?:\.[^/]+)?\.(?:ya?ml|toml)|hugo\.(?:toml|ya?ml|json)|config\.(?:toml|ya?ml|json)|config\/_default\/(?:hugo|config)\.(?:toml|ya?ml|json)|zola\.toml|astro\.config\.[cm]?[jt]s|_data\/(?:categories|tags)\.(?:ya?ml|json|toml)|src\/content(?:\.config|\/config)\.[cm]?[jt]s)$/;
/** The ones that make a folder a site's root (a generator's own configuration). */
const ROOT_FILES = /^(?:_config|hugo|config|zola|astro\.config)/;

/**
 * Folders that may be the root of the changed posts' site, nearest first: each folder at or above a
 * changed file (up to the repository's root, '') that holds a generator's configuration, as the CLI walks
 * up from the checked files. A site in `blog/` or `site/` is found like one at the root. Each is given as
 * a path prefix ('' or 'blog/') with its configuration files.
 */
export function siteRoots(tree: GitTree, changed: readonly PullFile[]): { prefix: string; config: GitTree['files'] }[] {
  const prefixes = new Set<string>();
  for (const f of changed) {
    const parts = f.filename.split('/');
    for (let depth = parts.length - 1; depth >= 0; depth--) prefixes.add(parts.slice(0, depth).map((p) => `${p}/`).join(''));
  }
  const config = new Map<string, GitTree['files']>();
  for (const f of tree.files) {
    for (const prefix of prefixes) {
      if (!f.path.startsWith(prefix) || !SITE_FILES.test(f.path.slice(prefix.length))) continue;
      let list = config.get(prefix);
      if (!list) config.set(prefix, (list = []));
      list.push(f);
    }
  }
  return [...config]
    .filter(([prefix, files]) => files.some((f) => ROOT_FILES.test(f.path.slice(prefix.length))))
    .sort(([a], [b]) => b.split('/').length - a.split('/').length || a.localeCompare(b))
    .map(([prefix, files]) => ({ prefix, config: files }));
}

/** Blobs the site needs from the base tree: the configuration files of each possible root and the base version of each modified post. */
export function siteBlobShas(tree: GitTree, changed: readonly PullFile[]): string[] {
  const roots = siteRoots(tree, changed);
  // No generator's configuration at or above a changed file: no site, nothing to read.
  if (roots.length === 0) return [];
  const shaOf = new Map(tree.files.map((f) => [f.path, f.sha]));
  const modified = changed.filter((f) => f.status === 'modified' && shaOf.has(f.filename)).map((f) => shaOf.get(f.filename)!);
  return [...new Set([...roots.flatMap((root) => root.config.map((f) => f.sha)), ...modified])];
}

/**
 * The pull request's site as its base branch has it, for the site rules: the configuration files of the
 * base tree, every other post's metadata from the cross-post index (no extra reads), and the base version
 * of each modified post (site/article-replaced). `texts` holds the blobs `siteBlobShas` named. The site is
 * the nearest folder at or above the changed posts whose configuration reads as a site; its paths are
 * relative to that folder, findings name files from the repository's root. Undefined when there is none.
 */
export function baseSite(
  tree: GitTree,
  index: CorpusIndex,
  changed: readonly PullFile[],
  texts: ReadonlyMap<string, string>,
): ((checked: readonly CheckedPost[]) => SiteContext) | undefined {
  const shaOf = new Map(tree.files.map((f) => [f.path, f.sha]));
  const found = findBaseSite(tree, changed, texts);
  if (!found) return undefined;
  const { site, prefix } = found;
  const posts: SitePost[] = [];
  for (const f of tree.files) {
    if (!f.path.startsWith(prefix)) continue;
    const path = f.path.slice(prefix.length);
    if (!isSitePost(site, path)) continue;
    const meta = index.featuresAt(f.path)?.meta;
    if (meta) posts.push(sitePost(site, path, metaOf(site, path, meta.site ?? {}), meta.headline));
  }
  const modified = changed.filter((f) => f.status === 'modified' && shaOf.has(f.filename));
  const previous = new Map(modified.map((f) => [f.filename, texts.get(shaOf.get(f.filename)!)]));
  return (checked) =>
    createSiteContext({
      site,
      posts,
      checked,
      toSitePath: (path) => (path.startsWith(prefix) ? path.slice(prefix.length) : undefined),
      displayPath: (path) => `${prefix}${path}`,
      previousText: (path) => previous.get(`${prefix}${path}`),
      exists: (path) => shaOf.has(`${prefix}${path}`),
    });
}

/** The nearest root at or above the changed files whose configuration (`texts` by blob SHA) reads as a site. */
function findBaseSite(tree: GitTree, changed: readonly PullFile[], texts: ReadonlyMap<string, string>): { site: Site; prefix: string } | undefined {
  for (const { prefix } of siteRoots(tree, changed)) {
    // Every path exists; only the configuration files have their text.
    const inside = tree.files.filter((f) => f.path.startsWith(prefix));
    const files = new MemorySiteFiles(
      new Map(
        inside.map((f) => {
          const path = f.path.slice(prefix.length);
          return [path, SITE_FILES.test(path) ? (texts.get(f.sha) ?? '') : ''];
        }),
      ),
    );
    const site = readSite(files, prefix.replace(/\/$/, ''));
    if (site) return { site, prefix };
  }
  return undefined;
}

/**
 * Which files are posts when the config does not name them (`posts` left at its default), as the CLI
 * decides: the default globs, and the posts of the site the changed files sit in, by its generator's own
 * content folders (a Hugo `content/`, an Astro collection, a Jekyll site in `blog/`). Asks GitHub for the
 * base tree and the site's configuration only when a changed Markdown file is not matched by the globs.
 */
export async function sitePostMatcher(
  client: GitHubClient,
  baseRef: string,
  changed: readonly PullFile[],
  configured: (path: string) => boolean,
): Promise<(path: string) => boolean> {
  const unmatched = changed.some((f) => f.status !== 'removed' && !configured(f.filename) && /\.(?:md|markdown|mdx)$/i.test(f.filename));
  if (!unmatched || !client.readTree || !client.readBlobTexts) return configured;
  try {
    const tree = await client.readTree(baseRef);
    if (tree.truncated) return configured;
    const shas = [...new Set(siteRoots(tree, changed).flatMap((root) => root.config.map((f) => f.sha)))];
    if (shas.length === 0) return configured;
    const found = findBaseSite(tree, changed, await client.readBlobTexts(shas));
    if (!found) return configured;
    const { site, prefix } = found;
    return (path) => configured(path) || (path.startsWith(prefix) && isSitePost(site, path.slice(prefix.length)));
  } catch {
    return configured; // the review still covers what the globs name
  }
}
