import { defineRule, ruleOptions, SPECIFICITY } from '../rule.js';
import { analyzeDuplication, deletionFix } from '../../analysis/duplication.js';
import { lineRange } from './messages.js';

/** One block that concatenates many earlier blocks (the article collapsed into a single paragraph). */
export default defineRule({
  id: 'duplication/collapsed-article',
  category: 'duplication',
  defaultSeverity: 'error',
  options: ruleOptions('duplication', 'minChars', 'ngram', 'nearError', 'nearWarning', 'containment').and('truncation', 'markers'),
  specificity: SPECIFICITY.collapsedArticle,
  description: {
    en: 'One block concatenates many earlier blocks (the article collapsed into a single paragraph).',
    ja: '1つのブロックに、前にある多数のブロックが連結されている（記事が1段落に潰れている）。',
  },
  messages: {
    collapsed: {
      en: 'This block runs {{count}} earlier blocks ({{there}}) together into one paragraph; delete it.',
      ja: 'このブロックは前にある{{count}}個のブロック（{{there}}）を1つの段落に連結したものです。削除してください。',
    },
  },
  evidence: {
    error: 'One paragraph of running text holding at least three earlier blocks of running text or headings, which make up half of it or more.',
  },
  examples: {
    valid: [
      {
        name: 'a download URL that extends the earlier ones is a link line',
        path: '_posts/blog/2013-07-06-vim_7.4a_ready_for_beta_testing.md',
        text: '---\ntitle: Vim 7.4a ベータ版リリース\n---\n\n  ftp://ftp.vim.org/pub/vim/unstable/pc/gvim74a.exe\n\n  ftp://ftp.vim.org/pub/vim/unstable/pc/gvim74a.zip\n\n  ftp://ftp.vim.org/pub/vim/unstable/pc/gvim74a.pdb\n\n  ftp://ftp.vim.org/pub/vim/unstable/pc/gvim74aole.pdb\n',
        source: 'vim-jp.org _posts/blog/2013-07-06-vim_7.4a_ready_for_beta_testing.md lines 63-121 (CC BY 4.0), the URL lines only',
      },
    ],
    invalid: [
      {
        name: 'the closing section run together into one paragraph',
        source: 'ai-blog-system _posts/2025-11-07-2-nttai.md lines 103-111 and 174-178 (MIT)',
        text: "---\ntitle: x\n---\n\n**最後に、あなたへ**\n\nNTTデータのこの取り組みは、単なる企業の成長戦略に留まらず、AIが社会の基盤となる未来を見据えた、まさに「未来への投資」だと私は確信しています。彼らが目指す「AIドリブンな組織」への変革は、私たち一人ひとりの働き方、そして社会のあり方そのものを変えていく可能性を秘めています。\n\n投資家であるあなたは、NTTデータがこの大規模な人材投資をいかにして持続的な競争優位性と高収益に繋げていくのか、その戦略と実行力を長期的な視点で見極める必要があるでしょう。彼らがAI時代の「戦略的パートナー」として、顧客のビジネス変革をどこまで深くリードできるか、その進化に注目してください。\n\nそして技術者であるあなたは、この波に乗り遅れることなく、自らのスキルを常にアップデートし続けることが求められます。NTTデータが示しているように、AIは特定の専門家だけの領域ではなくなりつつあります。自分の専門性を深めつつも、AI倫理やガバナンス、ビジネスへの応用力といった隣接領域の知識を吸収し、変化に対応できる「T字型人材」を目指すべきだと、私は常々感じています。NTTデータのような巨大企業がこれだけの人材を市場に送り出すことで、AI関連のプロジェクトがより活発になり、新たなキャリアパスが生まれるのは必然です。このチャンスを最大限に活かし、あなた自身の未来を切り拓いていってほしいと願っています。\n\nNTTデータの挑戦は、まだ始まったばかりです。しかし、彼らがこれまでの実績で示してきた「本気」と「実行力」は、私たちに大きな期待を抱かせてくれます。あなたも、この壮大な変革の波の一部となり、私たち自身の手で、より良い未来を共に創造していきませんか？\n\n**最後に、あなたへ**\nNTTデータのこの取り組みは、単なる企業の成長戦略に留まらず、AIが社会の基盤となる未来を見据えた、まさに「未来への投資」だと私は確信しています。彼らが目指す「AIドリブンな組織」への変革は、私たち一人ひとりの働き方、そして社会のあり方そのものを変えていく可能性を秘めています。\n投資家であるあなたは、NTTデータがこの大規模な人材投資をいかにして持続的な競争優位性と高収益に繋げていくのか、その戦略と実行力を長期的な視点で見極める必要があるでしょう。彼らがAI時代の「戦略的パートナー」として、顧客のビジネス変革をどこまで深くリードできるか、その進化に注目してください。\nそして技術者であるあなたは、この波に乗り遅れることなく、自らのスキルを常にアップデートし続けることが求められます。NTTデータが示しているように、AIは特定の専門家だけの領域ではなくなりつつあります。自分の専門性を深めつつも、AI倫理やガバナンス、ビジネスへの応用力といった隣接領域の知識を吸収し、変化に対応できる「T字型人材」を目指すべきだと、私は常々感じています。NTTデータのような巨大企業がこれだけの人材を市場に送り出すことで、AI関連のプロジェクトがより活発になり、新たなキャリアパスが生まれるのは必然です。このチャンスを最大限に活かし、あなた自身の未来を切り拓いていってほしいと願っています。\nNTTデータの挑戦は、まだ始まったばかりです。しかし、彼らがこれまでの実績で示してきた「本気」と「実行力」は、私たちに大きな期待を抱かせてくれます。あなたも、この壮大な変革の波の一部となり、私たち自身の手で、より良い未来を共に創造していきませんか？\n",
        findings: [{ line: 15, endLine: 19, severity: 'error' }],
        output: "---\ntitle: x\n---\n\n**最後に、あなたへ**\n\nNTTデータのこの取り組みは、単なる企業の成長戦略に留まらず、AIが社会の基盤となる未来を見据えた、まさに「未来への投資」だと私は確信しています。彼らが目指す「AIドリブンな組織」への変革は、私たち一人ひとりの働き方、そして社会のあり方そのものを変えていく可能性を秘めています。\n\n投資家であるあなたは、NTTデータがこの大規模な人材投資をいかにして持続的な競争優位性と高収益に繋げていくのか、その戦略と実行力を長期的な視点で見極める必要があるでしょう。彼らがAI時代の「戦略的パートナー」として、顧客のビジネス変革をどこまで深くリードできるか、その進化に注目してください。\n\nそして技術者であるあなたは、この波に乗り遅れることなく、自らのスキルを常にアップデートし続けることが求められます。NTTデータが示しているように、AIは特定の専門家だけの領域ではなくなりつつあります。自分の専門性を深めつつも、AI倫理やガバナンス、ビジネスへの応用力といった隣接領域の知識を吸収し、変化に対応できる「T字型人材」を目指すべきだと、私は常々感じています。NTTデータのような巨大企業がこれだけの人材を市場に送り出すことで、AI関連のプロジェクトがより活発になり、新たなキャリアパスが生まれるのは必然です。このチャンスを最大限に活かし、あなた自身の未来を切り拓いていってほしいと願っています。\n\nNTTデータの挑戦は、まだ始まったばかりです。しかし、彼らがこれまでの実績で示してきた「本気」と「実行力」は、私たちに大きな期待を抱かせてくれます。あなたも、この壮大な変革の波の一部となり、私たち自身の手で、より良い未来を共に創造していきませんか？\n",
      },
    ],
  },
  check({ post, options }) {
    const analysis = analyzeDuplication(post, options);
    return analysis.collapsed.map((c) => {
      const unit = analysis.units[c.unit]!;
      const firstPart = analysis.units[c.parts[0]!]!;
      const lastPart = analysis.units[c.parts[c.parts.length - 1]!]!;
      const there = lineRange(firstPart.line, lastPart.endLine);
      return {
        line: unit.line,
        endLine: unit.endLine,
        messageId: 'collapsed',
        data: { count: c.parts.length, there },
        fix: deletionFix(post, unit.line, unit.endLine),
        related: [{ path: post.path, line: firstPart.line, endLine: lastPart.endLine, label: 'original' }],
      };
    });
  },
});
