import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/post/line-index.js';
import { itOnEveryRealPost } from '../helpers.js';

/** Line starts and content ends as the simple definition gives them: lines end at `\r\n`, `\r` or `\n`. */
function referenceLines(text: string): { starts: number[]; ends: number[] } {
  const starts = [0];
  const ends: number[] = [];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    ends.push(match.index);
    starts.push(match.index + match[0].length);
  }
  ends.push(text.length);
  return { starts, ends };
}

/** Expects the index's lines to be the reference's; returns how many lines it compared. */
function expectReferenceLines(path: string, text: string): number {
  const index = new LineIndex(text);
  const { starts, ends } = referenceLines(text);
  expect(index.count, path).toBe(starts.length);
  for (let line = 1; line <= starts.length; line++) {
    if (index.startOf(line) !== starts[line - 1] || index.endOf(line) !== ends[line - 1]) {
      expect([path, line, index.startOf(line), index.endOf(line)]).toEqual([path, line, starts[line - 1], ends[line - 1]]);
    }
  }
  return starts.length;
}

describe('LineIndex', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r', () => {
    for (const text of ['', 'a', '\n', 'a\nb', 'a\n', '\n\n', 'a\r\nb\rc\nd', '\r', '\r\n', 'a\r\r\nb', '日本\n語\r\n']) expectReferenceLines(JSON.stringify(text), text);
    const index = new LineIndex('a\r\nbc\rd\n');
    expect([index.count, index.line(2), index.lineAt(4), index.columnAt(5)]).toEqual([4, 'bc', 2, 3]);
  });

  itOnEveryRealPost('ends lines where the simple definition does', expectReferenceLines, { real: 20_000, siteHead: 100_000 });
});
