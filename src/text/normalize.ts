/**
 * Text normalisation shared by the comparison rules: full-width → half-width (NFKC), one kind of each
 * punctuation mark, no whitespace (Japanese has none between words, and regenerated copies differ in
 * spacing), no Markdown emphasis marks.
 */
/** The punctuation variants made one (applied after NFKC): the definition the one-pass code below follows (its tests hold it to it). */
export const PUNCTUATION_VARIANTS: readonly [RegExp, string][] = [
  [/[‐‑‒–—―ー−]/g, 'ー'],
  [/[“”„‟″]/g, '"'],
  [/[‘’‚‛′]/g, "'"],
  [/[、，]/g, ','],
  [/[。．]/g, '.'],
  [/[・･]/g, '・'],
  [/[…‥]/g, '...'],
];

let scratch = new Uint16Array(1 << 14);
let scratchBytes = Buffer.from(scratch.buffer);
/** The text being normalised, its UTF-16 units copied in by `Buffer#write` (`writeNormalized` reads them). */
let input = new Uint16Array(1 << 14);
let inputBytes = Buffer.from(input.buffer);

/**
 * One char-code pass writing UTF-16 units into a reused buffer (ASCII lower-cased on the way), read back
 * as one string: the result of the regex pipeline described above. NFKC (ICU, the costliest step) only
 * runs on a text holding a character that may combine with its neighbours or whose compatibility mapping
 * does (see `nfkcClass`); the others are mapped one character at a time, which is the same.
 */
export function normalizeForComparison(text: string): string {
  return normalizeNfkc(text, true) ?? normalizeNfkc(text.normalize('NFKC'), false)!;
}

/**
 * `normalizeForComparison` of each of `texts`, as UTF-16 units end to end, without making the strings: a
 * view of a buffer the next normalisation reuses; the length of each text's part in `lengths`. For the
 * corpus features, which hash the units and need no string.
 */
export function normalizeEachToUnits(texts: readonly string[], lengths: Int32Array): Uint16Array {
  let total = 0;
  for (let t = 0; t < texts.length; t++) {
    const text = texts[t]!;
    let n = writeNormalized(readInput(text, total), text.length, true, total);
    if (n < 0) {
      const nfkc = text.normalize('NFKC');
      n = writeNormalized(readInput(nfkc, total), nfkc.length, false, total);
    }
    if (otherCased) {
      // Case beyond ASCII (a chunk in ~100): lower-cased as a string, which may change its length.
      const lowered = scratchBytes.toString('utf16le', total * 2, n * 2).toLowerCase();
      if (total + lowered.length > scratch.length) grow(total + lowered.length);
      scratchBytes.write(lowered, total * 2, 'utf16le');
      n = total + lowered.length;
    }
    lengths[t] = n - total;
    total = n;
  }
  return scratch.subarray(0, total);
}

/** Whether any character met since the last reset has case beyond ASCII (the result needs `toLowerCase`). */
let otherCased = false;

/**
 * The normalised form of `s`; `raw`: `s` may not be in NFKC, and the answer is null when only ICU can
 * put it there.
 */
function normalizeNfkc(s: string, raw: boolean): string | null {
  const n = writeNormalized(readInput(s, 0), s.length, raw, 0);
  if (n < 0) return null;
  const out = scratchBytes.toString('utf16le', 0, n * 2);
  return otherCased ? out.toLowerCase() : out;
}

/**
 * `s`'s UTF-16 units copied into `input` (and `scratch` made large enough for them normalised after its
 * first `at` units), so that `writeNormalized` reads a typed array: read with `charCodeAt`, its code
 * depended on the string's representation (one or two bytes a unit, flat, sliced, concatenated), and each
 * new one met after a compile deoptimised it ("wrong map"); the copy is native (a `memcpy`, or a widening
 * of one-byte text).
 */
function readInput(s: string, at: number): Uint16Array {
  const length = s.length;
  if (length > input.length) {
    input = new Uint16Array(Math.max(length, input.length * 2));
    inputBytes = Buffer.from(input.buffer);
  }
  if (at + length * 3 > scratch.length) grow(at + length * 3);
  inputBytes.write(s, 0, 'utf16le');
  return input;
}

/**
 * `normalizeNfkc`'s pass over the `length` units of `src`: the normalised units written into `scratch`
 * from `at`, where they end returned (-1: only ICU can normalise them). The runs of units `UNIT` knows
 * (all but ~1 in 360 over the site head) are `copyKnown`'s; this loop does the others, one per turn. Only
 * `copyKnown` runs per unit, and it has no branch that runs rarely: with the rare units' work in the same
 * loop, V8 compiled the loop before some branch had ever run (a character class first met in a later
 * post) and deoptimised it when that branch first ran: 13 compiles in a check of the site head
 * (`--jobs 1`, `--trace-opt`), now 5 of this loop and 2 of `copyKnown`.
 */
