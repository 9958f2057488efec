import { fmix32, fnv1a, FNV_PRIME, forEachRollingHash, rollingStart, rollingTop } from '../../text/hash.js';
import { distinctHashes } from '../../text/shingles.js';

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
  const units = new Uint16Array(text.length);
  Buffer.from(units.buffer).write(text, 'utf16le');
  return unitsSignature(units, k, size);
}

/** `textSignature` of the text whose UTF-16 units are `units` (the corpus features hash the normalised body's units). */
export function unitsSignature(units: Uint16Array, k: number, size: number): Uint32Array {
  const length = units.length;
  if (length === 0) return signature(new Uint32Array(0), size);
  if (length <= k) return signature(Uint32Array.of(fmix32(fnv1a(String.fromCharCode(...units)))), size);
  const shift = 32 - checkSize(size);
  // Bins hold value - 2^31 as int32 (so V8 compares integers, not doubles), EMPTY: int32 max.
  const mins = new Int32Array(size).fill(0x7fffffff);
  keepMinimums(units, k, mins, shift);
  const sig = new Uint32Array(size);
  for (let bin = 0; bin < size; bin++) sig[bin] = mins[bin] === 0x7fffffff ? EMPTY_BIN : (mins[bin]! ^ 0x80000000) >>> 0;
  densify(sig);
  return sig;
}

/**
 * `unitsSignature`'s loop: `forEachRollingHash` with `fmix32` and `valueOf` written out (this runs on every
 * character of every post indexed), each bin of `mins` keeping its minimum. Its own function, with nothing
 * after the loop: V8 compiles the loop on stack replacement during the first long text, before the code
 * after it has ever run, and keeps that code for later calls; code after the loop then deoptimised it at
 * the end of every call (~60 times on the site head's read). It reads a typed array, not a string: the
 * units of a string are read through its representation at each `charCodeAt`.
 */
function keepMinimums(units: Uint16Array, k: number, mins: Int32Array, shift: number): void {
  // The prime in a local: unbundled (ES modules), an imported constant is loaded at each use in the loop
  // (site head's bodies: ~125 → ~98 ms; the bundle is as fast either way).
  const prime = FNV_PRIME;
  const length = units.length;
  const top = rollingTop(k);
  let r = 0;
  for (let i = 0; i < k; i++) r = (Math.imul(r, prime) + units[i]!) | 0;
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
    r = (Math.imul(r - Math.imul(units[i - k]!, top), prime) + units[i]!) | 0;
  }
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
  const slots = table.reset(windows);
  const { shift, mask } = table;
  if (setOut.length < windows) setOut = new Uint32Array(Math.max(windows, setOut.length * 2));
  const out = setOut;
  const prime = FNV_PRIME; // a local, as in `textSignature`
  const top = rollingTop(k);
  let r = rollingStart(text, k);
  let w = 0;
  let zero = false;
  for (let i = k; ; i++) {
    // fmix32(r) as an int32; its top bits pick the slot (it is mixed already).
    let h = r ^ (r >>> 16);
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    if (h === 0) {
      if (!zero) out[w++] = 0;
      zero = true;
    } else {
      let slot = h >>> shift;
      for (;;) {
        const held = slots[slot]!;
        if (held === 0) {
          slots[slot] = h;
          out[w++] = h;
          break;
        }
        if (held === h) break;
        slot = (slot + 1) & mask;
      }
    }
    if (i === length) break;
    r = (Math.imul(r - Math.imul(text.charCodeAt(i - k), top), prime) + text.charCodeAt(i)) | 0;
  }
  return out.slice(0, w);
}

/**
 * The hash set of `textShingleSet` and `exactJaccard`, one at a time, reused: int32 hashes by open
 * addressing, 0 for an empty slot (a 0 hash is the caller's to keep aside), at most half full. Four bytes a
 * slot, emptied by a fill, rather than a stamp beside each hash: half the memory the probes walk at random
 * (the table of a ~20,000-window post is 256 KiB, not 512), ~20–30 % of each set's and each pair's time.
 */
class HashTable {
  slots = new Int32Array(1 << 13);
  mask = 0;
  shift = 32;

  /** The table emptied, sized for `expected` hashes. */
  reset(expected: number): Int32Array {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    const size = 1 << bits;
    if (this.slots.length < size) this.slots = new Int32Array(size);
    else this.slots.fill(0, 0, size);
    this.mask = size - 1;
    this.shift = 32 - bits;
    return this.slots;
  }
}

const table = new HashTable();
let setOut = new Uint32Array(1 << 12);

/** Exact Jaccard similarity of two sets of distinct hashes (any order). */
export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  const inter = sharedHashes(a, b);
  return inter / (a.length + b.length - inter);
}

/** `intersectionSize(a, b)` (text/shingles) through `table`: the smaller set in the table, the larger probed. */
export function sharedHashes(a: Uint32Array, b: Uint32Array): number {
  const small = a.length <= b.length ? a : b;
  const large = small === a ? b : a;
  if (small.length === 0) return 0;
  const slots = table.reset(small.length);
  const { shift, mask } = table;
  let zero = false;
  for (let k = 0; k < small.length; k++) {
    const h = small[k]! | 0;
    if (h === 0) {
      zero = true;
      continue;
    }
    // Fibonacci hashing, as `intersectionSize`: a caller's hashes need not be mixed.
    let slot = Math.imul(h, 0x9e3779b1) >>> shift;
    for (;;) {
      const held = slots[slot]!;
      if (held === 0) {
        slots[slot] = h;
        break;
      }
      if (held === h) break;
      slot = (slot + 1) & mask;
    }
  }
  let shared = 0;
  for (let k = 0; k < large.length; k++) {
    const h = large[k]! | 0;
    if (h === 0) {
      if (zero) shared++;
      continue;
    }
    let slot = Math.imul(h, 0x9e3779b1) >>> shift;
    for (;;) {
      const held = slots[slot]!;
      if (held === 0) break;
      if (held === h) {
        shared++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return shared;
}
