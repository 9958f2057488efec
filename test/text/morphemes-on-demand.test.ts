import { describe, expect } from 'vitest';
import { contentBlocks } from '../../src/analysis/prose.js';
import { truncationOptions } from '../../src/config/truncation.js';
import { parsePost } from '../../src/post/parse.js';
import { analyseJapanese, tokenizeJapanese, type Morpheme } from '../../src/text/japanese.js';
import { itOnEveryRealPost } from '../helpers.js';

const options = truncationOptions.parse({});
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/u;

/** Every morpheme of the on-demand analysis, read back to front (as the tail judgements read them). */
function onDemand(text: string): Morpheme[] | undefined {
  const morphemes = analyseJapanese(text);
  if (!morphemes) return undefined;
  const out: Morpheme[] = [];
  for (let i = morphemes.length - 1; i >= 0; i--) out.unshift(morphemes.at(i)!);
  expect(morphemes.at(morphemes.length)).toBeUndefined();
  expect(morphemes.at(-1)).toBeUndefined();
  return out;
}

/**
 * The last 40 characters of each paragraph of a post (the texts the tail judgements analyse, here with
 * their `、` and `。`) and the first 24 of those that open with kana (as `continuesSentence` reads them):
 * the on-demand analysis gives kuromoji's own morphemes.
 */
function expectSameMorphemes(path: string, source: string): number {
  const post = parsePost(path, source);
  const texts: string[] = [];
  for (const block of contentBlocks(post, options)) {
    if (block.type !== 'paragraph' || !CJK.test(block.text)) continue;
    texts.push(block.text.slice(-40));
    if (/^[\u3040-\u309f]/u.test(block.text)) texts.push(block.text.slice(0, 24));
  }
  for (const text of texts) expect(onDemand(text), text).toEqual(tokenizeJapanese(text));
  return texts.length;
}

describe('Japanese morphemes formatted on demand', () => {
  itOnEveryRealPost('are the morphemes kuromoji gives for the same text', expectSameMorphemes, { real: 1000, siteHead: 50_000 });
});
