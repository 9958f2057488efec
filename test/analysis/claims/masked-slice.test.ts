import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figureBound } from '../../../src/analysis/claims/extract.js';
import { maskedFigureBound, maskedSlice } from '../../../src/analysis/claims/post-claims.js';
import { maskedText, toSpans } from '../../../src/post/mask.js';
import { parsePost } from '../../../src/post/parse.js';
import { itOnEveryRealPost } from '../../helpers.js';

/**
 * The claims read each unit's masked text from the post's text and its masked spans (`maskedSlice`,
 * `maskedFigureBound`) instead of masking the whole post: the same text, and the same bound, as a slice of
 * `maskedText(post).text`, for every block and for spans across masked ones.
 */
function expectSameSlices(text: string, ranges: Int32Array, spans: readonly (readonly [number, number])[], where: string): number {
  const masked = maskedText({ text, mask: { ranges, sources: [] } }).text;
  let holdingMasked = 0;
  for (const [start, end] of spans) {
    const expected = masked.slice(start, end);
    expect(maskedSlice(text, ranges, start, end), `${where} ${start}-${end}`).toBe(expected);
    expect(maskedFigureBound(text, ranges, start, end), `${where} ${start}-${end}`).toEqual(figureBound(masked, start, end));
    if (expected !== text.slice(start, end)) holdingMasked++;
  }
  return holdingMasked;
}

function expectSameOnPost(path: string, source: string): number {
  const post = parsePost(path, source);
  const { ranges } = post.mask;
  const spans: [number, number][] = post.blocks.map((b) => [b.startOffset, b.endOffset]);
  // Spans starting or ending in, at and around each masked one.
  for (let k = 0; k < ranges.length; k += 2) {
    const [from, to] = [ranges[k]!, ranges[k + 1]!];
    for (const start of [from - 3, from, from + 1, to - 1, to]) for (const end of [from + 1, to - 1, to, to + 2, to + 40]) if (start >= 0 && end > start) spans.push([start, Math.min(end, post.text.length)]);
  }
  return expectSameSlices(post.text, ranges, spans, path);
}

describe('claims: a unit’s masked text without masking the whole post', () => {
  itOnEveryRealPost('is the slice of the masked post, as is its figure bound', expectSameOnPost, { real: 50, siteHead: 1000 });

  it('is the slice of the masked post on generated texts and spans', () => {
    const piece = fc.constantFrom('20%', 'パーセント', 'per cent', 'pct', '割', '3', '\n', '\r\n', ' ', 'a', '漢', 'ｐ');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')),
        fc.array(fc.tuple(fc.nat(80), fc.nat(12)), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(80), fc.nat(40)), { maxLength: 8 }),
        (text, rangeSeeds, spanSeeds) => {
          const { ranges } = toSpans(rangeSeeds.filter(([start]) => start < text.length).map(([start, length]) => [start, Math.min(text.length, start + length)]), []);
          const spans = spanSeeds.filter(([start]) => start < text.length).map(([start, length]) => [start, Math.min(text.length, start + length)] as const);
          expectSameSlices(text, ranges, spans, JSON.stringify(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
