import type { CorpusIndex } from '../analysis/corpus/index.js';
import { readSite } from '../analysis/site/config.js';
import { createSiteContext, type SiteContext } from '../analysis/site/context.js';
import { MemorySiteFiles } from '../analysis/site/files.js';
import { isSitePost, metaOf, sitePost } from '../analysis/site/posts.js';
import type { SitePost } from '../analysis/site/site.js';
import type { Post } from '../post/post.js';
import type { GitTree, PullFile } from './client.js';

/** Files the site model reads besides posts: generator configs, term lists, content schemas. */
const SITE_FILES = /^(?:_config(?:\.[^/]+)?\.(?:ya?ml|toml)|hugo\.(?:toml|ya?ml|json)|config\.(?:toml|ya?ml|json)|config\/_default\/(?:hugo|config)\.(?:toml|ya?ml|json)|zola\.toml|astro\.config\.[cm]?[jt]s|_data\/(?:categories|tags)\.(?:ya?ml|json|toml)|src\/content(?:\.config|\/config)\.[cm]?[jt]s)$/;

/** Blobs the site needs from the base tree: its configuration files and the base version of each modified post. */
export function siteBlobShas(tree: GitTree, changed: readonly PullFile[]): string[] {
  const shaOf = new Map(tree.files.map((f) => [f.path, f.sha]));
  const config = tree.files.filter((f) => SITE_FILES.test(f.path));
  // No generator's configuration at the root: no site, nothing to read.
  if (!config.some((f) => /^(?:_config|hugo|config|zola|astro\.config)/.test(f.path))) return [];
  const modified = changed.filter((f) => f.status === 'modified' && shaOf.has(f.filename)).map((f) => shaOf.get(f.filename)!);
  return [...new Set([...config.map((f) => f.sha), ...modified])];
}

/**
 * The pull request's site as its base branch has it, for the site rules: the configuration files of the
 * base tree, every other post's metadata from the cross-post index (no extra reads), and the base version
 * of each modified post (site/article-replaced). `texts` holds the blobs `siteBlobShas` named. Undefined
 * when the repository root is no site.
 */
export function baseSite(
  tree: GitTree,
  index: CorpusIndex,
  changed: readonly PullFile[],
  texts: ReadonlyMap<string, string>,
): ((posts: readonly Post[]) => SiteContext) | undefined {
  const shaOf = new Map(tree.files.map((f) => [f.path, f.sha]));
  // Every path exists; only the configuration files have their text.
  const files = new MemorySiteFiles(new Map(tree.files.map((f) => [f.path, SITE_FILES.test(f.path) ? (texts.get(f.sha) ?? '') : ''])));
  const site = readSite(files, '');
  if (!site) return undefined;
  const posts: SitePost[] = [];
  for (const f of tree.files) {
    if (!isSitePost(site, f.path)) continue;
    const meta = index.featuresAt(f.path)?.meta;
    if (meta) posts.push(sitePost(site, f.path, metaOf(site, f.path, meta.site ?? {})));
  }
  const modified = changed.filter((f) => f.status === 'modified' && shaOf.has(f.filename));
  const previous = new Map(modified.map((f) => [f.filename, texts.get(shaOf.get(f.filename)!)]));
  return (checked) =>
    createSiteContext({ site, posts, checked, previousText: (path) => previous.get(path), exists: (path) => shaOf.has(path) });
}
