import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTail, isProse, paragraphTail, postProse, proseText } from '../../src/analysis/prose.js';
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

/** A post's handle (`postProse`) answers as the functions do, each asked of its own parse of the post (no shared memo). */
function expectSameAnswers(path: string, source: string): number {
  const post = parsePost(path, source);
  const fresh = parsePost(path, source);
  const prose = postProse(fresh, options);
  let compared = 0;
  for (const [i, block] of post.blocks.entries()) {
    const same = fresh.blocks[i]!;
    expect(prose.isProse(same), `${path}:${block.line}`).toBe(isProse(post, block, options));
    if (!isProse(post, block, options)) continue;
    expect(prose.text(same), `${path}:${block.line}`).toBe(proseText(post, block, options));
    expect(prose.tail(same), `${path}:${block.line}`).toEqual(paragraphTail(post, block, options));
    compared++;
  }
  return compared;
}

describe('prose answers: the handle of a post', () => {
  itOnEveryRealPost('answers as isProse, proseText and paragraphTail do, on every block', expectSameAnswers, { real: 1000, siteHead: 50_000 });
});
