import { frontMatterData, frontMatterOfLines, headlineOfLine } from '../../post/front-matter-source.js';
import type { FrontMatterFormat } from '../../post/post.js';
import { normalizeEachToUnits, normalizeForComparison, normalizeLoose } from '../../text/normalize.js';
import { pushHashPair } from '../../text/hash.js';
import { withDetachedStrings } from '../../text/detached.js';
import { base64ToU32, u32ToBase64 } from './hash.js';
import { unitsSignature } from './minhash.js';

/**
 * What the cross-post index keeps of one post (one git blob): a few front-matter values, the MinHash
 * signature of the whole body and one fingerprint per long paragraph. Computed from the raw text with a
 * line scanner (no Markdown parse), so a cold index of 100,000 blobs is affordable; it never throws.
 */
export interface DocFeatures {
  /** Front-matter values the duplicate-title/permalink rules need (strings as written). */
  meta: PostMeta;
  /** Normalised title, for duplicate titles ('' when none). */
  titleKey: string;
  signature: Uint32Array;
  /** Per long chunk: [hash1, hash2, line, endLine, normalisedChars] × n. */
  passages: Uint32Array;
  /** Normalised body length in characters. */
  chars: number;
}

export interface PostMeta {
  title?: string;
  date?: string;
  slug?: string;
  permalink?: string;
  categories?: string[];
  draft?: boolean;
  /** The summary (`excerpt`, else `description`), for posts on the same topic. */
  excerpt?: string;
  /** The front-matter keys the site model reads (dates, slug, own URL, taxonomies, draft flags), as written. */
  site?: Record<string, unknown>;
  /** The body's first line (`firstBodyLine`), for the site model's headline of other posts. */
  headline?: string;
}

/** Keys the site model reads from other posts (analysis/site/posts.ts `metaOf`), kept in the index. */
const SITE_KEYS = /^(?:title|excerpt|date|publishdate|pubdate|published|lastmod|modified|slug|permalink|url|path|categories|category|tags|tag|draft|taxonomies)$/i;

export interface FeatureOptions {
  shingle: number;
  signatureSize: number;
  /** Chunks shorter than this (normalised characters) get no passage fingerprint. */
  passageMinChunkChars: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { shingle: 5, signatureSize: 128, passageMinChunkChars: 50 };

/** A run of non-blank lines (a fenced code block is one chunk even with blank lines inside). */
export interface Chunk {
  line: number;
  endLine: number;
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits a post's body into chunks with 1-based line numbers of the file; returns the body's first line too. */
export function chunkBody(text: string): { chunks: Chunk[]; frontMatter: { format: FrontMatterFormat; source: string } | null; bodyLine: number } {
  // A string split where there is no carriage return (most posts): several times a regular expression's speed.
  const lines = text.includes('\r') ? text.split(/\r?\n|\r/) : text.split('\n');
  let start = 0;
  let frontMatter: { format: FrontMatterFormat; source: string } | null = null;
  const read = frontMatterOfLines(lines);
  if (read) {
    frontMatter = { format: read.format, source: read.source };
    start = read.bodyLine - 1;
  }
  const chunks: Chunk[] = [];
  let current: string[] = [];
  let first = 0;
  let fence: string | null = null;
  const flush = (endIndex: number): void => {
    if (current.length > 0) chunks.push({ line: first + 1, endLine: endIndex + 1, text: current.join('\n') });
    current = [];
  };
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    const m = FENCE.exec(l);
    if (fence !== null) {
      current.push(l);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length) {
        fence = null;
        flush(i);
      }
      continue;
    }
    if (m) {
      flush(i - 1);
      fence = m[1]!;
      first = i;
      current.push(l);
      continue;
    }
    if (l.trim() === '') {
      flush(i - 1);
      continue;
    }
    if (current.length === 0) first = i;
    current.push(l);
  }
  flush(lines.length - 1);
  return { chunks, frontMatter, bodyLine: start + 1 };
}

function readMeta(d: Record<string, unknown> | null): PostMeta {
  if (d === null) return {};
  const meta: PostMeta = {};
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' ? v : typeof v === 'number' || v instanceof Date ? String(v instanceof Date ? v.toISOString() : v) : undefined;
  const title = str(d.title);
  if (title !== undefined) meta.title = title;
  const date = str(d.date);
  if (date !== undefined) meta.date = date;
  const slug = str(d.slug);
  if (slug !== undefined) meta.slug = slug;
  const permalink = str(d.permalink);
  if (permalink !== undefined) meta.permalink = permalink;
  const cats = d.categories ?? d.category;
  if (Array.isArray(cats)) meta.categories = cats.map((c) => str(c)).filter((c): c is string => c !== undefined);
  else if (typeof cats === 'string') meta.categories = cats.split(/\s+/).filter(Boolean);
  if (d.draft === true || d.published === false) meta.draft = true;
  const excerpt = str(d.excerpt) ?? str(d.description);
  if (excerpt !== undefined) meta.excerpt = excerpt;
  const site = Object.fromEntries(Object.entries(d).filter(([k]) => SITE_KEYS.test(k)));
  if (Object.keys(site).length > 0) meta.site = site;
  return meta;
}

