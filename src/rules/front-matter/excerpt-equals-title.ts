import { defineRule } from '../rule.js';
import { analyzeExcerpt, excerptFix } from '../../analysis/front-matter.js';

/** An excerpt that repeats the title tells the reader nothing more on the index page. */
export default defineRule({
  id: 'front-matter/excerpt-equals-title',
  category: 'front-matter',
  defaultSeverity: 'warning',
  description: {
    en: 'The excerpt is not just the title again.',
    ja: '抜粋（excerpt）がタイトルと同じでないこと。',
  },
  check({ post, config }) {
    const excerpt = analyzeExcerpt(post, config);
    if (!excerpt?.equalsTitle) return [];
    const fix = excerptFix(post, excerpt);
    return [
      {
        line: excerpt.entry.line,
        endLine: excerpt.entry.endLine,
        message: {
          en: `excerpt repeats the title; summarise the post instead${fix ? ' (the first sentence of the body is suggested)' : ''}`,
          ja: `抜粋がタイトルと同じです。記事の要約にしてください${fix ? '（本文の最初の文を修正案にしています）' : ''}`,
        },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
