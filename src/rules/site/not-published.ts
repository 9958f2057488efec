import { defineRule } from '../rule.js';
import { getEntry } from '../../post/front-matter.js';
import { parseJekyllDate } from '../../text/jekyll-date.js';
import { instantOf } from '../../analysis/site/dates.js';
import { dateEntry } from './shared.js';

const SITE = { '_config.yml': 'timezone: Asia/Tokyo\n' };

/**
 * A changed post the site will not show: unpublished (`published: false`, `draft: true`) or dated in
 * the future (Jekyll, Hugo and Zola skip future posts unless told otherwise). Said so the reviewer
 * knows the change is not live yet; never more than info.
 */
export default defineRule({
  id: 'site/not-published',
  category: 'site',
  defaultSeverity: 'info',
  crossPost: true,
  description: {
    en: 'The changed post is a draft, unpublished, or dated in the future: the site will not show it yet.',
    ja: '変更された記事は下書き・非公開・未来の日付のため、まだサイトに表示されない。',
  },
  messages: {
    unpublished: { en: '`{{key}}: {{value}}`: the site does not publish this post', ja: '`{{key}}: {{value}}` のため、この記事はサイトに公開されません' },
    future: {
      en: 'dated {{date}}, in the future: the generator skips it until then unless the site builds future posts',
      ja: '日付 {{date}} は未来のため、サイトが未来の記事もビルドする設定でない限り、その日まで公開されません',
    },
  },
  evidence: { info: '`published: false` or `draft: true` in the front matter, or a date (with its offset, else in the site zone) after the time of the check.' },
  examples: {
    valid: [{ name: 'a published post', site: SITE, path: '_posts/2025-09-12-x.md', text: '---\ntitle: x\ndate: 2025-09-12 10:00:00 +0900\n---\n\nBody.\n' }],
    invalid: [
      { name: 'a draft', site: SITE, path: '_posts/2025-09-12-x.md', text: '---\ntitle: x\npublished: false\n---\n\nBody.\n', findings: [{ line: 3, severity: 'info' }] },
      { name: 'a date far ahead', site: SITE, path: '_posts/2999-01-01-x.md', text: '---\ntitle: x\ndate: 2999-01-01 10:00:00 +0900\n---\n\nBody.\n', findings: [{ line: 3, severity: 'info' }] },
    ],
  },
  check({ post, site }) {
    if (!site || !post.frontMatter) return [];
    const flag = getEntry(post.frontMatter, 'published') ?? getEntry(post.frontMatter, 'draft');
    if (flag && ((flag.key === 'published' && flag.value === false) || (flag.key === 'draft' && flag.value === true))) {
      return [
        {
          line: flag.line,
          messageId: 'unpublished',
          data: { key: flag.key, value: String(flag.value) },
        },
      ];
    }
    const entry = dateEntry(post, site);
    if (!entry || typeof entry.value !== 'string') return [];
    const date = parseJekyllDate(entry.value.replace(/\.\d+(?=[Z+-]|$)/, ''));
    if (!date) return [];
    const at = instantOf(date) ?? Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute, date.second);
    if (at <= Date.now() + 86_400_000) return [];
    return [
      {
        line: entry.line,
        messageId: 'future',
        data: { date: entry.value },
      },
    ];
  },
});
