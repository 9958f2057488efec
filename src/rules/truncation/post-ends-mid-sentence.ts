import { defineRule, SPECIFICITY } from '../rule.js';
import { contentBlocks, isProse, isUnfinished, proseText } from '../../analysis/prose.js';

/** The post's last block is a paragraph that stops in the middle of a sentence (generation cut off). */
export default defineRule({
  id: 'truncation/post-ends-mid-sentence',
  category: 'truncation',
  defaultSeverity: 'error',
  specificity: SPECIFICITY.postEndsMidSentence,
  description: {
    en: 'The post ends in the middle of a sentence.',
    ja: '記事が文の途中で終わっている。',
  },
  evidence: {
    error: 'The last content block is a prose paragraph whose text stops where no sentence can end (no closing punctuation, and the last word or phrase cannot end a sentence): generation was cut off.',
  },
  examples: {
    valid: [
      {
        name: 'the last paragraph ends its sentence',
        source: 'vim-jp.org blog, 2025-11-25-vimconf2025small-is-over-ja.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\n「Vim ってまだこんなに進化してるんだ…！」と改めて感動した一日でした。\n',
      },
    ],
    invalid: [
      {
        name: 'the post stops in the middle of its last sentence',
        source: 'ai-blog-system _posts/2025-09-09-2-babcockai.md line 168 (MIT)',
        text: '---\ntitle: x\n---\n\n**結び：変革の時代における私たちの役割**\n\nしかし、技術の進化が加速する一方で、私たちが決して忘れてはならないのは、その技術が最終的に\n',
        findings: [{ line: 7, severity: 'error', message: '記事が文の途中で終わっています' }],
      },
    ],
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
