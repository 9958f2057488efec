import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FrontMatterParses, type FrontMatterReuse } from '../../src/post/front-matter.js';
import { parsePost } from '../../src/post/parse.js';
import { seedPath } from '../helpers.js';

/**
 * A check reads each post twice (to summarise it, then to check it): its YAML front matter is parsed in
 * the first read and handed to the second (`FrontMatterParses`), which must get the post it would have
 * parsed itself. Fixture: the head of an ai-blog-system seed post (MIT); the broken front matters below
 * are that post's first lines, damaged.
 */
const seed = readFileSync(seedPath(0), 'utf8').split('\n').slice(0, 14).join('\n') + '\n';
const [fence, layout, title, date, ...rest] = seed.split('\n');

const cases: [string, string][] = [
  ['a real post', seed],
  ['a real post with CRLF and a BOM', `\uFEFF${seed.replaceAll('\n', '\r\n')}`],
  ['a YAML error', [fence, layout, `title: "${title!.slice(8)}`, date, ...rest].join('\n')],
  ['front matter that is a list', [fence, '- a', '- b', '---', 'body'].join('\n')],
  ['an empty front matter', ['---', '---', 'body'].join('\n')],
  ['a key written twice and a `__proto__` key', [fence, layout, title, title!.replace('title', 'Title'), title, '__proto__: {polluted: true}', date, ...rest].join('\n')],
  ['an alias bomb', ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${`*${String.fromCharCode(97 + i)}`.repeat(4).split('*').filter(Boolean).map((a) => `*${a}`).join(',')}]`), '---', 'body'].join('\n')],
  ['nested maps, anchors and block scalars', [fence, 'author: &me {name: 編集部, links: [a, b]}', 'editor: *me', 'excerpt: |', '  一行目', '  二行目', '---', 'body'].join('\n')],
];

/** The post as the rules see it: everything but its memo and line index (compared through its text). */
function visible(text: string, reuse?: FrontMatterReuse) {
  const { memo: _memo, lines: _lines, ...post } = parsePost('p.md', text, reuse ? { frontMatter: reuse } : {});
  return post;
}

describe('front matter parsed once for two reads of a post', () => {
  for (const [name, text] of cases) {
    it(`gives the second read the post it would parse itself: ${name}`, () => {
      const parses = new FrontMatterParses();
      const first = visible(text, parses.firstRead());
      expect(parses.size).toBe(1);
      const second = visible(text, parses.secondRead());
      expect(parses.size).toBe(0);
      expect(second).toEqual(visible(text));
      expect(first).toEqual(second);
      // A `__proto__` key sets the prototype of `data` (as it always has): the same in both reads.
      expect(Object.getPrototypeOf(second.frontMatter?.data ?? {})).toEqual(Object.getPrototypeOf(visible(text).frontMatter?.data ?? {}));
    });
  }

  it('shares no object with the first read (a change to one post does not reach the other)', () => {
    const parses = new FrontMatterParses();
    const first = parsePost('p.md', seed, { frontMatter: parses.firstRead() });
    (first.frontMatter!.data.tags as string[]).push('added');
    (first.frontMatter!.entries.find((e) => e.key === 'categories')!.value as string[])[0] = 'changed';
    const second = parsePost('p.md', seed, { frontMatter: parses.secondRead() });
    expect(second.frontMatter!.data.tags).toEqual(parsePost('p.md', seed).frontMatter!.data.tags);
    expect(second.frontMatter!.data.categories).toEqual(['投資分析']);
  });

  it('hands each parse once, to posts whose front matter is the same text, and parses a changed one afresh', () => {
    const parses = new FrontMatterParses();
    parsePost('a.md', seed, { frontMatter: parses.firstRead() });
    parsePost('b.md', seed, { frontMatter: parses.firstRead() });
    expect(parses.size).toBe(2);
    const edited = seed.replace('reading_time: 8', 'reading_time: 9');
    const take = parses.secondRead();
    expect(parsePost('a.md', edited, { frontMatter: take }).frontMatter!.data.reading_time).toBe(9);
    expect(parses.size).toBe(2);
    expect(parsePost('a.md', seed, { frontMatter: take }).frontMatter!.data.reading_time).toBe(8);
    expect(parsePost('b.md', seed, { frontMatter: take }).frontMatter!.data.reading_time).toBe(8);
    expect(parses.size).toBe(0);
  });

  it('keeps no parse holding anything but plain values (explicit tags make a Set, a Map, a Date, bytes)', () => {
    const parses = new FrontMatterParses();
    const tagged = ['a: !!set {x, y}', 'a: !!omap [x: 1]', 'a: !!timestamp 2025-12-30', 'a: !!binary aGVsbG8='].map((line) => [fence, title, line, '---', 'body'].join('\n'));
    const first = tagged.map((text) => visible(text, parses.firstRead()));
    expect(first.map((post) => Object.prototype.toString.call(post.frontMatter!.data.a))).toEqual(['[object Set]', '[object Map]', '[object Date]', '[object Uint8Array]']);
    expect(parses.size).toBe(0);
    expect(tagged.map((text) => visible(text, parses.secondRead()))).toEqual(tagged.map((text) => visible(text)));
  });
});
