import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blank } from '../../src/post/mask.js';

/** The mask's blanking, a run of spaces per line, must be the regex it replaced: every character but `\r` and `\n` a space. */
describe('mask: blank', () => {
  it('is a space for every code unit but a line break, on generated text', () => {
    const piece = fc.constantFrom('\n', '\r', '\r\n', ' ', 'a', '漢', '😀', '\t', '\u2028', '');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 3 })), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(blank(text)).toBe(text.replace(/[^\r\n]/g, ' '));
      }),
      { numRuns: 3000 },
    );
  });
});
