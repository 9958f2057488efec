import { defineRule, ruleOptions, type Report } from '../rule.js';
import type { FrontMatterEntry } from '../../post/post.js';
import { parseJekyllDate } from '../../text/jekyll-date.js';
import { entryFix } from '../../analysis/front-matter.js';

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/**
 * Value types Jekyll and the theme rely on: `date` a valid Jekyll date, `categories`/`tags` lists of
 * strings, `reading_time` a positive integer, `title`/`layout`/`excerpt` text, `published` a boolean.
 * Empty values are left to required-keys.
 */
export default defineRule({
  id: 'front-matter/value-types',
  category: 'front-matter',
  defaultSeverity: 'error',
  options: ruleOptions('frontMatter', 'readingTime'),
  description: {
    en: 'Front-matter values have the right type (date, lists of strings, positive integer reading time).',
    ja: 'フロントマターの値の型が正しいこと（日付、文字列のリスト、正の整数の読了時間）。',
  },
  messages: {
    notDate: {
      en: '`{{key}}: {{value}}` is not a valid Jekyll date; write YYYY-MM-DD HH:MM:SS +ZZZZ (time and offset optional)',
      ja: '`{{key}}: {{value}}` は Jekyll の日付として不正です。YYYY-MM-DD HH:MM:SS +ZZZZ の形式にしてください（時刻とオフセットは省略可）',
    },
    spaceSeparated: {
      en: '`{{key}}` is a string; Jekyll splits it on spaces. Write a list such as [{{items}}]',
      ja: '`{{key}}` が文字列です（Jekyll は空白で分割します）。[{{items}}] のようなリストにしてください',
    },
    notList: { en: '`{{key}}` must be a list of strings, not {{type}}', ja: '`{{key}}` は文字列のリストにしてください（現在は {{type}}）' },
    nonStringItems: {
      en: '`{{key}}` must hold strings only; {{count}} item(s) are {{type}}',
      ja: '`{{key}}` の項目は文字列にしてください（{{count}} 件が {{type}}）',
    },
    unquotedItems: {
      en: '`{{key}}` must hold strings only; {{count}} item(s) are {{type}} (quote them)',
      ja: '`{{key}}` の項目は文字列にしてください（{{count}} 件が {{type}}。引用符で囲んでください）',
    },
    notMinutes: {
      en: '`{{key}}` must be a positive whole number of minutes, not {{value}}',
      ja: '`{{key}}` は正の整数（分）にしてください（現在は {{value}}）',
    },
    roundMinutes: {
      en: '`{{key}}` must be a positive whole number of minutes, not {{value}}; write {{minutes}}',
      ja: '`{{key}}` は正の整数（分）にしてください（現在は {{value}}）。{{minutes}} にしてください',
    },
    notText: {
      en: '`{{key}}` should be text, not {{type}}; quote it',
      ja: '`{{key}}` は文字列にしてください（現在は {{type}}）。引用符で囲んでください',
    },
    notBoolean: { en: '`published` must be true or false, not {{value}}', ja: '`published` は true か false にしてください（現在は {{value}}）' },
  },
  evidence: {
    error: 'A value Jekyll or the theme cannot use: a `date` that is no Jekyll date, `categories`/`tags` that are neither a list nor a string, a list holding mappings, a non-positive or non-numeric reading time, `published` that is not a boolean, a mapping where text belongs.',
    warning: 'A value that works by coercion: numbers in a tag list, a number or boolean as a title.',
    info: 'A space-separated string for `categories`/`tags`: Jekyll splits it on spaces, which is right unless a name has a space.',
  },
  examples: {
    valid: [{ name: 'Jekyll date, list of strings, whole minutes', source: 'ai-blog-system seed 004 lines 1-10 (MIT)', text: '---\nlayout: post\ntitle: \"Amazon Bedrock、自社製チップで性能倍増、何が変わるのか？\"\ndate: 2025-12-17 20:38:36 +0000\ncategories: [\"投資分析\"]\nreading_time: 8\n---\n\n本文です。\n' }],
    invalid: [
      {
        name: 'a reading time given as a quoted number',
        source: 'ai-blog-system seed 004 lines 1-10, reading_time quoted for the case (MIT)',
        text: '---\nlayout: post\ntitle: \"Amazon Bedrock、自社製チップで性能倍増、何が変わるのか？\"\ndate: 2025-12-17 20:38:36 +0000\ncategories: [\"投資分析\"]\nreading_time: \"8\"\n---\n\n本文です。\n',
        findings: [{ line: 6, severity: 'error' }],
        output: '---\nlayout: post\ntitle: \"Amazon Bedrock、自社製チップで性能倍増、何が変わるのか？\"\ndate: 2025-12-17 20:38:36 +0000\ncategories: [\"投資分析\"]\nreading_time: 8\n---\n\n本文です。\n',
      },
      {
        name: 'categories as a string',
        source: 'vim-jp.org _posts/blog/2018-03-12-recent-changes.md lines 1-7, `category` written as `categories` for the case (CC BY 4.0)',
        text: '---\nlayout: post\ncategories: blog release\ntitle: 最近追加された機能\n---\n\n最近追加された機能について説明します。\n',
        findings: [{ line: 3, severity: 'info' }],
      },
    ],
  },
  check({ post, options }) {
    const reports: Report[] = [];
    const report = (entry: FrontMatterEntry, messageId: string, data: Report['data'], extra: Partial<Report> = {}) =>
      reports.push({ line: entry.line, endLine: entry.endLine, messageId, data, ...extra });
    for (const entry of post.frontMatter?.entries ?? []) {
      const { key, value } = entry;
      if (value === null || value === '') continue;
      if (key === 'date' || key === 'last_modified_at') {
        if (typeof value !== 'string' || parseJekyllDate(value) === null) {
          report(entry, 'notDate', { key, value: entry.valueSource });
        }
      } else if (key === 'categories' || key === 'tags') {
        if (typeof value === 'string') {
          const items = value.split(/\s+/).filter(Boolean).map((v) => `"${v}"`).join(', ');
          report(entry, 'spaceSeparated', { key, items }, { severity: 'info' });
        } else if (!Array.isArray(value)) {
          report(entry, 'notList', { key, type: describe(value) });
        } else {
          const bad = value.filter((item) => typeof item !== 'string');
          if (bad.length > 0) {
            const structural = bad.some((item) => item === null || typeof item === 'object');
            report(entry, structural ? 'nonStringItems' : 'unquotedItems', { key, count: bad.length, type: describe(bad[0]) }, structural ? {} : { severity: 'warning' });
          }
        }
      } else if (key === options.readingTime.key) {
        if (typeof value === 'number' && Number.isInteger(value) && value > 0) continue;
        const numeric = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
        const suggestion = Number.isFinite(numeric) ? Math.max(1, Math.round(numeric)) : null;
        if (suggestion) report(entry, 'roundMinutes', { key, value: entry.valueSource, minutes: suggestion }, { fix: entryFix(post, entry, suggestion) });
        else report(entry, 'notMinutes', { key, value: entry.valueSource });
      } else if (key === 'title' || key === 'layout' || key === 'excerpt' || key === 'author' || key === 'description') {
        if (typeof value !== 'string' && !(key === 'author' && typeof value === 'object')) {
          report(entry, 'notText', { key, type: describe(value) }, typeof value === 'object' ? {} : { severity: 'warning' });
        }
      } else if (key === 'published' && typeof value !== 'boolean') {
        report(entry, 'notBoolean', { value: entry.valueSource });
      }
    }
    return reports;
  },
});
