/**
 * Reading-time arithmetic shared by the reading_time rule: CJK characters and Latin words are counted
 * separately (Japanese has no spaces between words) and read at their own speeds.
 *
 * Counting is one char-code pass (no regex match objects): CJK characters are those of `isCjkCode`; a
 * Latin word is a run of [A-Za-z0-9\u00c0-\u024f], optionally joined by an apostrophe or hyphen that is
 * followed by another such run (what the regex /[…]+(?:['’-][…]+)*\/g counted before).
 */
import { CJK_RANGES } from '../core/language.js';

const URL = /\b(?:https?|ftp):\/\/[^\s)\]>"'）」]+/g;

export interface TextCounts {
  cjkChars: number;
  latinWords: number;
}

/** A Latin word character: [A-Za-z0-9\u00c0-\u024f]. */
export function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f);
}

const WORD = 1;
const CJK = 2;
/**
 * By UTF-16 code unit: WORD (`isWordCode`), CJK (`isCjkCode`) or 0. One table load per character instead
 * of up to nine range tests: the count reads every character of every post's body. Filled by range.
 */
const CLASS = new Uint8Array(0x10000).fill(WORD, 97, 123).fill(WORD, 65, 91).fill(WORD, 48, 58).fill(WORD, 0xc0, 0x250);
for (const [from, to] of CJK_RANGES) CLASS.fill(CJK, from, to + 1);

export function countReadableText(text: string): TextCounts {
  const withoutUrls = text.includes('://') ? text.replace(URL, ' ') : text;
  let cjkChars = 0;
  let latinWords = 0;
  const len = withoutUrls.length;
  let i = 0;
  while (i < len) {
    const kind = CLASS[withoutUrls.charCodeAt(i)];
    if (kind === WORD) {
      latinWords++;
      i++;
      for (;;) {
        while (i < len && CLASS[withoutUrls.charCodeAt(i)] === WORD) i++;
        const j = withoutUrls.charCodeAt(i);
        if ((j === 39 || j === 0x2019 || j === 45) && i + 1 < len && CLASS[withoutUrls.charCodeAt(i + 1)] === WORD) i += 2;
        else break;
      }
      continue;
    }
    if (kind === CJK) cjkChars++;
    i++;
  }
  return { cjkChars, latinWords };
}

/** Minutes, rounded up, at least 1 (a post always takes a minute). */
export function readingMinutes(counts: TextCounts, cjkCharsPerMinute: number, latinWordsPerMinute: number): number {
  const minutes = counts.cjkChars / cjkCharsPerMinute + counts.latinWords / latinWordsPerMinute;
  return Math.max(1, Math.ceil(minutes));
}
