import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTail, isProse, paragraphTail } from '../../src/analysis/prose.js';
import { truncationOptions } from '../../src/config/truncation.js';
import { parsePost } from '../../src/post/parse.js';
import { itOnEveryRealPost } from '../helpers.js';

const options = truncationOptions.parse({});

/** `paragraphTail` (a last line ending on a sentence end decided on that character) and the whole computation agree. */
function expectSameTails(path: string, source: string): number {
  const post = parsePost(path, source);
  let compared = 0;
  for (const block of post.blocks) {
    if (!isProse(post, block, options)) continue;
    expect(paragraphTail(post, block, options), `${path}:${block.line}`).toEqual(computeTail(post, block, options));
    compared++;
  }
  return compared;
}

describe('paragraph tails: the sentence-end shortcut', () => {
  it('gives the tail the whole computation gives, on generated paragraphs', () => {
    const piece = fc.constantFrom('。', '！', '？', '.', '!', '?', 'あ', '漢', 'ア', '・', 'a', 'and', ' ', '\n', '**', '*', '_', '~~', '、', '[a](b)', '![a](b)', '<b>', '</b>', '\\', '{% x %}', '{: .c}', '[^1]', '」', ')', '\uFFFD', '😀');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (parts) => {
        expectSameTails('generated.md', `---\ntitle: x\n---\n\n${parts.join('')}\n`);
      }),
      { numRuns: 5000 },
    );
  });

  itOnEveryRealPost('gives the tail the whole computation gives, on every prose paragraph', expectSameTails, { real: 1000, siteHead: 50_000 });
});
