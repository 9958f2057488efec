import { defineRule } from '../rule.js';
import { analyzeDuplication } from '../../analysis/duplication.js';
import { copyReport, lineRange, typeName } from './messages.js';

/** A block repeated word for word (after normalisation) later in the post. */
export default defineRule({
  id: 'duplication/exact-repeat',
  category: 'duplication',
  defaultSeverity: 'error',
  specificity: 40,
  description: {
    en: 'A paragraph, heading, list item or quote repeats an earlier one word for word.',
    ja: '段落・見出し・箇条書き・引用が、前にあるものをそのまま繰り返している。',
  },
  check({ post, config }) {
    const analysis = analyzeDuplication(post, config);
    return analysis.groups
      .filter((g) => g.kind === 'exact')
      .map((g) => {
        const unit = analysis.units[g.first]!;
        const source = analysis.units[g.sourceFirst]!;
        const type = typeName(unit.block.type);
        const where = lineRange(source.line, source.endLine);
        return copyReport(post, analysis, g, {
          en: `This ${type.en} repeats the one at ${where.en} word for word; delete the copy.`,
          ja: `この${type.ja}は${where.ja}と同じ内容の繰り返しです。重複している方を削除してください。`,
        });
      });
  },
});
