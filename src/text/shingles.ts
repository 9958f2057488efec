/**
 * Character n-gram shingles for near-duplicate detection. A text becomes the set of the hashes of its
 * character n-grams (Japanese has no spaces, so characters rather than words), and two texts compare by
 * set overlap: Jaccard similarity and containment. Everything is linear in the texts' lengths (hashing,
 * then hash-table look-ups), so blocks compare without any quadratic string work.
 */

import { fnv1a, forEachRollingHash } from './hash.js';

/**
 * The set of 30-bit hashes of the character n-grams of `text` (one hash of the whole text when it is
 * shorter), each once, in first-occurrence order. 30 bits keep them small integers in V8, so indexing them
 * allocates nothing. De-duplication goes through a reused hash table rather than a sort: half the cost.
 */
export function shingleHashes(text: string, n: number): Uint32Array {
  const len = text.length;
  if (len === 0) return new Uint32Array(0);
  if (len < n) return new Uint32Array([fnv1a(text, 0, len) >>> 2]);
  const count = len - n + 1;
  const out = new Uint32Array(count);
  // The top 30 bits of each window's rolling hash.
  forEachRollingHash(text, n, (h, p) => {
    out[p] = h >>> 2;
  });
  const seen = scratchSet(count);
  let unique = 0;
  for (let i = 0; i < count; i++) {
    const hash = out[i]!;
    if (seen.add(hash)) out[unique++] = hash;
  }
  return unique === count ? out : out.slice(0, unique);
}

/**
 * A set of hashes for one computation at a time, cleared in O(1) by bumping a generation stamp instead of
 * zeroing its arrays. Shared by `shingleHashes` and `intersectionSize` (neither calls the other).
 */
class ScratchSet {
  private keys = new Uint32Array(1 << 12);
  private stamps = new Uint32Array(1 << 12);
  private stamp = 0;
  private mask = (1 << 12) - 1;

  reset(expected: number): this {
    let size = 16;
    while (size < expected * 2) size *= 2;
    if (size > this.keys.length) {
      this.keys = new Uint32Array(size);
      this.stamps = new Uint32Array(size);
      this.stamp = 0;
    }
    this.mask = size - 1;
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    return this;
  }

  /** Adds `hash`; false when it was there already. */
  add(hash: number): boolean {
    let i = (Math.imul(hash, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      if (this.stamps[i] !== this.stamp) {
        this.stamps[i] = this.stamp;
        this.keys[i] = hash;
        return true;
      }
      if (this.keys[i] === hash) return false;
      i = (i + 1) & this.mask;
    }
  }

  has(hash: number): boolean {
    let i = (Math.imul(hash, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      if (this.stamps[i] !== this.stamp) return false;
      if (this.keys[i] === hash) return true;
      i = (i + 1) & this.mask;
    }
  }
}

const scratch = new ScratchSet();
function scratchSet(expected: number): ScratchSet {
  return scratch.reset(expected);
}

/** Size of the intersection of two hash sets (each value once, any order). */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  if (small.length === 0) return 0;
  const set = scratchSet(small.length);
  for (let i = 0; i < small.length; i++) set.add(small[i]!);
  let shared = 0;
  for (let i = 0; i < large.length; i++) if (set.has(large[i]!)) shared++;
  return shared;
}

export interface Overlap {
  /** |A ∩ B| / |A ∪ B| */
  jaccard: number;
  /** |A ∩ B| / |A|: how much of A is found in B. */
  containment: number;
}

export function overlapFromCount(shared: number, sizeA: number, sizeB: number): Overlap {
  const union = sizeA + sizeB - shared;
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containment: sizeA === 0 ? 0 : shared / sizeA,
  };
}

export function overlap(a: Uint32Array, b: Uint32Array): Overlap {
  return overlapFromCount(intersectionSize(a, b), a.length, b.length);
}

/**
 * An inverted index from shingle hash to the ids of the texts holding it (open addressing over typed
 * arrays, posting lists as linked lists, each capped): no allocation per shingle, so indexing a large post
 * costs a few array writes per n-gram. Ids are small non-negative integers.
 */
export class ShingleIndex {
  private keys: Int32Array;
  private heads: Int32Array;
  private lengths: Uint8Array;
  private ids: Int32Array;
  private next: Int32Array;
  private size = 0;
  private mask: number;

  constructor(
    expectedShingles: number,
    private readonly cap = 48,
  ) {
    let capacity = 16;
    while (capacity < expectedShingles * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity).fill(-1);
    this.heads = new Int32Array(capacity);
    this.lengths = new Uint8Array(capacity);
    this.ids = new Int32Array(Math.max(16, expectedShingles));
    this.next = new Int32Array(Math.max(16, expectedShingles));
  }

  private slot(hash: number): number {
    let i = (Math.imul(hash, 0x9e3779b1) >>> 0) & this.mask;
    while (this.keys[i] !== -1 && this.keys[i] !== hash) i = (i + 1) & this.mask;
    return i;
  }

  add(hashes: Uint32Array, id: number): void {
    for (const hash of hashes) {
      const i = this.slot(hash);
      const length = this.lengths[i]!;
      if (length >= this.cap) continue;
      if (this.size === this.ids.length) this.grow();
      if (length === 0) this.keys[i] = hash;
      this.ids[this.size] = id;
      this.next[this.size] = length === 0 ? -1 : this.heads[i]!;
      this.heads[i] = this.size++;
      this.lengths[i] = length + 1;
      if (this.size * 2 > this.mask) this.rehash();
    }
  }

  /** Calls `visit(id)` once per (shingle, id) pair: for each hash, every id indexed under it. */
  forEachPosting(hashes: Uint32Array, visit: (id: number) => void): void {
    for (const hash of hashes) {
      const i = this.slot(hash);
      if (this.lengths[i] === 0) continue;
      for (let p = this.heads[i]!; p !== -1; p = this.next[p]!) visit(this.ids[p]!);
    }
  }

  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    const next = new Int32Array(this.next.length * 2);
    next.set(this.next);
    this.ids = ids;
    this.next = next;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    const oldLengths = this.lengths;
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity).fill(-1);
    this.heads = new Int32Array(capacity);
    this.lengths = new Uint8Array(capacity);
    for (let j = 0; j < oldKeys.length; j++) {
      if (oldLengths[j] === 0) continue;
      const i = this.slot(oldKeys[j]!);
      this.keys[i] = oldKeys[j]!;
      this.heads[i] = oldHeads[j]!;
      this.lengths[i] = oldLengths[j]!;
    }
  }
}
