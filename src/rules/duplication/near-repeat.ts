import { defineRule } from '../rule.js';
import { analyzeDuplication } from '../../analysis/duplication.js';
import { copyReport, lineRange, typeName } from './messages.js';

/**
 * A block that repeats an earlier one with small edits: Jaccard similarity of their character 5-gram
 * sets ≥ `duplication.nearError` (error, with a delete fix) or ≥ `duplication.nearWarning` (warning, no
 * fix: the later version may hold something new worth keeping).
 */
export default defineRule({
  id: 'duplication/near-repeat',
  category: 'duplication',
  defaultSeverity: 'error',
  specificity: 30,
  description: {
    en: 'A block repeats an earlier one with only small edits.',
    ja: 'ブロックが、前にあるものをわずかな違いだけで繰り返している。',
  },
  check({ post, config }) {
    const analysis = analyzeDuplication(post, config);
    return analysis.groups
      .filter((g) => g.kind === 'near')
      .map((g) => {
        const unit = analysis.units[g.first]!;
        const source = analysis.units[g.sourceFirst]!;
        const type = typeName(unit.block.type);
        const where = lineRange(source.line, source.endLine);
        const pct = Math.round(g.match.jaccard * 100);
        const strong = g.severity === 'error';
        return copyReport(
          post,
          analysis,
          g,
          strong
            ? {
                en: `This ${type.en} nearly repeats the one at ${where.en} (${pct}% similar); keep one version and delete this copy.`,
                ja: `この${type.ja}は${where.ja}とほぼ同じ内容です（類似度${pct}%）。どちらか一方だけを残し、こちらを削除してください。`,
              }
            : {
                en: `This ${type.en} is very similar to the one at ${where.en} (${pct}% similar); merge them or delete the repetition.`,
                ja: `この${type.ja}は${where.ja}とよく似ています（類似度${pct}%）。内容を統合するか、繰り返しを削除してください。`,
              },
          strong,
        );
      });
  },
});
