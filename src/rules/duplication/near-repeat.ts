import { defineRule, ruleOptions, SPECIFICITY } from '../rule.js';
import { analyzeDuplication } from '../../analysis/duplication.js';
import { ADVICE_MESSAGES, copyReport, copyReports } from './messages.js';

/**
 * A block that repeats an earlier one with small edits: Jaccard similarity of their character 5-gram
 * sets ≥ `duplication.nearError` (error, with a delete fix) or ≥ `duplication.nearWarning` (warning, no
 * fix: the later version may hold something new worth keeping).
 */
export default defineRule({
  id: 'duplication/near-repeat',
  category: 'duplication',
  defaultSeverity: 'error',
  options: ruleOptions('duplication', 'minChars', 'ngram', 'nearError', 'nearWarning', 'containment').and('truncation', 'markers'),
  specificity: SPECIFICITY.nearCopy,
  description: {
    en: 'A block repeats an earlier one with only small edits.',
    ja: 'ブロックが、前にあるものをわずかな違いだけで繰り返している。',
  },
  messages: {
    ...ADVICE_MESSAGES,
    extendedCopy: {
      en: 'This {{type}} begins with the whole of the one at {{where}} and goes on: a regenerated copy. Keep one version (move what only this one adds) and delete the other.',
      ja: 'この{{type}}は{{where}}の全文で始まり、その先を書き足した写しです。どちらか一方だけを残し（こちらにしかない部分は移して）、もう一方を削除してください。',
    },
    nearCopy: {
      en: 'This {{type}} nearly repeats the one at {{where}} ({{pct}}% similar); keep one version and delete this copy.',
      ja: 'この{{type}}は{{where}}とほぼ同じ内容です（類似度{{pct}}%）。どちらか一方だけを残し、こちらを削除してください。',
    },
    similar: {
      en: 'This {{type}} is very similar to the one at {{where}} ({{pct}}% similar); merge them or delete the repetition.',
      ja: 'この{{type}}は{{where}}とよく似ています（類似度{{pct}}%）。内容を統合するか、繰り返しを削除してください。',
    },
  },
  evidence: {
    error: 'Two paragraphs of running text (not headings, links or labels) with Jaccard ≥ duplication.nearError in one section.',
    warning:
      'Jaccard between duplication.nearWarning and nearError, both blocks at least 60 normalised characters; or a paragraph that begins with the whole text of an earlier one of at least 60 normalised characters and goes on (a regenerated paragraph that was extended; no fix, as the longer one may be the version to keep).',
    info: 'The same similarity for a short passage under another heading (a stock sentence).',
  },
  examples: {
    valid: [
      {
        name: 'a short opening sentence said again to start a longer paragraph is no copy',
        source: 'written for this test, after vim-jp.org release posts (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\nVim 7.4a ベータ版がリリースされました。\n\nVim 7.4a ベータ版がリリースされました。今回の主な変更点は以下のとおりです。\n',
      },
      {
        name: 'patch list entries differ by their number and target',
        path: '_posts/vimmagazine/2016-10-31-vimmagazine.md',
        text: '---\ntitle: Vim Magazine 10 月号\n---\n\n- [8.0.0042 : (after 8.0.0041) Insert mode completion is not saved for undo](https://github.com/vim/vim/commit/cbd3bd6cbed5baf418b037b17ad46e339ff59174)\n- [8.0.0043 : (after 8.0.0041) Insert mode completion is not saved for undo](https://github.com/vim/vim/commit/9ec7fa82a2c4f0283862ed704c2940959e6130ee)\n',
        source: 'vim-jp.org _posts/vimmagazine/2016-10-31-vimmagazine.md lines 45-46 (CC BY 4.0)',
      },
      {
        name: 'a heading and its continuation heading are parallel, not a copy',
        path: '_posts/2025-10-08-3-ai-article-update.md',
        text: '---\ntitle: x\n---\n\n### 投資家への視点：TDKのAIチップ戦略がもたらすもの\n\n投資家としてTDKのAIチップ戦略を評価する際、注目すべきは「既存事業とのシナジー」です。\n\n### 投資家への視点：TDKのAIチップ戦略がもたらすもの（続き）\n\n長期的な視点で見れば、AIチップ事業は新たな収益源になり得ます。\n',
        source: 'ai-blog-system _posts/2025-10-08-3-ai-article-update.md lines 68 and 81 (MIT), paragraphs shortened',
      },
      {
        name: 'two figure captions that differ by their version',
        path: 'blog/posts/2019-10-10-remote-read-meets-streaming.md',
        text: '---\ntitle: Remote Read Meets Streaming\n---\n\n![Prometheus 2.12.0: CPU time of single read 8h of 10k series](/assets/blog/2019-10-08/10kseries8hours-2.12-cpu.png)\n\n![Prometheus 2.13.0: CPU time of single read 8h of 10k series](/assets/blog/2019-10-08/10kseries8hours-2.13-cpu.png)\n',
        source: 'prometheus/docs blog/posts/2019-10-10-remote-read-meets-streaming.md lines 259-263 (Apache-2.0)',
      },
    ],
    invalid: [
      {
        name: 'a list item that begins with a whole earlier item and goes on: a warning, no fix',
        source: 'ai-blog-system _posts/2025-10-06-3-gpu.md @e62daefc lines 59 and 102 (MIT)',
        path: '_posts/2025-10-06-3-gpu.md',
        text: '---\ntitle: x\n---\n\n*   **研究開発の推進:** 大学や研究機関が、より大規模なデータセットを使った実験や、複雑なモデルの検証を、国内のインフラで安全に行えるようになります。これは、日本のAI研究の国際的な競争力向上に直結します。\n\n### 日本のAIエコシステムへの貢献\n\n*   **研究開発の推進:** 大学や研究機関が、より大規模なデータセットを使った実験や、複雑なモデルの検証を、国内のインフラで安全に行えるようになります。これは、日本のAI研究の国際的な競争力向上に直結します。海外の巨大クラウドに依存することなく、データ主権を保ちながら最先端の研究を進められるのは、日本の科学技術にとって大きなアドバンテージです。\n',
        findings: [{ line: 9, severity: 'warning', message: '全文で始まり' }],
      },
      {
        name: 'a regenerated paragraph with a few words changed',
        path: '_posts/2025-10-02-1-gartnerai15.md',
        text: '---\ntitle: x\n---\n\n正直なところ、これらのガバナンスとセキュリティの課題は、AIエージェント導入の「最大の壁」であると同時に、「最も乗り越えがいのある挑戦」でもあると私は考えています。\n\n正直なところ、これらのガバナンスとセキュリティの課題は、AIエージェント導入の「最大の壁」であると同時に、「最も乗り越えがいのある挑戦」でもあると考えています。\n',
        findings: [{ line: 7, severity: 'error' }],
        output: '---\ntitle: x\n---\n\n正直なところ、これらのガバナンスとセキュリティの課題は、AIエージェント導入の「最大の壁」であると同時に、「最も乗り越えがいのある挑戦」でもあると私は考えています。\n',
        source: 'ai-blog-system _posts/2025-10-02-1-gartnerai15.md line 56 and its original (MIT), shortened',
      },
    ],
  },
  check({ post, options }) {
    const analysis = analyzeDuplication(post, options);
    return copyReports(post, analysis, 'near', (g, { type, where }) => {
      if (g.match.kind === 'extended') {
        // No one-click deletion: the copy holds text the original does not.
        return copyReport(post, analysis, g, 'extendedCopy', { type, where }, false);
      }
      const pct = Math.round(g.match.jaccard * 100);
      const strong = g.severity === 'error';
      return copyReport(post, analysis, g, strong ? 'nearCopy' : 'similar', { type, where, pct }, strong);
    });
  },
});
