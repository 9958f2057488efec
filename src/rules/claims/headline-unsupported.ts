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

/** A figure the headline must be able to point to in the body: a statistic or a specification. */
const checked = (c: Claim): boolean => c.statistic || c.specification;

/**
 * A figure of the title or excerpt the body never states, or states with another value. The title
 * echo that opens many posts (a paragraph equal to the title or excerpt) does not count as the body
 * stating it. When the body gives the same kind of figure with another value — for the same subject
 * (the noun after it) or as its only figure of that kind — the message names both places.
 *
 * Severity: a share, an amount or a count is stated as such wherever it is supported, so its absence is
 * evidence (error). A multiple is a ratio: the body may support it with the two figures it compares, so
 * its absence is weaker (warning); and when the body states no figure at all, nothing the multiple could
 * compare, a title multiple is a figure of speech (`カラースキームを360倍使う`, a pun on 360°): info.
 */
export default defineRule({
  id: 'claims/headline-unsupported',
  category: 'claims',
  defaultSeverity: 'error',
  description: {
    en: 'A figure in the title or excerpt that the body never states, or states with another value.',
    ja: 'タイトルや抜粋の数値が本文にない、または本文では別の値になっている。',
  },
  messages: {
    differs: {
      en: '{{subject}} says "{{figure}}" but the body says "{{said}}" (line {{line}}). Verify which figure the source gives and make both say it.',
      ja: '{{subject}}では「{{figure}}」、本文（{{line}}行目）では「{{said}}」です。出典の数値を確認し、両方を一致させてください。',
    },
    unsupported: {
      en: '{{subject}} states "{{figure}}" but the body never does. Verify the figure and support it in the body with its source, or remove it from {{where}}.',
      ja: '{{subject}}の「{{figure}}」が本文に一度も出てきません。数値を確認して本文で出典とともに示すか、{{where}}から削除してください。',
    },
  },
  evidence: {
    error: 'A percentage, an amount of money, a count or a specification of the title or excerpt that the body (its title echo left out) never states, or states with another value for the same subject.',
    warning: 'A multiple (`3倍`, `3x`) of the title or excerpt that the body never states, in a post whose body states figures: the multiple may be their ratio, so verify it.',
    info: 'A multiple of the title or excerpt in a post whose body states no figure at all: nothing it could measure, so most likely a figure of speech.',
  },
  examples: {
    valid: [
      {
        name: 'the same figure in another notation',
        path: '_posts/2025-11-03-2-ai5.md',
        text: '---\ntitle: "中国生成AI、5億人突破の衝撃"\n---\n\n中国の生成AIユーザーが、2025年上半期には5億人を突破したというニュース。\n',
        source: 'ai-blog-system _posts/2025-11-03-2-ai5.md lines 3 and 14 (MIT), shortened',
      },
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
      {
        name: 'a title multiple with no figure in the body is a figure of speech',
        path: '_posts/blog/2013-03-08-vim_advent_calendar_2012_98th_day.md',
        text: '---\nlayout: blog\ncategory: blog\ntitle: カラースキームを360倍使うためのスクリプト\n---\n\nHue (色相) を Rotation (回転) させるスクリプトです。\n\nこの虹色の円の部分が色相です。これをくるくる回すようなイメージです。\n',
        findings: [{ line: 4, severity: 'info' }],
        source: 'vim-jp.org _posts/blog/2013-03-08-vim_advent_calendar_2012_98th_day.md lines 1-5, 13, 19 (CC BY 4.0)',
      },
    ],
  },
  check({ post }) {
    const { claims, units } = claimsOf(post);
    if (!claims.some((c) => c.place !== 'body' && checked(c))) return [];
    const echoes = headlineEchoUnits(post);
    const bodyUnits = new Set(units.filter((u) => u.place === 'body' && !echoes.has(u.index)).map((u) => u.index));
    const bodyClaims = claims.filter((c) => c.place === 'body' && bodyUnits.has(c.unitIndex));
    // Any figure of the body a multiple could be the ratio of.
    const bodyFigures = bodyClaims.some(checked);
    const reports: Report[] = [];
    const seen = new Set<string>();
    for (const head of claims) {
      if (head.place === 'body' || !checked(head)) continue;
      const key = valueKey(head);
      if (seen.has(key)) continue;
      seen.add(key);
      if (bodyClaims.some((b) => covers(b, head))) continue;
      const sameKind = bodyClaims.filter((b) => checked(b) && b.kind === head.kind && b.unit === head.unit);
      const headSubject = subject(head);
      let other: Claim | undefined = headSubject ? sameKind.find((b) => subject(b) === headSubject) : undefined;
      if (!other && new Set(sameKind.map(valueKey)).size === 1) other = sameKind[0];
      const severity = head.kind !== 'multiple' ? undefined : bodyFigures ? ('warning' as const) : ('info' as const);
      const figure = quote(head);
      const where = placeName(head);
      if (other) {
        const said = quote(other);
        reports.push({
          ...at(head),
          ...(severity ? { severity } : {}),
          messageId: 'differs',
          data: { subject: { en: `${where.en[0]!.toUpperCase()}${where.en.slice(1)}`, ja: where.ja }, figure, said, line: other.line },
          related: [{ path: post.path, line: other.line, endLine: other.endLine, label: `body: ${said}` }],
        });
      } else {
        reports.push({
          ...at(head),
          ...(severity ? { severity } : {}),
          messageId: 'unsupported',
          data: { subject: { en: `${where.en[0]!.toUpperCase()}${where.en.slice(1)}`, ja: where.ja }, where, figure },
        });
      }
    }
    return reports;
  },
});
