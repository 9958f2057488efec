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
  // One char-code pass instead of nine regex passes: the same mapping as PUNCTUATION_VARIANTS, then
  // `[*_\`#>]` and `\s` removed, then lower case. NFKC is skipped when every character is one NFKC
  // leaves alone (ASCII, kana, CJK ideographs, common Japanese punctuation: most Japanese prose), and
  // ICU's lower-casing only runs when a cased non-ASCII character is present.
  let stable = true;
  for (let i = 0; i < text.length; i++) {
    if (!isNfkcStable(text.charCodeAt(i))) {
      stable = false;
      break;
    }
  }
  const s = stable ? text : text.normalize('NFKC');
  let out = '';
  let from = 0;
  let asciiUpper = false;
  let otherCased = false;
  let wide = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let replacement: string | null;
    if (c < 0x80) {
      if (c === 42 || c === 95 || c === 96 || c === 35 || c === 62 || c === 32 || (c >= 9 && c <= 13)) replacement = '';
      else {
        if (c >= 65 && c <= 90) asciiUpper = true;
        continue;
      }
    } else {
      if (c >= 0x100) wide = true;
      replacement = replacementOf(c);
      if (replacement === null) {
        if (CASED[c] === 1) otherCased = true;
        continue;
      }
    }
    if (i > from) out += s.slice(from, i);
    out += replacement;
    from = i + 1;
  }
  if (from === 0) out = s;
  else if (from < s.length) out += s.slice(from);
  if (otherCased || (asciiUpper && !wide)) return out.toLowerCase();
  return asciiUpper ? out.replace(ASCII_UPPER, (m) => m.toLowerCase()) : out;
}

const ASCII_UPPER = /[A-Z]+/g;

/** Characters NFKC never changes, alone or next to each other (none composes with another). */
function isNfkcStable(c: number): boolean {
  return (
    c < 0xa0 ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fc) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3001 && c <= 0x3002) ||
    (c >= 0x3008 && c <= 0x3011)
  );
}

/** 1 for the non-ASCII code units that `toLowerCase` may change (surrogates: astral letters have case). */
const CASED = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0x80; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if ((c >= 0xd800 && c <= 0xdfff) || ch.toLowerCase() !== ch) table[c] = 1;
  }
  return table;
})();

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
