import type { Language } from '../engine/finding.js';

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

/** Splits text into sentences, keeping their final punctuation. */
export function splitSentences(text: string): string[] {
  return text.match(/[^。！？!?.\n]+(?:[。！？!?]+[」』）)]*|\.(?=\s|$)[」』）)"”]*|$)/gu)?.map((s) => s.trim()).filter(Boolean) ?? [];
}
