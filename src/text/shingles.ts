/**
 * Character n-gram shingles for near-duplicate detection. A text becomes the set of the hashes of its
 * character n-grams (Japanese has no spaces, so characters rather than words), and two texts compare by
 * set overlap: Jaccard similarity and containment. Everything is linear in the texts' lengths (hashing,
 * then hash-table look-ups), so blocks compare without any quadratic string work.
 */

import { fnv1a, FNV_PRIME, rollingStart, rollingTop } from './hash.js';

/**
 * The set of 30-bit hashes of the character n-grams of `text` (one hash of the whole text when it is
 * shorter), each once, in first-occurrence order. 30 bits keep them small integers in V8, so indexing them
 * allocates nothing. De-duplication goes through a reused hash table rather than a sort: half the cost.
 */
export function shingleHashes(text: string, n: number): Uint32Array {
  if (text.length === 0) return new Uint32Array(0);
  const max = Math.max(1, text.length - n + 1);
  if (scratchOut.length < max) scratchOut = new Uint32Array(Math.max(max, scratchOut.length * 2));
  return scratchOut.slice(0, writeShingles(text, n, scratchOut, 0));
}

let scratchOut = new Uint32Array(1 << 12);

/**
 * Writes `shingleHashes(text, n)` into `out` from `at` (room for max(1, text.length - n + 1) values);
 * returns how many. The rolling hash (`forEachRollingHash`'s) and the set are inlined: this runs on every
 * block of every post.
 */
function writeShingles(text: string, n: number, out: Uint32Array, at: number): number {
  const len = text.length;
  if (len === 0) return 0;
  if (len < n) {
    out[at] = fnv1a(text, 0, len) >>> 2;
    return 1;
  }
  const set = scratch.reset(len - n + 1);
  const { cells, stamp, shift, mask } = set;
  const prime = FNV_PRIME; // a local, not an imported binding loaded at each use (see `textSignature`)
  let top = 1; // FNV_PRIME^(n-1)
  for (let i = 1; i < n; i++) top = Math.imul(top, prime);
  let r = 0;
  for (let i = 0; i < n; i++) r = (Math.imul(r, prime) + text.charCodeAt(i)) | 0;
  let w = at;
  for (let i = n; ; i++) {
    // The top 30 bits of the window's rolling hash, kept unless seen already.
    const hash = r >>> 2;
    let slot = Math.imul(hash, 0x9e3779b1) >>> shift;
    for (;;) {
      if (cells[slot * 2] !== stamp) {
        cells[slot * 2] = stamp;
        cells[slot * 2 + 1] = hash;
        out[w++] = hash;
        break;
      }
      if (cells[slot * 2 + 1] === hash) break;
      slot = (slot + 1) & mask;
    }
    if (i === len) break;
    r = (Math.imul(r - Math.imul(text.charCodeAt(i - n), top), prime) + text.charCodeAt(i)) | 0;
  }
  return w - at;
}

/**
 * A set of hashes for one computation at a time, cleared in O(1) by bumping a generation stamp instead of
 * zeroing its arrays. Shared by `shingleHashes`, `distinctHashes` and `intersectionSize` (none calls another). Slots
 * come from the top bits of a multiplicative hash (Fibonacci hashing): the low bits of a rolling hash mix
 * poorly. A slot is [stamp, key as int32] side by side (one cache line per probe, integer compares).
 */
class ScratchSet {
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

  /**
   * Adds `hash` (an int32) unless the set holds it; true when added. `writeShingles` writes this loop out
   * itself (it runs on every block of every post); the other users call it.
   */
  add(hash: number): boolean {
    const { cells, stamp, mask } = this;
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    for (;;) {
      if (cells[slot * 2] !== stamp) {
        cells[slot * 2] = stamp;
        cells[slot * 2 + 1] = hash;
        return true;
      }
      if (cells[slot * 2 + 1] === hash) return false;
      slot = (slot + 1) & mask;
    }
  }
}

const scratch = new ScratchSet();

/**
 * Each value of `hashes` once, in first-occurrence order: a set for `intersectionSize`. Through the reused
 * hash table rather than a sort (a post's 32-bit shingle hashes, ~10,000 of them, sorted cost 3x more).
 */
export function distinctHashes(hashes: Uint32Array): Uint32Array {
  if (hashes.length === 0) return new Uint32Array(0);
  if (scratchOut.length < hashes.length) scratchOut = new Uint32Array(Math.max(hashes.length, scratchOut.length * 2));
  const out = scratchOut;
  const set = scratch.reset(hashes.length);
  let w = 0;
  for (let k = 0; k < hashes.length; k++) {
    const hash = hashes[k]! | 0;
    if (set.add(hash)) out[w++] = hash;
  }
  return out.slice(0, w);
}