function writeNormalized(src: Uint16Array, length: number, raw: boolean, at: number): number {
  otherCased = false;
  written = at;
  for (let i = copyKnown(src, 0, length); i < length; i = copyKnown(src, i + 1, length)) {
    let buf: Uint16Array = scratch;
    let n = written;
    const c = src[i]!;
    if (c < 0x80) {
      written = put(buf, n, c);
      continue;
    }
    let kind = KIND[c]!;
    if (kind === UNKNOWN) kind = classify(c);
    if (kind >= COMPAT) {
      if (raw) {
        if (kind >= UNSTABLE) return -1;
        // A compatibility character whose mapping combines with nothing: its NFKC, written in its place.
        const mapped = COMPAT_TEXT[c]!;
        if (n + mapped.length * 3 + (length - i) * 3 > buf.length) buf = grow(n + mapped.length * 3 + (length - i) * 3);
        for (let j = 0; j < mapped.length; j++) n = put(buf, n, mapped.charCodeAt(j));
        written = n;
        continue;
      }
      kind &= POST_KIND;
    }
    if (kind === KEEP) buf[n++] = c;
    else if (kind !== REMOVE) n = put(buf, n, c);
    written = n;
  }
  return written;
}

/** Where the units the pass has written into `scratch` end. */
let written = 0;

/**
 * From `src[i]` on, the units `UNIT` knows written at `scratch[written]` on, without a branch on what they
 * become (a removed one is written and overwritten); returns the index of the first unit it does not know
 * (or `length`).
 */
function copyKnown(src: Uint16Array, i: number, length: number): number {
  const buf = scratch;
  let n = written;
  for (; i < length; i++) {
    const unit = UNIT[src[i]!]!;
    if (unit === 0) break;
    buf[n] = unit;
    n += unit === REMOVED ? 0 : 1;
  }
  written = n;
  return i;
}

function grow(size: number): Uint16Array {
  const bigger = new Uint16Array(Math.max(size, scratch.length * 2));
  bigger.set(scratch);
  scratch = bigger;
  scratchBytes = Buffer.from(scratch.buffer);
  return scratch;
}

/** Writes what the NFKC-stable code unit `c` becomes at `buf[n]`; returns the new length. */
function put(buf: Uint16Array, n: number, c: number): number {
  if (c < 0x80) {
    if (c === 42 || c === 95 || c === 96 || c === 35 || c === 62 || c === 32 || (c >= 9 && c <= 13)) return n;
    buf[n] = c >= 65 && c <= 90 ? c + 32 : c;
    return n + 1;
  }
  let kind = KIND[c]!;
  if (kind === UNKNOWN) kind = classify(c);
  kind &= POST_KIND;
  if (kind === KEEP) buf[n++] = c;
  else if (kind === CASED_KEEP) {
    otherCased = true;
    buf[n++] = c;
  } else if (kind === ONE) buf[n++] = REPLACEMENT[c]!;
  else if (kind === ELLIPSIS) {
    buf[n++] = 46;
    buf[n++] = 46;
    buf[n++] = 46;
  }
  return n;
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

/**
 * NFKC with the accents and voiced-sound marks taken off (`が` → `か`, `é` → `e`): what
 * `text.normalize('NFKC').normalize('NFD').replace(/[\u0300-\u036f\u3099\u309a]/g, '').normalize('NFC')` gives,
 * with ICU only for a text holding a character that may combine with its neighbours (`mayCombine`): the
 * others fold one by one (each folded once, when first met), which is the same.
 */
export function foldMarks(text: string): string {
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    let kind = FOLD_KIND[c]!;
    if (kind === 255) kind = classifyFold(c);
    if (kind === FOLD_ICU) return foldWhole(text);
    if (kind === FOLD_MAPPED) changed = true;
  }
  if (!changed) return text;
  // Every folded form is at most 18 units (NFKC's longest expansion).
  if (text.length * 18 > scratch.length) grow(text.length * 18);
  const buf = scratch;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || FOLD_KIND[c] === FOLD_SELF) buf[n++] = c;
    else {
      const folded = FOLDED[c]!;
      for (let j = 0; j < folded.length; j++) buf[n++] = folded.charCodeAt(j);
    }
  }
  return scratchBytes.toString('utf16le', 0, n * 2);
}

function foldWhole(text: string): string {
  return text.normalize('NFKC').normalize('NFD').replace(FOLDED_MARKS, '').normalize('NFC');
}

const FOLDED_MARKS = /[\u0300-\u036f\u3099\u309a]/g;

/** Per code unit: whether it folds to itself, to `FOLDED[c]`, or only ICU on the whole text knows. */
const FOLD_SELF = 0;
const FOLD_MAPPED = 1;
const FOLD_ICU = 2;
const FOLD_KIND = new Uint8Array(0x10000).fill(255, 0x80); // 255: not classified yet
const FOLDED: string[] = [];

