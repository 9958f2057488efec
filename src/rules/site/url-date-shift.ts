import { defineRule } from '../rule.js';
import type { FrontMatterEntry, Post } from '../../post/post.js';
import { basename } from '../../text/jekyll-date.js';
import { formatOffset, instantOf, jekyllDay, wallTimeIn, ymd, zoneOffsetMinutes } from '../../analysis/site/dates.js';
import { parseJekyllPostName } from '../../text/jekyll-date.js';
import { absolute } from './shared.js';
import { getEntry } from '../../post/front-matter.js';

const SITE = { '_config.yml': 'permalink: /:year/:month/:day/:title/\ntimezone: Asia/Tokyo\n' };

/**
 * Jekyll reads a post's date with `Time.parse(date).localtime`, in the zone `timezone:` sets, and
 * builds the URL from that day. A date written in another offset late in the day (a pipeline writing
 * UTC for a site in Asia/Tokyo) moves the URL to the next day, away from the file name's date: links
 * built from the file name break, and two posts may claim one URL.
 */
export default defineRule({
  id: 'site/url-date-shift',
  category: 'site',
  defaultSeverity: 'warning',
  crossPost: true,
  description: {
    en: "The post's URL date differs from its file name's date because of the site's time zone.",
    ja: 'サイトのタイムゾーンのために、記事の URL の日付がファイル名の日付とずれている。',
  },
  messages: {
    shifted: {
      en: "date {{date}} is {{when}} in the site's time zone {{zone}}, so Jekyll publishes this post under {{day}}{{url}}, not {{fileDay}} as its file name says; write the date in the site's offset{{fixed}}",
      ja: 'date {{date}} はサイトのタイムゾーン {{zone}} では {{when}} のため、Jekyll はこの記事をファイル名の {{fileDay}} ではなく {{day}}{{url}} に公開します。日付をサイトのオフセットで書いてください{{fixed}}',
    },
  },
  evidence: {
    warning:
      'A Jekyll post named YYYY-MM-DD-slug whose front-matter date carries an offset, is on the file-name day in that offset, and falls on another day in the `timezone:` of `_config.yml`.',
    info: 'The same, on a site whose `_config.yml` sets no `timezone:` (UTC assumed: the build machine decides).',
  },
  examples: {
    valid: [
      { name: 'the same day in the site zone', site: SITE, path: '_posts/2025-09-12-panasonic.md', text: '---\ntitle: x\ndate: 2025-09-12 04:35:18 +0000\n---\n\nBody.\n' },
      { name: 'a date without offset is read in the site zone as written', site: SITE, path: '_posts/2025-09-12-panasonic.md', text: '---\ntitle: x\ndate: 2025-09-12 23:35:18\n---\n\nBody.\n' },
      { name: 'no site: no zone to convert to', path: '_posts/2025-09-12-panasonic.md', text: '---\ntitle: x\ndate: 2025-09-12 16:41:54 +0000\n---\n\nBody.\n' },
    ],
    invalid: [
      {
        name: 'UTC evening on a Tokyo site: the URL moves to the next day',
        source: 'ai-blog-system _posts/2025-09-12-2-ai-article-update.md at bb2c490f (MIT)',
        site: SITE,
        path: '_posts/2025-09-12-2-ai-article-update.md',
        text: '---\nlayout: post\ntitle: "ソフトバンクと東大が描く「x"\ndate: 2025-09-12 16:41:54 +0000\ncategories: ["投資分析"]\n---\n\n本文。\n',
        findings: [{ line: 4, severity: 'warning', message: '/2025/09/13/2-ai-article-update/' }],
        output: '---\nlayout: post\ntitle: "ソフトバンクと東大が描く「x"\ndate: 2025-09-12 16:41:54 +0900\ncategories: ["投資分析"]\n---\n\n本文。\n',
      },
    ],
  },
  check({ post, site }) {
    if (!site || site.site.generator !== 'jekyll') return [];
    const name = parseJekyllPostName(basename(post.path));
    const entry = getEntry(post.frontMatter, 'date');
    if (!name?.validDate || !entry || typeof entry.value !== 'string') return [];
    const zone = site.site.timezone;
    const day = jekyllDay(entry.value, zone);
    if (!day || day.date.offsetMinutes === null || day.ymd === name.ymd) return [];
    // Written on another day than the file name even in its own offset: front-matter/file-name says so.
    if (day.date.ymd !== name.ymd) return [];
    const instant = instantOf(day.date)!;
    const local = wallTimeIn(instant, zone);
    const zoneName = zone ?? 'UTC';
    const url = site.postFor(post)?.url;
    // The fix keeps the written wall-clock time and gives it the site's offset: the day the file names.
    const wallAsUtc = Date.UTC(day.date.year, day.date.month - 1, day.date.day, day.date.hour, day.date.minute, day.date.second);
    let offset = zoneOffsetMinutes(wallAsUtc, zone);
    offset = zoneOffsetMinutes(wallAsUtc - offset * 60_000, zone);
    const zoneText = /([+-]\d{2}:?\d{2}|Z)\s*$/.exec(entry.value)?.[1] ?? '+0000';
    const fixed = entry.value.replace(/\s*([+-]\d{2}:?\d{2}|Z)\s*$/, (m) => `${m.startsWith(' ') ? ' ' : ''}${formatOffset(offset, zoneText === 'Z' ? '+00:00' : zoneText)}`);
    const fixable = fixed !== entry.value && jekyllDay(fixed, zone)?.ymd === name.ymd;
    const when = `${ymd(local)} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
    return [
      {
        line: entry.line,
        endLine: entry.endLine,
        ...(zone ? {} : { severity: 'info' as const }),
        messageId: 'shifted',
        data: {
          date: entry.value,
          when,
          zone: zoneName,
          day: day.ymd,
          url: url ? { en: ` (${absolute(site, url)})`, ja: `（${absolute(site, url)}）` } : '',
          fileDay: name.ymd,
          fixed: fixable ? { en: ` (${fixed})`, ja: `（${fixed}）` } : '',
        },
        ...(fixable ? { fix: { line: entry.line, endLine: entry.endLine, replacement: replaceValue(post, entry, fixed) } } : {}),
      },
    ];
  },
});

/** The entry's line with the date text replaced inside its value, quotes and everything around kept. */
function replaceValue(post: Post, entry: FrontMatterEntry, fixed: string): string {
  const line = post.lines.line(entry.line);
  const start = entry.valueStart - post.lines.startOf(entry.line);
  const source = line.slice(start, entry.valueEnd - post.lines.startOf(entry.line));
  const value = String(entry.value);
  return line.slice(0, start) + source.replace(value, fixed) + line.slice(start + source.length);
}
