import type { PostMeta } from './features.js';

/**
 * The URL a post renders to, following Jekyll's permalink placeholders (which Hugo's `:year/:slug` style
 * patterns share): a front-matter `permalink` wins; otherwise the site pattern (or a named style) is
 * filled from the front-matter date (else the file name's date), the categories and the file's slug.
 * Two posts whose URLs are equal overwrite each other on the built site.
 */
const STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

export const DEFAULT_PERMALINK = 'date';

const FILE_DATE = /^(\d{4})-(\d{2})-(\d{2})-(.*)$/;
const META_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/;

function basename(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Jekyll's default slugify: lowercase, anything but letters/digits becomes '-', trimmed. */
export function slugify(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function permalinkOf(path: string, meta: PostMeta, pattern: string = DEFAULT_PERMALINK): string {
  if (meta.permalink) return normalizeUrl(meta.permalink);
  const template = STYLES[pattern] ?? pattern;
  const base = basename(path);
  const fileDate = FILE_DATE.exec(base);
  const fileSlug = fileDate ? fileDate[4]! : base;
  const m = meta.date ? META_DATE.exec(meta.date) : null;
  const year = m?.[1] ?? fileDate?.[1] ?? '';
  const month = (m?.[2] ?? fileDate?.[2] ?? '').padStart(2, '0');
  const day = (m?.[3] ?? fileDate?.[3] ?? '').padStart(2, '0');
  const title = meta.slug ? slugify(meta.slug) : fileSlug;
  const values: Record<string, string> = {
    year,
    month,
    day,
    i_month: String(Number(month)),
    i_day: String(Number(day)),
    short_year: year.slice(2),
    y_day: year && month && day ? String(dayOfYear(Number(year), Number(month), Number(day))).padStart(3, '0') : '',
    hour: (m?.[4] ?? '00').padStart(2, '0'),
    minute: m?.[5] ?? '00',
    second: m?.[6] ?? '00',
    title,
    slug: slugify(title),
    categories: (meta.categories ?? []).map((c) => c.toLowerCase()).join('/'),
    output_ext: '.html',
  };
  const url = template.replace(/:(output_ext|categories|short_year|i_month|i_day|y_day|year|month|day|hour|minute|second|title|slug)/g, (_, key: string) => values[key] ?? '');
  return normalizeUrl(url);
}

/** One form per URL: a leading '/', no doubled slashes, `index.html` dropped, percent-decoded. */
export function normalizeUrl(url: string): string {
  let u = url.trim();
  try {
    u = decodeURI(u);
  } catch {
    // keep as written
  }
  u = `/${u}`.replace(/\/{2,}/g, '/').replace(/\/index\.html?$/i, '/');
  return u.normalize('NFC');
}

function dayOfYear(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
}

export function absoluteUrl(url: string, baseUrl: string | undefined): string {
  return baseUrl ? `${baseUrl.replace(/\/+$/, '')}${url}` : url;
}