/** Size of the intersection of two hash sets (each value once, any order). */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  const small = a.length <= b.length ? a : b;
  const large = small === a ? b : a;
  if (small.length === 0) return 0;
  const { cells, stamp, shift, mask } = scratch.reset(small.length);
  for (let k = 0; k < small.length; k++) {
    const hash = small[k]! | 0;
    let i = Math.imul(hash, 0x9e3779b1) >>> shift;
    for (;;) {
      if (cells[i * 2] !== stamp) {
        cells[i * 2] = stamp;
        cells[i * 2 + 1] = hash;
        break;
      }
      if (cells[i * 2 + 1] === hash) break;
      i = (i + 1) & mask;
    }
  }
  let shared = 0;
  for (let k = 0; k < large.length; k++) {
    const hash = large[k]! | 0;
    let i = Math.imul(hash, 0x9e3779b1) >>> shift;
    for (;;) {
      if (cells[i * 2] !== stamp) break;
      if (cells[i * 2 + 1] === hash) {
        shared++;
        break;
      }
      i = (i + 1) & mask;
    }
  }
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
 * costs a few array writes per n-gram. Ids are small non-negative integers, each text's own until the
 * next `clear`; hashes are below 2^31. A slot's key, list head, list length and stamp sit side by side
 * (16 bytes, never across a cache line), and so do a posting's id and next posting: a look-up touches one
 * cache line of each table rather than one per field.
 *
 * A slot's stamp is `base + id` of the last text that met its key, and a stamp below `base` marks an empty
 * slot: `clear` empties the table by raising `base` instead of filling it (a post's table is ~0.5–1 MB;
 * filling them took ~5 % of the index's time over the site head).
 */
export class ShingleIndex {
  /** Per slot: [key, head posting, length of the list, stamp (below `base`: an empty slot)]. */
  private table: Int32Array;
  /** Per posting: [id, next posting (-1: none)]. */
  private postings: Int32Array;
  private size = 0;
  private used = 0;
  private mask: number;
  private shift: number;
  /** Where `indexText` put each posting it added (from `addedFrom`), so that `undoAdd` can take them back. */
  private addedSlots = new Int32Array(0);
  private addedFrom = 0;
  /** Stamps of this use of the index start here: every stamp written before is below it. */
  private base = 1;
  /** One above the largest stamp written. */
  private top = 1;
  /** How many ids the last `indexText` appended to its `touched`. */
  touchedCount = 0;

  constructor(
    expectedShingles: number,
    private readonly cap = 48,
  ) {
    this.table = new Int32Array(0);
    this.postings = new Int32Array(0);
    this.mask = 0;
    this.shift = 32;
    this.clear(expectedShingles);
  }

  /**
   * Empties the index for about `expectedShingles` postings, keeping its arrays when they are large enough:
   * one index serves post after post without allocating (its tables sized for the largest so far).
   */
  clear(expectedShingles: number): this {
    let bits = 4;
    while (1 << bits < expectedShingles * 2) bits++;
    const capacity = 1 << bits;
    if (capacity * 4 > this.table.length) this.table = new Int32Array(capacity * 4);
    if (Math.max(16, expectedShingles) * 2 > this.postings.length) this.postings = new Int32Array(Math.max(16, expectedShingles) * 2);
    this.base = this.top;
    if (this.base > 0x3fffffff) {
      // Stamps would run out (ids are added to the base): every slot emptied once, for real.
      this.table.fill(0);
      this.base = this.top = 1;
    }
    this.mask = capacity - 1;
    this.shift = 32 - bits;
    this.size = 0;
    this.used = 0;
    this.addedFrom = 0;
    return this;
  }

  /** The stamp of text `id`, noted as written. */
  private stampOf(id: number): number {
    const stamp = this.base + id;
    if (stamp >= this.top) this.top = stamp + 1;
    return stamp;
  }

  /** Where `hash` is, or the empty slot it would take: linear probing from the top bits of a multiplicative hash. */
  private slot(hash: number): number {
    const table = this.table;
    let i = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const key = table[i * 4]!;
      if (table[i * 4 + 3]! < this.base || key === hash) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** Indexes the set `hashes` (each value once) under `id`. */
  add(hashes: Uint32Array, id: number): void {
    for (let k = 0; k < hashes.length; k++) {
      const hash = hashes[k]!;
      const i = this.slot(hash);
      const table = this.table;
      const isNew = table[i * 4 + 3]! < this.base;
      const length = isNew ? 0 : table[i * 4 + 2]!;
      table[i * 4 + 3] = this.stampOf(id);
      if (length >= this.cap) continue;
      if ((this.size + 1) * 2 > this.postings.length) this.grow(this.size + 1);
      const p = this.size++;
      this.postings[p * 2] = id;
      this.postings[p * 2 + 1] = isNew ? -1 : table[i * 4 + 1]!;
      table[i * 4 + 1] = p;
      table[i * 4 + 2] = length + 1;
      if (isNew) {
        table[i * 4] = hash;
        if (++this.used * 2 > this.mask) this.rehash();
      }
    }
  }

  /** Calls `visit(id)` once per (shingle, id) pair: for each hash, every id indexed under it. */
  forEachPosting(hashes: Uint32Array, visit: (id: number) => void): void {
    const { table, postings } = this;
    for (let k = 0; k < hashes.length; k++) {
      const i = this.slot(hashes[k]!);
      if (table[i * 4 + 3]! < this.base) continue;
      for (let p = table[i * 4 + 1]!; p !== -1; p = postings[p * 2 + 1]!) visit(postings[p * 2]!);
    }
  }

  /**
   * What `forEachPosting` visits, counted: `counts[id]` grows by one per visit, and each id whose count was
   * 0 is appended to `touched` (from index 0, in the order of first visits). Returns how many were appended.
   * The analysis shingles, looks up and indexes in one probe (`indexText`); this is the plain look-up the
   * tests hold that one to.
   */
  countPostings(hashes: Uint32Array, counts: Int32Array, touched: Int32Array): number {
    const { table, postings } = this;
    let n = 0;
    for (let k = 0; k < hashes.length; k++) {
      const i = this.slot(hashes[k]!);
      if (table[i * 4 + 3]! < this.base) continue;
      for (let p = table[i * 4 + 1]!; p !== -1; p = postings[p * 2 + 1]!) {
        const id = postings[p * 2]!;
        const count = counts[id]!;
        counts[id] = count + 1;
        if (count === 0) touched[n++] = id;
      }
    }
    return n;
  }

  /**
   * `h = shingleHashes(text, n)` written into `out` from `at` (room for max(1, text.length - n + 1) values),
   * then, when `counts` is given, `countPostings(h, counts, touched)` (its count in `touchedCount`), then
   * `add(h, id)`: in one probe per n-gram. Returns how many hashes it wrote. The set's de-duplication is the
   * index's own: a slot's stamp tells whether this text met its key already (`add` keeps no posting for a
   * full list, so a list's head cannot tell). Shingling and de-duplicating (`ShingleSets`, then a copy out of
   * its buffer), then looking up and indexing, were two passes over two hash tables: ~430 ms over the site
   * head's posts, this ~340 ms (alternated in one process).
   */
  indexText(text: string, n: number, id: number, out: Uint32Array, at: number, counts: Int32Array | null, touched: Int32Array): number {
    const len = text.length;
    this.addedFrom = this.size;
    this.touchedCount = 0;
    if (len === 0) return 0;
    this.reserve(Math.max(1, len - n + 1));
    if (len < n) {
      this.indexHash(fnv1a(text, 0, len) >>> 2, id, out, at, counts, touched);
      return 1;
    }
    return this.indexWindows(text, n, id, out, at, counts, touched);
  }

  /** Room for `windows` more keys and postings: no rehash while a text is indexed, so the slots `undoAdd` restores stay where they are. */
  private reserve(windows: number): void {
    while ((this.used + windows) * 2 > this.mask) this.rehash();
    if ((this.size + windows) * 2 > this.postings.length) this.grow(this.size + windows);
    if (this.addedSlots.length < windows) this.addedSlots = new Int32Array(Math.max(windows, this.addedSlots.length * 2));
  }

  /**
   * `indexText`'s loop over the windows of a text of at least n characters, in a method of its own with
   * nothing rare in it: with the growing and the short texts in the same method, V8 (node 20) kept, in one
   * process in two, an on-stack-replacement compile of the loop after a deopt on a rare path, and the
   * pass ran ~45 % slower (~540 against ~370 ms over the site head).
   */
  private indexWindows(text: string, n: number, id: number, out: Uint32Array, at: number, counts: Int32Array | null, touched: Int32Array): number {
    const len = text.length;
    const { table, postings, mask, shift, cap, addedSlots, base } = this;
    const stamp = this.stampOf(id);
    const from = this.size;
    const prime = FNV_PRIME; // a local, not an imported binding loaded at each use (see `textSignature`)
    const top = rollingTop(n);
    let r = rollingStart(text, n);
    let size = from;
    let used = this.used;
    let touchedCount = 0;
    let w = at;
    for (let c = n; ; c++) {
      // The top 30 bits of the window's rolling hash, as `writeShingles`.
      const hash = r >>> 2;
      let i = Math.imul(hash, 0x9e3779b1) >>> shift;
      let met = table[i * 4 + 3]!;
      while (met >= base && table[i * 4] !== hash) {
        i = (i + 1) & mask;
        met = table[i * 4 + 3]!;
      }
      let metInThisText = 0;
      if (met < base) {
        table[i * 4] = hash;
        table[i * 4 + 1] = -1;
        table[i * 4 + 2] = 0;
        table[i * 4 + 3] = stamp;
        used++;
      } else if (met !== stamp) {
        table[i * 4 + 3] = stamp;
        if (counts !== null) {
          for (let p = table[i * 4 + 1]!; p !== -1; p = postings[p * 2 + 1]!) {
            const other = postings[p * 2]!;
            const count = counts[other]!;
            counts[other] = count + 1;
            if (count === 0) touched[touchedCount++] = other;
          }
        }
      } else metInThisText = 1;
      if (metInThisText === 0) {
        out[w++] = hash;
        const length = table[i * 4 + 2]!;
        if (length < cap) {
          postings[size * 2] = id;
          postings[size * 2 + 1] = table[i * 4 + 1]!;
          table[i * 4 + 1] = size;
          table[i * 4 + 2] = length + 1;
          addedSlots[size - from] = i;
          size++;
        }
      }
      if (c === len) {
        this.size = size;
        this.used = used;
        this.touchedCount = touchedCount;
        return w - at;
      }
      r = (Math.imul(r - Math.imul(text.charCodeAt(c - n), top), prime) + text.charCodeAt(c)) | 0;
    }
  }

  /** `indexText`'s step for the one hash of a text shorter than n. */
  private indexHash(hash: number, id: number, out: Uint32Array, at: number, counts: Int32Array | null, touched: Int32Array): void {
    const i = this.slot(hash);
    const { table, postings } = this;
    out[at] = hash;
    if (table[i * 4 + 3]! < this.base) {
      table[i * 4] = hash;
      table[i * 4 + 1] = -1;
      table[i * 4 + 2] = 0;
      this.used++;
    } else if (counts !== null) {
      let n = 0;
      for (let p = table[i * 4 + 1]!; p !== -1; p = postings[p * 2 + 1]!) {
        const other = postings[p * 2]!;
        counts[other] = counts[other]! + 1;
        touched[n++] = other; // one hash: each id once
      }
      this.touchedCount = n;
    }
    table[i * 4 + 3] = this.stampOf(id);
    const length = table[i * 4 + 2]!;
    if (length >= this.cap) return;
    postings[this.size * 2] = id;
    postings[this.size * 2 + 1] = table[i * 4 + 1]!;
    table[i * 4 + 1] = this.size;
    table[i * 4 + 2] = length + 1;
    this.addedSlots[0] = i;
    this.size++;
  }

  /**
   * Takes back the postings of the last `indexText` (nothing else changed the index since): latest first,
   * each list's head and length restored, and a key it created emptied again (a linear-probing table undone
   * in reverse order of insertion is the table before; the stamps it left on other keys are no later text's).
   */
  undoAdd(): void {
    const { table, postings, addedSlots } = this;
    for (let p = this.size - 1; p >= this.addedFrom; p--) {
      const i = addedSlots[p - this.addedFrom]!;
      const previous = postings[p * 2 + 1]!;
      if (previous === -1) {
        table[i * 4 + 3] = 0;
        this.used--;
      } else {
        table[i * 4 + 1] = previous;
        table[i * 4 + 2] = table[i * 4 + 2]! - 1;
      }
    }
    this.size = this.addedFrom;
  }

  private grow(needed: number): void {
    const postings = new Int32Array(Math.max(needed, this.postings.length) * 2);
    postings.set(this.postings);
    this.postings = postings;
  }

  private rehash(): void {
    const old = this.table;
    const oldCapacity = this.mask + 1;
    const capacity = oldCapacity * 2;
    this.mask = capacity - 1;
    this.shift--;
    this.table = new Int32Array(capacity * 4);
    for (let j = 0; j < oldCapacity; j++) {
      const key = old[j * 4]!;
      if (old[j * 4 + 3]! < this.base) continue;
      const i = this.slot(key);
      this.table.set(old.subarray(j * 4, j * 4 + 4), i * 4);
    }
  }
}
