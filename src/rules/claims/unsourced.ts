import type { RelatedLocation } from '../../core/finding.js';
import { defineRule, ruleOptions, type Report } from '../rule.js';
import { valueKey } from '../../analysis/claims/extract.js';
import { implausibleReason, pastedPattern } from '../../analysis/claims/grammar.js';
import { detectPasted, overlapsDetection } from '../../analysis/claims/pasted.js';
import { introduces } from '../../analysis/prose.js';
import { MAX_CLAIMS_PER_POST, claimsOf, hasSource, headlineClaims, headlineEchoUnits, type Claim, type ScannedUnit } from '../../analysis/claims/post-claims.js';
import { at, footnotePlaceholderFix, placeName, quote } from './shared.js';

/**
 * Words that say a figure describes the world (a market, a forecast, a survey, a share of companies or
 * people), not the author's own work: such a figure comes from someone, and that someone must be named.
 */
const THIRD_PARTY = /予測|見込み|見通し|市場|調査|統計|推計|推定|シェア|普及率|[%％割](?:以上|以下|超|未満)?の(?:企業|人|ユーザー|回答者|組織|国民|消費者)|forecast|market|survey|stud(?:y|ies)|estimate|projected|expected to|%\s+of\s+(?:all\s+|the\s+)?[a-z-]+s\b/iu;
/** The author speaking of their own work: own benchmarks, tests, results, prices, reports. */
const OWN_WORK = /\b(?:we|our|us|my|i)\b|弊社|当社|我々|私たち(?:の(?:テスト|計測|調査|結果))|僕|自分/iu;
const SENTENCE_BREAK = /[。！？!?\n]|\.\s/gu;

/** The sentence of the unit's scanned text that holds the claim. */
function sentenceOf(unit: ScannedUnit, claim: Claim): string {
  const text = unit.source;
  const at = claim.offset - unit.start;
  let from = 0;
  SENTENCE_BREAK.lastIndex = 0;
  let to = text.length;
  for (let m = SENTENCE_BREAK.exec(text); m; m = SENTENCE_BREAK.exec(text)) {
    if (m.index < at) from = m.index + m[0].length;
    else {
      to = m.index + 1;
      break;
    }
  }
  return text.slice(from, to);
}

/**
 * Whether the unit of an index is sourced: a body unit (not a heading) such that it or one of the `window`
 * body units before it has a source (`hasSource`). Worked out for the units asked about (those holding a
 * statistic), so that only their neighbourhoods are searched for a citation phrase.
 */
function sourcedUnits(units: readonly ScannedUnit[], window: number): (unitIndex: number) => boolean {
  const body = units.filter((u) => u.place === 'body' && u.block?.type !== 'heading');
  const positionInBody = new Map<number, number>();
  body.forEach((unit, i) => positionInBody.set(unit.index, i));
  const known = new Map<number, boolean>();
  return (unitIndex) => {
    let sourced = known.get(unitIndex);
    if (sourced === undefined) {
      sourced = false;
      const i = positionInBody.get(unitIndex);
      if (i !== undefined) {
        for (let k = Math.max(0, i - window); k <= i; k++) {
          if (hasSource(body[k]!)) {
            sourced = true;
            break;
          }
        }
      }
      known.set(unitIndex, sourced);
    }
    return sourced;
  };
}

/**
 * A statistic with no source nearby. Three levels:
 * - the headline figure (title/excerpt, else the lead paragraphs) when the post has no link, footnote
 *   or citation anywhere → error, once per figure, where the body states it, the other places in
 *   `related`;
 * - any other statistic whose paragraph and the `sourceWindow` paragraphs before it hold none → warning,
 *   once per paragraph (listing its figures) and once per figure in the post (a figure sourced once is
 *   sourced). Figures reported as pasted or implausible are left to those rules: they need rewording
 *   or removal, not a source. Pasted boilerplate (any detector of claims/pasted-statistic) is never
 *   taken for the headline figure.
 */
