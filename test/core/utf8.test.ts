import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/core/utf8.js';
import { realPostSources, seededRandom } from '../helpers.js';

/** What the parser decoded posts with before: the text, or null where the strict decoder throws. */
function reference(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function expectSame(bytes: Uint8Array, label: string): string | null {
  const expected = reference(bytes);
  const actual = decodeUtf8(bytes);
  // Compared as strings (not only lengths): a wrong character anywhere fails.
  if (actual !== expected) expect(actual, label).toBe(expected);
  return expected;
}

describe('decodeUtf8', () => {
  it('decodes every real post as the strict TextDecoder does, with and without a BOM', () => {
    const posts = realPostSources();
    expect(posts.length).toBeGreaterThan(5);
    for (const { path, text } of posts) {
      const bytes = Buffer.from(text, 'utf8');
      expect(expectSame(bytes, path)).toBe(text);
      expectSame(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), `${path} with a BOM`);
      // Cut anywhere, mostly inside a character: invalid at the end, or valid.
      expectSame(bytes.subarray(0, Math.floor(bytes.length / 2)), `${path} cut`);
    }
  });

  it('agrees with it on generated text and bytes: every plane, BOM, NUL, Latin-1, and invalid sequences', () => {
    const next = seededRandom(7);
    const codePoint = (): number => {
      const r = next();
      if (r < 0.3) return Math.floor(next() * 0x80);
      if (r < 0.45) return 0x80 + Math.floor(next() * 0x80);
      if (r < 0.75) return 0x3000 + Math.floor(next() * 0x7000);
      if (r < 0.85) return [0, 0xfeff, 0xfffe, 0xffff, 0xfffd, 0x7ff, 0x800, 0xffff][Math.floor(next() * 8)]!;
      if (r < 0.95) return 0x10000 + Math.floor(next() * 0x100000);
      return 0x800 + Math.floor(next() * 0xf800);
    };
    // Sequences a strict decoder rejects: a lone continuation byte, an overlong, an encoded surrogate, a
    // code point past U+10FFFF, a lead byte with no continuation, an invalid byte.
    const invalid = [[0x80], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe3, 0x81], [0xff], [0xf8, 0x88, 0x80, 0x80, 0x80]];
    let valid = 0;
    let rejected = 0;
    let latin1Only = 0;
    for (let n = 0; n < 5000; n++) {
      const length = Math.floor(next() * 40);
      let text = '';
      for (let k = 0; k < length; k++) {
        const c = codePoint();
        // Lone surrogates have no UTF-8: leave them to the invalid byte sequences.
        text += c >= 0xd800 && c <= 0xdfff ? 'x' : String.fromCodePoint(c);
      }
      if (/^[\x00-\xff]*$/u.test(text) && /[\x80-\xff]/u.test(text)) latin1Only++;
      const bytes = Buffer.from(text, 'utf8');
      if (expectSame(bytes, JSON.stringify(text)) !== null) valid++;
      const at = Math.floor(next() * (bytes.length + 1));
      const bad = invalid[Math.floor(next() * invalid.length)]!;
      if (expectSame(Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]), `${JSON.stringify(text)} + ${bad}`) === null) rejected++;
      const noise = Buffer.from(Array.from({ length: Math.floor(next() * 16) }, () => Math.floor(next() * 256)));
      expectSame(noise, `bytes ${noise.toString('hex')}`);
    }
    expect(valid).toBe(5000);
    expect(rejected).toBe(5000);
    expect(latin1Only).toBeGreaterThan(0);
  });
});
