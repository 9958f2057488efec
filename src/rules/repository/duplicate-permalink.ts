import { getEntry } from '../../post/front-matter.js';
import { defineRule, SPECIFICITY } from '../rule.js';
import { absoluteUrl } from '../../analysis/corpus/permalink.js';
import { compare, relatedPost } from '../../analysis/corpus/compare.js';

/**
 * Two files render to the same URL (front-matter `permalink`, or the site's permalink pattern filled from
 * date, categories and slug — Jekyll's `date` style when none is configured): one overwrites the other.
 */
export default defineRule({
  id: 'repository/duplicate-permalink',
  category: 'duplication',
  defaultSeverity: 'error',
  specificity: SPECIFICITY.nearCopy,
  description: {
    en: 'Another post renders to the same URL.',
    ja: '別の記事と同じ URL に出力されます。',
  },
  check({ post, repository, config }) {
    if (!post.frontMatter || repository.size < 2) return [];
    const { result, analysis } = compare(post, repository, config);
    if (result.samePermalink.length === 0) return [];
    const entry =
      getEntry(post.frontMatter, 'permalink') ?? getEntry(post.frontMatter, 'slug') ?? getEntry(post.frontMatter, 'date');
    const line = entry?.line ?? post.frontMatter.startLine;
    const url = absoluteUrl(result.url, config.site.baseUrl);
    const others = result.samePermalink.join(', ');
    return [
      {
        line,
        endLine: entry?.endLine ?? line,
        message: {
          en: `This post and ${others} both render to ${url}, so one overwrites the other on the site; give this post its own permalink or slug.`,
          ja: `この記事と ${others} はどちらも ${url} に出力され、サイト上で一方が他方を上書きします。この記事に別の permalink または slug を指定してください。`,
        },
        related: result.samePermalink.map((p) => relatedPost(analysis, p, 'same URL')),
      },
    ];
  },
});
