/**
 * The hashes every comparison of text uses, in one place: FNV-1a over UTF-16 code units, murmur3's 32-bit
 * finaliser to mix, and the polynomial rolling hash of character windows (shingles) with FNV's prime as base.
 */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units of `s[from..to)`, unsigned and unmixed; `seed` selects an independent function. */
export function fnv1a(s: string, from = 0, to = s.length, seed = 0): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a cheap, well-mixing permutation of 32-bit integers. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A well-mixed 32-bit hash of a whole string; `seed` selects an independent function. */
export function hashString(s: string, seed = 0): number {
  return fmix32(fnv1a(s, 0, s.length, seed));
}

/**
 * Appends `hashString(s, seedA)` and `hashString(s, seedB)` to `out`, where `s` is the string of the UTF-16
 * units `units[from..to)`, from one pass: each FNV-1a step waits for the one before it (a multiply per
 * code unit), so two independent chains in one loop take about the time of one.
 */
export function pushHashPair(out: number[], units: Uint16Array, from: number, to: number, seedA: number, seedB: number): void {
  const prime = FNV_PRIME; // a local, as in `textSignature`
  let a = (FNV_OFFSET ^ seedA) >>> 0;
  let b = (FNV_OFFSET ^ seedB) >>> 0;
  for (let i = from; i < to; i++) {
    const c = units[i]!;
    a = Math.imul(a ^ c, prime);
    b = Math.imul(b ^ c, prime);
  }
  out.push(fmix32(a >>> 0), fmix32(b >>> 0));
}

/** FNV_PRIME^(k-1): what the rolling hash of a k-character window takes off for the character that leaves it. */
export function rollingTop(k: number): number {
  let top = 1;
  for (let i = 1; i < k; i++) top = Math.imul(top, FNV_PRIME);
  return top;
}

/** The rolling hash of `text`'s first k characters, where `forEachRollingHash` (and its written-out copies) start. */
export function rollingStart(text: string, k: number): number {
  let r = 0;
  for (let i = 0; i < k; i++) r = (Math.imul(r, FNV_PRIME) + text.charCodeAt(i)) | 0;
  return r;
}

/**
 * Calls `visit(hash, index)` for each window of `k` characters of `text` (k ≤ text.length), with the window's
 * polynomial rolling hash mod 2^32 (a signed 32-bit integer, unmixed): O(1) per position.
 */
export function forEachRollingHash(text: string, k: number, visit: (hash: number, index: number) => void): void {
  const top = rollingTop(k);
  let r = rollingStart(text, k);
  visit(r, 0);
  for (let i = k; i < text.length; i++) {
    r = (Math.imul(r - Math.imul(text.charCodeAt(i - k), top), FNV_PRIME) + text.charCodeAt(i)) | 0;
    visit(r, i - k + 1);
  }
}
