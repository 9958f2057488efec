import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEach } from '../../src/lint/pool.js';
import { checkPosts, readPost } from '../../src/lint/run.js';
import { parsePostBytes, postBlobText } from '../../src/post/parse.js';
import { blobText } from '../../src/analysis/corpus/compare.js';
import { config, SHARED } from '../helpers.js';

/**
 * A check of a whole site in one thread reads each post twice and keeps only its summary in between
 * (`checkEach` without `keepPosts`): the findings must be those of the posts checked together with their
 * models kept (`checkPosts`), post for post; and the text read again without parsing must be the
 * parsed post's. On the ai-blog-system seeds (MIT) and clean-en (MIT, jekyll).
 */
const seeds = join(SHARED, 'seeds');
const cleanEn = join(SHARED, 'corpus', 'clean-en');
const files = [
  ...readdirSync(seeds).filter((f) => f.endsWith('.txt')).map((f) => join(seeds, f)),
  ...readdirSync(cleanEn).filter((f) => f.endsWith('.md')).slice(0, 40).map((f) => join(cleanEn, f)),
];

describe('checkEach', () => {
  it('gives, post by post, the findings of the posts checked with their models kept', () => {
    const expected = checkPosts(files.map((file) => readPost(file, file)), config()).findings;
    const streamed = [...checkEach(files.map((file) => ({ path: file, file })), { config: config(), keepPosts: false })];
    expect(streamed.map(({ post }) => post.path)).toEqual(files);
    expect(streamed.flatMap(({ findings }) => findings)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  });

  it('reads the text of a post again as its parse holds it (BOM, invalid UTF-8, binary, too large)', () => {
    const inputs = [
      ...files.map((file) => readFileSync(file)),
      Buffer.from('\uFEFF---\ntitle: BOM\n---\n\nBody.\n'),
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]),
      Buffer.from('---\ntitle: x\n---\n\0binary'),
      Buffer.from(''),
    ];
    for (const bytes of inputs) expect(postBlobText(bytes)).toBe(blobText(parsePostBytes('x.md', bytes)));
    const large = Buffer.from(`---\ntitle: x\n---\n${'あ'.repeat(100)}`);
    expect(postBlobText(large, { maxBytes: 50 })).toBe(blobText(parsePostBytes('x.md', large, { maxBytes: 50 })));
  });
});
