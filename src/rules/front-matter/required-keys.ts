import { defineRule, ruleOptions, type Report } from '../rule.js';
import { getEntry } from '../../post/front-matter.js';
import { basename, parseJekyllPostName } from '../../text/jekyll-date.js';
import { generatorOf } from '../../analysis/site/generator.js';
import { DATE_KEYS } from '../../analysis/site/posts.js';

/**
 * Keys every post needs (`frontMatter.requiredKeys`, default layout, title, date), as each generator
 * names them: `date` is any of the generator's date keys (Hugo `date`/`publishDate`/…, Astro `pubDate`),
 * `layout` is Jekyll's alone (the others pick templates by section). A key the generator can fill in
 * itself is only info: Jekyll's `layout` (front-matter defaults; none at all when the site's defaults
 * set it) and a date the file name carries; Hugo, Astro and Zola posts without a date are only unsorted.
 */
export default defineRule({
  id: 'front-matter/required-keys',
  category: 'front-matter',
  defaultSeverity: 'error',
  options: ruleOptions('frontMatter', 'requiredKeys'),
  crossPost: true,
  description: {
    en: 'The front matter has the required keys (default: layout, title, date) with a value.',
    ja: 'フロントマターに必須キー（既定: layout、title、date）があり、値が入っていること。',
  },
  messages: {
    missing: {
      en: 'front matter has no `{{key}}`; add it',
      ja: 'フロントマターに必須キー `{{key}}` がありません。追加してください',
    },
    layoutFromDefaults: {
      en: 'front matter has no `layout`; Jekyll falls back to the front-matter defaults of _config.yml. Add it if the site does not set it',
      ja: 'フロントマターに `layout` がありません（Jekyll は _config.yml の既定値を使います）。サイトで設定していなければ追加してください',
    },
    dateFromFileName: {
      en: 'front matter has no `date`; {{generator}} falls back to the date in the file name. Add it if the site does not set it',
      ja: 'フロントマターに `date` がありません（{{generator}} はファイル名の日付を使います）。サイトで設定していなければ追加してください',
    },
    undated: {
      en: 'front matter has no date ({{keys}}); the post is listed undated. Add one',
      ja: 'フロントマターに日付（{{keys}}）がなく、日付なしで一覧されます。追加してください',
    },
    empty: { en: '`{{key}}` is empty; give it a value', ja: '`{{key}}` が空です。値を入れてください' },
  },
  evidence: {
    error: 'A required key (`frontMatter.requiredKeys`, under the generator’s own names: Hugo `publishDate`, Astro `pubDate`…) is missing and nothing else supplies it, or it is present with an empty value.',
    info: 'The missing key is one the generator fills in: Jekyll’s `layout` (front-matter defaults), a date in the file name; or a Hugo, Astro or Zola post without a date (only unsorted).',
  },
  examples: {
    valid: [
      {
        name: 'layout, title and date all present',
        source: 'ai-blog-system seed 004 lines 1-5 and 10-12 (MIT)',
        text: '---\nlayout: post\ntitle: "Amazon Bedrock、自社製チップで性能倍増、何が変わるのか？"\ndate: 2025-12-17 20:38:36 +0000\ncategories: ["投資分析"]\n---\n\nAmazon Bedrock、自社製チップで性能倍増、何が変わるのか？\n',
      },
    ],
    invalid: [
      {
        name: 'a date Jekyll reads from a one-digit file name date is advice, not a missing key',
        path: '_posts/blog/2019-1-7-vim_2019_calendar_available.md',
        text: '---\nlayout: blog\ncategory: blog\ntitle: Vim 2019 カレンダー\n---\n\nVim 2019 カレンダーを公開しました。\n',
        findings: [{ line: 1, severity: 'info' }],
        source: 'vim-jp.org _posts/blog/2019-1-7-vim_2019_calendar_available.md, front matter and a first line written for the test (CC BY 4.0)',
      },
      {
        name: 'no title',
        source: 'ai-blog-system seed 004 lines 1-10 and 12, the title line removed for the case (MIT)',
        text: '---\nlayout: post\ndate: 2025-12-17 20:38:36 +0000\ncategories: [\"投資分析\"]\n---\n\nAmazon Bedrock、自社製チップで性能倍増、何が変わるのか？\n',
        findings: [{ line: 1, endLine: 5, severity: 'error', message: 'title' }],
      },
    ],
  },
  check({ post, options, site }) {
    const frontMatter = post.frontMatter;
    const generator = generatorOf(post, site);
    // Absent or unparsable front matter: front-matter/readable reports it; "missing key" would be noise.
    if (!frontMatter || post.problems.some((problem) => problem.kind === 'yaml')) return [];
    const reports: Report[] = [];
    const fileDate = parseJekyllPostName(basename(post.path))?.validDate === true || (generator === 'zola' && /^\d{4}-\d{2}-\d{2}[-_]/.test(basename(post.path)));
    const sitePath = site?.sitePath(post);
    for (const key of options.requiredKeys) {
      if (key === 'layout' && generator !== 'jekyll') continue;
      if (key === 'layout' && sitePath !== undefined && site?.site.defaults.some((d) => d.values.layout !== undefined && (!d.path || sitePath.startsWith(`${d.path}/`)))) continue;
      const names = key === 'date' ? DATE_KEYS[generator] : [key];
      const entry = names.map((name) => getEntry(frontMatter, name)).find((e) => e !== undefined);
      if (!entry) {
        const inferable = key === 'layout' || (key === 'date' && (fileDate || generator !== 'jekyll'));
        reports.push({
          line: frontMatter.startLine,
          endLine: frontMatter.endLine,
          ...(inferable ? { severity: 'info' as const } : {}),
          ...(!inferable
            ? { messageId: 'missing', data: { key } }
            : key === 'layout'
              ? { messageId: 'layoutFromDefaults' }
              : generator === 'jekyll' || fileDate
                ? { messageId: 'dateFromFileName', data: { generator: generator === 'zola' ? 'Zola' : 'Jekyll' } }
                : { messageId: 'undated', data: { keys: { en: names.map((n) => `\`${n}\``).join(', '), ja: names.map((n) => `\`${n}\``).join('、') } } }),
        });
      } else if (entry.value === null || (typeof entry.value === 'string' && entry.value.trim() === '')) {
        reports.push({
          line: entry.line,
          endLine: entry.endLine,
          messageId: 'empty',
          data: { key },
        });
      }
    }
    return reports;
  },
});
