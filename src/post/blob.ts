import { createHash } from 'node:crypto';
import { memoKey } from '../core/memo.js';
import type { Post } from './post.js';

/**
 * A post as git stores it: its content (BOM included) and that content's git blob SHA, the key of the
 * cross-post index and of the feature store.
 */

/** The git blob SHA-1 of a file's content, as `git hash-object` computes it; a string is hashed as its UTF-8 bytes. */
export function gitBlobSha(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** The post's content as a blob holds it: the text with its BOM, if it had one. */
export function blobText(post: Post): string {
  return post.hasBom ? `\uFEFF${post.text}` : post.text;
}

const BLOB_SHA = memoKey<string>('git blob sha');

/**
 * The git blob SHA of `blobText(post)`, hashed once per post. A post read from bytes that are valid UTF-8
 * has it from those bytes already (`recordBlobSha`): its text encodes back to exactly them, so the SHA is
 * the same, without encoding the text again.
 */
export function postBlobSha(post: Post): string {
  return post.memo.get(BLOB_SHA, [], () => gitBlobSha(blobText(post)));
}

/** `postBlobSha(post)` if it is known already (recorded, or hashed since), without hashing the text. */
export function knownBlobSha(post: Post): string | undefined {
  return post.memo.peek(BLOB_SHA, []);
}

/** Records `postBlobSha(post)`: the SHA of the bytes the post was decoded from, when they encode its `blobText` exactly. */
export function recordBlobSha(post: Post, sha: string): void {
  post.memo.get(BLOB_SHA, [], () => sha);
}
