import type { RelatedLocation } from '../../core/finding.js';
import { getEntry } from '../../post/front-matter.js';
import type { FrontMatterEntry, Post } from '../../post/post.js';
import type { SiteContext } from '../../analysis/site/context.js';
import { DATE_KEYS } from '../../analysis/site/posts.js';
import type { SitePost } from '../../analysis/site/site.js';

/** The front-matter entry a post is dated with, under its generator's keys. */
export function dateEntry(post: Post, site: SiteContext): FrontMatterEntry | undefined {
  for (const key of DATE_KEYS[site.site.generator]) {
    const entry = getEntry(post.frontMatter, key);
    if (entry) return entry;
  }
  return undefined;
}

/** The entry that decides a post's URL: its own permalink/url/path, else its slug, else its date. */
export function urlEntry(post: Post, site: SiteContext): FrontMatterEntry | undefined {
  const own = site.site.generator === 'jekyll' ? 'permalink' : site.site.generator === 'zola' ? 'path' : 'url';
  return getEntry(post.frontMatter, own) ?? getEntry(post.frontMatter, 'slug') ?? dateEntry(post, site);
}

/** Another post of the site as a place a finding points at. */
export function relatedSitePost(site: SiteContext, other: SitePost, label: string): RelatedLocation {
  return { path: site.displayPath(other.path), line: 1, endLine: 1, label };
}

/** The site's base URL in front of a path, for messages. */
export function absolute(site: SiteContext, url: string): string {
  const base = site.site.baseUrl;
  return base ? `${base.replace(/\/+$/, '')}${url}` : url;
}

/** Posts the generator does not build at all (`published: false`, drafts) take no URL. */
export function isBuilt(post: SitePost): boolean {
  return !post.meta.unpublished;
}
