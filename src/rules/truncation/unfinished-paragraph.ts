import { defineRule, SPECIFICITY } from '../rule.js';
import { contentBlocks, isProse, isUnfinished, proseText } from '../../analysis/prose.js';

/**
 * A paragraph of running text whose last character cannot end a sentence (Japanese 。！？」』）…,
 * English . ! ? and closing quotes/brackets). The post's last paragraph is left to
 * `truncation/post-ends-mid-sentence`. Error in Japanese posts, warning in English ones.
 */
export default defineRule({
  id: 'truncation/unfinished-paragraph',
  category: 'truncation',
  defaultSeverity: 'warning',
  specificity: SPECIFICITY.unfinishedParagraph,
  description: {
    en: 'A paragraph stops in the middle of a sentence.',
    ja: '段落が文の途中で終わっている。',
  },
  check({ post, config }) {
    const blocks = contentBlocks(post, config);
    const last = blocks[blocks.length - 1];
    return blocks
      .filter((b) => b !== last && isProse(post, b, config) && proseText(b, config).length >= config.truncation.minChars)
      .filter((b) => isUnfinished(post, b, config))
      .map((b) => {
        const tail = proseText(b, config).slice(-12);
        return {
          line: b.line,
          endLine: b.endLine,
          // Japanese prose always closes its sentences (。！？」…); English posts have more free-form lines.
          severity: post.language === 'ja' ? ('error' as const) : ('warning' as const),
          message: {
            en: `This paragraph stops mid-sentence ("…${tail}"); finish the sentence or delete the fragment.`,
            ja: `この段落は文の途中で終わっています（「…${tail}」）。文を完成させるか、断片を削除してください。`,
          },
        };
      });
  },
});
