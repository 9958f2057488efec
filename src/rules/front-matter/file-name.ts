import { defineRule, type Report } from '../rule.js';
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
  description: {
    en: 'A Jekyll post is named YYYY-MM-DD-slug.ext, with the front-matter date.',
    ja: 'Jekyll の投稿ファイル名が YYYY-MM-DD-slug.ext 形式で、日付がフロントマターと一致すること。',
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
    invalid: [],
  },
  check({ post, config }) {
    const name = basename(post.path);
    const inPosts = /(?:^|[\\/])_posts[\\/]/.test(post.path);
    const parsed = parseJekyllPostName(name);
    const reports: Report[] = [];
    if (!parsed) {
      if (inPosts && !name.startsWith('.') && !name.startsWith('_')) {
        reports.push({
          line: 1,
          message: {
            en: `"${name}" is in _posts/ but not named YYYY-MM-DD-slug.ext, so Jekyll will not publish it; rename it`,
            ja: `「${name}」は _posts/ にありますが YYYY-MM-DD-slug.ext 形式ではないため、Jekyll は公開しません。名前を変更してください`,
          },
        });
      }
      return reports;
    }
    if (!parsed.validDate) {
      reports.push({
        line: 1,
        message: {
          en: `file name date ${parsed.ymd} is not a calendar date; rename the file`,
          ja: `ファイル名の日付 ${parsed.ymd} は存在しない日付です。ファイル名を修正してください`,
        },
      });
      return reports;
    }
    // Empty, wordless and generic slugs: site/slug-poor.
    const dateEntry = getEntry(post.frontMatter, 'date');
    if (config.frontMatter.fileNameDate && dateEntry && typeof dateEntry.value === 'string') {
      const date = parseJekyllDate(dateEntry.value);
      if (date && date.ymd !== parsed.ymd) {
        reports.push({
          line: dateEntry.line,
          endLine: dateEntry.endLine,
          severity: 'warning',
          message: {
            en: `front-matter date ${date.ymd} differs from the file name date ${parsed.ymd}; Jekyll builds the URL from ${date.ymd}. Make them agree`,
            ja: `フロントマターの日付 ${date.ymd} がファイル名の日付 ${parsed.ymd} と違います（URL は ${date.ymd} から作られます）。どちらかを合わせてください`,
          },
        });
      }
    }
    return reports;
  },
});
