import { defineRule, ruleOptions, type Report } from '../rule.js';
import { getEntry } from '../../post/front-matter.js';
import { basename, parseJekyllDate, parseJekyllPostName } from '../../text/jekyll-date.js';

/**
 * Jekyll post file names `YYYY-MM-DD-slug.ext`: a real date equal to the front-matter date as written
 * (in the post's own offset: `2025-12-30 16:44:49 +0000` is the 30th whatever the site's time zone;
 * the URL's day in the site's zone is site/url-date-shift's). Only files named like posts or inside
 * `_posts/` are checked; the slug itself is site/slug-poor's.
 */
export default defineRule({
  id: 'front-matter/file-name',
  category: 'front-matter',
  defaultSeverity: 'error',
  options: ruleOptions('frontMatter', 'fileNameDate'),
  description: {
    en: 'A Jekyll post is named YYYY-MM-DD-slug.ext, with the front-matter date.',
    ja: 'Jekyll の投稿ファイル名が YYYY-MM-DD-slug.ext 形式で、日付がフロントマターと一致すること。',
  },
  messages: {
    notPostName: {
      en: '"{{name}}" is in _posts/ but not named YYYY-MM-DD-slug.ext, so Jekyll will not publish it; rename it',
      ja: '「{{name}}」は _posts/ にありますが YYYY-MM-DD-slug.ext 形式ではないため、Jekyll は公開しません。名前を変更してください',
    },
    notCalendarDate: {
      en: 'file name date {{fileDate}} is not a calendar date; rename the file',
      ja: 'ファイル名の日付 {{fileDate}} は存在しない日付です。ファイル名を修正してください',
    },
    dateDiffers: {
      en: 'front-matter date {{date}} differs from the file name date {{fileDate}}; Jekyll builds the URL from {{date}}. Make them agree',
      ja: 'フロントマターの日付 {{date}} がファイル名の日付 {{fileDate}} と違います（URL は {{date}} から作られます）。どちらかを合わせてください',
    },
  },
  evidence: {
    error: 'A file in `_posts/` whose name is not `YYYY-MM-DD-slug.ext` (Jekyll will not publish it), or whose date is not a calendar date.',
    warning: 'The front-matter `date` (its own day, in its own offset) differs from the file name’s date: Jekyll builds the URL from the front matter, links and the file name disagree.',
  },
  examples: {
    valid: [
      {
        name: 'Jekyll takes one-digit months and days in a post file name (the date comes from it)',
        path: '_posts/blog/2019-1-7-vim_2019_calendar_available.md',
        text: '---\nlayout: blog\ncategory: blog\ntitle: Vim 2019 カレンダー\n---\n\nVim 2019 カレンダーを公開しました。\n',
        source: 'vim-jp.org _posts/blog/2019-1-7-vim_2019_calendar_available.md, front matter and a first line written for the test (CC BY 4.0)',
      },
    ],
    invalid: [
      {
        name: 'the front-matter date is a day after the file name’s',
        path: '_posts/2019-08-19-jekyll-4-0-0-released.markdown',
        source: 'jekyll docs/_posts/2019-08-19-jekyll-4-0-0-released.markdown lines 1-9 (MIT)',
        text: "---\ntitle: 'Jekyll 4.0.0 Released'\ndate: 2019-08-20 10:00:00 -0500\nauthor: mattr-\nversion: 4.0.0\ncategory: release\n---\n\nHi! 👋 I bring some good news! Jekyll 4.0.0 is finally here! 🎉\n",
        findings: [{ line: 3, severity: 'warning' }],
      },
      {
        name: 'a post file without a date in its name',
        path: '_posts/recent-changes.md',
        source: 'vim-jp.org _posts/blog/2018-03-12-recent-changes.md lines 1-7, renamed for the case (CC BY 4.0)',
        text: '---\nlayout: post\ncategory: blog\ntitle: 最近追加された機能\n---\n\n最近追加された機能について説明します。\n',
        findings: [{ line: 1, severity: 'error' }],
      },
    ],
  },
  check({ post, options }) {
    const name = basename(post.path);
    const inPosts = /(?:^|[\\/])_posts[\\/]/.test(post.path);
    const parsed = parseJekyllPostName(name);
    const reports: Report[] = [];
    if (!parsed) {
      if (inPosts && !name.startsWith('.') && !name.startsWith('_')) {
        reports.push({
          line: 1,
          messageId: 'notPostName',
          data: { name },
        });
      }
      return reports;
    }
    if (!parsed.validDate) {
      reports.push({
        line: 1,
        messageId: 'notCalendarDate',
        data: { fileDate: parsed.ymd },
      });
      return reports;
    }
    // Empty, wordless and generic slugs: site/slug-poor.
    const dateEntry = getEntry(post.frontMatter, 'date');
    if (options.fileNameDate && dateEntry && typeof dateEntry.value === 'string') {
      const date = parseJekyllDate(dateEntry.value);
      if (date && date.ymd !== parsed.ymd) {
        reports.push({
          line: dateEntry.line,
          endLine: dateEntry.endLine,
          severity: 'warning',
          messageId: 'dateDiffers',
          data: { date: date.ymd, fileDate: parsed.ymd },
        });
      }
    }
    return reports;
  },
});
