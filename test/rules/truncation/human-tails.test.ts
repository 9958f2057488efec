/**
 * False positives the truncation rules raised on human-written posts, each kept as a `valid` case in its own
 * words (small slices, with source and licence), and the cuts they must still find.
 */
import { ruleTester } from '../../rule-tester.js';
import postEndsMidSentence from '../../../src/rules/truncation/post-ends-mid-sentence.js';
import unbalancedBrackets from '../../../src/rules/truncation/unbalanced-brackets.js';
import unfinishedParagraph from '../../../src/rules/truncation/unfinished-paragraph.js';
import splitParagraph from '../../../src/rules/truncation/split-paragraph.js';

const FM = '---\ntitle: x\n---\n\n';

ruleTester(unfinishedParagraph, {
  valid: [
    {
      name: 'a comma-ended sentence leads into the image it describes',
      source: 'vim-jp.org 2013-03-08-vim_advent_calendar_2012_98th_day.md (CC BY 4.0)',
      text: `${FM}お絵描きソフトの色選択ダイアログでこういうのを見たことがあると思いますが、\n\n![](/assets/images/post-vac2012-98-gimp.png)\n\nこの虹色の円の部分が色相です。\n`,
    },
    {
      name: 'a doubled comma is a writer’s pause, not a cut',
      source: 'vim-jp.org 2018-08-10-vimconf2018-t9md-before-cfp-deadline.md (CC BY 4.0)',
      text: `${FM}そういう妄想を自由にやってみてはどうだろう？やってみた上で、少し興奮し、胸が高まるなら、、  \n\nどうだろう？  \n\n以上です。\n`,
    },
    {
      name: 'contributors listed by name, the last one in Japanese',
      source: 'jekyll 2022-10-20-jekyll-4-3-0-released.markdown (MIT)',
      text: `${FM}<small>Ashwin Maroli, Frank Taillandier, Matt Rogers, Parker Moore, Kelvin M. Klann, Josh Soref, shorty, なつき</small>\n\nHappy Jekyllin'!\n`,
    },
    {
      name: 'a lead-in ending in a colon before an indented download URL',
      source: 'vim-jp.org 2013-07-06-vim_7.4a_ready_for_beta_testing.md (CC BY 4.0)',
      text: `${FM}MS-Windows 用のインストーラが用意されています:\n\n  ftp://ftp.vim.org/pub/vim/unstable/pc/gvim74a.exe\n\n以上です。\n`,
    },
    {
      name: 'an announcement label line (no sentence end anywhere)',
      source: 'vim-jp.org 2013-07-06-vim_7.4a_ready_for_beta_testing.md (CC BY 4.0)',
      text: `${FM}告知:  Vim (Vi IMproved) バージョン 7.4a BETA\n\nベータ版がリリースされました。\n`,
    },
    {
      name: 'a sentence wrapped in a styled span',
      source: 'vim-jp.org 2016-03-23-take-care-of-patch-1577.md (CC BY 4.0)',
      text: `${FM}<span style='color:red;'>**現在 Arch Linux では 7.4.1584 と問題のあるバージョンがリリースされてしまっています。バージョンを固定して回避してください。**</span>\n\n以上です。\n`,
    },
    {
      name: 'a source credit ending in より before the code it quotes',
      source: 'vim-jp.org 2015-10-15-tovim-on-shell-command-pipes.md (CC BY 4.0)',
      text: `${FM}reddit のトピック「[What's your best Vim related shell script?](https://www.reddit.com/r/vim/comments/3oo156/)」より\n\n\`\`\`sh\n#!/bin/bash\n\`\`\`\n\n以上です。\n`,
    },
    {
      name: 'a 連用形 lead-in whose sentence the paragraph after the code goes on with',
      source: 'vim-jp.org 2012-02-22-patch_7.3.447.md (CC BY 4.0)',
      text: `${FM}以前までは空白を含むコマンドを引数付きで実行する際、正しく引数が渡されませんでした。\n本パッチは\n\n    ""my editor.exe" "my file.txt""\n\nの様に全体をダブルクォートすることで対応しました。\n`,
    },
    {
      name: 'a sentence that ends on a bare address',
      source: 'vim-jp.org 2014-05-09-vim_charity_visit_report.md (CC BY 4.0)',
      text: `${FM}プロジェクトを訪問して、寄付金がどのように使われているかを見てきました。報告はこちらで読めます: www.iccf.nl/news.html\n\n以上です。\n`,
    },
    {
      name: 'a download link with a line break tag after it',
      source: 'vim-jp.org 2011-12-23-vim_2012_calendar.md (CC BY 4.0)',
      text: `${FM}ダイレクトリンクはこちらです。\n\nEnglish - A4     [http://www.moolenaar.net/2012\\_en\\_a4.pdf](http://www.moolenaar.net/2012_en_a4.pdf)<br />\n\n以上です。\n`,
    },
    {
      name: 'an MDX import and a JSX component line',
      source: 'issue 11',
      text: `${FM}import Callout from '../components/Callout'\n\n<Callout type="info">\n\nThis release is ready.\n`,
    },
    {
      name: 'a kramdown abbreviation definition and a table-of-contents marker',
      source: 'issue 11',
      text: `${FM}* TOC\n{:toc}\n\n*[HTML]: Hyper Text Markup Language\n\nThe HTML output is ready.\n`,
    },
    {
      name: 'a Japanese post whose many English words made it English still ends sentences with 。',
      source: 'vim-jp.org 2013-05-31-vimmagazine.md (CC BY 4.0)',
      text: `${FM}Vim 7.3.1000 を超えたパッチは patch 7.3.1069 まで、Vim 7.4 に向けて新しい正規表現エンジンの開発が予定されています。\n\npatch 7.3.970, patch 7.3.1000, patch 7.3.1010, patch 7.3.1033, patch 7.3.1050 and patch 7.3.1069 are listed in :help version7.\n`,
    },
  ],
  invalid: [
    {
      name: 'a Japanese paragraph stopping on a particle before a heading',
      source: 'ai-blog-system 2025-09-02 post (MIT)',
      text: `${FM}#**AIモデルの進化と競争激化**: OpenAIのGPT-5がリリースされ、AGIへの道筋を明確化。同時にNous Researchは\n\n## エグゼクティブサマリー\n`,
      findings: [{ line: 5, severity: 'error' }],
    },
    {
      name: 'cut inside a character: a cut whatever follows',
      source: 'ai-blog-system 2025-09-02 post (MIT)',
      text: `${FM}AI市場は、2029年には約2,200億ドルに達すると予測されています。この成長は、以下のセグメント\uFFFD\n\n* エンタープライズAIソリューション\n`,
      findings: [{ line: 5, severity: 'error' }],
    },
    {
      name: 'an English paragraph stopping on a preposition before the next paragraph',
      source: 'prometheus.io 2018-08-09-prometheus-graduates-within-cncf.md (Apache-2.0), cut for the case',
      text: `${FM}Especially the last point is important as we currently enter our fourth phase of adoption. These phases were adoption by\n\nMonitoring-centric users came first.\n`,
      findings: [{ line: 5, severity: 'error' }],
    },
  ],
});

