import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { proseBlocks } from '../../src/analysis/blocks.js';
import { parsePost } from '../../src/post/parse.js';
import { REQUEST_GATED, requestSentence } from '../../src/text/prompt-request.js';
import { hasShared, realLines, seed, SHARED } from '../helpers.js';

// Requests each pattern matches, with the case and letters `/iu` folds (ſ for s) varied.
const MATCHING = [
  '記事が途中で終わっています。',
  '続きを書いてください。',
  '以下の条件に従って書いてください。',
  'あなたはプロのライターです。',
  'Continue the article from here.',
  'FINISH THIS POST.',
  'Finiſh the text.',
  'Write a short blog post about Rust.',
  'Generate an article on AI.',
  'You are a seasoned tech journalist.',
];

describe('prompt requests: the gate before the patterns', () => {
  it('every text a request pattern matches passes the gate (real lines of the seeds, clean-en, vim-jp)', () => {
    const [gate, patterns] = REQUEST_GATED;
    let matched = 0;
    for (const text of [...realLines(['corpus/clean-en', 'corpus/human-ja-vim-jp/_posts']), ...MATCHING]) {
      if (!patterns.some((p) => p.test(text.trim()))) continue;
      matched++;
      expect(gate(text), JSON.stringify(text)).toBe(true);
    }
    expect(matched).toBeGreaterThanOrEqual(MATCHING.length);
    expect(gate('新しいモデルが公開された。')).toBe(false);
  });

  it('finds the request the ungated split finds, on every prose block of the seeds and the human corpora (needs ../shared for the corpora)', () => {
    const posts = [0, 1, 2, 3, 4].map(seed);
    if (hasShared) {
      for (const folder of ['corpus/clean-en', 'corpus/human-ja-vim-jp/_posts', 'corpus/human-en-prometheus/blog/posts']) {
        const dir = join(SHARED, folder);
        for (const file of fg.sync('**/*.{md,markdown}', { cwd: dir })) posts.push(parsePost(file, readFileSync(join(dir, file), 'utf8')));
      }
    }
    let blocks = 0;
    for (const post of posts) {
      for (const block of proseBlocks(post)) {
        blocks++;
        expect(requestSentence(block.text), post.path).toBe(requestSentence(block.text, false));
      }
    }
    for (const text of MATCHING) expect(requestSentence(`前置き。${text}`)).toBe(text);
    expect(blocks).toBeGreaterThan(100);
  });
});
