import { defineRule } from '../rule.js';
import { findUnbalancedBracket } from '../../text/brackets.js';
import { contentBlocks, isProse, proseText } from '../../analysis/prose.js';

/** A paragraph with a bracket or quote opened and never closed (or closed and never opened). */
export default defineRule({
  id: 'truncation/unbalanced-brackets',
  category: 'truncation',
  defaultSeverity: 'warning',
  specificity: 5,
  description: {
    en: 'A paragraph has an unbalanced bracket or quote.',
    ja: '段落内の括弧や引用符の対応が取れていない。',
  },
  check({ post, config }) {
    return contentBlocks(post, config)
      .filter((b) => isProse(post, b, config) && !b.source.includes('`'))
      .flatMap((b) => {
        const problem = findUnbalancedBracket(proseText(b, config));
        if (!problem) return [];
        const { char } = problem;
        return [
          {
            line: b.line,
            endLine: b.endLine,
            message:
              problem.kind === 'unclosed'
                ? {
                    en: `“${char}” is opened but never closed in this paragraph; close it or remove it.`,
                    ja: `この段落の「${char}」が閉じられていません。閉じ括弧を補うか、削除してください。`,
                  }
                : {
                    en: `“${char}” closes a bracket that was never opened in this paragraph; add the opening one or remove it.`,
                    ja: `この段落の「${char}」に対応する開き括弧がありません。開き括弧を補うか、削除してください。`,
                  },
          },
        ];
      });
  },
});
