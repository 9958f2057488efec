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
import { MARKDOWN_PIECES } from './markdown-pieces.js';

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

  const piece = fc.constantFrom(...MARKDOWN_PIECES);
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
