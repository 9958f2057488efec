import { defineRule, type Report } from '../rule.js';
import { valueKey } from '../../analysis/claims/extract.js';
import { claimsOf, headlineEchoUnits, type Claim } from '../../analysis/claims/post-claims.js';
import { at, placeName, quote } from './shared.js';

const NOUN_AFTER = /^\s?(?:の\s?)?([\p{sc=Han}\p{sc=Katakana}ーA-Za-z]{2,8})/u;

function subject(claim: Claim): string {
  return NOUN_AFTER.exec(claim.after)?.[1] ?? '';
}

function covers(body: Claim, head: Claim): boolean {
  if (valueKey(body) === valueKey(head)) return true;
  // A title abbreviates: 「100億」 for 100億ドル; a unitless amount matches any amount of that value.
  const amount = (c: Claim) => c.kind === 'money' || c.kind === 'count';
  if (amount(head) && amount(body) && (head.unit === '' || body.unit === '') && head.value === body.value) return true;
  // A body range that contains the headline value supports it (`20〜30%` for `25%`).
  return (
    body.kind === head.kind &&
    body.unit === head.unit &&
    body.high !== undefined &&
    head.high === undefined &&
    body.value <= head.value &&
    head.value <= body.high
  );
}

/**
 * A figure of the title or excerpt the body never states, or states with another value. The title
 * echo that opens many posts (a paragraph equal to the title or excerpt) does not count as the body
 * stating it. When the body gives the same kind of figure with another value — for the same subject
 * (the noun after it) or as its only figure of that kind — the message names both places.
 */
export default defineRule({
  id: 'claims/headline-unsupported',
  category: 'claims',
  defaultSeverity: 'error',
  description: {
    en: 'A figure in the title or excerpt that the body never states, or states with another value.',
    ja: 'タイトルや抜粋の数値が本文にない、または本文では別の値になっている。',
  },
  evidence: {
    error:
      'A statistic of the title or excerpt that no body sentence states (a paragraph that only repeats the title or excerpt does not count), or that the body gives with another value for the same subject.',
  },
  examples: {
    valid: [
      {
        name: 'the excerpt’s figure is stated in the body',
        source: 'ai-blog-system seed 000 lines 8 and 15, cut (MIT)',
        text: '---\ntitle: x\nexcerpt: "Amazon、AIチップ20%性能向上について詳細に分析します。"\n---\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？\n',
      },
    ],
    invalid: [
      {
        name: 'the title’s figure is nowhere in the body',
        source: 'ai-blog-system _posts/2025-08-30-2-ai市場2034年に1兆ドル突破へ.md lines 3 and 15, cut (MIT)',
        text: '---\ntitle: "AI市場、2034年に1兆ドル突破へ"\n---\n\n2025年8月30日、最新の市場予測が発表され、世界のAI市場が2034年までに3.6兆ドルを超える規模に達するという驚くべき見通しが示されました。\n',
        findings: [{ line: 2, severity: 'error', message: '1兆ドル' }],
      },
    ],
  },
  check({ post }) {
    const { claims, units } = claimsOf(post);
    if (!claims.some((c) => c.place !== 'body' && c.statistic)) return [];
    const echoes = headlineEchoUnits(post);
    const bodyUnits = new Set(units.filter((u) => u.place === 'body' && !echoes.has(u.index)).map((u) => u.index));
    const bodyClaims = claims.filter((c) => c.place === 'body' && bodyUnits.has(c.unitIndex));
    const reports: Report[] = [];
    const seen = new Set<string>();
    for (const head of claims) {
      if (head.place === 'body' || !head.statistic) continue;
      const key = valueKey(head);
      if (seen.has(key)) continue;
      seen.add(key);
      if (bodyClaims.some((b) => covers(b, head))) continue;
      const sameKind = bodyClaims.filter((b) => b.statistic && b.kind === head.kind && b.unit === head.unit);
      const headSubject = subject(head);
      let other: Claim | undefined = headSubject ? sameKind.find((b) => subject(b) === headSubject) : undefined;
      if (!other && new Set(sameKind.map(valueKey)).size === 1) other = sameKind[0];
      const figure = quote(head);
      const where = placeName(head);
      if (other) {
        const said = quote(other);
        reports.push({
          ...at(head),
          message: {
            en: `${where.en[0]!.toUpperCase()}${where.en.slice(1)} says "${figure}" but the body says "${said}" (line ${other.line}). Verify which figure the source gives and make both say it.`,
            ja: `${where.ja}では「${figure}」、本文（${other.line}行目）では「${said}」です。出典の数値を確認し、両方を一致させてください。`,
          },
          related: [{ path: post.path, line: other.line, endLine: other.endLine, label: `body: ${said}` }],
        });
      } else {
        reports.push({
          ...at(head),
          message: {
            en: `${where.en[0]!.toUpperCase()}${where.en.slice(1)} states "${figure}" but the body never does. Verify the figure and support it in the body with its source, or remove it from ${where.en}.`,
            ja: `${where.ja}の「${figure}」が本文に一度も出てきません。数値を確認して本文で出典とともに示すか、${where.ja}から削除してください。`,
          },
        });
      }
    }
    return reports;
  },
});
