import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldMarks, normalizeEachToUnits, normalizeForComparison, PUNCTUATION_VARIANTS } from '../../src/text/normalize.js';
import { itOnEveryRealPost } from '../helpers.js';

/** The definition `normalizeForComparison` implements in one pass: NFKC, one kind of each punctuation mark, no emphasis marks or whitespace, lower case. */
function pipeline(text: string): string {
  let out = text.normalize('NFKC');
  for (const [pattern, replacement] of PUNCTUATION_VARIANTS) out = out.replace(pattern, replacement);
  return out.replace(/[*_`#>]+/g, '').replace(/\s+/g, '').toLowerCase();
}

// Characters NFKC maps alone, combines, reorders or leaves; cased ones; surrogates (paired and lone).
const ALPHABET = [
  ...'aZ *_#>`\n\t　！（）ＡＺｶﾞﾟ①…‥、。・ー—“”‘’éëĺかがはぱ々〜→★㍻ﾊİΣσςﬁﬀΩ\u00a0\u2000\ufeff가x',
  '\u0301', '\u0308', '\u3099', '\u309a', '\u1100', '\u1161', '\u11a8', '\u3131', '\u314f', '\ud83d\ude00', '\ud800', '\udfff',
];

describe('normalizeForComparison', () => {
  it('equals the regex pipeline on real text', () => {
    // ai-blog-system _posts (MIT) and vim-jp.org (CC BY 4.0) phrases, with full-width and compatibility characters.
    for (const text of [
      '**AIエージェント**の導入で、業務効率が３０％向上しました！（2025年）',
      'Ｎｅｏｖｉｍ 0.10 の `vim.lsp` — 設定例 ①〜③…',
      '### まとめ：㍻から令和へ、ﾃﾞｰﾀの「正規化」は重要です。',
      'Café naïve résumé — “quoted” and ‘single’ › ΣΑΣ',
    ]) {
      expect(normalizeForComparison(text)).toBe(pipeline(text));
    }
  });

  it('equals the regex pipeline on every BMP code unit, alone and beside combining and cased characters', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}`, `か${ch}b`, `${ch}\u0301`, `${ch}\u3099`, `Ｅ${ch}`, `İ${ch}Σ`]) {
        expect(normalizeForComparison(text)).toBe(pipeline(text));
      }
    }
  });

  // The one look-up per code unit (`UNIT`) against the definition, on whole posts: Japanese and ASCII mixed.
  itOnEveryRealPost('equals the regex pipeline on every real post', (_path, text) => {
    expect(normalizeForComparison(text)).toBe(pipeline(text));
    return text.length;
  }, { real: 1_000_000, siteHead: 10_000_000 });

  it('equals the regex pipeline on random mixes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 16 }), (chars) => {
        const text = chars.join('');
        expect(normalizeForComparison(text)).toBe(pipeline(text));
      }),
      { numRuns: 5000 },
    );
  });
});

/** What `normalizeEachToUnits` gives, from strings: each text's `normalizeForComparison`, end to end, and their lengths. */
function eachNormalized(texts: readonly string[]): { units: number[]; lengths: number[] } {
  const normalized = texts.map((text) => normalizeForComparison(text));
  const all = normalized.join('');
  const units: number[] = [];
  for (let i = 0; i < all.length; i++) units.push(all.charCodeAt(i));
  return { units, lengths: normalized.map((n) => n.length) };
}

function unitsOf(texts: readonly string[]): { units: number[]; lengths: number[] } {
  const lengths = new Int32Array(texts.length);
  const units = Array.from(normalizeEachToUnits(texts, lengths));
  return { units, lengths: Array.from(lengths) };
}

describe('normalizeEachToUnits', () => {
  it('is each text normalised alone, end to end, on random mixes (ICU, lower-casing in context, growing the buffer)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }), { maxLength: 6 }), fc.nat(3), (parts, long) => {
        const texts = parts.map((chars) => chars.join(''));
        // One text past the buffer's first size (16,384 units), made of compatibility characters.
        if (long > 0 && texts.length > 0) texts[0] = '㍻ﾊΣ'.repeat(3000 * long) + texts[0]!;
        expect(unitsOf(texts)).toEqual(eachNormalized(texts));
      }),
      { numRuns: 500 },
    );
  });

  itOnEveryRealPost('is each block normalised alone, end to end, on every real post', (_path, text) => {
    const blocks = text.split(/\n\s*\n/);
    expect(unitsOf(blocks)).toEqual(eachNormalized(blocks));
    return blocks.length;
  }, { real: 5_000, siteHead: 50_000 });
});

describe('foldMarks', () => {
  const fold = (text: string): string => text.normalize('NFKC').normalize('NFD').replace(/[\u0300-\u036f\u3099\u309a]/g, '').normalize('NFC');

  it('equals NFKC, NFD, marks removed, NFC on every BMP code unit beside combining and folding characters', () => {
    for (let c = 0x80; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}`, `か${ch}b`, `${ch}\u0301`, `${ch}\u3099`, `ｶ${ch}`, `${ch}ﾞ`]) expect(foldMarks(text)).toBe(fold(text));
    }
  });

  it('equals it on random mixes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET, 'が', 'ぱ', 'ǖ', 'क़'), { maxLength: 16 }), (chars) => {
        const text = chars.join('');
        expect(foldMarks(text)).toBe(fold(text));
      }),
      { numRuns: 5000 },
    );
  });
});
