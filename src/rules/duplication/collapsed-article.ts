import { defineRule, SPECIFICITY } from '../rule.js';
import { analyzeDuplication, deletionFix } from '../../analysis/duplication.js';
import { lineRange } from './messages.js';

/** One block that concatenates many earlier blocks (the article collapsed into a single paragraph). */
export default defineRule({
  id: 'duplication/collapsed-article',
  category: 'duplication',
  defaultSeverity: 'error',
  specificity: SPECIFICITY.collapsedArticle,
  description: {
    en: 'One block concatenates many earlier blocks (the article collapsed into a single paragraph).',
    ja: '1つのブロックに、前にある多数のブロックが連結されている（記事が1段落に潰れている）。',
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
    invalid: [],
  },
  check({ post, config }) {
    const analysis = analyzeDuplication(post, config);
    return analysis.collapsed.map((c) => {
      const unit = analysis.units[c.unit]!;
      const firstPart = analysis.units[c.parts[0]!]!;
      const lastPart = analysis.units[c.parts[c.parts.length - 1]!]!;
      const there = lineRange(firstPart.line, lastPart.endLine);
      return {
        line: unit.line,
        endLine: unit.endLine,
        message: {
          en: `This block runs ${c.parts.length} earlier blocks (${there.en}) together into one paragraph; delete it.`,
          ja: `このブロックは前にある${c.parts.length}個のブロック（${there.ja}）を1つの段落に連結したものです。削除してください。`,
        },
        fix: deletionFix(post, unit.line, unit.endLine),
        related: [{ path: post.path, line: firstPart.line, endLine: lastPart.endLine, label: 'original' }],
      };
    });
  },
});
