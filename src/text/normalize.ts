/**
 * Text normalisation shared by the comparison rules: full-width → half-width (NFKC), one kind of each
 * punctuation mark, no whitespace (Japanese has none between words, and regenerated copies differ in
 * spacing), no Markdown emphasis marks.
 */
const PUNCTUATION_VARIANTS: [RegExp, string][] = [
  [/[‐‑‒–—―ー−]/g, 'ー'],
  [/[“”„‟″]/g, '"'],
  [/[‘’‚‛′]/g, "'"],
  [/[、，]/g, ','],
  [/[。．]/g, '.'],
  [/[・･]/g, '・'],
  [/[…‥]/g, '...'],
];

export function normalizeForComparison(text: string): string {
  // One char-code pass after NFKC instead of nine regex passes: the same mapping as PUNCTUATION_VARIANTS,
  // then `[*_\`#>]` and `\s` removed, then lower case.
  const s = text.normalize('NFKC');
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let replacement: string | null;
    if (c < 0x80) {
      if (c === 42 || c === 95 || c === 96 || c === 35 || c === 62 || c === 32 || (c >= 9 && c <= 13)) replacement = '';
      else continue;
    } else {
      replacement = replacementOf(c);
      if (replacement === null) continue;
    }
    if (i > from) out += s.slice(from, i);
    out += replacement;
    from = i + 1;
  }
  if (from === 0) return s.toLowerCase();
  if (from < s.length) out += s.slice(from);
  return out.toLowerCase();
}

/** What a non-ASCII code unit becomes in `normalizeForComparison`: null = kept as it is. */
function replacementOf(c: number): string | null {
  switch (c) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x30fc: case 0x2212:
      return 'ー';
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
      return '"';
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
      return "'";
    case 0x3001: case 0xff0c:
      return ',';
    case 0x3002: case 0xff0e:
      return '.';
    case 0x30fb: case 0xff65:
      return '・';
    case 0x2026: case 0x2025:
      return '...';
    // \s beyond ASCII
    case 0x00a0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000: case 0xfeff:
      return '';
    default:
      return c >= 0x2000 && c <= 0x200a ? '' : null;
  }
}

/** NFKC and collapsed whitespace, for display-preserving comparisons (titles, excerpts). */
export function normalizeLoose(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
