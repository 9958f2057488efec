import type { RelatedLocation } from '../../core/finding.js';
import { defineRule, ruleOptions, type Report } from '../rule.js';
import { figurePhrase, otherOccurrences } from '../../analysis/claims/phrase-index.js';
import { claimsOf } from '../../analysis/claims/post-claims.js';
import { detectPasted, overlapsDetection } from '../../analysis/claims/pasted.js';
import { at } from './shared.js';

/** How many of the other posts a finding lists in `related` (the message gives the total). */
const MAX_RELATED = 10;

/**
 * The same figure phrase (`75%以上の企業`, `25%以上の成長`, `75% of companies`: a percentage + の/of + the
 * noun it modifies) in at least `recurringMinPosts` other posts of the corpus. A real statistic
 * belongs to one study; the same phrase across unrelated posts is boilerplate. Once per phrase per post;
 * the other posts (their first occurrence) go in `related`. The phrase index is built once per corpus
 * object (`src/analysis/claims/phrase-index.ts`), so checking a whole corpus stays linear.
 *
 * Where the plain wording is known — a figure claims/pasted-statistic reports (grammar, a configured
 * substitution, a recurring vague `以上`/`超` share or growth) — that rule reports it with the plain wording
 * as its fix, and this one stays silent: one defect, one finding. What is left here has no known plain
 * wording: a precise figure (`62%の企業`) may be one real survey that several posts cite, so no fix.
 */
export default defineRule({
  id: 'claims/recurring-statistic',
  category: 'claims',
  defaultSeverity: 'warning',
  options: ruleOptions('claims', 'substitutions', 'recurringMinPosts'),
  crossPost: true,
  description: {
    en: 'The same figure phrase recurs in several other posts of the corpus.',
    ja: '同じ数値表現がリポジトリ内の複数の他記事に繰り返し現れる。',
  },
  messages: {
    recurring: {
      en: '"{{phrase}}" also appears in {{count}} other posts ({{names}}{{more}}). Verify that this post has its own source for the figure; if none exists, it is boilerplate: use plain wording.',
      ja: '「{{phrase}}」は他の{{count}}記事にも現れます（{{names}}{{more}}）。この記事固有の出典があるか確認し、なければ定型句として数値を使わない表現にしてください。',
    },
  },
  evidence: {
    warning: 'The same figure phrase (a percentage + の/of + the noun it modifies) occurs in at least `claims.recurringMinPosts` other posts of the site: a real statistic belongs to one study. Phrases claims/pasted-statistic reports are left to it.',
  },
  examples: {
    valid: [
      {
        name: 'a phrase no other post uses',
        source: 'ai-blog-system _posts/2025-08-29-1-connectaiai.md line 16 and 2025-08-29-08-aiエーシェント本格普及.md line 35, cut (MIT)',
        text: '---\ntitle: x\n---\n\n生成AIの急速な進化は、75%以上の企業にとって生産性向上と新たな価値創造の可能性を提示しています。\n',
        corpus: [{ path: '_posts/2025-08-29-08-a.md', text: '---\ntitle: a\n---\n\n多くの企業がAIエージェントの導入により、業務効率化とコスト削減を実現しています。\n' }],
      },
      {
        name: 'a pasted phrase in three posts is left to claims/pasted-statistic (it carries the plain wording)',
        source: 'ai-blog-system _posts/2025-08-29-1-connectaiai.md line 16, 2025-08-29-08-aiエーシェント本格普及.md line 35, 2025-08-29-3-ai3500.md line 51, cut (MIT)',
        text: '---\ntitle: x\n---\n\n生成AIの急速な進化は、75%以上の企業にとって生産性向上と新たな価値創造の可能性を提示しています。\n',
        corpus: [
          { path: '_posts/2025-08-29-08-a.md', text: '---\ntitle: a\n---\n\n75%以上の企業がAIエージェントの導入により、業務効率化とコスト削減、顧客体験の向上を実現しています。\n' },
          { path: '_posts/2025-08-29-3-b.md', text: '---\ntitle: b\n---\n\n短期的には、75%以上の企業が既存のAIアーキテクチャを評価し、EU AI Actの要件に照らしてギャップ分析を行う作業に追われるでしょう。\n' },
        ],
      },
    ],
    invalid: [
      {
        name: 'a precise figure phrase in three posts: no plain wording is known, so no fix',
        source: 'written for the test (English), the shape of `62%の企業` that recurs in ai-blog-system posts',
        text: '---\ntitle: Agents at work\n---\n\nIn practice, 62% of companies expect a return of more than 100% on their agents.\n',
        corpus: [
          { path: '_posts/2025-10-01-1-a.md', text: '---\ntitle: a\n---\n\nToday 62% of companies run at least one pilot.\n' },
          { path: '_posts/2025-10-02-1-b.md', text: '---\ntitle: b\n---\n\nBy next year 62% of companies will have changed their plans.\n' },
        ],
        findings: [{ line: 5, severity: 'warning', message: '62% of companies' }],
      },
    ],
  },
  check({ post, options, corpus }) {
    if (corpus.size <= 1) return [];
    const reports: Report[] = [];
    const seen = new Set<string>();
    const pasted = detectPasted(post, options, corpus);
    for (const claim of claimsOf(post).claims) {
      const phrase = figurePhrase(claim);
      if (phrase === null || seen.has(phrase)) continue;
      // claims/pasted-statistic reports it, with the plain wording as its fix.
      if (overlapsDetection(pasted, claim.offset, claim.endOffset)) continue;
      seen.add(phrase);
      const others = otherOccurrences(corpus, phrase, post.path);
      if (others.length < options.recurringMinPosts) continue;
      const related: RelatedLocation[] = others
        .slice(0, MAX_RELATED)
        .map((o) => ({ path: o.path, line: o.line, endLine: o.line, label: phrase }));
      const names = others.slice(0, 3).map((o) => o.path).join(', ');
      const more = others.length > 3 ? ` …(+${others.length - 3})` : '';
      reports.push({
        ...at(claim),
        messageId: 'recurring',
        data: { phrase, count: others.length, names, more },
        related,
      });
    }
    return reports;
  },
});
