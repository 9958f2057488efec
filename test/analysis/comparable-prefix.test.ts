import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparable, comparablePrefix, comparableStart } from '../../src/analysis/front-matter.js';
import { hasShared, realPostSources, itOnEverySiteHeadPost } from '../helpers.js';

/**
 * Positions of cuts in `text` (where `comparablePrefix` may cut: before a space, a line feed, a kana letter,
 * a CJK ideograph), at most `count` of them spread over it.
 */
function boundaries(text: string, count: number): number[] {
  const all: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa) || (c >= 0x4e00 && c <= 0x9fff)) all.push(i);
  }
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0);
}

/**
 * The property `comparablePrefix` and `comparableStart` rest on (cut before a space, a line feed, a kana
 * letter or an ideograph, a text's comparison form begins with its prefix's) and both against the whole
 * computation, on one text and its
 * paragraphs (blank-line separated, as a collapsed article's one long paragraph is); returns how many
 * long texts (where a prefix is what is folded) were compared.
 */
function expectPrefixStable(path: string, text: string): number {
  const whole = comparable(text);
  for (const cut of boundaries(text, 12)) {
    const prefix = comparable(text.slice(0, cut));
    if (!whole.startsWith(prefix)) expect.fail(`${path}: cut at ${cut}: ${JSON.stringify(prefix.slice(-40))} is not a prefix of the whole's comparison form`);
  }
  let long = 0;
  for (const part of [text, ...text.split(/\n\s*\n/)]) {
    const all = part === text ? whole : comparable(part);
    for (const max of [20, 200]) expect(comparablePrefix(part, max), path).toBe(all.slice(0, max));
    expectStart(part, all);
    if (part.length > 800) long++;
  }
  return long;
}

/** `comparableStart(text, n)` begins `comparable(text)` (`whole`), and is all of it when it says so. */
function expectStart(text: string, whole = comparable(text)): void {
  for (const min of [1, 16, 100]) {
    const start = comparableStart(text, min);
    if (start.whole ? start.text !== whole : !whole.startsWith(start.text)) expect.fail(`comparableStart(${JSON.stringify(text.slice(0, 80))}, ${min}) = ${JSON.stringify(start)}`);
  }
}

// What may not fold one character at a time: combining marks of several classes (reordered by NFD), kana
// voiced marks (full and half width), Hangul jamo, sigma (final or not, past case-ignorable ' and .),
// compatibility forms that expand or decompose to a space and a mark, surrogate pairs, Markdown marks, \s.
const TRICKY = [
  'a', 'A', 'e', 'Σ', 'σ', 'ς', "'", '.', ':', '#', '*', '_', '`', ' ', ' ', '\n', '\t', '\r', '\u00a0', '\u3000', '\u2028', '\ufeff',
  '\u0301', '\u0308', '\u0316', '\u0483', '\u0591', '\u05b0', '\u0345', '\u3099', '\u309a', 'か', 'が', 'ｶ', 'ﾞ', 'ﾟ', 'ハ', 'ﾊ',
  '\u1100', '\u1161', '\u11a8', '가', 'İ', 'ß', 'ﬁ', '①', '…', '\u00a8', '\u0f73', 'ΐ', '😀', '漢', '。', '（', '？', 'ー', 'ゝ', 'ヽ', '・', 'ｰ',
];

describe('comparablePrefix and comparableStart', () => {
  it('is comparable(text).slice(0, max), and comparable is prefix-stable at a space or line feed, on generated text', () => {
    const char = fc.constantFrom(...TRICKY);
    fc.assert(
      fc.property(fc.array(char, { maxLength: 1500 }), fc.integer({ min: 1, max: 300 }), (chars, max) => {
        const text = chars.join('');
        expect(comparablePrefix(text, max)).toBe(comparable(text).slice(0, max));
        expectStart(text);
        const whole = comparable(text);
        for (const cut of boundaries(text, 20)) expect(whole.startsWith(comparable(text.slice(0, cut))), `cut at ${cut} of ${JSON.stringify(text)}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('is comparable(text).slice(0, max) on every real post and paragraph of the seeds and the human corpora (needs ../shared for the corpora)', () => {
    let long = 0;
    for (const { path, text } of realPostSources()) long += expectPrefixStable(path, text);
    expect(long).toBeGreaterThan(hasShared ? 100 : 3);
  }, 600_000);

  itOnEverySiteHeadPost("is comparable(text).slice(0, max) on every post and paragraph of the site bundle's head (needs ../shared)", (posts) => {
    let long = 0;
    for (const { path, text } of posts) long += expectPrefixStable(path, text);
    expect(long).toBeGreaterThan(1000);
  });
});
