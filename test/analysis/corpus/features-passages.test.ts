import { describe, expect } from 'vitest';
import { chunkBody, DEFAULT_FEATURE_OPTIONS, extractFeatures, normalizedBody } from '../../../src/analysis/corpus/features.js';
import { allShingleHashes, signature } from '../../../src/analysis/corpus/minhash.js';
import { hashString } from '../../../src/text/hash.js';
import { normalizeForComparison } from '../../../src/text/normalize.js';
import { itOnEveryRealPost } from '../../helpers.js';

/**
 * A post's passage fingerprints are hashed from its normalised body, both seeds in one pass
 * (`pushHashPair`): they must be what each long chunk normalised alone and hashed twice gives, on every real
 * post (the seeds and the site bundle's head, ai-blog-system, MIT; clean-en, MIT; the vim-jp posts,
 * CC BY 4.0; the Prometheus posts, Apache-2.0).
 */
function expectSamePassages(_path: string, text: string): number {
  const expected: number[] = [];
  let chars = 0;
  for (const chunk of chunkBody(text).chunks) {
    const norm = normalizeForComparison(chunk.text.replaceAll('\u0001', ''));
    chars += norm.length;
    if (norm.length >= DEFAULT_FEATURE_OPTIONS.passageMinChunkChars) expected.push(hashString(norm, 1), hashString(norm, 2), chunk.line, chunk.endLine, norm.length);
  }
  const features = extractFeatures(text);
  expect(Array.from(features.passages)).toEqual(expected);
  expect(features.chars).toBe(chars);
  return expected.length / 5;
}

describe('corpus features: passage fingerprints', () => {
  itOnEveryRealPost('are the hashes of each long chunk normalised alone', expectSamePassages, { real: 1000, siteHead: 50_000 });
});

/**
 * The signature is hashed from the normalised body's units (`normalizeEachToUnits`, `unitsSignature`): it
 * must be the signature of every shingle hash of the body as a string (`normalizedBody`, the chunks
 * joined and normalised in one call), on every real post.
 */
describe('corpus features: signature', () => {
  itOnEveryRealPost('is the MinHash of every shingle of the normalised body', (_path, text) => {
    const body = normalizedBody(text);
    const features = extractFeatures(text);
    expect(Array.from(features.signature)).toEqual(Array.from(signature(allShingleHashes(body, DEFAULT_FEATURE_OPTIONS.shingle), DEFAULT_FEATURE_OPTIONS.signatureSize)));
    expect(features.chars).toBe(body.length);
    return 1;
  }, { real: 100, siteHead: 1000 });
});
