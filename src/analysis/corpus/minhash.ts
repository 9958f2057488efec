import { fmix32, fnv1a, FNV_PRIME, forEachRollingHash } from '../../text/hash.js';
import { distinctHashes, intersectionSize } from '../../text/shingles.js';

/**
 * Whole-post similarity: character k-shingles of the normalised text, summarised by a one-permutation
 * MinHash signature (Li, Owen & Zhang 2012) with optimal densification (Shrivastava 2017): every shingle
 * is hashed once and falls into one of `size` bins; the bin keeps its minimum. Two posts agree on a bin
 * with probability equal to their Jaccard similarity, like classic k-permutation MinHash, at O(n + size)
 * instead of O(n × size) — what makes signing 100,000 posts affordable.
 */
export const EMPTY_BIN = 0xffffffff;

export interface SignatureOptions {
  /** Shingle length in characters of normalised text. */
  shingle: number;
  /** Number of bins (a power of two ≤ 1024). */
  size: number;
}

/**
 * Hashes of every k-shingle (duplicates included) of `text`: the rolling hash of each window, mixed. A
 * text shorter than k is one shingle.
 */
export function allShingleHashes(text: string, k: number): Uint32Array {
  if (text.length === 0) return new Uint32Array(0);
  if (text.length <= k) return Uint32Array.of(fmix32(fnv1a(text)));
  const out = new Uint32Array(text.length - k + 1);
  forEachRollingHash(text, k, (r, i) => {
    out[i] = fmix32(r);
  });
  return out;
}

/** Signature of a text's k-shingles without materialising them. */
export function textSignature(text: string, k: number, size: number): Uint32Array {
  if (text.length === 0) return signature(new Uint32Array(0), size);
  if (text.length <= k) return signature(Uint32Array.of(fmix32(fnv1a(text))), size);
  const shift = 32 - checkSize(size);
  // `forEachRollingHash` with `fmix32` and `valueOf` written out: this runs on every character of every
  // post indexed. Bins hold value - 2^31 as int32 (so V8 compares integers, not doubles), EMPTY: int32 max.
  const mins = new Int32Array(size).fill(0x7fffffff);
  // The prime and the length in locals: unbundled (ES modules), an imported constant is loaded at each use
  // in the loop (site head's bodies: ~125 → ~98 ms; the bundle is as fast either way).
  const prime = FNV_PRIME;
  const length = text.length;
  let top = 1; // FNV_PRIME^(k-1)
  for (let i = 1; i < k; i++) top = Math.imul(top, prime);
  let r = 0;
  for (let i = 0; i < k; i++) r = (Math.imul(r, prime) + text.charCodeAt(i)) | 0;
  for (let i = k; ; i++) {
    let h = r ^ (r >>> 16);
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    const bin = h >>> shift;
    let x = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    x ^= x >>> 12;
    x = Math.imul(x, 0x297a2d39);
    const v = ((x ^ (x >>> 15)) >>> 1) ^ 0x80000000;
    if (v < mins[bin]!) mins[bin] = v;
    if (i === length) break;
    r = (Math.imul(r - Math.imul(text.charCodeAt(i - k), top), prime) + text.charCodeAt(i)) | 0;
  }
  const sig = new Uint32Array(size);
  for (let bin = 0; bin < size; bin++) sig[bin] = mins[bin] === 0x7fffffff ? EMPTY_BIN : (mins[bin]! ^ 0x80000000) >>> 0;
  densify(sig);
  return sig;
}

function checkSize(size: number): number {
  const bits = Math.log2(size);
  if (!Number.isInteger(bits) || bits < 1 || bits > 10) throw new RangeError(`signature size must be a power of two ≤ 1024 (got ${size})`);
  return bits;
}

/** The bin value: an independent hash of the shingle (< 2^31, so never EMPTY_BIN). */
function valueOf(h: number): number {
  let x = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  x ^= x >>> 12;
  x = Math.imul(x, 0x297a2d39);
  return (x ^ (x >>> 15)) >>> 1;
}

export function signature(shingles: Uint32Array, size: number): Uint32Array {
  const shift = 32 - checkSize(size);
  const sig = new Uint32Array(size).fill(EMPTY_BIN);
  for (let i = 0; i < shingles.length; i++) {
    const h = shingles[i]!;
    const bin = h >>> shift;
    const v = valueOf(h);
    if (v < sig[bin]!) sig[bin] = v;
  }
  if (shingles.length > 0) densify(sig);
  return sig;
}

