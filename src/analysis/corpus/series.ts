import { parseJekyllDate } from '../../text/jekyll-date.js';
import { titleKey } from './features.js';

/**
 * Posts of one series: release notes (`Vim 7.4a` / `7.4b`, `4.0.0.pre.alpha1` / `pre.beta1`, same-day
 * patch releases `1.0.4` / `1.1.2`), monthly issues (`Vim Magazine 3 月号` / `4 月号`), yearly posts
 * (`Vim 2014 カレンダー`). Their titles share one template once the numbers in them are masked, and their
 * bodies share a template too: a high similarity between them is the series, not a copy.
 *
 * A title's template masks every ASCII letter-and-digit run that holds a digit (`7.4a`, `rc1`,
 * `preview3`, `2015`, `200%`'s `200`) and folds a list of masked tokens (`10.6/10.7/10.8 7.3.633`)
 * into one mask, so the platform list of one release note does not split its series.
 */
const ASCII_TOKEN = /[0-9A-Za-z._+-]+/g;
const MASK = '\u0000';
const MASK_LIST = /\u0000(?:[\s/,、・&+~〜-]*\u0000)+/g;

export function titleTemplate(title: string): string {
  return identity(title)
    .replace(ASCII_TOKEN, (token) => (/[0-9]/.test(token) ? MASK : token))
    .replace(MASK_LIST, MASK)
    .replace(/\s+/g, '');
}

/** A title as the duplicate-title rule compares it (`titleKey`), spaces removed too. */
function identity(title: string): string {
  return titleKey(title);
}

/** True when the title holds a number that a series could vary (its template has a mask). */
export function isNumberedTemplate(template: string): boolean {
  return template.includes(MASK);
}

/**
 * Titles of a whole corpus grouped by template, so "same title, one series" can be told from "same
 * title, two articles": `Vim Magazine 3 月号` twice is a monthly issue of different years when the corpus
 * also holds `Vim Magazine 4 月号`; `AI市場、前年比200%の急成長` twice, with no other number in that
 * template, is the same article twice.
 */
export class SeriesIndex {
  private readonly titlesByTemplate = new Map<string, Set<string>>();
  /** Each title's template, worked out once: a post is compared with many others, each time by title. */
  private readonly templates = new Map<string, string>();

  private templateOf(title: string): string {
    let template = this.templates.get(title);
    if (template === undefined) this.templates.set(title, (template = titleTemplate(title)));
    return template;
  }

  add(title: string): void {
    const template = titleTemplate(title);
    if (!isNumberedTemplate(template)) return;
    let titles = this.titlesByTemplate.get(template);
    if (!titles) this.titlesByTemplate.set(template, (titles = new Set()));
    titles.add(identity(title).replace(/\s+/g, ''));
  }

  /**
   * Whether two titles belong to one series:
   * - equal titles: when the corpus holds their template with other numbers too (the same month of
   *   another year);
   * - different titles, both numbered: equal templates (another version, another month), one template
   *   inside the other (`Windows 32ビット 7.3.715` / `Windows 32ビット/64ビット 7.3.725`, `VimConf 2024` /
   *   `VimConf 2025 Small`), or two stages of one version (`7.4a` / `7.4`, `3.0 Beta` / `3.0`).
   */
  sameSeries(a: string, b: string): boolean {
    const ta = this.templateOf(a);
    const tb = this.templateOf(b);
    if (!isNumberedTemplate(ta) || !isNumberedTemplate(tb)) return false;
    const key = (t: string): string => identity(t).replace(/\s+/g, '');
    if (key(a) === key(b)) return (this.titlesByTemplate.get(ta)?.size ?? 0) >= 2;
    return ta === tb || templateWithin(ta, tb) || releaseStages(a, b);
  }
}

/** The shorter template, with at least 4 letters of its own, is a subsequence of the longer one. */
function templateWithin(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.replaceAll(MASK, '').length < 4 || short.length < 0.6 * long.length) return false;
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

const VERSION = /(?<![0-9.])(\d+\.\d+)([0-9A-Za-z.+-]*)/g;
const PRE_RELEASE = /alpha|beta|\brc\d*|preview|\bpre\b|snapshot|ベータ|プレビュー|アルファ|リリース候補/i;

/**
 * Two titles that name one version (`x.y`) at two stages: a pre-release and its release (`Vim 7.4a
 * ベータ版` / `Vim 7.4 released!`, `Prometheus 3.0 Beta` / `Prometheus 3.0`).
 */
function releaseStages(a: string, b: string): boolean {
  const versions = (t: string): Map<string, string> => new Map([...t.normalize('NFKC').matchAll(VERSION)].map((m) => [m[1]!, m[0]]));
  const va = versions(a);
  const vb = versions(b);
  for (const [base, full] of va) {
    const other = vb.get(base);
    if (other === undefined) continue;
    if (other !== full || PRE_RELEASE.test(a) !== PRE_RELEASE.test(b)) return true;
  }
  return false;
}

const FILE_DATE = /(?:^|\/)(\d{4})-(\d{1,2})-(\d{1,2})-[^/]*$/;
const DATE_KEYS = ['date', 'publishDate', 'pubDate', 'created_at'];

/**
 * When a post was published, in milliseconds since the epoch (UTC), for telling the earlier of two
 * posts: the front-matter date (with its time and offset when written), else the file name's date;
 * null when neither is readable.
 */
export function publishedAt(path: string, data: Record<string, unknown> | undefined): number | null {
  for (const key of DATE_KEYS) {
    const value = data?.[key];
    const text = value instanceof Date ? value.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : typeof value === 'string' ? value : null;
    if (text === null) continue;
    const date = parseJekyllDate(text);
    if (date) {
      const local = Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute, date.second);
      return local - (date.offsetMinutes ?? 0) * 60_000;
    }
  }
  const file = FILE_DATE.exec(path);
  if (file) {
    const date = parseJekyllDate(`${file[1]}-${file[2]!.padStart(2, '0')}-${file[3]!.padStart(2, '0')}`);
    if (date) return Date.UTC(date.year, date.month - 1, date.day);
  }
  return null;
}
