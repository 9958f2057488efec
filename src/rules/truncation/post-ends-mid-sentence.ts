import { defineRule } from '../rule.js';
import { contentBlocks, isProse, isUnfinished, proseText } from '../../analysis/prose.js';

/** The post's last block is a paragraph that stops in the middle of a sentence (generation cut off). */
export default defineRule({
  id: 'truncation/post-ends-mid-sentence',
  category: 'truncation',
  defaultSeverity: 'error',
  specificity: 12,
  description: {
    en: 'The post ends in the middle of a sentence.',
    ja: '記事が文の途中で終わっている。',
  },
  check({ post, config }) {
    const last = contentBlocks(post, config).at(-1);
    if (!last || !isProse(post, last, config) || !isUnfinished(post, last, config)) return [];
    const tail = proseText(last, config).slice(-12);
    return [
      {
        line: last.line,
        endLine: last.endLine,
        message: {
          en: `The post ends mid-sentence ("…${tail}"): the text was cut off; finish the last paragraph or delete the fragment.`,
          ja: `記事が文の途中で終わっています（「…${tail}」）。生成が途切れています。最後の段落を完成させるか、断片を削除してください。`,
        },
      },
    ];
  },
});
