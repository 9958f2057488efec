/**
 * Full-width → half-width folding that keeps every offset: each UTF-16 unit maps to exactly one unit,
 * so a position found in the folded string is the same position in the file. (NFKC would be shorter
 * or longer for some characters, e.g. `㍿`, and break the spans the claims rules report.)
 *
 * Folded: what a figure is written with — full-width digits, Latin letters, `＃＄％＆＋，－．／`, the
 * ideographic space and `￥`. Japanese punctuation (`（）！？：「」`) is left as is: it is in every
 * sentence, folding it would cost time, and the grammar patterns accept both forms.
 */
export function foldWidth(text: string): string {
  // One char-code pass, slicing around the folded characters: a regex test, then a replace calling a
  // function per match, cost more than the rest of the number reading on Japanese text (`　` and `％` are common).
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Below U+FF03 only the ideographic space folds: kana and kanji are skipped by this one test.
    if (c < 0xff03 && c !== 0x3000) continue;
    const folded = foldedCode(c);
    if (folded === c) continue;
    out += text.slice(from, i) + String.fromCharCode(folded);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The half-width code of a folded code unit; any other unit unchanged. */
export function foldedCode(c: number): number {
  if (c === 0x3000) return 0x20;
  if (c === 0xffe5) return 0xa5;
  if ((c >= 0xff03 && c <= 0xff06) || (c >= 0xff0b && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return c - 0xfee0;
  return c;
}
