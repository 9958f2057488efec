import type { Language } from '../core/finding.js';

// Characters a complete Japanese sentence may end with (closing quotes/brackets after 。 included).
const JA_FINAL = /[。．！？!?」』）)】〕〉》…‥.:：♪〜~ｗw"”'’*＊]$/u;
// English: sentence punctuation, optionally followed by closing quotes/brackets/emphasis.
const EN_FINAL = /[.!?:;…]["'”’)\]*_]*$|["”’)\]]$/u;

/** True when `text` (trimmed) ends where a sentence may end in `language`. Emoji count as an end. */
export function endsSentence(text: string, language: Language): boolean {
  const trimmed = text.trimEnd();
  if (trimmed === '') return true;
  if (/\p{Extended_Pictographic}$/u.test(trimmed)) return true;
  return language === 'ja' ? JA_FINAL.test(trimmed) || EN_FINAL.test(trimmed) : EN_FINAL.test(trimmed);
}

const TERMINATORS = new Set(['。', '！', '？', '!', '?']);
const CLOSERS = new Set(['」', '』', '）', ')', '"', '”', '’']);

/**
 * Splits text into sentences, keeping their final punctuation (and the closing quotes after it).
 * A line break ends a sentence; a `.` ends one only before whitespace or the end (so `1.5` and `v2.0`
 * stay whole); `「…か？」と思った。` is one sentence (a quote followed by と/って/、 goes on).
 * One linear pass.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const push = (end: number) => {
    const sentence = text.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    let j = -1;
    if (TERMINATORS.has(c)) {
      j = i + 1;
      while (j < text.length && TERMINATORS.has(text[j]!)) j++;
      const afterTerminators = j;
      while (j < text.length && CLOSERS.has(text[j]!)) j++;
      if (j > afterTerminators && /^[とっ、，]/u.test(text.slice(j, j + 1))) {
        i = j - 1;
        continue;
      }
    } else if (c === '.' && (i + 1 === text.length || /\s/u.test(text[i + 1]!))) {
      j = i + 1;
      while (j < text.length && CLOSERS.has(text[j]!)) j++;
    }
    if (j >= 0) {
      push(j);
      i = j - 1;
    }
  }
  push(text.length);
  return out;
}
