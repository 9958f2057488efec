import { defineRule } from '../rule.js';
import { analyzeDuplication } from '../../analysis/duplication.js';
import { copyReport, lineRange, typeName } from './messages.js';

/**
 * A block that is the beginning of an earlier block (a regenerated copy cut short) or whose text is
 * almost all (≥ `duplication.containment` of its 5-grams) inside an earlier block.
 */
export default defineRule({
  id: 'duplication/truncated-copy',
  category: 'duplication',
  defaultSeverity: 'error',
  specificity: 40,
  description: {
    en: 'A block is a cut-short or partial copy of an earlier block.',
    ja: 'ブロックが、前にあるブロックの途中で切れた写し、または一部の繰り返しになっている。',
  },
  check({ post, config }) {
    const analysis = analyzeDuplication(post, config);
    return analysis.groups
      .filter((g) => g.kind === 'truncated')
      .map((g) => {
        const unit = analysis.units[g.first]!;
        const source = analysis.units[g.sourceFirst]!;
        const type = typeName(unit.block.type);
        const where = lineRange(source.line, source.endLine);
        if (g.match.kind === 'prefix') {
          return copyReport(post, analysis, g, {
            en: `This ${type.en} is the beginning of the one at ${where.en}, cut short; delete this truncated copy.`,
            ja: `この${type.ja}は${where.ja}の冒頭部分で、途中で切れた写しです。削除してください。`,
          });
        }
        const pct = Math.round(g.match.containment * 100);
        return copyReport(post, analysis, g, {
          en: `This ${type.en} only repeats text of the ${typeName(source.block.type).en} at ${where.en} (${pct}% of it is there); delete it.`,
          ja: `この${type.ja}は${where.ja}の文章の繰り返しです（${pct}%が一致）。削除してください。`,
        });
      });
  },
});
