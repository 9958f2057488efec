/**
 * Reading-time arithmetic shared by the reading_time rule: CJK characters and Latin words are counted
 * separately (Japanese has no spaces between words) and read at their own speeds.
 */
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/gu;
// A word: letters/digits, optionally joined by an apostrophe or hyphen. Linear: each joiner must be
// followed by a letter, so the repetition cannot overlap.
const LATIN_WORD = /[A-Za-z0-9\u00c0-\u024f]+(?:['’-][A-Za-z0-9\u00c0-\u024f]+)*/g;
const URL = /\b(?:https?|ftp):\/\/[^\s)\]>"'）」]+/g;

export interface TextCounts {
  cjkChars: number;
  latinWords: number;
}

export function countReadableText(text: string): TextCounts {
  const withoutUrls = text.replace(URL, ' ');
  let cjkChars = 0;
  for (const _ of withoutUrls.matchAll(CJK_CHAR)) cjkChars++;
  let latinWords = 0;
  for (const _ of withoutUrls.matchAll(LATIN_WORD)) latinWords++;
  return { cjkChars, latinWords };
}

/** Minutes, rounded up, at least 1 (a post always takes a minute). */
export function readingMinutes(counts: TextCounts, cjkCharsPerMinute: number, latinWordsPerMinute: number): number {
  const minutes = counts.cjkChars / cjkCharsPerMinute + counts.latinWords / latinWordsPerMinute;
  return Math.max(1, Math.ceil(minutes));
}
