/**
 * Reading-time arithmetic shared by the reading_time rule: CJK characters and Latin words are counted
 * separately (Japanese has no spaces between words) and read at their own speeds.
 *
 * Counting is one char-code pass (no regex match objects): CJK characters are those of `isCjkCode`; a
 * Latin word is a run of [A-Za-z0-9\u00c0-\u024f], optionally joined by an apostrophe or hyphen that is
 * followed by another such run (what the regex /[…]+(?:['’-][…]+)*\/g counted before).
 */
import { isCjkCode } from '../core/language.js';

const URL = /\b(?:https?|ftp):\/\/[^\s)\]>"'）」]+/g;

export interface TextCounts {
  cjkChars: number;
  latinWords: number;
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f);
}

export function countReadableText(text: string): TextCounts {
  const withoutUrls = text.includes('://') ? text.replace(URL, ' ') : text;
  let cjkChars = 0;
  let latinWords = 0;
  const len = withoutUrls.length;
  let i = 0;
  while (i < len) {
    const c = withoutUrls.charCodeAt(i);
    if (isWordCode(c)) {
      latinWords++;
      i++;
      for (;;) {
        while (i < len && isWordCode(withoutUrls.charCodeAt(i))) i++;
        const j = withoutUrls.charCodeAt(i);
        if ((j === 39 || j === 0x2019 || j === 45) && i + 1 < len && isWordCode(withoutUrls.charCodeAt(i + 1))) i += 2;
        else break;
      }
      continue;
    }
    if (c >= 0x3040 && isCjkCode(c)) cjkChars++;
    i++;
  }
  return { cjkChars, latinWords };
}

/** Minutes, rounded up, at least 1 (a post always takes a minute). */
export function readingMinutes(counts: TextCounts, cjkCharsPerMinute: number, latinWordsPerMinute: number): number {
  const minutes = counts.cjkChars / cjkCharsPerMinute + counts.latinWords / latinWordsPerMinute;
  return Math.max(1, Math.ceil(minutes));
}
