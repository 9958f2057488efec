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
 * next `clear`; hashes are below 2^31; the cap is at least 1.
 *
 * A slot is [key, head posting + 1 (0: an empty slot)], 8 bytes: eight slots to a cache line. What else a
 * key needs is in its head posting, the latest: [id, next posting, length of the list from it]. So the
 * head's id tells whether the text being indexed met the key already (the set's de-duplication) and its
 * length whether the list is full. A full list keeps no posting for a new text, so the first later text
 * that meets it puts a marker posting [~id, the list's first posting, length] at its head, and each later
 * one writes its own `~id` there.
 *
 * The probes are cache misses: the other analyses of a post evict the table before the next post's (in
 * the CLI, `indexWindows` was ~800 ms of a site-head check with slots of 16 bytes, [key, head, length,
 * stamp of the last text]). Half the bytes, and `clear` fills the part of the table the post uses (one
 * sequential pass, which brings it back into the cache) rather than leaving empty slots to be told by a
 * stamp below a base raised from post to post: the analysis over the site head, each post's rules run
 * between two posts, 0.8–0.9 of the time of the 16-byte slots (thread CPU, the two builds alternated post
 * by post in one process).
 */
export class ShingleIndex {
  /** Per slot: [key, head posting + 1 (0: an empty slot)]. */
  private table: Int32Array;
  /** Per posting: [id (a full list's marker: ~id of the last text that met it), next posting (-1: none), length of the list from it]. */
  private postings: Int32Array;
  private size = 0;
  private used = 0;
  private mask: number;
  private shift: number;
  /** The first posting the last `indexText` added: `undoAdd` takes back those from it. */
  private addedFrom = 0;
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
    if (capacity * 2 > this.table.length) this.table = new Int32Array(capacity * 2);
    else this.table.fill(0, 0, capacity * 2);
    if (Math.max(16, expectedShingles) * 3 > this.postings.length) this.postings = new Int32Array(Math.max(16, expectedShingles) * 3);
    this.mask = capacity - 1;
    this.shift = 32 - bits;
    this.size = 0;
    this.used = 0;
    this.addedFrom = 0;
    return this;
  }

  /** Where `hash` is, or the empty slot it would take: linear probing from the top bits of a multiplicative hash. */
  private slot(hash: number): number {
    const table = this.table;
    let i = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    for (;;) {
      if (table[i * 2 + 1] === 0 || table[i * 2] === hash) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** The first posting of the list of the key in slot `i` (past a full list's marker), or -1 for an empty slot. */
  private firstPosting(i: number): number {
    const p = this.table[i * 2 + 1]! - 1;
    return p !== -1 && this.postings[p * 3]! < 0 ? this.postings[p * 3 + 1]! : p;
  }

  /** Indexes the set `hashes` (each value once) under `id`. */
  add(hashes: Uint32Array, id: number): void {
    this.addedFrom = this.size;
    this.reserve(hashes.length);
    for (let k = 0; k < hashes.length; k++) this.indexHash(hashes[k]!, id, null, NO_IDS, 0);
  }

  /** Calls `visit(id)` once per (shingle, id) pair: for each hash, every id indexed under it. */
  forEachPosting(hashes: Uint32Array, visit: (id: number) => void): void {
    const postings = this.postings;
    for (let k = 0; k < hashes.length; k++) {
      for (let p = this.firstPosting(this.slot(hashes[k]!)); p !== -1; p = postings[p * 3 + 1]!) visit(postings[p * 3]!);
    }
  }

  /**
   * What `forEachPosting` visits, counted: `counts[id]` grows by one per visit, and each id whose count was
   * 0 is appended to `touched` (from index 0, in the order of first visits). Returns how many were appended.
   * The analysis shingles, looks up and indexes in one probe (`indexText`); this is the plain look-up.
   */
  countPostings(hashes: Uint32Array, counts: Int32Array, touched: Int32Array): number {
    const postings = this.postings;
    let n = 0;
    for (let k = 0; k < hashes.length; k++) {
      for (let p = this.firstPosting(this.slot(hashes[k]!)); p !== -1; p = postings[p * 3 + 1]!) {
        const id = postings[p * 3]!;
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
   * index's own: a key's head posting tells whether this text met it already.
   */
  indexText(text: string, n: number, id: number, out: Uint32Array, at: number, counts: Int32Array | null, touched: Int32Array): number {
    const len = text.length;
    this.addedFrom = this.size;
    this.touchedCount = 0;
    if (len === 0) return 0;
    this.reserve(Math.max(1, len - n + 1));
    if (len < n) {
      const hash = fnv1a(text, 0, len) >>> 2;
      out[at] = hash;
      this.touchedCount = this.indexHash(hash, id, counts, touched, 0);
      return 1;
    }
    return this.indexWindows(text, n, id, out, at, counts, touched);
  }

  /** Room for `windows` more keys and postings: no rehash while a text is indexed, so the slots `undoAdd` restores stay where they are. */
  private reserve(windows: number): void {
    while ((this.used + windows) * 2 > this.mask) this.rehash();
    if ((this.size + windows) * 3 > this.postings.length) this.grow(this.size + windows);
  }

  /**
   * `indexText`'s loop over the windows of a text of at least n characters, in a method of its own with
   * nothing rare in it: with the growing and the short texts in the same method, V8 (node 20) kept, in one
   * process in two, an on-stack-replacement compile of the loop after a deopt on a rare path, and the
   * pass ran ~45 % slower (~540 against ~370 ms over the site head).
   */
  private indexWindows(text: string, n: number, id: number, out: Uint32Array, at: number, counts: Int32Array | null, touched: Int32Array): number {
    const len = text.length;
    const { table, postings, mask, shift, cap } = this;
    const marker = ~id;
    const prime = FNV_PRIME; // a local, not an imported binding loaded at each use (see `textSignature`)
    const top = rollingTop(n);
    let r = rollingStart(text, n);
    let size = this.size;
    let used = this.used;
    let touchedCount = 0;
    let w = at;
    for (let c = n; ; c++) {
      // The top 30 bits of the window's rolling hash, as `writeShingles`.
      const hash = r >>> 2;
      let i = Math.imul(hash, 0x9e3779b1) >>> shift;
      let head = table[i * 2 + 1]!;
      while (head !== 0 && table[i * 2] !== hash) {
        i = (i + 1) & mask;
        head = table[i * 2 + 1]!;
      }
      if (head === 0) {
        table[i * 2] = hash;
        table[i * 2 + 1] = size + 1;
        postings[size * 3] = id;
        postings[size * 3 + 1] = -1;
        postings[size * 3 + 2] = 1;
        size++;
        used++;
        out[w++] = hash;
      } else {
        const h = head - 1;
        const holder = postings[h * 3]!;
        if (holder !== id && holder !== marker) {
          out[w++] = hash;
          // `indexHash`'s count of the other texts, written out: this loop is the analysis's hottest, and a
          // check on every core compiles without inlining (`compileLighter`).
          if (counts !== null) {
            for (let p = holder < 0 ? postings[h * 3 + 1]! : h; p !== -1; p = postings[p * 3 + 1]!) {
              const other = postings[p * 3]!;
              const count = counts[other]!;
              counts[other] = count + 1;
              if (count === 0) touched[touchedCount++] = other;
            }
          }
          if (holder < 0) postings[h * 3] = marker;
          else {
            const length = postings[h * 3 + 2]!;
            postings[size * 3] = length < cap ? id : marker;
            postings[size * 3 + 1] = h;
            postings[size * 3 + 2] = length < cap ? length + 1 : length;
            table[i * 2 + 1] = size + 1;
            size++;
          }
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

  /**
   * One hash of text `id` (`add`'s step, and `indexText`'s for a text shorter than n), looked up into
   * `counts` and `touched` (from `touchedCount`) unless `counts` is null; returns the new `touchedCount`.
   * The room for its key and posting is reserved.
   */
  private indexHash(hash: number, id: number, counts: Int32Array | null, touched: Int32Array, touchedCount: number): number {
    const { table, postings, size, cap } = this;
    const i = this.slot(hash);
    const head = table[i * 2 + 1]!;
    let length = 0;
    let next = -1;
    if (head === 0) {
      table[i * 2] = hash;
      this.used++;
    } else {
      const h = head - 1;
      const holder = postings[h * 3]!;
      if (holder === id || holder === ~id) return touchedCount;
      if (counts !== null) {
        for (let p = holder < 0 ? postings[h * 3 + 1]! : h; p !== -1; p = postings[p * 3 + 1]!) {
          const other = postings[p * 3]!;
          const count = counts[other]!;
          counts[other] = count + 1;
          if (count === 0) touched[touchedCount++] = other;
        }
      }
      if (holder < 0) {
        postings[h * 3] = ~id;
        return touchedCount;
      }
      length = postings[h * 3 + 2]!;
      next = h;
    }
    postings[size * 3] = length < cap ? id : ~id;
    postings[size * 3 + 1] = next;
    postings[size * 3 + 2] = length < cap ? length + 1 : length;
    table[i * 2 + 1] = size + 1;
    this.size = size + 1;
    return touchedCount;
  }

  /**
   * Takes back the postings of the last `indexText`, whose set is `hashes` (nothing else changed the index
   * since): latest key first, each list's head restored, and a key it created emptied again (a
   * linear-probing table undone in reverse order of insertion is the table before; a marker it left on a
   * full list is no later text's). Found again by their keys: the analysis takes back 1 text in ~90.
   */
  undoAdd(hashes: Uint32Array): void {
    const { table, postings } = this;
    for (let k = hashes.length - 1; k >= 0; k--) {
      const i = this.slot(hashes[k]!);
      const p = table[i * 2 + 1]! - 1;
      if (p < this.addedFrom) continue; // a full list whose marker it rewrote
      const previous = postings[p * 3 + 1]!;
      table[i * 2 + 1] = previous + 1;
      if (previous === -1) this.used--;
    }
    this.size = this.addedFrom;
  }

  private grow(needed: number): void {
    const postings = new Int32Array(Math.max(needed * 3, this.postings.length * 2));
    postings.set(this.postings);
    this.postings = postings;
  }

  private rehash(): void {
    const old = this.table;
    const oldCapacity = this.mask + 1;
    this.mask = oldCapacity * 2 - 1;
    this.shift--;
    this.table = new Int32Array(oldCapacity * 4);
    for (let j = 0; j < oldCapacity; j++) {
      if (old[j * 2 + 1] === 0) continue;
      const i = this.slot(old[j * 2]!);
      this.table[i * 2] = old[j * 2]!;
      this.table[i * 2 + 1] = old[j * 2 + 1]!;
    }
  }
}

const NO_IDS = new Int32Array(0);
