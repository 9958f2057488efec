import { defineRule, ruleOptions, SPECIFICITY } from '../rule.js';
import { analyzeDuplication } from '../../analysis/duplication.js';
import { ADVICE_MESSAGES, copyReport, copyReports, typeName } from './messages.js';

/**
 * A block that is the beginning of an earlier block (a regenerated copy cut short) or whose text is
 * almost all (≥ `duplication.containment` of its 5-grams) inside an earlier block.
 */
export default defineRule({
  id: 'duplication/truncated-copy',
  category: 'duplication',
  defaultSeverity: 'error',
  options: ruleOptions('duplication', 'minChars', 'ngram', 'nearError', 'nearWarning', 'containment').and('truncation', 'markers'),
  specificity: SPECIFICITY.exactCopy,
  description: {
    en: 'A block is a cut-short or partial copy of an earlier block.',
    ja: 'ブロックが、前にあるブロックの途中で切れた写し、または一部の繰り返しになっている。',
  },
  messages: {
    ...ADVICE_MESSAGES,
    truncatedCopy: { en: 'This {{type}} is the beginning of the one at {{where}}, cut short; delete this truncated copy.', ja: 'この{{type}}は{{where}}の冒頭部分で、途中で切れた写しです。削除してください。' },
    containedCopy: {
      en: 'This {{type}} only repeats text of the {{sourceType}} at {{where}} ({{pct}}% of it is there); delete it.',
      ja: 'この{{type}}は{{where}}の文章の繰り返しです（{{pct}}%が一致）。削除してください。',
    },
  },
  evidence: {
    error: 'Running text that is the beginning of an earlier block and holds at least half of it, or that repeats several whole sentences of an earlier block of its section.',
    info: 'One sentence of an earlier block said again as a paragraph of its own, a short prefix, or a passage of another section.',
  },
  examples: {
    valid: [
      {
        name: 'a heading is not a copy of a sentence that contains its words',
        path: 'blog/posts/2018-07-05-implementing-custom-sd.md',
        text: '---\ntitle: Implementing Custom Service Discovery\n---\n\nYou can just copy this file for your custom SD implementation, but it is useful to understand what is happening here.\n\n## Custom SD Implementation\n\nThe adapter is the part you write yourself.\n',
        source: 'prometheus/docs blog/posts/2018-07-05-implementing-custom-sd.md lines 38-41 and 83 (Apache-2.0), shortened',
      },
      {
        name: 'a table-of-contents entry is not a copy of its heading',
        path: '_posts/blog/2017-10-13-vimconf-2017-interview.md',
        text: '---\ntitle: VimConf 2017 インタビュー\n---\n\nさて [登壇者の発表]({% post_url /blog/2017-10-12-vimconf2017-speakers %}) を見てあることに気がついた人がいるかもしれません。\n\n* [VimConf 2017 登壇者の発表]({% post_url /blog/2017-10-12-vimconf2017-speakers %})\n',
        source: 'vim-jp.org _posts/blog/2017-10-13-vimconf-2017-interview.md lines 11 and 40 (CC BY 4.0)',
      },
      {
        name: 'a short line closing a section again, without its end, is a label',
        path: '_posts/blog/2017-08-04-vimconf2017-venue-and-date-en.md',
        text: '---\ntitle: VimConf 2017 venue and date\n---\n\n## Venue and date\n\nKeep in touch with us by watching [#vimconf](https://twitter.com/search?q=%23vimconf) and this vim-jp website.\n\n## How to attend VimConf 2017 as an audience\n\nThere will be limited number of tickets available.\n\nKeep in touch with us by watching [#vimconf](https://twitter.com/search?q=%23vimconf)\n',
        source: 'vim-jp.org _posts/blog/2017-08-04-vimconf2017-venue-and-date-en.md lines 49-58 (CC BY 4.0), shortened',
      },
    ],
    invalid: [
      {
        name: 'several sentences of the paragraph above said again',
        path: '_posts/2025-10-06-3-gpu.md',
        text: '---\ntitle: x\n---\n\nもちろん、リスクがないわけではありません。しかし、データセクションがこれらの課題を乗り越えていけるか、私も引き続き注目していきたいと思っています。あなたはこのデータセクションの動きをどう見ていますか？日本のAIの未来にとって、これはどのような意味を持つのでしょうか。\n\nあなたはこのデータセクションの動きをどう見ていますか？日本のAIの未来にとって、これはどのような意味を持つのでしょうか。\n',
        findings: [{ line: 7, severity: 'error' }],
        output: '---\ntitle: x\n---\n\nもちろん、リスクがないわけではありません。しかし、データセクションがこれらの課題を乗り越えていけるか、私も引き続き注目していきたいと思っています。あなたはこのデータセクションの動きをどう見ていますか？日本のAIの未来にとって、これはどのような意味を持つのでしょうか。\n',
        source: 'ai-blog-system _posts/2025-10-06-3-gpu.md lines 26-28 (MIT), the first paragraph shortened',
      },
      {
        name: 'one closing question said again as its own paragraph is advice (fix offered)',
        path: '_posts/2025-11-06-3-ai-article-update.md',
        text: '---\ntitle: x\n---\n\nAIは、もはやSFの世界の話ではありません。カリフォルニア州の今回の動きは、その変革をより良い方向へ導くための、重要な一歩となるのではないでしょうか。あなたは、この「賢い」規制の波をどう乗りこなしますか？\n\nあなたは、この「賢い」規制の波をどう乗りこなしますか？\n',
        findings: [{ line: 7, severity: 'info' }],
        output: '---\ntitle: x\n---\n\nAIは、もはやSFの世界の話ではありません。カリフォルニア州の今回の動きは、その変革をより良い方向へ導くための、重要な一歩となるのではないでしょうか。あなたは、この「賢い」規制の波をどう乗りこなしますか？\n',
        source: 'ai-blog-system _posts/2025-11-06-3-ai-article-update.md lines 38-40 (MIT), the first paragraph shortened',
      },
    ],
  },
  check({ post, options }) {
    const analysis = analyzeDuplication(post, options);
    return copyReports(post, analysis, 'truncated', (g, { type, where, source }) => {
      if (g.match.kind === 'prefix') return copyReport(post, analysis, g, 'truncatedCopy', { type, where });
      const pct = Math.round(g.match.containment * 100);
      return copyReport(post, analysis, g, 'containedCopy', { type, sourceType: typeName(source.block.type), where, pct });
    });
  },
});
