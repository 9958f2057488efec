import { defineRule } from '../rule.js';
import { analyzeDuplication } from '../../analysis/duplication.js';
import { copyReport, lineRange } from './messages.js';

/**
 * Consecutive blocks that copy consecutive earlier blocks (a regenerated section): one finding for the
 * whole run, naming where the original starts, with one fix that deletes the run.
 */
export default defineRule({
  id: 'duplication/repeated-run',
  category: 'duplication',
  defaultSeverity: 'error',
  specificity: 50,
  description: {
    en: 'A run of consecutive blocks repeats an earlier section (a regenerated section).',
    ja: '連続する複数のブロックが、前にあるセクションを繰り返している（再生成されたセクション）。',
  },
  check({ post, config }) {
    const analysis = analyzeDuplication(post, config);
    return analysis.groups
      .filter((g) => g.kind === 'run')
      .map((g) => {
        const first = analysis.units[g.first]!;
        const last = analysis.units[g.last]!;
        const source = analysis.units[g.sourceFirst]!;
        const sourceLast = analysis.units[g.sourceLast]!;
        const blocks = g.last - g.first + 1;
        const here = lineRange(first.line, last.endLine);
        const there = lineRange(source.line, sourceLast.endLine);
        const cut = last.norm.length < sourceLast.norm.length && sourceLast.norm.startsWith(last.norm);
        return copyReport(post, analysis, g, {
          en: `${capitalize(here.en)} repeat ${there.en} (${blocks} blocks${cut ? ', the last one cut short' : ''}): a regenerated section; delete the repeated section.`,
          ja: `${here.ja}は${there.ja}の繰り返しです（${blocks}ブロック${cut ? '、最後は途中で切れています' : ''}）。再生成されたセクションなので、繰り返し部分を削除してください。`,
        });
      });
  },
});

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
