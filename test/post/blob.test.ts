import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blobText, gitBlobSha, knownBlobSha, postBlobSha } from '../../src/post/blob.js';
import { parsePost, parsePostBytes } from '../../src/post/parse.js';
import { seedPath } from '../helpers.js';

/**
 * A post's git blob SHA (the cross-post index's key), taken from the bytes it was read from rather than
 * by encoding its text again: the same SHA as before for every input, `git hash-object`'s for valid UTF-8.
 * Fixture: the head of an ai-blog-system seed post (MIT), with a BOM, CRLF line ends, invalid bytes.
 */
const seed = readFileSync(seedPath(0), 'utf8').split('\n').slice(0, 14).join('\n') + '\n';
const hashObject = (bytes: Uint8Array): string => execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8' }).trim();
/** The SHA every post got before it was taken from the bytes: its text, BOM included, encoded again. */
const fromText = (bytes: Uint8Array): string => gitBlobSha(blobText(parsePost('p.md', new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes))));

const variants: [string, Buffer][] = [
  ['LF', Buffer.from(seed)],
  ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed)])],
  ['CRLF', Buffer.from(seed.replaceAll('\n', '\r\n'))],
  ['a BOM and CRLF', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed.replaceAll('\n', '\r\n'))])],
  ['a lone CR line end', Buffer.from(seed.replace('\n\n', '\r\r'))],
  ['no line end at the end', Buffer.from(seed.trimEnd())],
];

describe('the blob SHA of a post read from bytes', () => {
  for (const [name, bytes] of variants) {
    it(`is git's SHA of the file's bytes with ${name}, known without hashing the text`, () => {
      const post = parsePostBytes('p.md', bytes);
      expect(knownBlobSha(post)).toBe(hashObject(bytes));
      expect(postBlobSha(post)).toBe(hashObject(bytes));
      expect(postBlobSha(post)).toBe(fromText(bytes));
      expect(Buffer.from(blobText(post))).toEqual(bytes);
    });
  }

  it('stays the SHA of the text for invalid UTF-8 (the replaced text is what the index holds), as before', () => {
    const bytes = Buffer.concat([Buffer.from(seed), Buffer.from([0xe3, 0x81, 0x0a, 0xff, 0x41, 0x0a])]);
    const post = parsePostBytes('p.md', bytes);
    expect(post.problems.map((p) => p.kind)).toContain('invalid-utf8');
    expect(knownBlobSha(post)).toBeUndefined();
    expect(postBlobSha(post)).toBe(fromText(bytes));
    expect(postBlobSha(post)).not.toBe(hashObject(bytes));
  });

  it('stays the SHA of the empty text for a post not read (binary, too large)', () => {
    for (const post of [parsePostBytes('p.md', Buffer.from([0x2d, 0, 1])), parsePostBytes('p.md', Buffer.from(seed), { maxBytes: 100 })]) {
      expect(post.text).toBe('');
      expect(knownBlobSha(post)).toBeUndefined();
      expect(postBlobSha(post)).toBe(hashObject(Buffer.alloc(0)));
    }
  });

  it('is hashed from the text for a post parsed from a string', () => {
    const post = parsePost('p.md', `\uFEFF${seed}`);
    expect(knownBlobSha(post)).toBeUndefined();
    expect(postBlobSha(post)).toBe(hashObject(Buffer.from(`\uFEFF${seed}`)));
    expect(knownBlobSha(post)).toBe(postBlobSha(post));
  });
});
