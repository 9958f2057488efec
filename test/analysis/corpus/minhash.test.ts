import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizedBody } from '../../../src/analysis/corpus/features.js';
import { gitBlobSha } from '../../../src/analysis/corpus/hash.js';
import { estimateSimilarity, exactJaccard, allShingleHashes, sharedHashes, shingleSet, signature, textShingleSet, textSignature } from '../../../src/analysis/corpus/minhash.js';
import { intersectionSize } from '../../../src/text/shingles.js';
import { FIXTURES, itOnEveryRealPost } from '../../helpers.js';

const nedo = readFileSync(join(FIXTURES, 'corpus/_posts/2025-10-09-3-nedoai.md'), 'utf8');
const cpo = readFileSync(join(FIXTURES, 'corpus/_posts/2025-09-15-2-aicpo.md'), 'utf8');

describe('shingles and signatures', () => {
  it('the streaming signature equals the signature of the materialised shingles', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 300 }), fc.integer({ min: 2, max: 8 }), (text, k) => {
        expect([...textSignature(text, k, 64)]).toEqual([...signature(allShingleHashes(text, k), 64)]);
      }),
    );
  });

  it('rolling shingle hashes depend only on the shingle, not its position', () => {
    const h = allShingleHashes('abcdeXabcde', 5);
    expect(h[0]).toBe(h[6]);
    expect(h[0]).not.toBe(h[1]);
  });

  it('a shingle set holds each hash of the text once, and its Jaccard is that of the sorted distinct hashes', () => {
    const sortedDistinct = (h: Uint32Array) => [...new Set(h)].sort((x, y) => x - y);
    const jaccard = (x: number[], y: number[]) => {
      const ys = new Set(y);
      const inter = x.filter((v) => ys.has(v)).length;
      return inter / (x.length + y.length - inter);
    };
    const a = allShingleHashes(normalizedBody(nedo), 5);
    const b = allShingleHashes(normalizedBody(cpo), 5);
    const c = allShingleHashes(normalizedBody(nedo).slice(0, 3000), 5);
    expect([...shingleSet(a)].sort((x, y) => x - y)).toEqual(sortedDistinct(a));
    expect(shingleSet(a).length).toBeLessThan(a.length); // the post repeats shingles
    for (const [x, y] of [[a, b], [a, c], [c, b]] as const) {
      expect(exactJaccard(shingleSet(x), shingleSet(y))).toBe(jaccard(sortedDistinct(x), sortedDistinct(y)));
      expect(exactJaccard(shingleSet(y), shingleSet(x))).toBe(exactJaccard(shingleSet(x), shingleSet(y)));
    }
  });

  it('the one-pass shingle set equals the set of the materialised shingles, value for value', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 300 }), fc.integer({ min: 1, max: 8 }), (text, k) => {
        expect([...textShingleSet(text, k)]).toEqual([...shingleSet(allShingleHashes(text, k))]);
      }),
    );
    // Repeated windows, and a large text after small ones (the reused table grows).
    for (const text of ['abababababab', 'ab'.repeat(5000) + 'cd'.repeat(40_000), normalizedBody(nedo)]) {
      expect([...textShingleSet(text, 5)]).toEqual([...shingleSet(allShingleHashes(text, 5))]);
    }
  });

  it('counts the hashes two sets share as intersectionSize does, 0 and unmixed hashes included', () => {
    const distinct = fc.uniqueArray(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 200 });
    fc.assert(
      fc.property(distinct, distinct, (x, y) => {
        const a = Uint32Array.from(x);
        const b = Uint32Array.from(y);
        expect(sharedHashes(a, b)).toBe(intersectionSize(a, b));
        expect(sharedHashes(b, a)).toBe(intersectionSize(a, b));
      }),
    );
  });

  // The previous post's body is the other side of each pair: mostly unrelated, and a prefix of the post itself.
  let previous = '';
  itOnEveryRealPost(
    'the one-pass shingle set of the normalised body equals the set of the materialised shingles; pairs share what intersectionSize counts',
    (_path, text) => {
      const body = normalizedBody(text);
      for (const k of [5, 3]) {
        const simple = shingleSet(allShingleHashes(body, k));
        const fast = textShingleSet(body, k);
        if (fast.length !== simple.length || fast.some((v, i) => v !== simple[i])) expect([...fast]).toEqual([...simple]);
        for (const other of [previous, body.slice(0, Math.floor(body.length * 0.8))]) {
          const theirs = textShingleSet(other, k);
          expect(sharedHashes(fast, theirs)).toBe(intersectionSize(fast, theirs));
        }
      }
      previous = body;
      return 1;
    },
    { real: 100, siteHead: 1000 },
  );

  it('estimates Jaccard within a few points on real text (128 bins)', () => {
    const a = normalizedBody(nedo);
    // Keep 80% of the text: a known overlap.
    const b = a.slice(0, Math.floor(a.length * 0.8));
    const exact = exactJaccard(shingleSet(allShingleHashes(a, 5)), shingleSet(allShingleHashes(b, 5)));
    const est = estimateSimilarity(textSignature(a, 5, 128), textSignature(b, 5, 128));
    expect(exact).toBeGreaterThan(0.75);
    expect(Math.abs(est - exact)).toBeLessThan(0.12);
    const other = estimateSimilarity(textSignature(a, 5, 128), textSignature(normalizedBody(cpo), 5, 128));
    expect(other).toBeLessThan(0.2);
  });

  it('identical texts have similarity 1, empty texts 0', () => {
    const s = textSignature('同じ文章です。同じ文章です。', 5, 128);
    expect(estimateSimilarity(s, s.slice())).toBe(1);
    expect(estimateSimilarity(textSignature('', 5, 128), textSignature('', 5, 128))).toBe(0);
  });

  it('computes git blob SHAs like git hash-object', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobSha('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});