const TRAILING = new Set([' ', '.', '。', '!', '！', '?', '？']);

/**
 * Title key: NFKC, collapsed spaces, case-folded, trailing punctuation dropped, Markdown marks a pipeline
 * left in it (`**…**`, backticks, a leading `#`) ignored, so `**X**` and `X` are one title.
 */
export function titleKey(title: string | undefined): string {
  if (!title) return '';
  const key = normalizeLoose(title.replace(/^\s*#+\s+/, '').replace(/\*\*|__|`/g, '')).toLowerCase();
  // Trailing punctuation, by a backward scan (an anchored regex would be quadratic on long runs).
  let end = key.length;
  while (end > 0 && TRAILING.has(key[end - 1]!)) end--;
  return key.slice(0, end);
}

export function extractFeatures(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): DocFeatures {
  return readIndexedPost(text, options).features;
}

/**
 * What the index and the site model need of a post that is only context (not checked), from one pass over
 * its text: the features, and the front matter's values (null when it has none or they do not parse).
 */
export function readIndexedPost(
  text: string,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): { features: DocFeatures; frontMatter: Record<string, unknown> | null; frontMatterSource: { format: FrontMatterFormat; source: string } | null } {
  const { chunks, frontMatter } = chunkBody(text);
  const data = frontMatter === null ? null : frontMatterData(frontMatter.format, frontMatter.source);
  const meta = readMeta(data);
  const first = chunks[0]?.text.split('\n', 1)[0];
  if (first !== undefined && first.trim() !== '') meta.headline = headlineOfLine(first);
  // The index keeps the features for the whole run, the text only for this call: a headline or a title is
  // a slice of the post's first paragraph or of its front matter, and would keep that alive (the first
  // paragraph of a collapsed article is the whole article: 44 MB over the 2,778 posts of the large corpus).
  return { features: featuresOf(chunks, withDetachedStrings(meta), options), frontMatter: data, frontMatterSource: frontMatter };
}

function featuresOf(chunks: Chunk[], meta: PostMeta, options: FeatureOptions): DocFeatures {
  const { units, lengths } = normalizedChunkUnits(chunks);
  // The fingerprints and the signature hashed from the units of the normalised body (the chunks'
  // normalised texts end to end), with no string made: the chunks were joined, normalised into one
  // string, split and joined again, then read by `charCodeAt`. `readIndexedPost` of the site head's 1,176
  // posts, in one process: ~316 → ~262 ms (later rounds), ~369 → ~291 ms (the first, compiles included).
  const passages: number[] = [];
  let offset = 0;
  for (let i = 0; i < chunks.length; i++) {
    const length = lengths[i]!;
    if (length > 0 && length >= options.passageMinChunkChars) {
      pushHashPair(passages, units, offset, offset + length, 1, 2);
      passages.push(chunks[i]!.line, chunks[i]!.endLine, length);
    }
    offset += length;
  }
  return {
    meta,
    titleKey: titleKey(meta.title),
    signature: unitsSignature(units, options.shingle, options.signatureSize),
    passages: Uint32Array.from(passages),
    chars: units.length,
  };
}

const SEPARATOR = '\u0001';

/**
 * normalizeForComparison of every chunk in one call (its regexes cost more per call than per
 * character): chunks are joined by U+0001, which normalisation keeps, and split again.
 */
function normalizeChunks(chunks: Chunk[]): string[] {
  const joined = chunks.map((c) => c.text.replaceAll(SEPARATOR, '')).join(SEPARATOR);
  const out = normalizeForComparison(joined).split(SEPARATOR);
  return out.length === chunks.length ? out : chunks.map((c) => normalizeForComparison(c.text));
}

/**
 * `normalizeChunks(chunks).join('')` as UTF-16 units (a view of a reused buffer: read before the next
 * normalisation), and the length of each chunk's part: each chunk normalised alone, which is what the
 * chunks joined by U+0001 give (a character NFKC joins with nothing, and where lower-casing in context
 * stops), without the join and the separators taken out again.
 */
function normalizedChunkUnits(chunks: Chunk[]): { units: Uint16Array; lengths: Int32Array } {
  const lengths = new Int32Array(chunks.length);
  const texts: string[] = new Array(chunks.length);
  for (let i = 0; i < chunks.length; i++) {
    const text = chunks[i]!.text;
    texts[i] = text.includes(SEPARATOR) ? text.replaceAll(SEPARATOR, '') : text;
  }
  return { units: normalizeEachToUnits(texts, lengths), lengths };
}

/** The normalised body, for exact Jaccard of two posts (the rule verifies index candidates with it). */
export function normalizedBody(text: string): string {
  return normalizeChunks(chunkBody(text).chunks).join('');
}

export interface SerializedFeatures {
  m: PostMeta;
  t: string;
  s: string;
  p: string;
  c: number;
}

export function serializeFeatures(f: DocFeatures): SerializedFeatures {
  return { m: f.meta, t: f.titleKey, s: u32ToBase64(f.signature), p: u32ToBase64(f.passages), c: f.chars };
}

export function deserializeFeatures(s: SerializedFeatures): DocFeatures {
  return { meta: s.m, titleKey: s.t, signature: base64ToU32(s.s), passages: base64ToU32(s.p), chars: s.c };
}
