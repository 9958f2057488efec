import type { RelatedLocation } from '../../core/finding.js';
import { defineRule, type Report } from '../rule.js';
import { valueKey } from '../../analysis/claims/extract.js';
import { implausibleReason, pastedPattern } from '../../analysis/claims/grammar.js';
import { detectPasted, overlapsDetection } from '../../analysis/claims/pasted.js';
import { MAX_CLAIMS_PER_POST, claimsOf, headlineClaims, type Claim } from '../../analysis/claims/post-claims.js';
import { at, footnotePlaceholderFix, placeName, quote } from './shared.js';

/**
 * A statistic with no source nearby. Two levels:
 * - the headline figure (title/excerpt, else the lead paragraphs) when the post has no link, footnote
 *   or citation anywhere → error, once per figure, at its first place, the other places in `related`;
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
  description: {
    en: 'A statistic without a link, footnote or citation near it; the headline figure without any source in the post.',
    ja: '近くにリンク・脚注・出典のない統計値、および記事内のどこにも出典のない見出しの数値。',
  },
  check({ post, config, repository }) {
    const options = config.claims;
    const pasted = detectPasted(post, options, repository);
    const isPasted = (c: Claim) => overlapsDetection(pasted, c.offset, c.endOffset);
    const { claims, units, hasSourceAnywhere, cappedAtLine } = claimsOf(post);
    const reports: Report[] = [];
    if (cappedAtLine !== undefined) {
      reports.push({
        line: cappedAtLine,
        severity: 'warning',
        message: {
          en: `More than ${MAX_CLAIMS_PER_POST} figures in this post; figures from this line on were not checked for sources.`,
          ja: `この記事には数値が ${MAX_CLAIMS_PER_POST} 個を超えて含まれています。この行以降の数値は出典を確認していません。`,
        },
      });
    }
    const done = new Set<string>();
    const skip = (c: Claim) => pastedPattern(c) !== null || implausibleReason(c) !== null;

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
        const first = group[0]!;
        const related: RelatedLocation[] = [];
        const lines = new Set([first.line]);
        for (const c of group) {
          if (lines.has(c.line)) continue;
          lines.add(c.line);
          related.push({ path: post.path, line: c.line, endLine: c.endLine, label: placeName(c).en });
        }
        const inBody = claims.find((c) => c.place === 'body' && valueKey(c) === key && !lines.has(c.line));
        if (inBody && first.place !== 'body') related.push({ path: post.path, line: inBody.line, endLine: inBody.endLine, label: 'body' });
        const figure = quote(first);
        reports.push({
          ...at(first),
          severity: 'error',
          message: {
            en: `The headline figure "${figure}" (${placeName(first).en}) has no source anywhere in the post. Verify it and add a link to the original announcement or data (or a footnote), or remove the figure.`,
            ja: `見出しの数値「${figure}」（${placeName(first).ja}）の出典が記事内のどこにもありません。数値を確認し、元の発表やデータへのリンク（または脚注）を追加するか、数値を削除してください。`,
          },
          related,
        });
        done.add(key);
      }
    }

    const body = units.filter((u) => u.place === 'body' && u.block?.type !== 'heading');
    const sourced = new Set<number>();
    body.forEach((unit, i) => {
      for (let k = Math.max(0, i - options.sourceWindow); k <= i; k++) {
        if (body[k]!.hasSource) {
          sourced.add(unit.index);
          break;
        }
      }
    });
    // A figure stated once with its source is sourced everywhere in the post.
    for (const claim of claims) if (claim.statistic && sourced.has(claim.unitIndex)) done.add(valueKey(claim));

    const byUnit = new Map<number, Claim[]>();
    for (const claim of claims) {
      if (claim.place !== 'body' || !claim.statistic || sourced.has(claim.unitIndex) || skip(claim)) continue;
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
      const report: Report = {
        ...at(first),
        message: {
          en: `${figures} ${group.length > 1 ? 'are statistics' : 'is a statistic'} with no link, footnote or citation in this paragraph or the ${options.sourceWindow} before it. Verify ${group.length > 1 ? 'them' : 'it'} and cite the source next to the figure.`,
          ja: `${figuresJa}は出典のない統計値です（この段落と直前${options.sourceWindow}段落にリンク・脚注・出典表記がありません）。数値を確認し、出典を明記してください。`,
        },
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
