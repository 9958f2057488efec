import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_GFM, gfmConstructNames, gfmSyntaxIn } from '../../src/post/markdown-events.js';
import { parsePost } from '../../src/post/parse.js';
import { cloneSiteBundle, FIXTURES, hasShared, SHARED } from '../helpers.js';

/**
 * The tokenizer runs with only the GFM constructs whose characters occur in a post; the blocks, the prose
 * mask and the problems must be what the full GFM tokenizer gives.
 */
function expectSameAsFullGfm(path: string, text: string): void {
  const scanned = parsePost(path, text);
  const full = parsePost(path, text, { gfmSyntax: ALL_GFM });
  expect(scanned.blocks, path).toEqual(full.blocks);
  expect(scanned.mask, path).toEqual(full.mask);
  expect(scanned.problems, path).toEqual(full.problems);
}

function postsUnder(dir: string, pattern = '**/*.{md,markdown,mdx,txt}'): string[] {
  return fg.sync(pattern, { cwd: dir, ignore: ['**/README.md', '**/node_modules/**'] }).map((f) => join(dir, f));
}

describe('GFM constructs only where they occur', () => {
  it('finds each construct by the characters it needs', () => {
    expect(gfmConstructNames(gfmSyntaxIn('plain prose, no GFM at all: 20% of `code`'))).toEqual([]);
    expect(gfmConstructNames(gfmSyntaxIn('see WWW.example.com or mail@example.com'))).toEqual(['autolinkLiteral']);
    expect(gfmConstructNames(gfmSyntaxIn('a claim[^1]\n\n[^1]: source'))).toEqual(['footnote']);
    expect(gfmConstructNames(gfmSyntaxIn('~~gone~~'))).toEqual(['strikethrough']);
    expect(gfmConstructNames(gfmSyntaxIn('| a | b |\n| - | - |'))).toEqual(['table']);
    // A one-column table needs no pipe when its delimiter row aligns (found by the property test below).
    expect(gfmConstructNames(gfmSyntaxIn('a\n:-'))).toEqual(['table']);
    expect(gfmConstructNames(gfmSyntaxIn('a\n--:'))).toEqual(['table']);
    expect(gfmConstructNames(gfmSyntaxIn('- [ ] todo\n- [x] done'))).toEqual(['taskListItem']);
    // A link's label is no task list check, an `https:` without slashes no autolink.
    expect(gfmConstructNames(gfmSyntaxIn('[text](u) and https: alone'))).toEqual([]);
  });

  it('gives the full tokenizer\'s blocks on the fixtures and the seeds', () => {
    const files = postsUnder(FIXTURES);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expectSameAsFullGfm(file, readFileSync(file, 'utf8'));
  });

  it.runIf(hasShared)('gives the full tokenizer\'s blocks on every post of ../shared (seeds and corpus folders)', () => {
    const files = [...postsUnder(join(SHARED, 'seeds'), '*.txt'), ...postsUnder(join(SHARED, 'corpus'))];
    expect(files.length).toBeGreaterThan(500);
    const used = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const name of gfmConstructNames(gfmSyntaxIn(text))) used.add(name);
      expectSameAsFullGfm(file, text);
    }
    // The human posts hold every construct but task lists (the generated cases below have those).
    expect([...used].sort()).toEqual(['autolinkLiteral', 'footnote', 'strikethrough', 'table']);
  }, 600_000);

  const temp = mkdtempSync(join(tmpdir(), 'er-gfm-syntax-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  it.runIf(hasShared)('gives the full tokenizer\'s blocks on every post of the site bundle\'s head (needs ../shared)', () => {
    const site = cloneSiteBundle(temp);
    if (site === undefined) return;
    const files = postsUnder(join(site, '_posts'));
    expect(files.length).toBeGreaterThan(1000);
    for (const file of files) expectSameAsFullGfm(file, readFileSync(file, 'utf8'));
  }, 600_000);

  // Pieces that sit next to each construct's trigger characters without being one, and ones that are.
  const piece = fc.constantFrom(
    'a | b',
    '| a |\n| - |\n| c |',
    'x ~ y ~~z~~',
    '- [ ] t\n- [x] u',
    '[ ^1] and [^1]\n\n[^1]: note',
    'mail@example.com and @user',
    'www.example.com/a_(b) https://x.y',
    '> quote | pipe\n> - [X] check',
    '`code | ~ [^1] www.`',
    '| `a|b` |\n|:-:|\n',
    'one column\n:-',
    'right\n --: ',
    'plain text',
    '',
  );
  it('gives the full tokenizer\'s blocks on generated Markdown', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\n\n'), (pieces, gap) => {
        expectSameAsFullGfm('p.md', `---\ntitle: t\n---\n\n${pieces.join(gap)}\n`);
      }),
      { numRuns: 300 },
    );
  });
});
