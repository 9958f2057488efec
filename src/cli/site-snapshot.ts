import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import type { DocFeatures, PostMeta } from '../analysis/corpus/features.js';
import type { SitePost } from '../analysis/site/site.js';
import { writeCacheFile } from '../core/cache-dir.js';

/**
 * The CLI's cache of a site's posts between runs: per post (by root-relative path) the file's size and
 * mtime, its git blob SHA, what the site model and the cross-post index read of it, and its URL in the
 * index. A warm run stats every post and takes the unchanged ones from here, so it reads one file instead
 * of every post, and the blob store's NDJSON (the whole history of every blob: parsed and base64-decoded
 * whole, it was a third of a warm run's CPU) only when many posts changed.
 *
 * One file: a little-endian u32 length, the JSON header (everything but the numbers), zero padding to a
 * multiple of 4, then the MinHash signatures and passage fingerprints of every post as native u32 words,
 * which the header points into. Reading it parses the header and views the words in place (no decoding).
 * Written whole to a temporary name and renamed (`writeCacheFile`); a file that does not read back as
 * this version, this machine's byte order and in bounds counts as no cache.
 */
export interface SnapshotEntry {
  size: number;
  mtime: number;
  sha: string;
  post: SitePost;
  features: DocFeatures;
  /** The post's URL in the cross-post index (`CorpusIndex.urlOf`), computed with the snapshot's permalink pattern. */
  url?: string;
}

const SNAPSHOT_VERSION = 1;

interface Header {
  version: number;
  endianness: string;
  /** The index's permalink pattern the URLs were computed with. */
  permalink: string;
  entries: Record<string, StoredEntry>;
}

interface StoredEntry {
  size: number;
  mtime: number;
  sha: string;
  post: SitePost;
  meta: PostMeta;
  titleKey: string;
  chars: number;
  url?: string;
  /** Word offsets and lengths of the signature and the passages. */
  signature: [number, number];
  passages: [number, number];
}

const align4 = (n: number): number => (n + 3) & ~3;

/** The snapshot's entries (empty when there is none or it does not read back); URLs only when `permalink` is the one they were computed with. */
export function readSiteSnapshot(file: string, permalink: string): Map<string, SnapshotEntry> {
  const out = new Map<string, SnapshotEntry>();
  try {
    const bytes = readFileSync(file);
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as Header;
    if (header.version !== SNAPSHOT_VERSION || header.endianness !== endianness()) return out;
    const start = align4(4 + headerLength);
    const count = (bytes.length - start) >>> 2;
    const words =
      (bytes.byteOffset + start) % 4 === 0
        ? new Uint32Array(bytes.buffer, bytes.byteOffset + start, count)
        : new Uint32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + count * 4));
    const view = ([at, length]: [number, number]): Uint32Array => {
      if (!(at >= 0 && length >= 0 && at + length <= count)) throw new RangeError('snapshot out of bounds');
      return words.subarray(at, at + length);
    };
    for (const [path, e] of Object.entries(header.entries)) {
      const features: DocFeatures = { meta: e.meta, titleKey: e.titleKey, signature: view(e.signature), passages: view(e.passages), chars: e.chars };
      out.set(path, { size: e.size, mtime: e.mtime, sha: e.sha, post: e.post, features, ...(e.url !== undefined && header.permalink === permalink ? { url: e.url } : {}) });
    }
    return out;
  } catch {
    return new Map(); // none yet, torn or from another version: every post is read
  }
}

export function writeSiteSnapshot(file: string, entries: ReadonlyMap<string, SnapshotEntry>, permalink: string): void {
  const header: Header = { version: SNAPSHOT_VERSION, endianness: endianness(), permalink, entries: {} };
  const arrays: Uint32Array[] = [];
  let words = 0;
  const place = (array: Uint32Array): [number, number] => {
    arrays.push(array);
    words += array.length;
    return [words - array.length, array.length];
  };
  for (const [path, e] of entries) {
    const f = e.features;
    header.entries[path] = {
      size: e.size,
      mtime: e.mtime,
      sha: e.sha,
      post: e.post,
      meta: f.meta,
      titleKey: f.titleKey,
      chars: f.chars,
      ...(e.url !== undefined ? { url: e.url } : {}),
      signature: place(f.signature),
      passages: place(f.passages),
    };
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align4(4 + json.length);
  const out = Buffer.alloc(start + words * 4);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  let at = start;
  for (const array of arrays) {
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, at);
    at += array.byteLength;
  }
  writeCacheFile(file, out);
}
