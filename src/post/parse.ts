import { LineIndex } from './line-index.js';
import { AsciiSearch } from './ascii-search.js';
import { gitBlobSha, recordBlobSha } from './blob.js';
import { findFrontMatterFence, parseFrontMatter } from './front-matter.js';
import { collectBlocks } from './blocks.js';
import { detectLanguage } from '../core/language.js';
import { decodeUtf8 } from '../core/utf8.js';
import { Memo } from '../core/memo.js';
import { defuseHostileMarkup } from './defuse.js';
import type { FrontMatter, ParseProblem, Post } from './post.js';
import { maskSpansFromEvents } from './mask.js';
import { markdownItModel, type MarkdownItModel } from './markdown-it-model.js';
import { gfmSyntaxIn, type GfmSyntax, markdownEvents, NO_GFM, type MarkdownEvent } from './markdown-events.js';

/**
 * GFM's autolink-literal and table extensions cost ~10× plain CommonMark on very long lines (1.5 s for
 * one 1 MB line against 0.12 s). A post with a line longer than MAX_GFM_LINE (the longest line of the
 * 1,176 real posts and clean-en has 9,556 characters) is parsed as CommonMark, and a warning says so.
 */
export const MAX_GFM_LINE = 64 * 1024;

export interface ParseOptions {
  /** Larger files are not parsed as Markdown (a finding says so); default 5 MB. */
  maxBytes?: number;
  /** Size of a file the caller did not read because it is huge. */
  declaredSize?: number;
  /** The git blob SHA of the bytes given, when the caller has hashed them already (`parsePostBytes` then does not). */
  blobSha?: string;
  /**
   * The GFM constructs the tokenizer runs with; default: those whose characters occur in the post
   * (`gfmSyntaxIn`). `ALL_GFM` gives the full tokenizer, the reference the default is tested against.
   */
  gfmSyntax?: GfmSyntax;
  /**
   * The tokenizer: markdown-it (default, `markdown-it-model.ts`), micromark for the posts it cannot
   * reproduce exactly; 'micromark' forces micromark for every post (the reference the default is tested
   * against). The environment variable EDITORIAL_REVIEW_PARSER=micromark sets it for a whole run.
   */
  parser?: 'markdown-it' | 'micromark';
}

