import { describe, expect } from 'vitest';
import { collectUnits } from '../../src/analysis/duplication.js';
import { duplicationOptions } from '../../src/config/duplication.js';
import { truncationOptions } from '../../src/config/truncation.js';
import { parsePost } from '../../src/post/parse.js';
import { markerPattern } from '../../src/text/markers.js';
import { ShingleIndex } from '../../src/text/shingles.js';
import { itOnEveryRealPost } from '../helpers.js';

/**
 * The analysis looks a paragraph up and indexes it in one pass (`countAndAdd`), and takes it out again
 * when it is a collapsed article (`undoAdd`): that must count what `countPostings` then `add` count, in
 * the same order, and leave the index as if the unit had never been added. Held on the units of every
 * real post (the seeds and the site bundle's head, ai-blog-system, MIT; clean-en, MIT; the vim-jp posts,
 * CC BY 4.0; the Prometheus posts, Apache-2.0), one in three taken back, with the analysis's cap and a
 * small one (lists full early), from an index sized for nothing (rehashed as it grows).
 */
const options = duplicationOptions.parse({});
const markers = markerPattern(truncationOptions.parse({}).markers);

function expectSameCounts(path: string, text: string): number {
  const units = collectUnits(parsePost(path, text), options, markers);
  let compared = 0;
  for (const cap of [48, 3]) {
    const simple = new ShingleIndex(0, cap);
    const fused = new ShingleIndex(0, cap);
    const simpleCounts = new Int32Array(units.length);
    const fusedCounts = new Int32Array(units.length);
    const simpleTouched = new Int32Array(units.length);
    const fusedTouched = new Int32Array(units.length);
    for (const unit of units) {
      const n = simple.countPostings(unit.shingles, simpleCounts, simpleTouched);
      expect(fused.countAndAdd(unit.shingles, unit.id, fusedCounts, fusedTouched), path).toBe(n);
      // Compared by hand (an `expect` per unit on whole arrays is quadratic); the counts are all 0 again after.
      let same = true;
      for (let t = 0; t < n; t++) {
        const id = simpleTouched[t]!;
        same &&= fusedTouched[t] === id && fusedCounts[id] === simpleCounts[id];
        simpleCounts[id] = fusedCounts[id] = 0;
      }
      expect(same, `${path}: unit ${unit.id}`).toBe(true);
      if (unit.id % 3 === 0) fused.undoAdd();
      else simple.add(unit.shingles, unit.id);
      compared += n;
    }
    expect(fusedCounts.every((count) => count === 0)).toBe(true);
  }
  return compared;
}

describe('duplication: one pass to look a unit up and index it', () => {
  itOnEveryRealPost('counts what a look-up then an add count, and is taken back whole', expectSameCounts, { real: 1000, siteHead: 100_000 });
});