function classifyFold(c: number): number {
  let kind = FOLD_SELF;
  const ch = String.fromCharCode(c);
  const nfkc = ch.normalize('NFKC');
  if (mayCombine(c)) kind = FOLD_ICU;
  else {
    for (let i = 0; i < nfkc.length; i++) if (mayCombine(nfkc.charCodeAt(i))) kind = FOLD_ICU;
  }
  if (kind !== FOLD_ICU) {
    const folded = foldWhole(ch);
    if (folded !== ch) {
      kind = FOLD_MAPPED;
      FOLDED[c] = folded;
    }
  }
  FOLD_KIND[c] = kind;
  return kind;
}

/** NFKC and collapsed whitespace, for display-preserving comparisons (titles, excerpts). */
export function normalizeLoose(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

// What each code unit ≥ 0x80 does in `normalizeForComparison` (one table lookup), worked out the first
// time the unit is met: a table of all 65,536 took ~15 ms of every start-up (one `toLowerCase` and one
// `normalize` each), where a post meets a few hundred. The low bits (POST_KIND) say what the unit becomes
// in a text in NFKC; COMPAT and UNSTABLE say what NFKC does to it (nothing, when neither is set).
const KEEP = 0;
const CASED_KEEP = 1;
const REMOVE = 2;
const ONE = 3;
const ELLIPSIS = 4;
const POST_KIND = 7;
/** NFKC maps the unit, alone, to units that are all stable (`COMPAT_TEXT`), and that is its NFKC in any text. */
const COMPAT = 8;
/** The unit may combine with its neighbours, or maps to units that may: only NFKC of the whole text is sure. */
const UNSTABLE = 16;
const UNKNOWN = 255;
const KIND = new Uint8Array(0x10000).fill(UNKNOWN, 0x80);
const REPLACEMENT = new Uint16Array(0x10000);
const COMPAT_TEXT: string[] = [];
/**
 * The loop's one look-up for most units: the unit a code unit becomes on its own in any text (ASCII
 * lower-cased, a punctuation variant made one, itself), `REMOVED`, or 0 when `KIND` must be asked (not
 * classified yet; case beyond ASCII; several units; a compatibility character; U+0000 and U+FFFF). The
 * loop over the 19.3 M characters of the site head's chunks took 140 ms with a branch on ASCII and on the
 * kind of each unit, 70 ms so (one in 360 units of the site head goes on to `KIND`).
 */
const UNIT = new Uint16Array(0x10000);
const REMOVED = 0xffff;
for (let c = 1; c < 0x80; c++) {
  const removed = c === 42 || c === 95 || c === 96 || c === 35 || c === 62 || c === 32 || (c >= 9 && c <= 13);
  UNIT[c] = removed ? REMOVED : c >= 65 && c <= 90 ? c + 32 : c;
}

function classify(c: number): number {
  let kind: number;
  // Astral characters: kept as they are, and some have case.
  if (c >= 0xd800 && c <= 0xdfff) kind = CASED_KEEP | UNSTABLE;
  else {
    const r = replacementOf(c);
    const ch = String.fromCharCode(c);
    if (r === null) kind = ch.toLowerCase() !== ch ? CASED_KEEP : KEEP;
    else if (r === '') kind = REMOVE;
    else if (r.length === 1) {
      kind = ONE;
      REPLACEMENT[c] = r.charCodeAt(0);
    } else kind = ELLIPSIS; // '...'
    const nfkc = ch.normalize('NFKC');
    if (!mayCombine(c)) {
      if (nfkc !== ch) {
        let stable = true;
        for (let i = 0; i < nfkc.length && stable; i++) stable = nfkc.charCodeAt(i) < 0x80 || (!mayCombine(nfkc.charCodeAt(i)) && nfkc[i]!.normalize('NFKC') === nfkc[i]);
        if (stable) {
          kind |= COMPAT;
          COMPAT_TEXT[c] = nfkc;
        } else kind |= UNSTABLE;
      }
    } else kind |= UNSTABLE;
  }
  KIND[c] = kind;
  if (c !== REMOVED) {
    if ((kind & (COMPAT | UNSTABLE)) === 0) {
      if (kind === KEEP) UNIT[c] = c;
      else if (kind === REMOVE) UNIT[c] = REMOVED;
      else if (kind === ONE) UNIT[c] = REPLACEMENT[c]!;
    }
  }
  return kind;
}

const MARK = /\p{M}/u;

/**
 * Whether NFKC may join the code unit `c` with a neighbour or reorder it: combining marks (every character
 * with a combining class, and all that compose with the character before them but the Hangul jamo, are
 * marks), Hangul jamo, surrogates. A text of other characters that NFKC leaves alone is in NFKC (UAX #15's
 * quick check: NFKC_QC=Yes and combining class 0 throughout), and one whose other characters NFKC maps to
 * such characters has as NFKC the concatenation of their mappings (the same NFKD, and that is in NFKC).
 */
function mayCombine(c: number): boolean {
  return (
    (c >= 0xd800 && c <= 0xdfff) ||
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xd7b0 && c <= 0xd7ff) ||
    MARK.test(String.fromCharCode(c))
  );
}
