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

/** 'ja' when CJK characters make up a fair share of the letters (Japanese posts quote many English names). */
export function detectLanguage(text: string): Language {
  const end = Math.min(text.length, 20000);
  let cjk = 0;
  let latin = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
    } else if (c >= 0x3040 && isCjkCode(c)) cjk++;
  }
  return cjk > 0 && cjk * 3 >= latin * 0.5 ? 'ja' : 'en';
}

/** True when the string contains Japanese/Chinese characters (per-string, e.g. a title). */
export function hasCjk(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/u.test(text);
}
