import type { Corpus } from '../corpus/corpus.js';
import { memoKey } from '../../core/memo.js';
import type { Post } from '../../post/post.js';
import { pastedPattern, recurringFixClass } from './grammar.js';
import { figurePhrase, otherOccurrences } from './phrase-index.js';
import { claimsOf, type Claim, type ScannedUnit } from './post-claims.js';
import { foldedCode, foldWidth } from './width.js';

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

/**
 * The detections of `detectPasted`. `prescan: false` searches every body unit for every substitution (no
 * key-character gate), for the test that holds the gated search to it on real posts.
 *
 * Kept in small functions: V8 compiles a hot function with everything it inlines, and this one is
 * compiled again after each deoptimisation (30–70 ms each time, 6 times per thread, when it held every branch).
 */
export function computePasted(post: Post, options: PastedOptions, corpus: Corpus, prescan = true): Detection[] {
  const { claims, units } = claimsOf(post);
  const detections: Detection[] = [];
  for (const claim of claims) {
    // Both ways read percentages only (`pastedPattern`, `recurringFixClass`).
    if (claim.place !== 'body' || claim.kind !== 'percent') continue;
    const detection = grammarDetection(post.text, claim) ?? recurringDetection(post, claim, options.recurringMinPosts, corpus);
    if (detection !== null) detections.push(detection);
  }
  const substitutions = preparedSubstitutions(options.substitutions);
  if (substitutions.length > 0) substitutionDetections(post, units, substitutions, detections, prescan);
  return withoutOverlaps(detections);
}

/** The pasted shapes read from the grammar around the figure (`pastedPattern`), or null. */
function grammarDetection(text: string, claim: Claim): Detection | null {
  const pattern = pastedPattern(claim);
  if (pattern === 'comparative-share') {
    // より75%以上の企業 → より多くの企業 (the の stays).
    return { how: pattern, line: claim.line, start: claim.offset, end: claim.endOffset, replacement: '多く', phrase: `${claim.text}の`, plain: '多くの' };
  }
  if (pattern === 'no-quantity') {
    const glued = text[claim.endOffset] === 'の';
    return {
      how: pattern,
      line: claim.line,
      start: claim.offset,
      end: claim.endOffset + (glued ? 1 : 0),
      replacement: glued ? '大幅な' : null,
      phrase: `${claim.text}の`,
      plain: '大幅な',
    };
  }
  return null;
}

/** A figure phrase found in at least `minPosts` other posts of the corpus, or null. */
function recurringDetection(post: Post, claim: Claim, minPosts: number, corpus: Corpus): Detection | null {
  const fixClass = recurringFixClass(claim);
  const phrase = fixClass ? figurePhrase(claim) : null;
  if (!fixClass || phrase === null) return null;
  const others = new Set(otherOccurrences(corpus, phrase, post.path).map((o) => o.path)).size;
  if (others < minPosts) return null;
  if (fixClass === 'population') {
    return { how: 'recurring', line: claim.line, start: claim.offset, end: claim.endOffset, replacement: '多く', phrase, plain: '多くの', others };
  }
  const text = post.text;
  const start = text.slice(claim.offset - 2, claim.offset) === '年率' ? claim.offset - 2 : claim.offset;
  const glued = text[claim.endOffset] === 'の';
  return {
    how: 'recurring',
    line: claim.line,
    start,
    end: claim.endOffset + (glued ? 1 : 0),
    replacement: glued ? '高い' : null,
    phrase,
    plain: '高い',
    others,
  };
}

/** A configured substitution: the phrase folded, the plain wording, and the key its search is gated by. */
interface Substitution {
  phrase: string;
  plain: string;
  /**
   * A code unit of the phrase other than a space (`keyOf`), or null when it is all spaces. Every code unit
   * of a unit's folded text is a space (blanked) or the fold of the post text's unit at that offset, so
   * the phrase is in a unit only where the post text holds the key or a unit folding to it.
   */
  key: number | null;
}

const PREPARED = new WeakMap<Record<string, string>, Substitution[]>();

/** The substitutions folded, empty phrases left out; prepared once per options object. */
function preparedSubstitutions(substitutions: Record<string, string>): Substitution[] {
  let prepared = PREPARED.get(substitutions);
  if (prepared === undefined) {
    prepared = Object.entries(substitutions)
      .map(([phrase, plain]) => ({ phrase: foldWidth(phrase), plain }))
      .filter(({ phrase }) => phrase.length > 0)
      .map(({ phrase, plain }) => ({ phrase, plain, key: keyOf(phrase) }));
    PREPARED.set(substitutions, prepared);
  }
  return prepared;
}

const SPACE = 0x20;
/** ASCII but a space, a letter or a digit: `%`, `$`, `#`. */
const isAsciiSymbol = (c: number): boolean => c > SPACE && c < 0x7f && !/[0-9A-Za-z]/.test(String.fromCharCode(c));

/**
 * The code unit of a folded phrase its search is gated by, the rarest kind in prose first: an ASCII symbol
 * (`%` of `300%の`), another ASCII unit (a digit), any unit but a space. Null for a phrase of spaces.
 */
function keyOf(phrase: string): number | null {
  const codes = Array.from({ length: phrase.length }, (_, i) => phrase.charCodeAt(i)).filter((c) => c !== SPACE);
  return codes.find(isAsciiSymbol) ?? codes.find((c) => c < 0x80) ?? codes[0] ?? null;
}

/** The code units `foldWidth` turns into `key` (a folded unit), itself first. */
function unitsFoldingTo(key: number): number[] {
  return [key, key + 0xfee0, 0xffe5].filter((c, i) => i === 0 || foldedCode(c) === key);
}

/**
 * Every occurrence of a substitution phrase in the body units, appended to `detections`. A unit is searched
 * for a phrase only when the post text holds its key character in the unit's span: on the site head, the
 * three default phrases were 62 ms of a one-thread check searched in each of the 96,041 units.
 */
function substitutionDetections(post: Post, units: readonly ScannedUnit[], substitutions: readonly Substitution[], detections: Detection[], prescan: boolean): void {
  const text = post.text;
  const keyOffsets = new Map<number, number[]>();
  if (prescan) for (const { key } of substitutions) if (key !== null && !keyOffsets.has(key)) keyOffsets.set(key, offsetsOf(text, unitsFoldingTo(key)));
  for (const unit of units) {
    if (unit.place !== 'body') continue;
    const folded = unit.folded;
    for (const { phrase, plain, key } of substitutions) {
      if (prescan && key !== null && !anyWithin(keyOffsets.get(key)!, unit.start, unit.end)) continue;
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

/** The offsets of `text` that hold one of `codes`, ascending. */
function offsetsOf(text: string, codes: readonly number[]): number[] {
  const offsets: number[] = [];
  for (const code of codes) {
    const character = String.fromCharCode(code);
    for (let i = text.indexOf(character); i >= 0; i = text.indexOf(character, i + 1)) offsets.push(i);
  }
  return codes.length > 1 ? offsets.sort((a, b) => a - b) : offsets;
}

/** True when one of `offsets` (ascending) is in `start..end` (half-open): a binary search. */
function anyWithin(offsets: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < offsets.length && offsets[lo]! < end;
}

/**
 * One defect, one detection: on overlapping spans the earlier way wins (grammar and recurrence, then
 * substitutions). A sweep over the spans sorted by start (a stable sort: found order among equal starts):
 * linear after sorting.
 */
function withoutOverlaps(detections: Detection[]): Detection[] {
  detections.sort((a, b) => a.start - b.start);
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
