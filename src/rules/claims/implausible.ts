import { defineRule, type Report } from '../rule.js';
import { implausibleReason, type NounClass } from '../../analysis/claims/grammar.js';
import { claimsOf } from '../../analysis/claims/post-claims.js';
import { at, quote } from './shared.js';

const REASONS: Record<NounClass, { en: string; ja: string }> = {
  population: { en: 'a share of a group cannot exceed 100%', ja: '集団に占める割合は100%を超えられません' },
  rate: { en: 'a rate or a share cannot exceed 100%', ja: '比率・シェア・精度は100%を超えられません' },
  reduction: { en: 'a reduction of more than 100% would leave less than nothing', ja: '100%を超える削減・低下はあり得ません' },
  'no-quantity': {
    en: 'the noun it modifies is not a quantity a percentage can measure',
    ja: '修飾している名詞は割合で測れる量ではありません',
  },
};

/**
 * A percentage over 100 where the grammar says it is a share, a bounded rate, a reduction, or the
 * modifier of a qualitative noun (`顧客への300%の価値提供`, `アーキテクチャの300%の見直し`,
 * `300%のコスト削減`). Growth figures (`300%の成長`, `300% increase`) are left alone: they may exceed 100%.
 * No fix: the right figure, if any, is in the source; `claims/pasted-statistic` carries the plain-word
 * fix when the figure replaced an adjective.
 */
export default defineRule({
  id: 'claims/implausible',
  category: 'claims',
  defaultSeverity: 'error',
  description: {
    en: 'A percentage over 100 for a share, a proportion, a reduction or a noun that takes no quantity.',
    ja: 'シェア・割合・削減・量を取らない名詞に対する100%超の数値。',
  },
  messages: {
    implausible: {
      en: '"{{figure}}" is implausible: {{reason}}. Check the source for the real figure, or replace it with plain wording.',
      ja: '「{{figure}}」は不自然な数値です（{{reason}}）。出典で正しい数値を確認するか、数値を使わない表現に直してください。',
    },
  },
  evidence: {
    error:
      'A percentage over 100 that the grammar ties to a share of a group, a bounded rate, a reduction, or a noun that takes no quantity (`300%の削減`, `顧客への300%の価値提供`). Growth (`300%の成長`) may exceed 100% and is left alone.',
  },
  examples: {
    valid: [
      {
        name: 'growth may exceed 100%',
        source: 'ai-blog-system _posts (NVIDIA Blackwell outlook), one sentence (MIT)',
        text: '---\ntitle: x\n---\n\n総じて、今後3～6ヶ月間は、NVIDIA BlackwellアーキテクチャがAIデータセンター分野で圧倒的な需要と戦略的な展開により、300%の成長を牽引し、市場リーダーシップを維持する期間となるでしょう。\n',
      },
    ],
    invalid: [
      {
        name: 'a reduction of more than 100%',
        source: 'ai-blog-system _posts/2025-09-06-2-openai-gpt-5agiへ前進投資技術の未来.md line 22, cut (MIT)',
        text: '---\ntitle: x\n---\n\n主要な技術的進歩として、まず「ハルシネーション（誤情報生成）」の300%の削減が挙げられます。\n',
        findings: [{ line: 5, severity: 'error', message: '300%' }],
      },
    ],
  },
  check({ post }) {
    const reports: Report[] = [];
    for (const claim of claimsOf(post).claims) {
      const reason = implausibleReason(claim);
      if (reason === null) continue;
      const figure = quote(claim);
      reports.push({
        ...at(claim),
        messageId: 'implausible',
        data: { figure, reason: REASONS[reason] },
      });
    }
    return reports;
  },
});
