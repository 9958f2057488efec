import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AsciiSearch } from '../../src/post/ascii-search.js';
import { parsePost, parsePostBytes } from '../../src/post/parse.js';
import { itOnEveryRealPost } from '../helpers.js';

/** What a parse asks an `AsciiSearch` (`parse.ts`, `defuse.ts`, `markdown-it-model.ts`). */
const ASKED = ['\r', '\t', '\0', '[^', '|', ':-', '-:', '\r\n'];

/** The answers of a search in `text` and of one in its UTF-8 bytes (with a BOM before them too) are the same; returns the questions asked. */
function expectSameAnswers(text: string): number {
  const searches = [AsciiSearch.inText(text), AsciiSearch.inUtf8(Buffer.from(text, 'utf8')), AsciiSearch.inUtf8(new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf8')))];
  const answers = searches.map((search) => [
    ...ASKED.map((ascii) => search.includes(ascii)),
    // Asked twice: the second answer is the one kept.
    search.includes('\r'),
    ...[0, 1, 60, 500].map((limit) => search.countOver('*_[]`', limit)),
    search.hasTaskCheck(),
  ]);
  const expected = [...ASKED.map((ascii) => text.includes(ascii)), text.includes('\r'), ...[0, 1, 60, 500].map((limit) => (text.match(/[*_[\]`]/g)?.length ?? 0) > limit), /\[(?:[\t xX]|\r?\n|\r)\]/.test(text)];
  for (const answer of answers) expect(answer).toEqual(expected);
  return expected.length;
}

/** `parsePostBytes` (searches in the bytes) and `parsePost` of the decoded text (searches in it) give the same post. */
function expectSamePost(path: string, text: string): number {
  const fromBytes = parsePostBytes(path, Buffer.from(text, 'utf8'));
  const fromText = parsePost(path, text);
  expect({ ...fromBytes, memo: null }).toEqual({ ...fromText, memo: null });
  return fromText.blocks.length;
}

describe('AsciiSearch: in the bytes as in the text', () => {
  it('on edge cases and generated text (multi-byte characters beside the ASCII ones sought)', () => {
    for (const text of ['', '\r', '[ ]', '[x]', '[\r\n]', 'a[', '日[ ]', '[日]', '|\u3000', ':-', '-:', '\0', '😀*', 'せ_た[ね]`']) expectSameAnswers(text);
    const char = fc.constantFrom('[', ']', ' ', 'x', 'X', '\t', '\n', '\r', '\0', '*', '_', '`', '|', ':', '-', '^', 'a', '日', 'せ', 'た', '\u3000', '😀', '\u305F', '\u2A2A');
    fc.assert(fc.property(fc.array(char, { maxLength: 40 }).map((chars) => chars.join('')), (text) => void expectSameAnswers(text)), { numRuns: 3000 });
  });

  itOnEveryRealPost('answers as the text does', expectSameAnswers, { real: 1_000, siteHead: 10_000 });
  itOnEveryRealPost('makes the same post from the bytes as from the text', expectSamePost, { real: 10_000, siteHead: 50_000 });
});
