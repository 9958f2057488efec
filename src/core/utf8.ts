import { isAscii, isUtf8, transcode } from 'node:buffer';

/**
 * Decoding a post's bytes. V8 builds a string from UTF-8 one character at a time: ~170 ms of CPU for the
 * 54.8 MB of the site head, on every pass that reads the posts. Node's `transcode` (SIMD) writes the same
 * text as UTF-16 in a tenth of that, and a UTF-16 buffer becomes a string by a copy. ASCII-only bytes keep
 * V8's own decoder (fast for them, and their string stays one byte per character).
 */

const FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** `transcode` needs ICU (official builds have it; a build without ICU decodes with V8 as before). */
const CAN_TRANSCODE = typeof process.versions.icu === 'string';

/**
 * `new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)` (a BOM is kept as U+FEFF),
 * or null where that throws: the bytes are not valid UTF-8 (test/core/utf8.test.ts holds the two together).
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  if (!isUtf8(bytes)) return null;
  if (!CAN_TRANSCODE || isAscii(bytes)) return FATAL.decode(bytes);
  return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
}
