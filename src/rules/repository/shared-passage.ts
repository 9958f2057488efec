import { defineRule, SPECIFICITY, type Report } from '../rule.js';
import { normalizedBody } from '../../analysis/corpus/features.js';
import { blobText, compare, describe, exactSimilarity, publishedOrder, seriesOrTranslation } from '../../analysis/corpus/compare.js';

/**
 * Long verbatim passages (consecutive paragraphs) that also appear in another post: section-level reuse.
 * Posts already reported as near duplicates are not reported again passage by passage. Authors reuse
 * their own paragraphs on purpose (a beta and a final release announcement, a recurring how-to-upgrade
 * note), so a passage is a warning only when it is most of the later post; else it is advice.
 */
export default defineRule({
  id: 'repository/shared-passage',
  category: 'duplication',
  defaultSeverity: 'warning',
  crossPost: true,
  specificity: SPECIFICITY.splitParagraph,
  description: {
    en: 'A long passage of the post appears verbatim in another post.',
    ja: '記事の長い一節が別の記事にそのまま含まれています。',
  },
  evidence: {
    warning: 'Verbatim paragraphs (≥ repository.passageMinChars) shared with an earlier post not of the same series, making up at least half of this post.',
    info: 'A shorter share of the post, or a post of the same series (a reused release note paragraph).',
  },
  check({ post, repository, config }) {
    if (repository.size < 2) return [];
    const options = config.repository;
    const { result, analysis } = compare(post, repository, config);
    const near = new Set(
      result.nearDuplicates
        .filter((n) => (exactSimilarity(analysis, post, n.path, options.shingle) ?? n.similarity) >= options.nearDuplicate)
        .map((n) => n.path),
    );
    const reports: Report[] = [];
    let bodyChars: number | undefined;
    for (const p of result.passages) {
      if (near.has(p.path)) continue;
      if (publishedOrder(analysis, post, p.path) < 0) continue; // the earlier post is the original
      bodyChars ??= normalizedBody(blobText(post)).length;
      const most = p.chars * 2 >= bodyChars && !seriesOrTranslation(analysis, post, p.path);
      const other = describe(analysis, p.path, config);
      reports.push({
        line: p.line,
        endLine: p.endLine,
        severity: most ? 'warning' : 'info',
        message: {
          en: `Lines ${p.line}–${p.endLine} (${p.chars} characters) appear verbatim in ${other}, lines ${p.otherLine}–${p.otherEndLine}; link to that post instead of copying, or rewrite the passage.`,
          ja: `${p.line}〜${p.endLine} 行目（${p.chars} 文字）は ${other} の ${p.otherLine}〜${p.otherEndLine} 行目とまったく同じです。転載せずにその記事へリンクするか、書き直してください。`,
        },
        related: [{ path: p.path, line: p.otherLine, endLine: p.otherEndLine, label: 'same passage' }],
      });
    }
    return reports;
  },
});
