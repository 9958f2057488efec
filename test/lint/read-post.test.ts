import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPost } from '../../src/lint/run.js';
import { knownBlobSha } from '../../src/post/blob.js';
import { gitBlobSha } from '../../src/analysis/corpus/hash.js';
import { seedPath } from '../helpers.js';

// `readPost` takes a blob SHA an earlier read of the run made (`KnownBlob`) only while the file has the size
// and mtime it had then. A real post: seed 000 (test/fixtures/seeds, from ../shared/seeds; MIT, nullponull/ai-blog-system).
const work = mkdtempSync(join(tmpdir(), 'er-read-post-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readPost with a known blob', () => {
  const file = join(work, 'post.md');
  cpSync(seedPath(0), file);
  const { size, mtimeMs } = statSync(file);
  const sha = gitBlobSha(readFileSync(file));

  it('is the post it reads without one, its SHA taken, not hashed', () => {
    const plain = readPost(file, 'post.md');
    expect(knownBlobSha(plain)).toBe(sha);
    // A SHA no hash gives shows that it was taken as given.
    const taken = readPost(file, 'post.md', { size, mtime: mtimeMs, sha: 'given' });
    expect(knownBlobSha(taken)).toBe('given');
    const { memo: _a, ...rest } = taken;
    const { memo: _b, ...plainRest } = plain;
    expect(JSON.stringify({ ...rest, lines: undefined })).toBe(JSON.stringify({ ...plainRest, lines: undefined }));
  });

  it('is hashed again when the file has another size or mtime', () => {
    expect(knownBlobSha(readPost(file, 'post.md', { size: size + 1, mtime: mtimeMs, sha: 'given' }))).toBe(sha);
    utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(knownBlobSha(readPost(file, 'post.md', { size, mtime: mtimeMs, sha: 'given' }))).toBe(sha);
  });
});
