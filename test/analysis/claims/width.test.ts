import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWidth } from '../../../src/analysis/claims/width.js';
import { endsWithColon, hasLiquidEdge } from '../../../src/analysis/prose.js';
import { realLines } from '../../helpers.js';

/**
 * Char-code rewrites of two regexes, held to the regexes they replaced on every line of the seeds
 * (ai-blog-system, MIT), the vim-jp posts (CC BY 4.0) and clean-en (MIT), and on generated strings
 * made of the characters at the edges of the folded ranges.
 */
const FOLDED = /[\uff03-\uff06\uff0b-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\uffe5]/g;
function foldWidthByRegex(text: string): string {
  return text.replace(FOLDED, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000) return ' ';
    if (code === 0xffe5) return '\u00a5';
    return String.fromCharCode(code - 0xfee0);
  });
}
const ENDS_WITH_COLON = /[:：]\**$/u;

const lines = realLines(['corpus/clean-en', 'corpus/human-ja-vim-jp/_posts']);
const edges = [0x2fff, 0x3000, 0x3001, 0xff02, 0xff03, 0xff06, 0xff07, 0xff0a, 0xff0b, 0xff19, 0xff1a, 0xff20, 0xff21, 0xff3a, 0xff3b, 0xff40, 0xff41, 0xff5a, 0xff5b, 0xffe4, 0xffe5, 0xffe6, 0xd83d, 0xde00];
const tricky = fc.array(fc.oneof(fc.constantFrom(...edges.map((c) => String.fromCharCode(c)), 'a', '1', ':', '：', '*', ' ', '\n', '％'), fc.string({ maxLength: 3 })), { maxLength: 20 }).map((parts) => parts.join(''));

describe('foldWidth', () => {
  it('folds as the regex did, on real lines and generated strings', () => {
    let folded = 0;
    for (const line of lines) {
      const expected = foldWidthByRegex(line);
      if (expected !== line) folded++;
      expect(foldWidth(line)).toBe(expected);
    }
    expect(folded).toBeGreaterThan(10);
    fc.assert(fc.property(tricky, (text) => foldWidth(text) === foldWidthByRegex(text)));
  });
});

describe('endsWithColon', () => {
  it('answers as /[:：]\\**$/u did, on real lines and generated strings', () => {
    let colons = 0;
    for (const line of lines) {
      const text = line.trim();
      const expected = ENDS_WITH_COLON.test(text);
      if (expected) colons++;
      expect(endsWithColon(text), text).toBe(expected);
    }
    expect(colons).toBeGreaterThan(50);
    fc.assert(fc.property(tricky, (text) => endsWithColon(text) === ENDS_WITH_COLON.test(text)));
  });
});

describe('hasLiquidEdge', () => {
  const LIQUID = /^\{[%{]|[%}]\}$/u;
  const liquid = fc.array(fc.constantFrom('{', '}', '%', '{%', '%}', '{{', '}}', 'a', ' ', '\n', '　'), { maxLength: 8 }).map((parts) => parts.join(''));
  it('answers as /^\{[%{]|[%}]\}$/u did, on real lines and generated strings', () => {
    let tags = 0;
    for (const line of lines) {
      const expected = LIQUID.test(line);
      if (expected) tags++;
      expect(hasLiquidEdge(line), line).toBe(expected);
    }
    expect(tags).toBeGreaterThan(5);
    fc.assert(fc.property(fc.oneof(liquid, tricky), (text) => hasLiquidEdge(text) === LIQUID.test(text)));
  });
});
