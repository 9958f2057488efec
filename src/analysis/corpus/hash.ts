/** The git blob SHA (the index key) is the post's (`post/blob.ts`): one definition of a blob's bytes. */
export { gitBlobSha } from '../../post/blob.js';

/** Uint32Array ⇄ base64, for the persisted index. */
export function u32ToBase64(a: Uint32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

export function base64ToU32(s: string): Uint32Array {
  const buf = Buffer.from(s, 'base64');
  const out = new Uint32Array(buf.length >>> 2);
  new Uint8Array(out.buffer).set(buf.subarray(0, out.length * 4));
  return out;
}
