import { getEntry } from '../../post/front-matter.js';
import { defineRule } from '../rule.js';
import { compare, describe, relatedPost } from '../../analysis/corpus/compare.js';

/** Another post has the same title (after NFKC, case and trailing punctuation are ignored). */
export default defineRule({
  id: 'repository/duplicate-title',
  category: 'duplication',
  defaultSeverity: 'error',
  specificity: 30,
  description: {
    en: 'Another post of the blog has the same title.',
    ja: 'ブログ内に同じタイトルの記事があります。',
  },
  check({ post, repository, config }) {
    const entry = getEntry(post.frontMatter, 'title');
    if (!entry || repository.size < 2) return [];
    const { result, analysis } = compare(post, repository, config);
    if (result.sameTitle.length === 0) return [];
    const others = result.sameTitle.map((p) => describe(analysis, p, config)).join(', ');
    return [
      {
        line: entry.line,
        endLine: entry.endLine,
        message: {
          en: `The title is the same as that of ${others}; readers and search engines cannot tell them apart — give this post a distinct title (or update the existing post instead).`,
          ja: `タイトルが ${others} と同じです。読者にも検索エンジンにも区別できないため、別のタイトルにしてください（または既存の記事を更新してください）。`,
        },
        related: result.sameTitle.map((p) => relatedPost(analysis, p, 'same title')),
      },
    ];
  },
});
