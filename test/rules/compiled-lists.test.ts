import { describe, expect, it } from 'vitest';
import { checkPost } from '../../src/lint/check.js';
import { InMemoryCorpus } from '../../src/analysis/corpus/summary.js';
import { parsePost } from '../../src/post/parse.js';
import hype from '../../src/rules/claims/hype.js';
import stockPhrase from '../../src/rules/artifacts/stock-phrase.js';
import { config } from '../helpers.js';

const TEXT = '---\ntitle: x\n---\n\n革命的な製品で、深掘りします。Let us delve into a revolutionary idea.\n\nいかがでしたでしょうか。It is a game changer.\n';

/** The findings of `rule` on a freshly parsed post under `input`. */
function findingsUnder(input: Parameters<typeof config>[0]) {
  const post = parsePost('post.md', TEXT);
  return checkPost(post, { config: config(input), rules: [hype, stockPhrase], corpus: new InMemoryCorpus([post]) });
}

describe('word lists compiled once per configured list (claims/hype, artifacts/stock-phrase)', () => {
  it('each config gets the findings of its own lists, whatever was checked before', () => {
    const inputs = [
      {},
      { claims: { hype: ['深掘り', 'delve'] }, artifacts: { stockPhrases: ['game changer', '製品'] } },
      { claims: { hype: [] }, artifacts: { stockPhrases: [] } },
      { claims: { hype: ['  ', 'IDEA'] }, artifacts: { stockPhrases: ['いかが'] } },
    ];
    const alone = inputs.map((input) => findingsUnder(input));
    expect(alone[0]!.length).toBeGreaterThan(0);
    expect(alone[2]).toEqual([]);
    expect(new Set(alone.map((f) => JSON.stringify(f))).size).toBe(inputs.length);
    // Alternated, each config again: the lists compiled for one are never the other's.
    for (let round = 0; round < 3; round++) {
      inputs.forEach((input, i) => expect(findingsUnder(input)).toEqual(alone[i]));
    }
  });
});
