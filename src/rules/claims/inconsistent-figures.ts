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
function subjectOf(claim: Claim): string | null {
  // The anchored noun after first: HEAD, anchored at the end, is tried from every position of the text before.
  const tail = TAIL.exec(claim.after)?.[1];
  if (!tail) return null;
  const head = HEAD.exec(claim.before.slice(-14))?.[1];
  if (!head) return null;
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
  messages: {
    inconsistent: {
      en: '"{{head}} … {{tail}}" is "{{here}}" here but "{{there}}" on line {{line}}. Verify the figure against the source and use one value (or say why they differ).',
      ja: '「{{head}}…{{tail}}」がここでは「{{here}}」、{{line}}行目では「{{there}}」です。出典で数値を確認して統一するか、違う理由を明記してください。',
    },
  },
  evidence: {
    warning:
      'Two body paragraphs give one subject (the same noun before and after the figure, both required) different values of the same kind and unit. Two values inside one paragraph are a contrast, not a contradiction.',
  },
  examples: {
    valid: [
      {
        name: 'two values in one paragraph are a contrast',
        source: 'ai-blog-system _posts/2025-09-27-1-snapdragon-8-elite-gen-5ai-npu-37.md lines 18 and 22, cut and joined (MIT)',
        text: '---\ntitle: x\n---\n\nNPUは電力効率も16%向上しているというから驚きです。GPUは23%高速化され電力効率も20%向上しました。\n',
      },
    ],
    invalid: [
      {
        name: 'one subject, two values in two paragraphs',
        source: 'ai-blog-system _posts/2025-09-27-1-snapdragon-8-elite-gen-5ai-npu-37.md lines 18 and 22, cut (MIT)',
        text: '---\ntitle: x\n---\n\n3nmという最先端の製造プロセスを採用し、電力効率も16%向上しているというから驚きです。\n\nもちろん、QualcommはNPUだけでなく、第3世代のOryon CPU（最大4.6GHz）や、23%高速化され電力効率も20%向上したAdreno GPU、そして新しいAdreno High Performance Memory (HPM) など、SoC全体の性能を底上げしています。\n',
        findings: [{ line: 7, severity: 'warning' }],
      },
    ],
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
      const [, , head = '', tail = ''] = subject.split('|');
      reports.push({
        ...at(claim),
        messageId: 'inconsistent',
        data: { head, tail, here: quote(claim), there: quote(first), line: first.line },
        related: [{ path: post.path, line: first.line, endLine: first.endLine, label: quote(first) }],
      });
    }
    return reports;
  },
});
