/**
 * Full-width → half-width folding that keeps every offset: each UTF-16 unit maps to exactly one unit,
 * so a position found in the folded string is the same position in the file. (NFKC would be shorter
 * or longer for some characters, e.g. `㍿`, and break the spans the claims rules report.)
 *
 * Folded: what a figure is written with — full-width digits, Latin letters, `＃＄％＆＋，－．／`, the
 * ideographic space and `￥`. Japanese punctuation (`（）！？：「」`) is left as is: it is in every
 * sentence, folding it would cost time, and the grammar patterns accept both forms.
 */
const FOLDED = /[\uff03-\uff06\uff0b-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\uffe5]/g;

export function foldWidth(text: string): string {
  FOLDED.lastIndex = 0;
  if (!FOLDED.test(text)) return text;
  return text.replace(FOLDED, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000) return ' ';
    if (code === 0xffe5) return '\u00a5';
    return String.fromCharCode(code - 0xfee0);
  });
}
