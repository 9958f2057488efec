import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectionSize, overlap, shingleHashes, ShingleIndex } from '../../src/text/shingles.js';
import { findUnbalancedBracket } from '../../src/text/brackets.js';
import { findMarkers, markerPattern } from '../../src/text/markers.js';
import { truncationOptions } from '../../src/config/truncation.js';

describe('shingles', () => {
  it('identical texts have Jaccard 1, disjoint texts 0, a prefix is contained', () => {
    const a = shingleHashes('abcdefghijklmnop', 5);
    expect(overlap(a, a)).toEqual({ jaccard: 1, containment: 1 });
    expect(overlap(a, shingleHashes('qrstuvwxyz0123', 5)).jaccard).toBe(0);
    expect(overlap(shingleHashes('abcdefgh', 5), a).containment).toBe(1);
  });

  it('the rolling hash gives the same set as hashing each window on its own', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 80 }), (text) => {
        const whole = shingleHashes(text, 5);
        const windows = new Set<number>();
        for (let i = 0; i + 5 <= text.length; i++) for (const h of shingleHashes(text.slice(i, i + 5), 5)) windows.add(h);
        // A set: each hash once, in first-occurrence order.
        expect([...whole]).toEqual([...windows]);
      }),
    );
  });

  it('the index returns each id once per shared shingle', () => {
    const a = shingleHashes('the quick brown fox', 5);
    const b = shingleHashes('the quick brown cat', 5);
    const index = new ShingleIndex(4);
    index.add(a, 0);
    const seen: number[] = [];
    index.forEachPosting(b, (id) => seen.push(id));
    expect(seen.length).toBe(intersectionSize(a, b));
  });

  it('intersectionSize counts shared hashes of two sets in any order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }))), fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }))), (x, y) => {
        const shared = x.filter((v) => y.includes(v)).length;
        expect(intersectionSize(Uint32Array.from(x), Uint32Array.from(y).reverse())).toBe(shared);
      }),
    );
  });
});

describe('linear-time text scans', () => {
  it('default markers on a 1 MB line of dashes and on brackets', () => {
    const pattern = markerPattern(truncationOptions.parse({}).markers);
    const dashes = '-'.repeat(1_000_000);
    expect(findMarkers(dashes, pattern)).toEqual([]);
    expect(findMarkers(`text---END---`, pattern).map((m) => m.text)).toEqual(['---END---']);
    expect(findUnbalancedBracket('「'.repeat(100_000))?.kind).toBe('unclosed');
    expect(findUnbalancedBracket('（注）「引用」と (a) と "b"')).toBeNull();
  });
});