/**
 * Optimal densification: an empty bin borrows the value of a non-empty bin chosen by a hash chain that
 * depends only on the bin index and attempt number, so two posts fill the same empty bin from the same
 * place and empty bins still agree with probability J.
 */
function densify(sig: Uint32Array): void {
  const size = sig.length;
  const filled = sig.slice();
  for (let bin = 0; bin < size; bin++) {
    if (filled[bin] !== EMPTY_BIN) continue;
    for (let attempt = 1; attempt < 1 << 16; attempt++) {
      const source = fmix32(Math.imul(bin + 1, 0x27d4eb2d) ^ attempt) % size;
      if (filled[source] !== EMPTY_BIN) {
        sig[bin] = filled[source]!;
        break;
      }
    }
  }
}

/** Estimated Jaccard similarity: the share of agreeing bins. */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array, bOffset = 0): number {
  const size = a.length;
  if (size === 0 || a[0] === EMPTY_BIN) return 0;
  let same = 0;
  for (let i = 0; i < size; i++) if (a[i] === b[bOffset + i]) same++;
  return same / size;
}

/** Distinct shingle hashes (first-occurrence order), for exact Jaccard between two posts. */
export function shingleSet(shingles: Uint32Array): Uint32Array {
  return distinctHashes(shingles);
}

/**
 * `shingleSet(allShingleHashes(text, k))` (the same values in the same order) from one pass over `text`: the
 * rolling hash, `fmix32` and the de-duplication in one loop, with no array of every window's hash between
 * them. The exact similarities of the large corpus make ~2,200 such sets of ~20,000 windows; hashing them
 * was half the time of `exactSimilarity` (a window's hash written out, then read back through a call per
 * insertion).
 */
export function textShingleSet(text: string, k: number): Uint32Array {
  const length = text.length;
  if (length <= k) return shingleSet(allShingleHashes(text, k));
  const windows = length - k + 1;
  const { cells, stamp, shift, mask } = setTable.reset(windows);
  if (setOut.length < windows) setOut = new Uint32Array(Math.max(windows, setOut.length * 2));
  const out = setOut;
  const prime = FNV_PRIME; // a local, as in `textSignature`
  let top = 1; // FNV_PRIME^(k-1)
  for (let i = 1; i < k; i++) top = Math.imul(top, prime);
  let r = 0;
  for (let i = 0; i < k; i++) r = (Math.imul(r, prime) + text.charCodeAt(i)) | 0;
  let w = 0;
  for (let i = k; ; i++) {
    // fmix32(r) as an int32; its top bits pick the slot (it is mixed already).
    let h = r ^ (r >>> 16);
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let slot = h >>> shift;
    for (;;) {
      if (cells[slot * 2] !== stamp) {
        cells[slot * 2] = stamp;
        cells[slot * 2 + 1] = h;
        out[w++] = h;
        break;
      }
      if (cells[slot * 2 + 1] === h) break;
      slot = (slot + 1) & mask;
    }
    if (i === length) break;
    r = (Math.imul(r - Math.imul(text.charCodeAt(i - k), top), prime) + text.charCodeAt(i)) | 0;
  }
  return out.slice(0, w);
}

/**
 * `textShingleSet`'s hash set, reused from one set to the next and cleared by bumping a stamp: a slot is
 * [stamp, hash] side by side (one cache line per probe), at most half full.
 */
class StampedTable {
  cells = new Int32Array(2 << 12);
  stamp = 0;
  mask = (1 << 12) - 1;
  shift = 32 - 12;

  reset(expected: number): this {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    const size = 1 << bits;
    if (size * 2 > this.cells.length) {
      this.cells = new Int32Array(size * 2);
      this.stamp = 0;
    }
    this.mask = size - 1;
    this.shift = 32 - bits;
    this.stamp++;
    if (this.stamp === 0x7fffffff) {
      this.cells.fill(0);
      this.stamp = 1;
    }
    return this;
  }
}

const setTable = new StampedTable();
let setOut = new Uint32Array(1 << 12);

/** Exact Jaccard similarity of two sets of distinct hashes (any order). */
export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  const inter = intersectionSize(a, b);
  return inter / (a.length + b.length - inter);
}