ruleTester(postEndsMidSentence, {
  valid: [
    {
      name: 'a signature under a thank-you line',
      source: 'vim-jp.org 2024-01-09-Vim-9.1-has-been-released.md (CC BY 4.0)',
      text: `${FM}私たちはあらゆるサポートにとても感謝しています。\n\nThanks and Happy New Year 2024!<br>\nChristian\n`,
    },
    {
      name: 'a contact line at the end',
      source: 'prometheus.io 2023-09-01-promcon2023-schedule.md (Apache-2.0)',
      text: `${FM}## Contact\n\nJessie Adams-Shore - The Linux Foundation - pr@cncf.io\n\nPromCon Organizers - promcon-organizers@googlegroups.com\n`,
    },
    {
      name: 'a list item with no full stop ends a post',
      source: 'vim-jp.org 2011-11-25-dubious_script.md (CC BY 4.0)',
      text: `${FM}次のような問題があります。\n\n- 信頼の低下\n- 重複したモジュールや古いプラグインの登録\n`,
    },
  ],
  invalid: [
    {
      name: 'the last list item stops on a 連用形',
      source: 'ai-blog-system 2025-10-06 post (MIT)',
      text: `${FM}影響は次の通りです。\n\n*   **産業界全体のDX推進:** 生産性の向上に貢献できるでしょう。特に、これまでAI導入が遅れてい\n`,
      findings: [{ line: 7, severity: 'error' }],
    },
    {
      name: 'a table header with no rows, reported with the line that announced it',
      source: 'ai-blog-system 2025-09-03 post (MIT)',
      text: `${FM}AI市場では激しい競争が続いています。\n\n**主要プレイヤーと競争優位性（概要）:**\n\n| カテゴリ       | 主要プレイヤー |\n`,
      findings: [{ line: 7, endLine: 9, severity: 'error' }],
    },
    {
      name: 'bold opened and never closed',
      source: 'ai-blog-system 2025-10-05 post (MIT)',
      text: `${FM}この変化は多くの産業に広がっています。\n\n**社会全体\n`,
      findings: [{ line: 7, severity: 'error' }],
    },
  ],
});

ruleTester(unbalancedBrackets, {
  valid: [
    {
      name: 'a smiley is no bracket',
      source: 'prometheus.io 2021-11-16-agent.md (Apache-2.0)',
      text: `${FM}Now, let's explain how you can use it! (:\n\nPlease don't do it. It's not worth it. (: Really.\n`,
    },
  ],
  invalid: [],
});

ruleTester(splitParagraph, {
  valid: [
    {
      name: 'a version label followed by a sentence that starts with the same version',
      source: 'vim-jp.org 2013-08-10-vim_7.4_released.md (CC BY 4.0)',
      text: `${FM}告知:  Vim (Vi IMproved) version 7.4\n\n7.4b BETA からいくつかの問題が修正されました。\n`,
    },
  ],
  invalid: [],
});
