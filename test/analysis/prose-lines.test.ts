import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentBlocks, everyLineMatches, isProse, LINE_START_PATTERNS, someLineMatches, textLines } from '../../src/analysis/prose.js';
import { markersOf } from '../../src/analysis/markers.js';
import { truncationOptions } from '../../src/config/truncation.js';
import { parsePost } from '../../src/post/parse.js';
import type { Block, Post } from '../../src/post/post.js';
import { isMarkupLine, isSignatureLine } from '../../src/text/markup.js';
import { stripMarkers } from '../../src/text/markers.js';
import { itOnEveryRealPost } from '../helpers.js';

const options = truncationOptions.parse({});

/** The running lines as `split('\n')` and one `stripMarkers` per line give them (the code before the lines were cut out one by one). */
function splitLines(post: Post, block: Block): string[] {
  const markers = markersOf(post, options);
  const kept = block.source.split('\n').filter((line) => !isMarkupLine(line));
  let end = kept.length;
  while (end > 0 && isSignatureLine(kept[end - 1]!)) end--;
  return kept
    .slice(0, end)
    .map((line) => stripMarkers(line, markers))
    .filter((line) => line.trim() !== '');
}

/** The line checks of `isProse` and the running lines agree with the split lines on every paragraph of the post. */
function expectSameLines(path: string, source: string): number {
  const post = parsePost(path, source);
  let compared = 0;
  // `contentBlocks` first, as the rules ask: a paragraph of one line then takes its source without markers from there.
  contentBlocks(post, options);
  for (const block of post.blocks) {
    if (block.type !== 'paragraph') continue;
    const text = block.source.trim();
    const lines = text.split('\n');
    for (const sticky of LINE_START_PATTERNS) {
      const anchored = new RegExp(`^(?:${sticky.source})`, 'u');
      expect(everyLineMatches(text, sticky), `${path}:${block.line} ${sticky}`).toBe(lines.every((line) => anchored.test(line)));
      expect(someLineMatches(text, sticky), `${path}:${block.line} ${sticky}`).toBe(lines.some((line) => anchored.test(line)));
    }
    isProse(post, block, options);
    expect(textLines(post, block, options), `${path}:${block.line}`).toEqual(splitLines(post, block));
    compared++;
  }
  return compared;
}

describe('prose paragraphs: lines cut out one by one', () => {
  it('give the checks and the running lines of the split lines, on generated paragraphs', () => {
    const piece = fc.constantFrom('あ', 'a', ' ', '   ', '\n', '\n\n', '[x]: http://a', ': def', ' : d', '| a |', '|', '{: .c}', '{% x %}', '-- Name', '*by me*', '---END---', '<|endoftext|>', '[END]', '。', '\r', '\t');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (parts) => {
        expectSameLines('generated.md', `---\ntitle: x\n---\n\n${parts.join('')}\n`);
      }),
      { numRuns: 5000 },
    );
  });

  itOnEveryRealPost('give the checks and the running lines of the split lines, on every paragraph', expectSameLines, { real: 1000, siteHead: 50_000 });
});
