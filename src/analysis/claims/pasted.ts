import type { Corpus } from '../corpus/corpus.js';
import { memoKey } from '../../core/memo.js';
import type { Post } from '../../post/post.js';
import { pastedPattern, recurringFixClass } from './grammar.js';
import { figurePhrase, otherOccurrences } from './phrase-index.js';
import { claimsOf } from './post-claims.js';
import { foldWidth } from './width.js';

export type How = 'substitution' | 'comparative-share' | 'no-quantity' | 'recurring';

export interface Detection {
  how: How;
  line: number;
  start: number;
  end: number;
  /** Text replacing start..end in the fix; null when no safe rewrite exists. */
  replacement: string | null;
  /** The pasted phrase and the plain wording, for the message. */
  phrase: string;
  plain: string;
  others?: number;
}

export interface PastedOptions {
  /** Figure phrase → the plain phrase it replaced. */
  substitutions: Record<string, string>;
  recurringMinPosts: number;
}

/**
 * Every pasted figure of the post's body (see claims/pasted-statistic), one detection per span, found
 * three ways: grammar, recurrence across the corpus, configured substitutions (the first that finds
 * a span wins, in that order). Non-overlapping, sorted by offset.
 */
export function detectPasted(post: Post, options: PastedOptions, corpus: Corpus): Detection[] {
  // Two rules ask for the same post in a row (pasted-statistic, unsourced): computed once.
  return post.memo.get(PASTED, [options.substitutions, options.recurringMinPosts, corpus, corpus.size], () => computePasted(post, options, corpus));
}

const PASTED = memoKey<Detection[]>('pasted figures');

function computePasted(post: Post, options: PastedOptions, corpus: Corpus): Detection[] {
  const { claims, units } = claimsOf(post);
  const detections: Detection[] = [];
  const text = post.text;

  for (const claim of claims) {
    if (claim.place !== 'body') continue;
    const pattern = pastedPattern(claim);
    if (pattern === 'comparative-share') {
      // より75%以上の企業 → より多くの企業 (the の stays).
      detections.push({ how: pattern, line: claim.line, start: claim.offset, end: claim.endOffset, replacement: '多く', phrase: `${claim.text}の`, plain: '多くの' });
      continue;
    }
    if (pattern === 'no-quantity') {
      const glued = text[claim.endOffset] === 'の';
      detections.push({
        how: pattern,
        line: claim.line,
        start: claim.offset,
        end: claim.endOffset + (glued ? 1 : 0),
        replacement: glued ? '大幅な' : null,
        phrase: `${claim.text}の`,
        plain: '大幅な',
      });
      continue;
    }
    const fixClass = recurringFixClass(claim);
    const phrase = fixClass ? figurePhrase(claim) : null;
    if (!fixClass || phrase === null) continue;
    const others = new Set(otherOccurrences(corpus, phrase, post.path).map((o) => o.path)).size;
    if (others < options.recurringMinPosts) continue;
    if (fixClass === 'population') {
      detections.push({ how: 'recurring', line: claim.line, start: claim.offset, end: claim.endOffset, replacement: '多く', phrase, plain: '多くの', others });
    } else {
      const start = text.slice(claim.offset - 2, claim.offset) === '年率' ? claim.offset - 2 : claim.offset;
      const glued = text[claim.endOffset] === 'の';
      detections.push({
        how: 'recurring',
        line: claim.line,
        start,
        end: claim.endOffset + (glued ? 1 : 0),
        replacement: glued ? '高い' : null,
        phrase,
        plain: '高い',
        others,
      });
    }
  }

  const substitutions = Object.entries(options.substitutions)
    .map(([phrase, plain]) => [foldWidth(phrase), plain] as const)
    .filter(([phrase]) => phrase.length > 0);
  if (substitutions.length > 0) {
    for (const unit of units) {
      if (unit.place !== 'body') continue;
      const folded = unit.folded;
      for (const [phrase, plain] of substitutions) {
        for (let i = folded.indexOf(phrase); i >= 0; i = folded.indexOf(phrase, i + phrase.length)) {
          if (/^[\d.]/.test(phrase) && /[\d.,]/.test(folded[i - 1] ?? '')) continue;
          const start = unit.start + i;
          const end = start + phrase.length;
          const line = post.lines.lineAt(start);
          if (post.lines.lineAt(end - 1) !== line) continue;
          detections.push({ how: 'substitution', line, start, end, replacement: plain, phrase: text.slice(start, end), plain });
        }
      }
    }
  }

  // One defect, one detection: on overlapping spans the earlier way wins (grammar and recurrence, then
  // substitutions). A sweep over the spans sorted by start, then by that order: linear after sorting.
  const order = new Map(detections.map((d, i) => [d, i]));
  detections.sort((a, b) => a.start - b.start || order.get(a)! - order.get(b)!);
  const kept: Detection[] = [];
  let end = -1;
  for (const d of detections) {
    if (d.start < end) continue;
    kept.push(d);
    end = d.end;
  }
  return kept;
}

/** True when `start..end` overlaps one of `detections` (sorted, non-overlapping): a binary search. */
export function overlapsDetection(detections: readonly Detection[], start: number, end: number): boolean {
  let lo = 0;
  let hi = detections.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (detections[mid]!.start < end) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found >= 0 && detections[found]!.end > start;
}
