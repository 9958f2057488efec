import { defineRule, ruleOptions, SPECIFICITY, type Report } from '../rule.js';
import { contentBlocks, leadsIntoNext, postProse, tailExcerpt } from '../../analysis/prose.js';
import { tailEvidenceText } from './tail-message.js';

/**
 * A paragraph of running text that stops in the middle of a sentence. How it ends is decided per
 * paragraph, in the paragraph's own language (`judgeTail`): Japanese tails by their last morpheme, English
 * ones by their last word. The post's last paragraph is left to `truncation/post-ends-mid-sentence`; a
 * paragraph that leads into a list, code, a quote or a table, or whose sentence the next paragraph
 * continues, is not cut.
 */
export default defineRule({
  id: 'truncation/unfinished-paragraph',
  category: 'truncation',
  defaultSeverity: 'error',
  options: ruleOptions('truncation', 'minChars', 'markers'),
  specificity: SPECIFICITY.unfinishedParagraph,
  description: {
    en: 'A paragraph stops in the middle of a sentence.',
    ja: '段落が文の途中で終わっている。',
  },
  messages: {
    cutOff: {
      en: 'This paragraph stops mid-sentence ("…{{excerpt}}": {{why}}); finish the sentence or delete the fragment.',
      ja: 'この段落は文の途中で終わっています（「…{{excerpt}}」: {{why}}）。文を完成させるか、断片を削除してください。',
    },
    noFullStop: {
      en: 'This paragraph\'s last sentence has no full stop ("…{{excerpt}}"); add one, or finish the sentence if it was cut.',
      ja: 'この段落の最後の文に句点がありません（「…{{excerpt}}」）。句点を補うか、途切れているなら文を完成させてください。',
    },
  },
  evidence: {
    error:
      'The paragraph’s last sentence stops where no sentence can: inside a character (U+FFFD), on `、` or a comma, on a Japanese particle (`…は`, `…を`, `…して`), a 連用形 or 未然形 (`…しており`, `…重要で`), a conjunction, a 連体詞 or prefix, or an English article, preposition, conjunction or auxiliary (`…adoption by`); and the next block neither is a list, code, quote or table it introduces nor continues the sentence.',
    info: 'The paragraph uses sentence ends but its last sentence has none, and nothing shows it was cut (`…feature flag`, `…復帰しません`): a missing full stop.',
  },
  examples: {
    valid: [
      {
        name: 'a lead-in followed by the list it introduces',
        source: 'vim-jp.org 2012-05-09-vital-moved.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\nvital.vim はモダンでエレガントな汎用ライブラリを目指すプロジェクトで、有名な物としては\n\n* neocomplcache\n* neobundle\n\nといったプロジェクトで利用されています。\n',
      },
      {
        name: 'a blurb that ends on a noun (体言止め)',
        source: 'issue 11',
        text: '---\ntitle: x\n---\n\n今週発表された主要なAIモデルの性能と価格を網羅的に解説\n\n詳しくは本文をご覧ください。\n',
      },
      {
        name: 'a call to action with a kramdown attribute list',
        source: 'issue 11',
        text: '---\ntitle: x\n---\n\n**[無料相談を申し込む](/contact/)**\n{: .consulting-cta-link}\n\n以上です。\n',
      },
      {
        name: 'a kramdown definition list',
        source: 'issue 11',
        text: '---\ntitle: x\n---\n\nJekyll\n: Ruby で書かれた静的サイトジェネレーター\n\nHugo\n: Go で書かれた静的サイトジェネレーター\n\n以上です。\n',
      },
      {
        name: 'a Japanese paragraph in a post of mostly English words accepts 。',
        source: 'vim-jp.org 2017-03-31-vimmagazine.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\nVim 8.0.0500 - 8.0.0523 の変更は以下のとおりです。\n\n- patch 8.0.0501: on MS-Windows ":!!" does not work.\n\nThere were no problem reports this month; see `:help version8` and https://github.com/vim/vim for details.\n',
      },
      {
        name: 'an English lead-in followed by a numbered list',
        source: 'prometheus.io 2018-08-09-prometheus-graduates-within-cncf.md (Apache-2.0)',
        text: '---\ntitle: x\n---\n\nEspecially the last point is important as we currently enter our fourth phase of adoption. These phases were adoption by\n\n1. Monitoring-centric users actively looking for the very best in monitoring\n2. Hyperscale users facing a monitoring landscape which couldn\'t keep up with their scale\n\nThat is all.\n',
      },
      {
        name: 'the next paragraph continues the sentence with a particle',
        source: 'vim-jp.org 2012-07-02-vital-is-licensed-as-nysl.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\nライセンス付与に関して幾らか議論を行いましたが、最終的には\n\n* ユーザーが vital.vim を使っている事を明記しなくてもよい\n\nという、とても緩やかなライセンスを実現する為に NYSL を採用する事となりました。\n\n以上です。\n',
      },
      {
        name: 'kramdown comments, Liquid and Hugo shortcodes are markup',
        source: 'issue 11',
        text: '---\ntitle: x\n---\n\n{::comment}\nこの段落は下書きで、まだ\n{:/comment}\n\n{{< youtube w7Ft2ymGmfc >}}\n\n{% include cta.html %}\n\n以上です。\n',
      },
    ],
    invalid: [
      {
        name: 'stops on a particle before the next paragraph',
        source: 'ai-blog-system seed 002 (MIT)',
        text: '---\ntitle: x\n---\n\nこの発表を見て、正直なところ私は少し驚きました。私たちが今目にしているのは\n\n## 次の見出し\n',
        findings: [{ line: 5, severity: 'error' }],
      },
      {
        name: 'stops on a 連用形',
        source: 'vim-jp.org 2012-08-03-changes-in-rubyinterp-build.md (CC BY 4.0), cut for the case',
        text: '---\ntitle: x\n---\n\nこのオプションは Ruby のビルドに使われます。同じ値はライブラリ名の扱いにも使用されており\n\n## 次の見出し\n',
        findings: [{ line: 5, severity: 'error' }],
      },
      {
        name: 'a noun-ending sentence after full stops: no sign of a cut, a missing 。 at most',
        source: 'issue 11',
        text: '---\ntitle: x\n---\n\n最新のAI動向をまとめました。主要な発表を網羅的に解説\n\n詳しくは本文をご覧ください。\n',
        findings: [{ line: 5, severity: 'info' }],
      },
      {
        name: 'a missing full stop with no sign of a cut is advice',
        source: 'prometheus.io 2024-09-11-prometheus-3-beta.md (Apache-2.0)',
        text: '---\ntitle: x\n---\n\nRange selections are now left-open and right-closed. Agent mode is now stable and has its own config flag instead of a feature flag\n\nThat is all.\n',
        findings: [{ line: 5, severity: 'info' }],
      },
    ],
  },
  check({ post, options }) {
    const blocks = contentBlocks(post, options);
    const last = blocks[blocks.length - 1];
    const reports: Report[] = [];
    const prose = postProse(post, options);
    for (const block of blocks) {
      if (block === last || !prose.isProse(block) || prose.text(block).length < options.minChars) continue;
      const tail = prose.tail(block);
      if (tail.state === 'finished') continue;
      // A cut inside a character is a cut whatever follows; any other tail may run on into the next block.
      if (tail.evidence !== 'character' && leadsIntoNext(post, block, options)) continue;
      const excerpt = tailExcerpt(post, block, options);
      const why = tailEvidenceText(tail.evidence);
      reports.push({
        line: block.line,
        endLine: block.endLine,
        severity: tail.state === 'cut' ? 'error' : 'info',
        messageId: tail.state === 'cut' ? 'cutOff' : 'noFullStop',
        data: { excerpt, why },
      });
    }
    return reports;
  },
});
