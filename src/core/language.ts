import type { Language } from './finding.js';

/** Kana, CJK ideographs (extension A, unified, compatibility) and half-width katakana, as UTF-16 code units. */
export function isCjkCode(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff66 && c <= 0xff9f)
  );
}

/** Number of CJK characters (see `isCjkCode`) in `text[from, to)`: a char-code loop, no regex matches. */
export function countCjk(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3040 && isCjkCode(c)) n++;
  }
  return n;
}

const LATIN_LETTER = 1;
const CJK = 2;
/** `isCjkCode`'s ranges (inclusive), for the tables filled from them (test/text/char-tables.test.ts holds the two together). */
export const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x3040, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xff66, 0xff9f],
];

/**
 * By UTF-16 code unit: LATIN_LETTER ([A-Za-z]), CJK (`isCjkCode`) or 0; one table load per character read.
 * Filled by range (a loop over the 65,536 units cost milliseconds of every start-up).
 */
const LETTER_KIND = new Uint8Array(0x10000).fill(LATIN_LETTER, 65, 91).fill(LATIN_LETTER, 97, 123);
for (const [from, to] of CJK_RANGES) LETTER_KIND.fill(CJK, from, to + 1);

/** Characters `detectLanguage` reads at most. */
const LANGUAGE_SAMPLE = 20000;
const DECIDED_CHECK_EVERY = 512;

/**
 * 'ja' when CJK characters make up a fair share of the letters of the first `LANGUAGE_SAMPLE` characters
 * (a sixth of the Latin letters: Japanese posts quote many English names).
 */
export function detectLanguage(text: string): Language {
  const end = Math.min(text.length, LANGUAGE_SAMPLE);
  let cjk = 0;
  let latin = 0;
  for (let i = 0; i < end; ) {
    const stop = Math.min(end, i + DECIDED_CHECK_EVERY);
    // Counted without a branch (LATIN_LETTER is bit 0, CJK bit 1): Japanese text mixes the kinds at every
    // few characters, and the branches' mispredictions cost ~40% of the loop.
    for (; i < stop; i++) {
      const kind = LETTER_KIND[text.charCodeAt(i)]!;
      latin += kind & LATIN_LETTER;
      cjk += kind >> 1;
    }
    // Stop once the rest of the sample cannot change the answer, whatever it holds: all Latin letters
    // would not outweigh the CJK already read, or all CJK would not reach the Latin (every post is read
    // twice, and a Japanese post is decided within its first few thousand characters; ~240 ms a site).
    const rest = end - i;
    if (cjk > 0 && 6 * cjk >= latin + rest) return 'ja';
    if (6 * (cjk + rest) < latin) return 'en';
  }
  return cjk > 0 && 6 * cjk >= latin ? 'ja' : 'en';
}

/** True when the string contains Japanese/Chinese characters (per-string, e.g. a title). */
export function hasCjk(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/u.test(text);
}
