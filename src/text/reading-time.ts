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
/** `'`, `’` and `-`: they join two runs of word characters into one word. */
const JOINER = 4;
/**
 * By UTF-16 code unit: WORD (`isWordCode`), CJK (`isCjkCode`), JOINER or 0. One table load per character
 * instead of up to nine range tests: the count reads every character of every post's body. Filled by range.
 */
const CLASS = new Uint8Array(0x10000).fill(WORD, 97, 123).fill(WORD, 65, 91).fill(WORD, 48, 58).fill(WORD, 0xc0, 0x250);
for (const [from, to] of CJK_RANGES) CLASS.fill(CJK, from, to + 1);
CLASS[39] = JOINER;
CLASS[0x2019] = JOINER;
CLASS[45] = JOINER;

export function countReadableText(text: string): TextCounts {
  const withoutUrls = text.includes('://') ? text.replace(URL, ' ') : text;
  let cjkChars = 0;
  let latinWords = 0;
  for (let from = 0; from < withoutUrls.length; from += CHUNK) {
    const counts = countChunk(withoutUrls, from, Math.min(from + CHUNK, withoutUrls.length));
    cjkChars += Math.floor(counts / PACK);
    latinWords += counts % PACK;
  }
  return { cjkChars, latinWords };
}

/**
 * Characters counted per call of `countChunk`; its two counts (each at most this) are packed in one number
 * that stays a 32-bit integer (a larger one deoptimised the compiled loop on its first overflow).
 */
const CHUNK = 0x4000;
const PACK = 0x8000;

/**
 * The CJK characters and the words that start in `text[from, to)`, packed: CJK × `PACK` + words. Without a
 * branch per character: a word starts at a word character that follows neither a word character nor a
 * joiner right after one (a joiner joins only when a word character follows it, so the word before it and
 * the run after it are one word exactly then). Branching on each character's class mispredicted on mixed
 * Japanese and Latin text: the site head's bodies (19.1 M characters) 80 → 51 ms. One number out and no
 * store: V8 compiles the loop on stack replacement during the first call, and code after the loop that
 * had not run yet (stores to a counts object) deoptimised it at every call's end.
 */
function countChunk(text: string, from: number, to: number): number {
  const before = from > 0 ? CLASS[text.charCodeAt(from - 1)]! : 0;
  let previousWord = before & WORD;
  let previousJoiner = before >> 2;
  let wordBeforePrevious = from > 1 ? CLASS[text.charCodeAt(from - 2)]! & WORD : 0;
  let cjkChars = 0;
  let latinWords = 0;
  for (let i = from; i < to; i++) {
    const kind = CLASS[text.charCodeAt(i)]!;
    const word = kind & WORD;
    cjkChars += (kind >> 1) & 1;
    latinWords += word & ~(previousWord | (previousJoiner & wordBeforePrevious));
    wordBeforePrevious = previousWord;
    previousWord = word;
    previousJoiner = kind >> 2;
  }
  return cjkChars * PACK + latinWords;
}

/** Minutes, rounded up, at least 1 (a post always takes a minute). */
export function readingMinutes(counts: TextCounts, cjkCharsPerMinute: number, latinWordsPerMinute: number): number {
  const minutes = counts.cjkChars / cjkCharsPerMinute + counts.latinWords / latinWordsPerMinute;
  return Math.max(1, Math.ceil(minutes));
}
