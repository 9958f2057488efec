import { defineRule, ruleOptions, SPECIFICITY } from '../rule.js';
import { contentBlocks, introduces, isProse, paragraphTail, structureTail, tailExcerpt } from '../../analysis/prose.js';
import { tailEvidenceText } from './tail-message.js';

/** The post's last block is a paragraph that stops in the middle of a sentence (generation cut off). */
export default defineRule({
  id: 'truncation/post-ends-mid-sentence',
  category: 'truncation',
  defaultSeverity: 'error',
  options: ruleOptions('truncation', 'markers'),
  specificity: SPECIFICITY.postEndsMidSentence,
  description: {
    en: 'The post ends in the middle of a sentence.',
    ja: '記事が文の途中で終わっている。',
  },
  messages: {
    cutOff: {
      en: 'The post ends mid-sentence ("…{{excerpt}}": {{why}}): the text was cut off; finish the last paragraph or delete the fragment.',
      ja: '記事が文の途中で終わっています（「…{{excerpt}}」: {{why}}）。生成が途切れています。最後の段落を完成させるか、断片を削除してください。',
    },
    noFullStop: {
      en: 'The post\'s last sentence has no full stop ("…{{excerpt}}"); add one, or finish the sentence if it was cut.',
      ja: '記事の最後の文に句点がありません（「…{{excerpt}}」）。句点を補うか、途切れているなら文を完成させてください。',
    },
  },
  evidence: {
    error:
      'The last block is a paragraph whose last sentence stops where no sentence can (inside a character, on `、` or a comma, a Japanese particle, 連用形, conjunction or prefix, an English article, preposition, conjunction or auxiliary).',
    info: 'The last paragraph uses sentence ends but its last sentence has none, with no sign of a cut (a missing full stop). Signatures, names, link lines and markup are not sentences.',
  },
  examples: {
    valid: [
      {
        name: 'the last paragraph ends its sentence',
        source: 'vim-jp.org blog, 2025-11-25-vimconf2025small-is-over-ja.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\n「Vim ってまだこんなに進化してるんだ…！」と改めて感動した一日でした。\n',
      },
      {
        name: 'a translator’s signature',
        source: 'vim-jp.org 2013-03-08-vim_advent_calendar_2012_98th_day.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\nこの記事は Bram Moolenaar 氏の文章を翻訳したものです。\n\n-- Yukihiro Nakadaira\n',
      },
      {
        name: 'a download label closing a release note',
        source: 'vim-jp.org 2012-09-02-vim73w32-7.3.646.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\nWindows 32ビット 7.3.646 がリリースされました。\n\n+kaoriya, 14MB ZIP\n',
      },
      {
        name: 'the organiser’s name under the post',
        source: 'vim-jp.org 2018-06-28-VimConf2018-cfp-ja.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\n皆様のご応募をお待ちしています。\n\nVimConf 2018 オーガナイザー ujihisa\n',
      },
      {
        name: 'written-by credit in emphasis',
        source: 'issue 11',
        text: '---\ntitle: x\n---\n\nThanks for reading.\n\n*Written by the Jekyll team*\n',
      },
    ],
    invalid: [
      {
        name: 'the post stops in the middle of its last sentence',
        source: 'ai-blog-system _posts/2025-09-09-2-babcockai.md line 168 (MIT)',
        text: '---\ntitle: x\n---\n\n**結び：変革の時代における私たちの役割**\n\nしかし、技術の進化が加速する一方で、私たちが決して忘れてはならないのは、その技術が最終的に\n',
        findings: [{ line: 7, severity: 'error', message: '記事が文の途中で終わっています' }],
      },
      {
        name: 'the last paragraph stops on a particle',
        source: 'ai-blog-system seed 002 (MIT)',
        text: '---\ntitle: x\n---\n\nこの発表を見て、正直なところ私は少し驚きました。私たちが今目にしているのは\n',
        findings: [{ line: 5, severity: 'error' }],
      },
      {
        name: 'the last sentence lacks its full stop',
        source: 'prometheus.io 2024-09-11-prometheus-3-beta.md (Apache-2.0)',
        text: '---\ntitle: x\n---\n\nRange selections are now left-open and right-closed. Agent mode is now stable and has its own config flag instead of a feature flag\n',
        findings: [{ line: 5, severity: 'info' }],
      },
    ],
  },
  check({ post, options }) {
    const blocks = contentBlocks(post, options);
    const last = blocks.at(-1);
    if (!last) return [];
    const prose = isProse(post, last, options);
    const tail = prose ? paragraphTail(post, last, options) : structureTail(last);
    if (!tail || tail.state === 'finished') return [];
    const excerpt = prose ? tailExcerpt(post, last, options) : last.source.trim().slice(-12);
    const why = tailEvidenceText(tail.evidence);
    // A cut table or list belongs with the line that announced it (`**主要プレイヤー（概要）:**`, a heading).
    const before = blocks.at(-2);
    const start = !prose && before && introduces(before) ? before.line : last.line;
    return [
      {
        line: start,
        endLine: last.endLine,
        severity: tail.state === 'cut' ? 'error' : 'info',
        messageId: tail.state === 'cut' ? 'cutOff' : 'noFullStop',
        data: { excerpt, why },
      },
    ];
  },
});
