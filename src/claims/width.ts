/**
 * Full-width → half-width folding that keeps every offset: each UTF-16 unit maps to exactly one unit,
 * so a position found in the folded string is the same position in the file. (NFKC would be shorter
 * or longer for some characters, e.g. `㍿`, and break the spans the claims rules report.)
 *
 * Folded: U+FF01–U+FF5E (full-width ASCII: digits, `％`, `＄`, `．`, `，`, letters…) → U+0021–U+007E,
 * the ideographic space → space, `￥` → `¥`, `〜`/`～` stay as they are (range marks are read as is).
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5d\u3000\uffe5]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000) return ' ';
    if (code === 0xffe5) return '\u00a5';
    return String.fromCharCode(code - 0xfee0);
  });
}
