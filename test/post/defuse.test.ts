import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DELIMITERS, MAX_NESTING, defuseHostileMarkup, defuseLines, mayNeedDefusing } from '../../src/post/defuse.js';
import { parsePost } from '../../src/post/parse.js';
import { seed } from '../helpers.js';

describe('defuseHostileMarkup', () => {
  it('leaves real posts untouched', () => {
    for (const n of [0, 1, 2, 3, 4]) {
      const post = seed(n);
      expect(defuseHostileMarkup(post.text)).toEqual({ text: post.text, spans: [] });
    }
  });

  it('neutralises a delimiter flood with same-length text and reports its lines', () => {
    const flood = 'a*b '.repeat(MAX_DELIMITERS + 1);
    const text = `intro\n\n${flood}\n${flood}\n\nafter *emphasis*\n`;
    const { text: safe, spans } = defuseHostileMarkup(text);
    expect(safe.length).toBe(text.length);
    expect(spans).toEqual([{ kind: 'delimiters', line: 3, endLine: 4, count: 2 * (MAX_DELIMITERS + 1) }]);
    expect(safe.split('\n')[5]).toBe('after *emphasis*');
  });

  it('neutralises nesting deeper than the limit', () => {
    const text = `${'> '.repeat(MAX_NESTING + 1)}x\n${'- '.repeat(MAX_NESTING + 1)}y\n`;
    const { spans } = defuseHostileMarkup(text);
    expect(spans.map((s) => [s.kind, s.line])).toEqual([
      ['nesting', 1],
      ['nesting', 2],
    ]);
  });

  it('keeps exact block positions after the defused paragraph and reports it as a warning', () => {
    const post = parsePost('p.md', `---\ntitle: t\n---\n\n${'[x'.repeat(600)}\n\nそして本文。\n`);
    expect(post.problems).toMatchObject([{ kind: 'markup-flood', line: 5 }]);
    const last = post.blocks.at(-1)!;
    expect([last.line, last.source]).toEqual([7, 'そして本文。']);
    expect(post.blocks[0]!.source).toBe('[x'.repeat(600));
  });
});

describe('very long lines', () => {
  it('parse as CommonMark with a warning at the line, positions exact', async () => {
    const { MAX_GFM_LINE } = await import('../../src/post/parse.js');
    const long = 'word1 https://example.com '.repeat(Math.ceil((MAX_GFM_LINE + 1) / 26));
    const post = parsePost('p.md', `---\ntitle: t\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n${long}\n\nそして本文。\n`);
    expect(post.problems).toMatchObject([{ kind: 'long-line', line: 9 }]);
    expect(post.blocks.map((b) => [b.type, b.line])).toEqual([
      ['paragraph', 5],
      ['paragraph', 9],
      ['paragraph', 11],
    ]);
  });

  it('real posts keep GFM (tables)', () => {
    const post = parsePost('p.md', '---\ntitle: t\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(post.problems).toEqual([]);
    expect(post.blocks[0]!.type).toBe('table');
  });

  it('its pre-scan never passes a text the line-by-line count would defuse', () => {
    // Texts near both limits: delimiter runs split by blank lines of every kind (CRLF, CR, Unicode spaces),
    // container markers with and without their space.
    const piece = fc.oneof(
      fc.integer({ min: 1, max: 200 }).map((n) => '*_[]`'.repeat(n).slice(0, n)),
      fc.integer({ min: 1, max: 40 }).map((n) => '> '.repeat(n)),
      fc.integer({ min: 1, max: 40 }).map((n) => '- '.repeat(n)),
      fc.integer({ min: 1, max: 40 }).map((n) => '-'.repeat(n)),
      fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\n\u3000\n', '\n \t\n', 'text ', '\t', ' + ', '* '),
    );
    let defused = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const { spans } = defuseLines(text);
        if (spans.length > 0) defused++;
        expect(defuseHostileMarkup(text).spans).toEqual(spans);
        if (!mayNeedDefusing(text)) expect(spans).toEqual([]);
      }),
      { numRuns: 5000 },
    );
    expect(defused).toBeGreaterThan(100); // the generator does reach both limits
    expect(mayNeedDefusing('a*b '.repeat(MAX_DELIMITERS + 1))).toBe(true);
    expect(mayNeedDefusing(`${'> '.repeat(MAX_NESTING + 1)}x`)).toBe(true);
    expect(mayNeedDefusing(`${'a*b '.repeat(MAX_DELIMITERS / 2)}\r\n\r\n${'a*b '.repeat(MAX_DELIMITERS / 2 + 1)}`)).toBe(false);
  });
});
