import { describe, expect, it } from 'vitest';
import { parsePost, parsePostBytes } from '../../src/post/parse.js';
import { seed } from '../helpers.js';

const POST = ['---', 'layout: post', 'title: "😀 絵文字のタイトル"', 'tags:', '  - a', '  - b', '---', '', '# 見出し 🎉', '', '本文です。😀😀', '', '- item', ''];

describe('parsePost positions', () => {
  for (const [name, eol, bom] of [
    ['LF', '\n', ''],
    ['CRLF', '\r\n', ''],
    ['BOM + CRLF', '\r\n', '\ufeff'],
  ] as const) {
    it(`keeps exact lines and value offsets with ${name}`, () => {
      const text = bom + POST.join(eol);
      const post = parsePost('p.md', text);
      expect(post.hasBom).toBe(bom !== '');
      const title = post.frontMatter!.entries.find((e) => e.key === 'title')!;
      expect(title.line).toBe(3);
      expect(title.value).toBe('😀 絵文字のタイトル');
      expect(post.text.slice(title.valueStart, title.valueEnd)).toBe('"😀 絵文字のタイトル"');
      const tags = post.frontMatter!.entries.find((e) => e.key === 'tags')!;
      expect([tags.line, tags.endLine]).toEqual([4, 6]);
      expect(post.bodyLine).toBe(8);
      expect(post.blocks.map((b) => [b.type, b.line, b.endLine])).toEqual([
        ['heading', 9, 9],
        ['paragraph', 11, 11],
        ['listItem', 13, 13],
      ]);
      expect(post.blocks[1]!.source).toBe('本文です。😀😀');
      expect(post.lines.line(11)).toBe('本文です。😀😀');
    });
  }

  it('keeps tabs and columns after surrogate pairs', () => {
    const post = parsePost('p.md', '---\ntitle: t\n---\n\n😀\tx **y**\n');
    const block = post.blocks[0]!;
    expect(block.line).toBe(5);
    expect(post.lines.columnAt(post.text.indexOf('x'))).toBe(4);
  });

  it('reads the seeds with their front matter lines', () => {
    const post = seed(0);
    expect(post.language).toBe('ja');
    expect(post.frontMatter!.entries.map((e) => [e.key, e.line])).toEqual([
      ['layout', 2], ['title', 3], ['date', 4], ['categories', 5], ['tags', 6], ['author', 7], ['excerpt', 8], ['reading_time', 9],
    ]);
    expect(post.frontMatter!.data.date).toBe('2025-12-30 16:44:49 +0000');
    expect(post.blocks[0]).toMatchObject({ type: 'heading', line: 12, depth: 2 });
  });
});

describe('parsePost on bad input never throws', () => {
  it.each([
    ['empty', '', 'empty'],
    ['no front matter', '# hello\n\ntext\n', 'no-front-matter'],
    ['unterminated', '---\ntitle: x\n\nbody\n', 'unterminated-front-matter'],
    ['invalid yaml', '---\ntitle: "x\ndate: [\n---\nbody\n', 'yaml'],
    ['not a mapping', '---\n- a\n- b\n---\nbody\n', 'yaml'],
  ])('%s', (_name, text, kind) => {
    const post = parsePost('p.md', text);
    expect(post.problems.map((p) => p.kind)).toContain(kind);
  });

  it('reports the YAML error at its line', () => {
    const post = parsePost('p.md', '---\nlayout: post\ntitle: [unclosed\n---\nbody\n');
    expect(post.problems[0]).toMatchObject({ kind: 'yaml' });
    expect(post.problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('flags invalid UTF-8 and binary bytes', () => {
    const bad = parsePostBytes('p.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x41]));
    expect(bad.problems.map((p) => p.kind)).toContain('invalid-utf8');
    expect(bad.problems.find((p) => p.kind === 'invalid-utf8')!.line).toBe(4);
    expect(parsePostBytes('p.md', Buffer.from([0, 1, 2, 3])).problems[0]!.kind).toBe('binary');
  });

  it('does not expand a YAML alias bomb', () => {
    const lines = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    lines.push('---', 'body');
    const post = parsePost('p.md', lines.join('\n'));
    expect(post.problems.some((p) => p.kind === 'yaml')).toBe(true);
  });

  it('reports a huge file as too large without parsing it', () => {
    const post = parsePostBytes('p.md', Buffer.alloc(11 * 1024 * 1024, 0x61));
    expect(post.problems[0]!.kind).toBe('too-large');
  });
});

describe('front matter size limit', () => {
  it('does not parse a hostile front matter larger than the limit, and says so at its lines', async () => {
    const { MAX_FRONT_MATTER_CHARS } = await import('../../src/post/front-matter.js');
    const keys = Math.ceil(MAX_FRONT_MATTER_CHARS / 10);
    const text = `---\n${Array.from({ length: keys }, (_, i) => `k${i}: v${i}`).join('\n')}\n---\n\nbody.\n`;
    const post = parsePost('p.md', text);
    expect(post.problems).toMatchObject([{ kind: 'yaml', line: 1, endLine: keys + 2 }]);
    expect(post.frontMatter!.entries).toEqual([]);
    expect(post.blocks.at(-1)!.line).toBe(keys + 4);
  });
});