/** The parser a post gets without `ParseOptions.parser`. */
function defaultParser(): 'markdown-it' | 'micromark' {
  return process.env.EDITORIAL_REVIEW_PARSER === 'micromark' ? 'micromark' : 'markdown-it';
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Reads a post from raw bytes. Never throws: unreadable input becomes a `ParseProblem` with a line, and
 * the post is still returned (with an empty tree) so the caller can report it and go on.
 */
export function parsePostBytes(path: string, bytes: Uint8Array, options: ParseOptions = {}): Post {
  const problems: ParseProblem[] = [];
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = Math.max(bytes.length, options.declaredSize ?? 0);
  if (isTooLarge(size, maxBytes)) {
    problems.push({
      kind: 'too-large',
      line: 1,
      message: `file is ${size} bytes, over the ${maxBytes}-byte limit; not checked`,
    });
    return emptyPost(path, '', problems);
  }
  if (looksBinary(bytes)) {
    problems.push({ kind: 'binary', line: 1, message: 'file looks binary (NUL byte); not checked' });
    return emptyPost(path, '', problems);
  }
  let text: string;
  let valid = true;
  const decoded = decodeUtf8(bytes);
  if (decoded !== null) text = decoded;
  else {
    valid = false;
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = bad < 0 ? 1 : new LineIndex(text).lineAt(bad);
    problems.push({ kind: 'invalid-utf8', line, message: 'file is not valid UTF-8 (invalid bytes were replaced)' });
  }
  const post = parseText(path, text, options, problems, valid ? AsciiSearch.inUtf8(bytes) : null);
  // Valid UTF-8 that the post holds whole (BOM included) encodes back to these very bytes: their SHA is the
  // post's blob SHA, hashed here without encoding the text again. Replaced bytes (invalid UTF-8) or a post
  // emptied (too large) keep the SHA of the text they hold, hashed when asked for, as before.
  if (valid && post.text.length + (post.hasBom ? 1 : 0) === text.length) recordBlobSha(post, options.blobSha ?? gitBlobSha(bytes));
  return post;
}

function isTooLarge(size: number, maxBytes: number): boolean {
  return size > maxBytes;
}

function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/**
 * The file's content as the post parsed from `bytes` holds it, BOM included (`hasBom`), without parsing
 * it: '' where `parsePostBytes` gives an empty post (too large, binary). Invalid UTF-8 decodes to the same
 * replacement characters. A check that drops a post's model reads its text again with this.
 */
export function postBlobText(bytes: Uint8Array, options: Pick<ParseOptions, 'maxBytes' | 'declaredSize'> = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (isTooLarge(Math.max(bytes.length, options.declaredSize ?? 0), maxBytes) || looksBinary(bytes)) return '';
  const input = decodeUtf8(bytes) ?? new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const hasBom = input.charCodeAt(0) === 0xfeff;
  return isTooLarge((hasBom ? input.length - 1 : input.length), maxBytes) ? '' : input;
}

export function parsePost(path: string, input: string, options: ParseOptions = {}, problems: ParseProblem[] = []): Post {
  return parseText(path, input, options, problems, null);
}

/** `parsePost`, its whole-text searches made in `utf8` (`AsciiSearch.inUtf8`: the bytes `input` was decoded from) if given. */
function parseText(path: string, input: string, options: ParseOptions, problems: ParseProblem[], utf8: AsciiSearch | null): Post {
  const hasBom = input.charCodeAt(0) === 0xfeff;
  const text = hasBom ? input.slice(1) : input;
  if (isTooLarge(text.length, options.maxBytes ?? DEFAULT_MAX_BYTES)) {
    problems.push({ kind: 'too-large', line: 1, message: 'file is over the size limit; not checked' });
    return emptyPost(path, '', problems);
  }
  const search = utf8 ?? AsciiSearch.inText(text);
  const carriageReturn = search.includes('\r');
  const lines = new LineIndex(text, carriageReturn);
  if (text.trim() === '') {
    problems.push({ kind: 'empty', line: 1, message: 'file is empty' });
    return { ...emptyPost(path, text, problems), hasBom, lines };
  }

  let frontMatter: FrontMatter | null = null;
  let bodyLine = 1;
  const fence = findFrontMatterFence(lines);
  if (fence === null) {
    problems.push({ kind: 'no-front-matter', line: 1, message: 'no front matter (the file does not start with ---, +++ or {)' });
  } else if (fence.end === null) {
    problems.push({
      kind: 'unterminated-front-matter',
      line: 1,
      message:
        fence.format === 'json'
          ? 'front matter is never closed (the JSON object opened on line 1 has no closing })'
          : `front matter is never closed (no second ${fence.format === 'toml' ? '+++' : '---'} line)`,
    });
  } else {
    frontMatter = parseFrontMatter(text, lines, { start: fence.start, end: fence.end, format: fence.format }, problems);
    bodyLine = fence.end + 1;
  }

  const longest = lines.longestLine();
  const gfm = longest.length <= MAX_GFM_LINE;
  if (!gfm) {
    problems.push({
      kind: 'long-line',
      line: longest.line,
      message: `a line of ${longest.length} characters: tables, footnotes and bare-URL links (GFM) were not parsed in this post`,
    });
  }
  const { text: safeText, spans } = defuseHostileMarkup(text, search, lines);
  for (const span of spans) {
    problems.push({
      kind: 'markup-flood',
      line: span.line,
      endLine: span.endLine,
      message:
        span.kind === 'delimiters'
          ? `${span.count} emphasis/link markers in one paragraph; its inline Markdown was not parsed`
          : `${span.count} nested quotes/lists on one line; the nesting was not parsed`,
    });
  }
  // markdown-it where it gives micromark's model exactly (test/post/markdown-it-model.test.ts), else micromark.
  const useMarkdownIt = gfm && options.gfmSyntax === undefined && (options.parser ?? defaultParser()) === 'markdown-it';
  const model = useMarkdownIt ? markdownItModel(text, safeText, lines, search) : null;
  const { blocks: allBlocks, mask } =
    model !== null && typeof model === 'object' ? model : micromarkModel(text, safeText, gfm ? (options.gfmSyntax ?? gfmSyntaxIn(safeText)) : NO_GFM, problems);
  // A front matter fence that the tokenizer did not take (e.g. unterminated) must not become body blocks.
  const blocks = allBlocks.filter((block) => block.line >= bodyLine);
  blocks.forEach((block, index) => (block.index = index));

  const post = {
    path,
    text,
    hasBom,
    eol: carriageReturn && text.includes('\r\n') ? '\r\n' : '\n',
    lines,
    language: detectLanguage(text.slice(frontMatter ? frontMatter.sourceStart : 0)),
    frontMatter,
    bodyLine,
    blocks,
    mask,
    problems,
    memo: new Memo(),
  } satisfies Post;
  return post;
}

/** Blocks and mask from micromark's events (what every post got before markdown-it; the reference). */
export function micromarkModel(text: string, safeText: string, syntax: GfmSyntax, problems: ParseProblem[] = []): MarkdownItModel {
  let events: MarkdownEvent[];
  let parsedText: string | null = safeText;
  try {
    // Only the GFM constructs whose characters occur in the post (the blocks are the same: test/post/gfm-syntax.test.ts).
    events = markdownEvents(safeText, syntax);
  } catch (error) {
    // micromark does not throw on any input we know of; stay safe all the same.
    problems.push({ kind: 'binary', line: 1, message: `Markdown could not be parsed: ${(error as Error).message}` });
    events = [];
    parsedText = null;
  }
  // What the claims rules need, taken now from the same events; no mdast tree is built (see `markdownTree`).
  return { blocks: collectBlocks(events, parsedText ?? text, text), mask: maskSpansFromEvents(text, events) };
}

function emptyPost(path: string, text: string, problems: ParseProblem[]): Post {
  return {
    path,
    text,
    hasBom: false,
    eol: '\n',
    lines: new LineIndex(text),
    language: 'en',
    frontMatter: null,
    bodyLine: 1,
    blocks: [],
    mask: { ranges: new Int32Array(0), sources: [] },
    problems,
    memo: new Memo(),
  };
}

