import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proseBlocks } from '../../src/analysis/blocks.js';
import { parsePost } from '../../src/post/parse.js';
import { isTrimmed, sentenceBounds, sentenceBoundsAround } from '../../src/text/sentence.js';
import { itOnEveryRealPost } from '../helpers.js';

/**
 * `sentenceBoundsAround` splits a text only around some offsets (where the splitter starts afresh before
 * each, to the end of its sentence): each sentence it gives must be one of `sentenceBounds`, and every
 * sentence of `sentenceBounds` that holds an offset must be among them. Held on the prose blocks of every
 * real post (the seeds and the site bundle's head, ai-blog-system, MIT; clean-en, MIT; the vim-jp posts,
 * CC BY 4.0; the Prometheus posts, Apache-2.0) and on generated text made of what ends a sentence.
 */
function expectAround(text: string, offsets: number[], where: string): number {
  const full = sentenceBounds(text);
  const pairs = new Set<string>();
  for (let k = 0; k < full.length; k += 2) pairs.add(`${full[k]}-${full[k + 1]}`);
  const around = sentenceBoundsAround(text, offsets);
  const got = new Set<string>();
  for (let k = 0; k < around.length; k += 2) {
    const pair = `${around[k]}-${around[k + 1]}`;
    expect(pairs.has(pair), `${where}: ${pair} is no sentence`).toBe(true);
    if (k > 0) expect(around[k]!, where).toBeGreaterThanOrEqual(around[k - 1]!);
    got.add(pair);
  }
  let held = 0;
  for (let k = 0; k < full.length; k += 2) {
    if (!offsets.some((o) => o >= full[k]! && o < full[k + 1]!)) continue;
    expect(got.has(`${full[k]}-${full[k + 1]}`), `${where}: sentence ${full[k]}-${full[k + 1]} missing`).toBe(true);
    held++;
  }
  return held;
}

/** Offsets on characters `trim` keeps: every `every`-th one, starting at `first`. */
const keptOffsets = (text: string, every: number, first = 0): number[] => {
  const offsets: number[] = [];
  for (let i = first; i < text.length; i += every) if (!isTrimmed(text.charCodeAt(i))) offsets.push(i);
  return offsets;
};

describe('sentences: split only around some offsets', () => {
  itOnEveryRealPost(
    'are sentences of the whole split, every one holding an offset among them',
    (path, text) => {
      let held = 0;
      for (const block of proseBlocks(parsePost(path, text))) {
        for (const every of [1, 7, 61]) held += expectAround(block.text, keptOffsets(block.text, every, every > 1 ? 3 : 0), `${path}:${block.line}`);
      }
      return held;
    },
    { real: 1000, siteHead: 100_000 },
  );

  const piece = fc.constantFrom('。', '！', '？', '!', '?', '」', '』', '）', ')', '"', '”', '’', 'と', 'っ', '、', '，', '.', ' ', '\n', '\t', '　', 'あ', 'a', '1', '…');
  it('are sentences of the whole split, every one holding an offset among them, on generated text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }), (parts, every, first) => {
        const text = parts.join('');
        expectAround(text, keptOffsets(text, every, first), JSON.stringify(text));
      }),
      { numRuns: 5000 },
    );
  });
});
