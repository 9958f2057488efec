import type { Post } from '../../post/post.js';
import type { SiteContext } from './context.js';
import type { Generator } from './site.js';

/**
 * The generator whose conventions a post follows: its site's when one was found, else what the post
 * itself shows (TOML or JSON front matter and a `content/` folder: Hugo or Zola; `src/content/` or
 * `.mdx`: Astro; otherwise Jekyll, the convention of `_posts/`).
 */
export function generatorOf(post: Post, site: SiteContext | undefined): Generator {
  if (site) return site.site.generator;
  const path = post.path.replace(/\\/g, '/');
  if (/(?:^|\/)src\/content\//.test(path) || /\.mdx$/i.test(path)) return 'astro';
  if (/(?:^|\/)_posts\//.test(path)) return 'jekyll';
  if (post.frontMatter?.format === 'toml' || post.frontMatter?.format === 'json' || /(?:^|\/)content\//.test(path)) return 'hugo';
  return 'jekyll';
}
