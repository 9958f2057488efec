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

const decoder = new TextDecoder('utf-16le', { ignoreBOM: true });
let scratch = new Uint16Array(1 << 14);

export function normalizeForComparison(text: string): string {
  // Fast path: one char-code pass writing UTF-16 units into a reused buffer (ASCII lower-cased on the
  // way), decoded once. Lone or paired surrogates take the string-building path below (the decoder
  // would replace lone ones), so the result is always that of the regex pipeline described above.
  const s = nfkc(text);
  if (s.length * 3 > scratch.length) scratch = new Uint16Array(s.length * 3);
  const buf = scratch;
  let n = 0;
  let otherCased = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 42 || c === 95 || c === 96 || c === 35 || c === 62 || c === 32 || (c >= 9 && c <= 13)) continue;
      if (c >= 65 && c <= 90) c += 32;
      buf[n++] = c;
      continue;
    }
    let kind = KIND[c]!;
    if (kind === UNKNOWN) kind = classify(c);
    if (kind === KEEP) buf[n++] = c;
    else if (kind === REMOVE) continue;
    else if (kind === CASED_KEEP) {
      otherCased = true;
      buf[n++] = c;
    } else if (kind === ONE) buf[n++] = REPLACEMENT[c]!;
    else if (kind === ELLIPSIS) {
      buf[n++] = 46;
      buf[n++] = 46;
      buf[n++] = 46;
    } else return normalizeBuilding(s); // SURROGATE
  }
  const out = decoder.decode(buf.subarray(0, n));
  return otherCased ? out.toLowerCase() : out;
}

function nfkc(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (!isNfkcStable(text.charCodeAt(i))) return text.normalize('NFKC');
  }
  return text;
}

function normalizeBuilding(s: string): string {
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
        if (isCased(c)) otherCased = true;
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

/**
 * Whether `toLowerCase` may change a non-ASCII code unit that `replacementOf` keeps (surrogates: astral
 * letters have case).
 */
function isCased(c: number): boolean {
  if (c >= 0xd800 && c <= 0xdfff) return true;
  let kind = KIND[c]!;
  if (kind === UNKNOWN) kind = classify(c);
  return kind === CASED_KEEP;
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

// What each code unit ≥ 0x80 does in the fast path of `normalizeForComparison` (one table lookup),
// worked out the first time the unit is met: a table of all 65,536 took ~15 ms of every start-up (one
// `toLowerCase` each), where a post meets a few hundred.
const KEEP = 0;
const CASED_KEEP = 1;
const REMOVE = 2;
const ONE = 3;
const ELLIPSIS = 4;
const SURROGATE = 5;
const UNKNOWN = 255;
const KIND = new Uint8Array(0x10000).fill(UNKNOWN, 0x80);
const REPLACEMENT = new Uint16Array(0x10000);

function classify(c: number): number {
  let kind: number;
  if (c >= 0xd800 && c <= 0xdfff) kind = SURROGATE;
  else {
    const r = replacementOf(c);
    const ch = String.fromCharCode(c);
    if (r === null) kind = ch.toLowerCase() !== ch ? CASED_KEEP : KEEP;
    else if (r === '') kind = REMOVE;
    else if (r.length === 1) {
      kind = ONE;
      REPLACEMENT[c] = r.charCodeAt(0);
    } else kind = ELLIPSIS; // '...'
  }
  KIND[c] = kind;
  return kind;
}
