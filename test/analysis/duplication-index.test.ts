import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeDuplication, type Unit } from '../../src/analysis/duplication.js';
import { duplicationOptions } from '../../src/config/duplication.js';
import { truncationOptions } from '../../src/config/truncation.js';
import { parsePost } from '../../src/post/parse.js';
import { shingleHashes, ShingleIndex } from '../../src/text/shingles.js';
import { itOnEveryRealPost } from '../helpers.js';

/**
 * The analysis shingles a unit, looks it up and indexes it in one pass (`indexText`), and takes it out
 * again when it is a collapsed article (`undoAdd`): that must write the set `shingleHashes` makes, count
 * what a plain index (`PlainIndex`: a map from hash to its capped list of ids) counts, in the same order,
 * and leave the index as if the unit had never been added; `countPostings` and `add` must count and add
 * as the plain index does too. Held on the units of every real post (the seeds and the site bundle's head, ai-blog-system,
 * MIT; clean-en, MIT; the vim-jp posts, CC BY 4.0; the Prometheus posts, Apache-2.0), one in three taken
 * back and one in five indexed without a look-up, with the analysis's cap and a small one (lists full
 * early), by one index cleared from post to post (its stamps go on across posts) and sized for nothing
 * (rehashed as it grows); and on generated texts of a few letters (windows repeated within a text, texts
 * shorter than n, empty ones).
 */
const options = duplicationOptions.parse({});
const analysisOptions = { ...options, markers: truncationOptions.parse({}).markers };

const fusedByCap = new Map<number, ShingleIndex>();

/** The index's contract in its simplest form: each hash's ids in the order added, the first `cap` only. */
class PlainIndex {
  private readonly lists = new Map<number, number[]>();
  constructor(private readonly cap: number) {}

  add(hashes: Uint32Array, id: number): void {
    for (const hash of hashes) {
      const list = this.lists.get(hash) ?? [];
      this.lists.set(hash, list);
      if (list.length < this.cap) list.push(id);
    }
  }

  /** `countPostings`: each list walked from its latest id. */
  countPostings(hashes: Uint32Array, counts: Int32Array, touched: Int32Array): number {
    let n = 0;
    for (const hash of hashes) {
      const list = this.lists.get(hash) ?? [];
      for (let k = list.length - 1; k >= 0; k--) if (counts[list[k]!]!++ === 0) touched[n++] = list[k]!;
    }
    return n;
  }
}

/**
 * `indexText` (and `undoAdd`) of `fused`, and `countPostings` + `add` of a `ShingleIndex` of its own, against
 * `shingleHashes` + `PlainIndex` over `texts` (ids in order); returns how many postings it compared.
 */
function expectSameIndex(label: string, texts: readonly string[], n: number, cap: number, fused: ShingleIndex): number {
  const simple = new PlainIndex(cap);
  const unfused = new ShingleIndex(0, cap);
  const unfusedCounts = new Int32Array(texts.length);
  const unfusedTouched = new Int32Array(texts.length);
  fused.clear(0);
  const simpleCounts = new Int32Array(texts.length);
  const fusedCounts = new Int32Array(texts.length);
  const simpleTouched = new Int32Array(texts.length);
  const fusedTouched = new Int32Array(texts.length);
  let out = new Uint32Array(16);
  let compared = 0;
  for (let id = 0; id < texts.length; id++) {
    const text = texts[id]!;
    const hashes = shingleHashes(text, n);
    const lookUp = id % 5 !== 1;
    if (out.length < text.length + 1) out = new Uint32Array(text.length * 2 + 1);
    const count = lookUp ? simple.countPostings(hashes, simpleCounts, simpleTouched) : 0;
    const unfusedCount = lookUp ? unfused.countPostings(hashes, unfusedCounts, unfusedTouched) : 0;
    const size = fused.indexText(text, n, id, out, 1, lookUp ? fusedCounts : null, fusedTouched);
    // Compared by hand (an `expect` per unit on whole arrays is quadratic); the counts are all 0 again after.
    let same = size === hashes.length && fused.touchedCount === count && unfusedCount === count;
    for (let k = 0; k < hashes.length && same; k++) same = out[1 + k] === hashes[k];
    for (let t = 0; t < count; t++) {
      const other = simpleTouched[t]!;
      same &&= fusedTouched[t] === other && fusedCounts[other] === simpleCounts[other];
      same &&= unfusedTouched[t] === other && unfusedCounts[other] === simpleCounts[other];
      simpleCounts[other] = fusedCounts[other] = unfusedCounts[other] = 0;
    }
    expect(same, `${label}: text ${id} (cap ${cap})`).toBe(true);
    if (lookUp && id % 3 === 0) fused.undoAdd(out.subarray(1, 1 + size));
    else {
      simple.add(hashes, id);
      unfused.add(hashes, id);
    }
    compared += count;
  }
  expect(fusedCounts.every((c) => c === 0) && unfusedCounts.every((c) => c === 0)).toBe(true);
  return compared;
}

function unitsOf(path: string, text: string): Unit[] {
  return analyzeDuplication(parsePost(path, text), analysisOptions).units;
}

describe('duplication: one pass to shingle a unit, look it up and index it', () => {
  itOnEveryRealPost(
    'writes what shingleHashes writes, counts what a look-up then an add count, and is taken back whole',
    (path, text) => {
      const units = unitsOf(path, text);
      let compared = 0;
      for (const cap of [48, 3]) {
        if (!fusedByCap.has(cap)) fusedByCap.set(cap, new ShingleIndex(0, cap));
        compared += expectSameIndex(path, units.map((u) => u.norm), options.ngram, cap, fusedByCap.get(cap)!);
      }
      return compared;
    },
    { real: 1000, siteHead: 100_000 },
  );

  itOnEveryRealPost(
    "gives every unit the set of its normalised text (the analysis's sets are the index's)",
    (path, text) => {
      const units = unitsOf(path, text);
      for (const unit of units) expect([...unit.shingles], `${path}: unit ${unit.id}`).toEqual([...shingleHashes(unit.norm, options.ngram)]);
      return units.length;
    },
    { real: 1000, siteHead: 50_000 },
  );

  it('on generated texts of a few letters, n from 2 to 5, caps 1 to 4', () => {
    const index = new ShingleIndex(0, 1);
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[ab]{0,12}$/u), { maxLength: 30 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 4 }), (texts, n, cap) => {
        expectSameIndex('generated', texts, n, cap, cap === 1 ? index : new ShingleIndex(0, cap));
      }),
      { numRuns: 500 },
    );
  });
});
