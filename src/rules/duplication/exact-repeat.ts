import { defineRule, ruleOptions, SPECIFICITY } from '../rule.js';
import { analyzeDuplication } from '../../analysis/duplication.js';
import { ADVICE_MESSAGES, copyReport, copyReports } from './messages.js';

/** A block repeated word for word (after normalisation) later in the post. */
export default defineRule({
  id: 'duplication/exact-repeat',
  category: 'duplication',
  defaultSeverity: 'error',
  options: ruleOptions('duplication', 'minChars', 'ngram', 'nearError', 'nearWarning', 'containment').and('truncation', 'markers'),
  specificity: SPECIFICITY.exactCopy,
  description: {
    en: 'A paragraph, heading, list item or quote repeats an earlier one word for word.',
    ja: '段落・見出し・箇条書き・引用が、前にあるものをそのまま繰り返している。',
  },
  messages: {
    ...ADVICE_MESSAGES,
    exactCopy: { en: 'This {{type}} repeats the one at {{where}} word for word; delete the copy.', ja: 'この{{type}}は{{where}}と同じ内容の繰り返しです。重複している方を削除してください。' },
  },
  evidence: {
    error: 'A paragraph, list item or quote of running text (at least duplication.minChars normalised characters) repeated word for word in its own section, or a long one anywhere.',
    info: 'A heading repeated alone, or a short passage (a sentence or two) repeated under another heading: a stock sentence.',
  },
  examples: {
    valid: [
      {
        name: 'download URLs under parallel labels are a link list, not copies',
        path: '_posts/blog/2013-08-10-vim_7.4_released.md',
        text: '---\ntitle: Vim 7.4 リリース\n---\n\nセルフインストーラ。すべてのランタイムファイルを含む。ダイナミックロード版:\n\n  ftp://ftp.vim.org/pub/vim/pc/gvim74.exe\n\nWindows 95/98/NT/2000/XP/7 の GUI バイナリ:\n\n  ftp://ftp.vim.org/pub/vim/pc/gvim74.zip\n\nセルフインストーラ:\n\n  ftp://ftp.vim.org/pub/vim/pc/gvim74.exe\n',
        source: 'vim-jp.org _posts/blog/2013-08-10-vim_7.4_released.md lines 88-98 (CC BY 4.0), one download line repeated as the page does',
      },
      {
        name: 'the same link text with another target is another entry',
        path: '_posts/vimmagazine/2013-05-31-vimmagazine.md',
        text: '---\ntitle: Vim Magazine 5 月号\n---\n\n- [linepower.vim : local themes for powerline](http://www.vim.org/scripts/script.php?script_id=4576)\n- [linepower.vim : local themes for powerline ](http://www.vim.org/scripts/script.php?script_id=4577)\n',
        source: 'vim-jp.org _posts/vimmagazine/2013-05-31-vimmagazine.md lines 212-213 (CC BY 4.0)',
      },
    ],
    invalid: [
      {
        name: 'a stock sentence closing two sections is advice, with no fix',
        path: '_posts/blog/2017-08-04-vimconf2017-venue-and-date-ja.md',
        text: '---\ntitle: VimConf 2017 の会場と日程\n---\n\n## 会場と日程\n\n詳細は改めて後日公開する予定ですので、vim-jp.orgないし [#vimconf](https://twitter.com/search?q=%23vimconf) を監視してみてください。\n\n## VimConf 2017 に参加したい\n\n登壇しなくても参加できます。\n\n詳細は改めて後日公開する予定ですので、vim-jp.orgないし [#vimconf](https://twitter.com/search?q=%23vimconf) を監視してみてください。\n',
        findings: [{ line: 13, severity: 'info' }],
        source: 'vim-jp.org _posts/blog/2017-08-04-vimconf2017-venue-and-date-ja.md lines 54-64 (CC BY 4.0), shortened',
      },
      {
        name: 'a paragraph of a regenerated closing repeated in its section',
        path: '_posts/2025-11-06-3-ai-article-update.md',
        text: '---\ntitle: x\n---\n\nまた、法務チームや倫理委員会との連携も、これまで以上に密になるでしょう。AIの専門家が、法的な要件や社会的な期待を理解し、それを技術に落とし込む力が求められます。\n\n正直なところ、私も最初は戸惑いました。\n\nまた、法務チームや倫理委員会との連携も、これまで以上に密になるでしょう。AIの専門家が、法的な要件や社会的な期待を理解し、それを技術に落とし込む力が求められます。\n',
        findings: [{ line: 9, severity: 'error' }],
        output: '---\ntitle: x\n---\n\nまた、法務チームや倫理委員会との連携も、これまで以上に密になるでしょう。AIの専門家が、法的な要件や社会的な期待を理解し、それを技術に落とし込む力が求められます。\n\n正直なところ、私も最初は戸惑いました。\n',
        source: 'ai-blog-system _posts/2025-11-06-3-ai-article-update.md (MIT), the paragraph repeated at line 129, shortened',
      },
    ],
  },
  check({ post, options }) {
    const analysis = analyzeDuplication(post, options);
    return copyReports(post, analysis, 'exact', (g, { type, where }) => copyReport(post, analysis, g, 'exactCopy', { type, where }));
  },
});
