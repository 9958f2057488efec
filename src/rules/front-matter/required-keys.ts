import { defineRule, type Report } from '../rule.js';
import { getEntry } from '../../post/front-matter.js';
import { basename, parseJekyllPostName } from '../../text/jekyll-date.js';

/**
 * Keys every post needs (`frontMatter.requiredKeys`, default layout, title, date). A key Jekyll can
 * fill in itself is only info: `layout` (front-matter defaults in _config.yml) and `date` when the
 * file name carries one.
 */
export default defineRule({
  id: 'front-matter/required-keys',
  category: 'front-matter',
  defaultSeverity: 'error',
  description: {
    en: 'The front matter has the required keys (default: layout, title, date) with a value.',
    ja: 'フロントマターに必須キー（既定: layout、title、date）があり、値が入っていること。',
  },
  examples: {
    valid: [],
    invalid: [
      {
        name: 'a date Jekyll reads from a one-digit file name date is advice, not a missing key',
        path: '_posts/blog/2019-1-7-vim_2019_calendar_available.md',
        text: '---\nlayout: blog\ncategory: blog\ntitle: Vim 2019 カレンダー\n---\n\nVim 2019 カレンダーを公開しました。\n',
        findings: [{ line: 1, severity: 'info' }],
        source: 'vim-jp.org _posts/blog/2019-1-7-vim_2019_calendar_available.md, front matter and a first line written for the test (CC BY 4.0)',
      },
    ],
  },
  check({ post, config }) {
    const frontMatter = post.frontMatter;
    // Absent or unparsable front matter: front-matter/readable reports it; "missing key" would be noise.
    if (!frontMatter || post.problems.some((problem) => problem.kind === 'yaml')) return [];
    const reports: Report[] = [];
    const fileDate = parseJekyllPostName(basename(post.path))?.validDate === true;
    for (const key of config.frontMatter.requiredKeys) {
      const entry = getEntry(frontMatter, key);
      if (!entry) {
        const inferable = key === 'layout' || (key === 'date' && fileDate);
        reports.push({
          line: frontMatter.startLine,
          endLine: frontMatter.endLine,
          ...(inferable ? { severity: 'info' as const } : {}),
          message: inferable
            ? {
                en: `front matter has no \`${key}\`; Jekyll falls back to ${key === 'layout' ? 'the front-matter defaults of _config.yml' : 'the date in the file name'}. Add it if the site does not set it`,
                ja: `フロントマターに \`${key}\` がありません（Jekyll は${key === 'layout' ? ' _config.yml の既定値' : 'ファイル名の日付'}を使います）。サイトで設定していなければ追加してください`,
              }
            : {
                en: `front matter has no \`${key}\`; add it`,
                ja: `フロントマターに必須キー \`${key}\` がありません。追加してください`,
              },
        });
      } else if (entry.value === null || (typeof entry.value === 'string' && entry.value.trim() === '')) {
        reports.push({
          line: entry.line,
          endLine: entry.endLine,
          message: { en: `\`${key}\` is empty; give it a value`, ja: `\`${key}\` が空です。値を入れてください` },
        });
      }
    }
    return reports;
  },
});