export default defineRule({
  id: 'claims/unsourced',
  category: 'claims',
  defaultSeverity: 'warning',
  options: ruleOptions('claims', 'substitutions', 'recurringMinPosts', 'leadParagraphs', 'sourceWindow', 'footnotePlaceholder'),
  crossPost: true,
  description: {
    en: 'A statistic without a link, footnote or citation near it; the headline figure without any source in the post.',
    ja: '近くにリンク・脚注・出典のない統計値、および記事内のどこにも出典のない見出しの数値。',
  },
  messages: {
    notChecked: {
      en: 'More than {{max}} figures in this post; figures from this line on were not checked for sources.',
      ja: 'この記事には数値が {{max}} 個を超えて含まれています。この行以降の数値は出典を確認していません。',
    },
    headlineUnsourced: {
      en: 'The headline figure "{{figure}}" ({{place}}{{here}}) has no source anywhere in the post. Verify it and add a link to the original announcement or data (or a footnote), or remove the figure.',
      ja: '見出しの数値「{{figure}}」（{{place}}{{here}}）の出典が記事内のどこにもありません。数値を確認し、元の発表やデータへのリンク（または脚注）を追加するか、数値を削除してください。',
    },
    unsourcedStatistic: {
      en: '{{figures}} is a statistic with no link, footnote or citation in this paragraph or the {{window}} before it. Verify it and cite the source next to the figure.',
      ja: '{{figures}}は出典のない統計値です（この段落と直前{{window}}段落にリンク・脚注・出典表記がありません）。数値を確認し、出典を明記してください。',
    },
    unsourcedStatistics: {
      en: '{{figures}} are statistics with no link, footnote or citation in this paragraph or the {{window}} before it. Verify them and cite the source next to the figure.',
      ja: '{{figures}}は出典のない統計値です（この段落と直前{{window}}段落にリンク・脚注・出典表記がありません）。数値を確認し、出典を明記してください。',
    },
  },
  evidence: {
    error: 'A statistic of the title or excerpt (or, when they have none, of the lead paragraphs), stated in the body too, with no link, footnote or citation anywhere in the post.',
    warning: 'A statistic about the world (a market, a forecast, a survey, a share of companies or people) with no source in its paragraph or the sourceWindow before it, in a sentence that is not about the author\'s own work.',
    info: 'Any other statistic without a source nearby: the author\'s own measurements and results, or figures of speech (advice: cite where it comes from). A statistic is a measured or estimated quantity of the world: a share, a rate, a change, an amount of money, a count of people, companies or things. Never reported: specifications of a named thing (a model\'s context in tokens, its parameters, memory, power, a size label such as 120B) and price list entries (`$0.15/1M`, `月額1,500円`), which its maker publishes; years, dates, versions, ordinals and small counts.',
  },
  examples: {
    valid: [
      {
        name: 'a figure whose paragraph links its source',
        path: 'blog/posts/2021-05-04-prometheus-conformance-remote-write-compliance.md',
        text: '---\ntitle: Remote write compliance\n---\n\nThe [test suite](https://github.com/prometheus/compliance) passes 41% of its cases on the OpenTelemetry Collector.\n',
        source: 'written for the test after prometheus/docs blog/posts/2021-05-04-prometheus-conformance-remote-write-compliance.md (Apache-2.0)',
      },
      {
        name: 'a specification in the title is no statistic: context length and model sizes',
        path: '_posts/2025-09-05-1-084354.md',
        text: '---\ntitle: "主要AIモデルの進化: OpenAIはコンテキストウィンドウ256,000トークンの「GPT-5」を正式リリース"\n---\n\n**OpenAI GPT-5**:\nGPT-5は、前世代のGPT-4と比較して、コンテキストウィンドウが256,000トークンへと大幅に拡張されました。\n\n**OpenAI GPT-OSS (120B, 20B)**:\nGPT-OSSは、OpenAIがAI開発の民主化を掲げて公開したオープンウェイトモデルです。\n',
        source: 'ai-blog-system _posts/2025-09-05-1-084354.md lines 3, 19-23 (MIT), title shortened',
      },
      {
        name: 'a price list is no statistic',
        path: '_posts/2025-08-31-2-004839.md',
        text: '---\ntitle: "マルチモーダル・低コストモデルの台頭"\n---\n\n| 項目 | OpenAI | Google |\n|---|---|---|\n| **コスト** | GPT-4o mini: 入力$0.15/1M, 出力$0.60/1M | Gemini 2.5 Pro: 入力$7.00/1M, 出力$21.00/1M |\n',
        source: 'ai-blog-system _posts/2025-08-31-2-004839.md line 115 (MIT), two of five columns',
      },
    ],
    invalid: [
      {
        name: "a project's own benchmark figures are advice",
        path: 'blog/posts/2017-11-08-announcing-prometheus-2-0.md',
        text: '---\ntitle: Announcing Prometheus 2.0\n---\n\n* **Disk space usage** reduced to **33% - 50%** compared to Prometheus 1.8\n',
        findings: [{ line: 5, severity: 'info' }],
        source: 'prometheus/docs blog/posts/2017-11-08-announcing-prometheus-2-0.md line 29 (Apache-2.0)',
      },
      {
        name: "a charity's own financial report is advice",
        path: '_posts/blog/2015-02-18-vim_charity_financial_report_2014.md',
        text: '---\ntitle: Vim チャリティー決算報告 2014\n---\n\n[ICCF](http://iccf-holland.org/) の決算報告です。\n\n2014 年も多くの寄付をいただきました。\n\n寄付金のうちわずか 0.6% しかコストが掛かっていないということもうれしい限りです。\n',
        findings: [{ line: 9, severity: 'info' }],
        source: 'vim-jp.org _posts/blog/2015-02-18-vim_charity_financial_report_2014.md line 19 (CC BY 4.0), shortened',
      },
      {
        name: 'a market forecast with no source is a warning',
        path: '_posts/2025-08-31-5-004938.md',
        text: '---\ntitle: 日本市場のAI導入\n---\n\n[経済産業省](https://www.meti.go.jp/) の資料をもとに整理します。\n\n生成AIの導入が進んでいます。\n\n日本国内の生成AI市場は2024年に1,016億円を超え、2028年には8,028億円に達すると予測されています。\n',
        findings: [{ line: 9, severity: 'warning' }],
        source: 'ai-blog-system _posts/2025-08-31-5-004938.md line 11 (MIT), one sentence',
      },
    ],
  },
  check({ post, options, corpus }) {
    const pasted = detectPasted(post, options, corpus);
    const isPasted = (c: Claim) => overlapsDetection(pasted, c.offset, c.endOffset);
    const { claims, units, hasSourceAnywhere, cappedAtLine } = claimsOf(post);
    const reports: Report[] = [];
    if (cappedAtLine !== undefined) {
      reports.push({
        line: cappedAtLine,
        severity: 'warning',
        messageId: 'notChecked',
        data: { max: MAX_CLAIMS_PER_POST },
      });
    }
    const done = new Set<string>();
    const skip = (c: Claim) => pastedPattern(c) !== null || implausibleReason(c) !== null;
    // A heading announces a figure; the sentences under it state it, and they are what needs a source.
    const inHeading = (c: Claim) => units[c.unitIndex]?.block?.type === 'heading';
    const echoes = headlineEchoUnits(post);

    if (!hasSourceAnywhere) {
      const groups = new Map<string, Claim[]>();
      for (const claim of headlineClaims(post, isPasted, options.leadParagraphs)) {
        if (skip(claim)) continue;
        const key = valueKey(claim);
        const group = groups.get(key);
        if (group) group.push(claim);
        else groups.set(key, [claim]);
      }
      for (const [key, group] of groups) {
        // Reported where the body states it (not in a heading, not in the line that only echoes the
        // title): that is where a citation goes. Else at the headline's first place.
        const inBody = claims.find((c) => c.place === 'body' && valueKey(c) === key && !inHeading(c) && !echoes.has(c.unitIndex));
        const first = group[0]!;
        const anchor = inBody ?? first;
        const related: RelatedLocation[] = [];
        const lines = new Set([anchor.line]);
        for (const c of group) {
          if (lines.has(c.line)) continue;
          lines.add(c.line);
          related.push({ path: post.path, line: c.line, endLine: c.endLine, label: placeName(c).en });
        }
        const figure = quote(first);
        const here = inBody ? { en: ', stated here', ja: '、本文ではここ' } : { en: '', ja: '' };
        reports.push({
          ...at(anchor),
          severity: 'error',
          messageId: 'headlineUnsourced',
          data: { figure, place: placeName(first), here },
          related,
        });
        done.add(key);
      }
    }

    const sourced = sourcedUnits(units, options.sourceWindow);
    // A figure stated once with its source is sourced everywhere in the post.
    for (const claim of claims) if (claim.statistic && sourced(claim.unitIndex)) done.add(valueKey(claim));

    // A line that announces what follows (a bold label, `#` glued to its text, a line ending in a colon)
    // states a figure the prose under it usually restates: the figure is reported where the prose
    // states it, at the announcing line only when the prose never does.
    const announces = (c: Claim) => {
      const block = units[c.unitIndex]?.block;
      return block !== undefined && block.type === 'paragraph' && introduces(block);
    };
    const byUnit = new Map<number, Claim[]>();
    // Which claims announce is asked only of those that could be reported (`introduces` runs patterns).
    const stated: Claim[] = [];
    const announced: Claim[] = [];
    for (const claim of claims) {
      if (claim.place !== 'body' || !claim.statistic || sourced(claim.unitIndex) || skip(claim) || inHeading(claim)) continue;
      (announces(claim) ? announced : stated).push(claim);
    }
    for (const claim of [...stated, ...announced]) {
      const key = valueKey(claim);
      if (done.has(key)) continue;
      done.add(key);
      const group = byUnit.get(claim.unitIndex);
      if (group) group.push(claim);
      else byUnit.set(claim.unitIndex, [claim]);
    }
    const labels = new Set<string>();
    if (options.footnotePlaceholder) for (const m of post.text.matchAll(/\[\^([^\]\s]{1,64})\]/g)) labels.add(m[1]!);
    for (const [unitIndex, group] of byUnit) {
      const first = group[0]!;
      const listed = group.slice(0, 5);
      const more = group.length > listed.length ? ` (+${group.length - listed.length})` : '';
      const figures = listed.map((c) => `"${quote(c)}"`).join(', ') + more;
      const figuresJa = listed.map((c) => `「${quote(c)}」`).join('、') + more;
      const unit = units[unitIndex]!;
      const aboutTheWorld = group.some((c) => {
        const sentence = sentenceOf(unit, c);
        return THIRD_PARTY.test(sentence) && !OWN_WORK.test(sentence);
      });
      const report: Report = {
        ...at(first),
        severity: aboutTheWorld ? 'warning' : 'info',
        messageId: group.length > 1 ? 'unsourcedStatistics' : 'unsourcedStatistic',
        data: { figures: { en: figures, ja: figuresJa }, window: options.sourceWindow },
      };
      if (options.footnotePlaceholder) {
        const fix = footnotePlaceholderFix(post, units[unitIndex]!, first, labels);
        if (fix) report.fix = fix;
      }
      reports.push(report);
    }
    return reports;
  },
});
