import type { Language } from '../engine/finding.js';

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/gu;
const LATIN = /[A-Za-z]/g;

/** 'ja' when CJK characters make up a fair share of the letters (Japanese posts quote many English names). */
export function detectLanguage(text: string): Language {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const cjk = sample.match(CJK)?.length ?? 0;
  const latin = sample.match(LATIN)?.length ?? 0;
  return cjk > 0 && cjk * 3 >= latin * 0.5 ? 'ja' : 'en';
}

/** True when the string contains Japanese/Chinese characters (per-string, e.g. a title). */
export function hasCjk(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/u.test(text);
}
