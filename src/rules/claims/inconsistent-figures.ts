import { defineRule, type Report } from '../rule.js';
import { valueKey } from '../../analysis/claims/extract.js';
import { claimsOf, type Claim } from '../../analysis/claims/post-claims.js';
import { at, quote } from './shared.js';

const WORD = '[\\p{sc=Han}\\p{sc=Katakana}ーA-Za-z]';
// The noun before the figure: 「性能を」20%, 売上が約20%, シェアは20%.
const HEAD = new RegExp(`(${WORD}{2,8})(?:が|を|は|も|の|で)?[「『(（"“\\s]*(?:約|最大|およそ|最大で)?$`, 'u');
// The noun after it: 20%の性能向上, 2倍」高速化, 20%削減.
const TAIL = new RegExp(`^[」』)）"”\\s]*(?:の|も)?(${WORD}{2,8})`, 'u');

/** Subject of a figure: the noun before it and the noun after it, both required (e.g. 性能|向上). */
export function subjectOf(claim: Claim): string | null {
  const head = HEAD.exec(claim.before.slice(-14))?.[1];
  const tail = TAIL.exec(claim.after)?.[1];
  if (!head || !tail) return null;
  return `${claim.kind}|${claim.unit}|${head}|${tail}`;
}

/**
 * The same subject given different values in the body (`コストを30%削減` here, `コストを40%削減` there).
 * The subject is the noun before the figure and the noun after it, both required: without them two
 * figures may well measure different things, and a warning would be noise. Title and excerpt are left to
 * `claims/headline-unsupported`. Once per subject, at the first figure that disagrees with the first.
 */
export default defineRule({
  id: 'claims/inconsistent-figures',
  category: 'claims',
  defaultSeverity: 'warning',
  description: {
    en: 'The same subject is given different figures in different places of the post.',
    ja: '記事内で同じ対象に異なる数値が示されている。',
  },
  check({ post }) {
    const firstBySubject = new Map<string, Claim>();
    const reported = new Set<string>();
    const reports: Report[] = [];
    for (const claim of claimsOf(post).claims) {
      if (claim.place !== 'body' || !claim.statistic) continue;
      const subject = subjectOf(claim);
      if (subject === null || reported.has(subject)) continue;
      const first = firstBySubject.get(subject);
      if (!first) {
        firstBySubject.set(subject, claim);
        continue;
      }
      // Two values in one paragraph are mostly a contrast (GPU 20%, CPU 16%), not a contradiction.
      if (valueKey(first) === valueKey(claim) || first.unitIndex === claim.unitIndex) continue;
      reported.add(subject);
      const [, , head, tail] = subject.split('|');
      reports.push({
        ...at(claim),
        message: {
          en: `"${head} … ${tail}" is "${quote(claim)}" here but "${quote(first)}" on line ${first.line}. Verify the figure against the source and use one value (or say why they differ).`,
          ja: `「${head}…${tail}」がここでは「${quote(claim)}」、${first.line}行目では「${quote(first)}」です。出典で数値を確認して統一するか、違う理由を明記してください。`,
        },
        related: [{ path: post.path, line: first.line, endLine: first.endLine, label: quote(first) }],
      });
    }
    return reports;
  },
});
