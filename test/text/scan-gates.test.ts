import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRACKET_PAIRS, BRACKET_SCAN, findUnbalancedBracket, type BracketProblem } from '../../src/text/brackets.js';
import { isMarkupLine } from '../../src/text/markup.js';
import { linesMatching } from '../../src/text/line-search.js';
import { SUSPECT } from '../../src/rules/artifacts/mojibake.js';
import { MAY_HOLD_TAG } from '../../src/rules/artifacts/citation-tag.js';
import { MAY_OPEN_OR_CLOSE } from '../../src/analysis/liquid.js';
import { LineIndex } from '../../src/post/line-index.js';
import { parsePost } from '../../src/post/parse.js';
import { itOnEveryRealPost } from '../helpers.js';

/** The range tests `findUnbalancedBracket` made per code unit before `BRACKET_SCAN`: true where it looks further. */
const looksFurther = (c: number): boolean =>
  !(c < 0x22 || (c > 0x29 && c < 0x5b) || (c > 0x5d && c < 0x201c) || (c > 0x201d && c < 0x3008) || (c > 0x3015 && c < 0xff08) || c > 0xff3d);

/** `findUnbalancedBracket` as written before the table: the reference the fast path is held to. */
function referenceUnbalancedBracket(text: string): BracketProblem | null {
  const open = new Set(Object.keys(BRACKET_PAIRS));
  const closing = new Map(Object.entries(BRACKET_PAIRS).map(([o, c]) => [c, o]));
  const stack: number[] = [];
  let straightQuotes = 0;
  let lastStraightQuote = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      straightQuotes++;
      lastStraightQuote = i;
    } else if (open.has(c)) {
      const emoticon =
        c === '(' &&
        (/[:;]/u.test(text.charAt(i + 1))
          ? /[\s)]|$/u.test(text.charAt(i + 2))
          : /[:;]/u.test(text.charAt(i - 1)) && /[\s)]|$/u.test(text.charAt(i + 1)) && (i < 2 || /\s/u.test(text.charAt(i - 2))));
      if (!emoticon) stack.push(i);
    } else if (closing.has(c)) {
      const top = stack[stack.length - 1];
      if (top !== undefined && text[top] === closing.get(c)) stack.pop();
      else if (c === ')' || c === ']') continue;
      else return { char: c, offset: i, kind: 'unopened' };
    }
  }
  const unclosed = stack[0];
  if (unclosed !== undefined) return { char: text[unclosed]!, offset: unclosed, kind: 'unclosed' };
  if (straightQuotes % 2 === 1) return { char: '"', offset: lastStraightQuote, kind: 'unclosed' };
  return null;
}

/** The patterns whose lines are found by `linesMatching`. */
const LINE_SEARCHES = [SUSPECT, MAY_HOLD_TAG, MAY_OPEN_OR_CLOSE];

/** The lines from `fromLine` on that hold a match of `search`, each line sliced and tried alone (as the rules did). */
function linesOneByOne(text: string, search: RegExp, fromLine: number): number[] {
  const lines = new LineIndex(text);
  const alone = new RegExp(search.source, search.flags.replace('g', ''));
  const found: number[] = [];
  for (let line = fromLine; line <= lines.count; line++) if (alone.test(lines.line(line))) found.push(line);
  return found;
}

/** `linesMatching` equals trying each line alone, for each pattern, from the first line and from `fromLine`. */
function expectSameLines(text: string, lines: LineIndex, fromLine: number): void {
  for (const search of LINE_SEARCHES) {
    for (const from of [1, fromLine, lines.count, lines.count + 1]) {
      expect(linesMatching(text, lines, search, from), `${search} from ${from}`).toEqual(linesOneByOne(text, search, from));
    }
  }
}

function expectSameScans(path: string, text: string): number {
  const post = parsePost(path, text);
  let compared = 0;
  for (const block of post.blocks) {
    expect(findUnbalancedBracket(block.text), `${path}:${block.line}`).toEqual(referenceUnbalancedBracket(block.text));
    for (const line of block.source.split('\n')) expect(isMarkupLine(line), `${path}: ${line}`).toBe(isMarkupLine(line, false));
    compared++;
  }
  expectSameLines(post.text, post.lines, post.bodyLine);
  return compared;
}

const PIECES = ['(', ')', '「', '」', '『', '』', '（', '）', '[', ']', '【', '】', '“', '”', '"', ':', ';', ' ', '\n', '\r', '\r\n', '\t', '{', '{:', '{%', '%}', '{{', '}}', '*[', '<', '>', '<Callout>', 'import ', 'export ', 'import x from "y";', 'export const a', 'x', 'あ', 'Ã©', 'â€™', '\uFFFD', '…', '—', '\u0085', '\u2028', 'é', '😀', 'cite', 'turn0search1', 'oaicite', '†', '\uE200', '\uE202', '{%', '{:', '{::comment}'];
const generated = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 24 }).map((parts) => parts.join(''));

describe('character scans with a cheap look first', () => {
  it('BRACKET_SCAN marks exactly the code units the range tests let through', () => {
    for (let c = 0; c < 0x10000; c++) expect(BRACKET_SCAN[c] === 1, c.toString(16)).toBe(looksFurther(c));
  });

  it('findUnbalancedBracket, isMarkupLine and linesMatching equal the plain computations on generated text', () => {
    fc.assert(
      fc.property(generated, (text) => {
        expect(findUnbalancedBracket(text)).toEqual(referenceUnbalancedBracket(text));
        for (const line of text.split(/\r\n|\r|\n/u)) expect(isMarkupLine(line)).toBe(isMarkupLine(line, false));
        expectSameLines(text, new LineIndex(text), 2);
      }),
      { numRuns: 5000 },
    );
  });

  itOnEveryRealPost('findUnbalancedBracket, isMarkupLine and linesMatching equal the plain computations', expectSameScans, { real: 1000, siteHead: 50_000 });
});
