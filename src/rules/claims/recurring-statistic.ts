import type { RelatedLocation } from '../../core/finding.js';
import { defineRule, type Report } from '../rule.js';
import { figurePhrase, otherOccurrences } from '../../analysis/claims/phrase-index.js';
import { claimsOf } from '../../analysis/claims/post-claims.js';
import { at } from './shared.js';

/** How many of the other posts a finding lists in `related` (the message gives the total). */
const MAX_RELATED = 10;

/**
 * The same figure phrase (`75%以上の企業`, `25%以上の成長`, `75% of companies`: a percentage + の/of + the
 * noun it modifies) in at least `recurringMinPosts` other posts of the repository. A real statistic
 * belongs to one study; the same phrase across unrelated posts is boilerplate. Once per phrase per post;
 * the other posts (their first occurrence) go in `related`. The phrase index is built once per repository
 * object (`src/analysis/claims/phrase-index.ts`), so checking a whole corpus stays linear.
 */
export default defineRule({
  id: 'claims/recurring-statistic',
  category: 'claims',
  defaultSeverity: 'warning',
  crossPost: true,
  description: {
    en: 'The same figure phrase recurs in several other posts of the repository.',
    ja: '同じ数値表現がリポジトリ内の複数の他記事に繰り返し現れる。',
  },
  check({ post, config, repository }) {
    if (repository.size <= 1) return [];
    const reports: Report[] = [];
    const seen = new Set<string>();
    for (const claim of claimsOf(post).claims) {
      const phrase = figurePhrase(claim);
      if (phrase === null || seen.has(phrase)) continue;
      seen.add(phrase);
      const others = otherOccurrences(repository, phrase, post.path);
      if (others.length < config.claims.recurringMinPosts) continue;
      const related: RelatedLocation[] = others
        .slice(0, MAX_RELATED)
        .map((o) => ({ path: o.path, line: o.line, endLine: o.line, label: phrase }));
      const names = others.slice(0, 3).map((o) => o.path).join(', ');
      const more = others.length > 3 ? ` …(+${others.length - 3})` : '';
      reports.push({
        ...at(claim),
        message: {
          en: `"${phrase}" also appears in ${others.length} other posts (${names}${more}). Verify that this post has its own source for the figure; if none exists, it is boilerplate: use plain wording.`,
          ja: `「${phrase}」は他の${others.length}記事にも現れます（${names}${more}）。この記事固有の出典があるか確認し、なければ定型句として数値を使わない表現にしてください。`,
        },
        related,
      });
    }
    return reports;
  },
});
