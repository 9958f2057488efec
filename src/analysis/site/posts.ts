import picomatch from 'picomatch';
import { memoKey } from '../../core/memo.js';
import { firstBodyLine, frontMatterData, splitFrontMatter } from '../../post/front-matter-source.js';
import { parseJekyllDate } from '../../text/jekyll-date.js';
import { jekyllDay } from './dates.js';
import type { SiteFiles } from './files.js';
import type { Site, SitePost, SitePostMeta } from './site.js';

/**
 * The posts of a site and the URL each renders to, computed as its generator computes it (Jekyll
 * permalink styles and placeholders with the date in the site's zone, Hugo permalinks per section and
 * `url`/`slug`, Zola `path`/`slug` and dated file names, Astro collections under their pages route).
 */

const POST_MATCHER = memoKey<(path: string) => boolean>('post globs');

/** Is this root-relative path one of the site's posts? (Section lists `_index.md` are not.) */
export function isSitePost(site: Site, path: string): boolean {
  const match = site.memo.get(POST_MATCHER, [site.postGlobs], () => picomatch(site.postGlobs, { dot: false }));
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name.startsWith('_index.') || /^(?:readme|license|changelog|contributing)\.[a-z]+$/i.test(name)) return false;
  return match(path);
}

/** Every post file of the site (root-relative). */
export function listSitePosts(site: Site, files: SiteFiles): string[] {
  const dirs = new Set(site.postGlobs.map((g) => g.split('/').slice(0, g.split('/').findIndex((p) => /[*{]/.test(p))).join('/')));
  const out = new Set<string>();
  for (const dir of dirs) for (const path of files.list(dir)) if (isSitePost(site, path)) out.add(path);
  return [...out].sort();
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function terms(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map(text).filter((t): t is string => t !== undefined);
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  return undefined;
}

/** Keys each generator dates a post with, in its order of precedence. */
export const DATE_KEYS: Record<Site['generator'], string[]> = {
  jekyll: ['date'],
  hugo: ['date', 'publishDate', 'pubdate', 'published', 'lastmod', 'modified'],
  astro: ['pubDate', 'date', 'publishDate', 'pubdate'],
  zola: ['date'],
};

/** The front-matter values the site rules read, as the generator names them. */
export function metaOf(site: Site, path: string, data: Record<string, unknown>): SitePostMeta {
  const merged = withDefaults(site, path, data);
  const get = (key: string): unknown => {
    if (site.generator !== 'hugo') return merged[key];
    // Hugo's front-matter keys are case-insensitive.
    const k = Object.keys(merged).find((x) => x.toLowerCase() === key.toLowerCase());
    return k === undefined ? undefined : merged[k];
  };
  const meta: SitePostMeta = {};
  const title = text(get('title'));
  if (title !== undefined) meta.title = title;
  const excerpt = text(get('excerpt'));
  if (excerpt !== undefined) meta.excerpt = excerpt;
  for (const key of DATE_KEYS[site.generator]) {
    const value = text(get(key));
    if (value !== undefined) {
      meta.date = value;
      meta.dateKey = key;
      break;
    }
  }
  const slug = text(get('slug'));
  if (slug !== undefined) meta.slug = slug;
  const own = text(get(site.generator === 'jekyll' ? 'permalink' : site.generator === 'zola' ? 'path' : 'url'));
  if (own !== undefined && own.trim() !== '') meta.permalink = own;
  const taxonomies = site.generator === 'zola' && merged.taxonomies && typeof merged.taxonomies === 'object' ? (merged.taxonomies as Record<string, unknown>) : merged;
  const categories = terms(taxonomies.categories ?? (site.generator === 'zola' ? undefined : get('category')));
  if (categories) meta.categories = categories;
  const tags = terms(taxonomies.tags ?? (site.generator === 'zola' ? undefined : get('tag')));
  if (tags) meta.tags = tags;
  if (get('published') === false || get('draft') === true) meta.unpublished = true;
  return meta;
}

/** Jekyll `defaults:` whose scope covers the post, under its own values. */
function withDefaults(site: Site, path: string, data: Record<string, unknown>): Record<string, unknown> {
  if (site.defaults.length === 0) return data;
  const merged: Record<string, unknown> = {};
  const isPost = /(?:^|\/)_posts\//.test(path);
  for (const d of site.defaults) {
    if (d.path && path !== d.path && !path.startsWith(`${d.path}/`)) continue;
    if (d.type && d.type !== (isPost ? 'posts' : 'pages')) continue;
    Object.assign(merged, d.values);
  }
  return { ...merged, ...data };
}

/** A post's metadata from its text (front matter and the body's first line; the body is not parsed). */
export function sitePostFromText(site: Site, path: string, source: string): SitePost {
  const split = splitFrontMatter(source);
  const data = split ? (frontMatterData(split.format, split.source) ?? {}) : {};
  return sitePost(site, path, metaOf(site, path, data), firstBodyLine(source));
}

export function sitePost(site: Site, path: string, meta: SitePostMeta, headline?: string): SitePost {
  const { url, urlDate } = urlOf(site, path, meta);
  return { path, meta, url, ...(urlDate ? { urlDate } : {}), ...(headline !== undefined ? { headline } : {}) };
}

const JEKYLL_STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

const FILE_DATE = /^(\d{4})-(\d{2})-(\d{2})[-_](.*)$/;

function stem(path: string): { dirs: string[]; name: string } {
  const parts = path.split('/');
  const file = parts.pop() ?? '';
  const dot = file.lastIndexOf('.');
  return { dirs: parts, name: dot > 0 ? file.slice(0, dot) : file };
}

/** Jekyll's `:title`: the slug as written ("pretty" slugify, case kept): runs of other characters become one hyphen. */
export function prettySlug(s: string): string {
  return s.replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, '-').replace(/^-+|-+$/g, '');
}

/** Jekyll's default slugify: lower case, every run of non-alphanumerics one hyphen. */
export function slugify(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** One form per URL: a leading '/', no doubled slashes, `index.html` dropped, percent-decoded, NFC. */
export function normalizeUrl(url: string): string {
  let u = url.trim().replace(/[?#].*$/, '');
  try {
    u = decodeURI(u);
  } catch {
    // keep as written
  }
  u = `/${u}`.replace(/\/{2,}/g, '/').replace(/\/index\.html?$/i, '/');
  return u.normalize('NFC');
}

export function urlOf(site: Site, path: string, meta: SitePostMeta): { url: string; urlDate?: string } {
  switch (site.generator) {
    case 'jekyll':
      return jekyllUrl(site, path, meta);
    case 'hugo':
      return hugoUrl(site, path, meta);
    case 'zola':
      return zolaUrl(site, path, meta);
    case 'astro':
      return astroUrl(site, path, meta);
  }
}

function jekyllUrl(site: Site, path: string, meta: SitePostMeta): { url: string; urlDate?: string } {
  const { dirs, name } = stem(path);
  const fileDate = FILE_DATE.exec(name);
  const day = meta.date ? jekyllDay(meta.date, site.timezone) : null;
  const date = day?.date;
  const [year, month, dd] = (day?.ymd ?? (fileDate ? `${fileDate[1]}-${fileDate[2]}-${fileDate[3]}` : '')).split('-');
  const postsAt = dirs.lastIndexOf('_posts');
  // Folders above `_posts` are categories too (`blog/_posts/…` is in category `blog`).
  const folderCategories = postsAt > 0 ? dirs.slice(0, postsAt) : [];
  const categories = [...new Set([...folderCategories, ...(meta.categories ?? [])].map((c) => c.toLowerCase()))];
  const title = prettySlug(meta.slug ?? (fileDate ? fileDate[4]! : name));
  const template = meta.permalink ?? site.permalinks[''] ?? 'date';
  const pattern = JEKYLL_STYLES[template] ?? template;
  if (year === undefined || !year) return { url: normalizeUrl(pattern.includes(':') ? `/${categories.join('/')}/${title}/` : pattern) };
  const y = Number(year);
  const m = Number(month);
  const d = Number(dd);
  const yDay = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  const values: Record<string, string> = {
    year: year!,
    month: month!,
    day: dd!,
    i_month: String(m),
    i_day: String(d),
    short_year: year!.slice(2),
    y_day: String(yDay).padStart(3, '0'),
    hour: String(date?.hour ?? 0).padStart(2, '0'),
    minute: String(date?.minute ?? 0).padStart(2, '0'),
    second: String(date?.second ?? 0).padStart(2, '0'),
    title,
    name,
    slug: slugify(title),
    categories: categories.join('/'),
    output_ext: '.html',
    path: stem(path).dirs.join('/'),
  };
  const url = pattern.replace(/:(output_ext|categories|short_year|i_month|i_day|y_day|year|month|day|hour|minute|second|title|slug|name|path)\b/g, (_, key: string) => values[key] ?? '');
  return { url: normalizeUrl(url), urlDate: `${year}-${month}-${dd}` };
}

function datePartsAsWritten(meta: SitePostMeta, fallback?: string): { y: string; m: string; d: string } | null {
  const written = meta.date ?? fallback;
  if (!written) return null;
  const parsed = parseJekyllDate(written.replace(/\.\d+/, '')) ?? parseJekyllDate(written.slice(0, 10));
  if (!parsed) return null;
  const [y, m, d] = parsed.ymd.split('-') as [string, string, string];
  return { y, m, d };
}

function hugoUrl(site: Site, path: string, meta: SitePostMeta): { url: string; urlDate?: string } {
  const rel = site.contentDir && path.startsWith(`${site.contentDir}/`) ? path.slice(site.contentDir.length + 1) : path;
  const { dirs: allDirs, name: fileName } = stem(rel);
  const bundle = fileName === 'index';
  const dirs = bundle ? allDirs.slice(0, -1) : allDirs;
  const name = bundle ? (allDirs[allDirs.length - 1] ?? '') : fileName;
  const date = datePartsAsWritten(meta);
  if (meta.permalink) return { url: normalizeUrl(meta.permalink.toLowerCase()), ...(date ? { urlDate: `${date.y}-${date.m}-${date.d}` } : {}) };
  const section = dirs[0] ?? '';
  const pattern = site.permalinks[section];
  const urlize = (s: string): string => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '-');
  const slug = meta.slug !== undefined ? urlize(meta.slug) : undefined;
  if (!pattern) return { url: normalizeUrl(`/${[...dirs, slug ?? name].map(urlize).join('/')}/`) };
  const values: Record<string, string> = {
    year: date?.y ?? '',
    month: date?.m ?? '',
    day: date?.d ?? '',
    section: urlize(section),
    sections: dirs.map(urlize).join('/'),
    title: urlize(meta.title ?? name),
    slug: slug ?? urlize(meta.title ?? name),
    filename: urlize(name),
    contentbasename: urlize(name),
    slugorfilename: slug ?? urlize(name),
    slugorcontentbasename: slug ?? urlize(name),
  };
  const url = pattern.replace(/:(slugorcontentbasename|slugorfilename|contentbasename|filename|sections|section|title|slug|year|month|day)\b/g, (_, key: string) => values[key] ?? '');
  return { url: normalizeUrl(url), ...(date && /:(year|month|day)\b/.test(pattern) ? { urlDate: `${date.y}-${date.m}-${date.d}` } : {}) };
}

function zolaUrl(site: Site, path: string, meta: SitePostMeta): { url: string; urlDate?: string } {
  const rel = path.startsWith(`${site.contentDir}/`) ? path.slice(site.contentDir.length + 1) : path;
  const { dirs: allDirs, name: fileName } = stem(rel);
  const bundle = fileName === 'index';
  const dirs = bundle ? allDirs.slice(0, -1) : allDirs;
  const name = bundle ? (allDirs[allDirs.length - 1] ?? '') : fileName;
  if (meta.permalink) return { url: normalizeUrl(`/${meta.permalink}/`) };
  // A dated file name (`2024-05-01-title.md` or `2024-05-01_title.md`) dates the page; the date is not in the slug.
  const dated = FILE_DATE.exec(name);
  const slug = meta.slug ?? slugify(dated ? dated[4]! : name);
  return { url: normalizeUrl(`/${[...dirs, slug].join('/')}/`) };
}

function astroUrl(site: Site, path: string, meta: SitePostMeta): { url: string; urlDate?: string } {
  const rel = path.startsWith(`${site.contentDir}/`) ? path.slice(site.contentDir.length + 1) : path;
  const [collection = '', ...rest] = rel.split('/');
  const { dirs, name } = stem(rest.join('/'));
  const id = meta.slug ?? [...dirs, name === 'index' ? '' : name].filter(Boolean).map(slugify).join('/');
  const prefix = site.routes[collection] ?? `/${collection}/`;
  return { url: normalizeUrl(`${prefix}${id}/`) };
}
