import { defineRule, type Report } from '../rule.js';
import { compare, describe, exactSimilarity } from '../../analysis/corpus/compare.js';

/**
 * Long verbatim passages (consecutive paragraphs) that also appear in another post: section-level reuse.
 * Posts already reported as near duplicates are not reported again passage by passage.
 */
export default defineRule({
  id: 'repository/shared-passage',
  category: 'duplication',
  defaultSeverity: 'warning',
  specificity: 20,
  description: {
    en: 'A long passage of the post appears verbatim in another post.',
    ja: '記事の長い一節が別の記事にそのまま含まれています。',
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
    for (const p of result.passages) {
      if (near.has(p.path)) continue;
      const other = describe(analysis, p.path, config);
      reports.push({
        line: p.line,
        endLine: p.endLine,
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
