import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { maskedText, maskMarkdown } from '../../src/post/mask.js';
import { parsePost } from '../../src/post/parse.js';
import { markdownTree } from '../../src/post/markdown-tree.js';
import type { Post } from '../../src/post/post.js';
import { CLEAN_EN, hasShared } from '../helpers.js';
import { collectTreeBlocks } from './tree-blocks.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Blocks and mask read from micromark's events must be what remark's mdast tree gives. */
function expectSameAsTree(post: Post): void {
  const tree = markdownTree(post);
  const reference = collectTreeBlocks(tree, post.text, post.lines).filter((b) => b.line >= post.bodyLine);
  reference.forEach((b, i) => (b.index = i));
  expect(post.blocks).toEqual(reference);
  const mask = maskedText(post);
  const treeMask = maskMarkdown(post.text, tree);
  expect(mask.sources).toEqual(treeMask.sources);
  expect(mask.text).toBe(treeMask.text);
}

describe('collectBlocks from events agrees with the mdast tree', () => {
  it('on every real post of the fixtures and the seeds', () => {
    const files = fg.sync('**/*.{md,markdown}', { cwd: FIXTURES }).map((f) => join(FIXTURES, f));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expectSameAsTree(parsePost(file, readFileSync(file, 'utf8')));
  });

  it.runIf(hasShared)('on every post of clean-en (needs ../shared)', () => {
    const files = fg.sync('*.{md,markdown}', { cwd: CLEAN_EN }).map((f) => join(CLEAN_EN, f));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expectSameAsTree(parsePost(file, readFileSync(file, 'utf8')));
  });

  // Pieces of Markdown that stress the walk: containers in containers, lazy lines, hard breaks, setext
  // headings, code and HTML values, entities and escapes, every kind of link, footnotes, tables, tasks.
  const piece = fc.constantFrom(
    'para **bold** _em_ ~~del~~ text',
    '# Heading #',
    'Setext\nline two\n===',
    'Sub\n---',
    '- item one\n- item two\n\n  continued',
    '1. first\n2. second\n   - nested\n     more',
    '- [x] done\n- [ ] todo',
    '> quote\nlazy line\n> - quoted item\n>\n> > deeper',
    '```js title="x"\nconst a = 1;\n\n```',
    '~~~\nunclosed fence',
    '    indented code\n\n    more code\n',
    '<div>\n<b>html</b>\n</div>',
    'inline <span>html</span> and `code\nspan`',
    'hard  \nbreak and\\\nescape',
    'entity &amp; &#12354; &copy; \\* \\[',
    '[text](https://example.com "title") and [https://example.com](https://example.com)',
    '[ref link][ref] and [collapsed][] and [ref]',
    '[ref]: https://example.com/ref "Ref"',
    '![alt *text*](img.png) ![ref image][ref] [![nested](i.png)](u)',
    '<https://auto.link> www.example.com and mail@example.com',
    'A claim[^1] with a note.',
    '[^1]: The note with a [link](u) and 20%.',
    '| a | b |\n| - | :-: |\n| `c` | **d** |',
    '***',
    '売上が20%増加し、[出典](https://example.com)によると2.5倍。',
    '- a\n\n\n- b\n  > q\n\n1) x',
    '* * *\n+ plus\n+ list\r\n\r\nCRLF para',
    '',
  );
  it('on generated Markdown', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\n\n', '\n\n\n'), (pieces, gap) => {
        expectSameAsTree(parsePost('p.md', `---\ntitle: t\n---\n\n${pieces.join(gap)}\n`));
      }),
      { numRuns: 400 },
    );
  });

  it('on generated text with Markdown punctuation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[-*_>#`[\]()!<&;:|~\\ \n\r\ta-z0-9^"=./@]{0,120}$/), (body) => {
        expectSameAsTree(parsePost('p.md', `---\ntitle: t\n---\n${body}`));
      }),
      { numRuns: 1500 },
    );
  });
});
