import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { FrontMatterFormat } from './post.js';
import type { LineIndex } from './line-index.js';

/**
 * Front matter as the generators delimit it, on raw text (no Markdown parse): YAML between `---` lines
 * (Jekyll, Hugo, Astro), TOML between `+++` lines (Hugo, Zola), or a JSON object opening the file (Hugo).
 * Shared by the post parser (which adds exact positions) and the corpus index (which only needs values).
 */
export interface FenceSpan {
  format: FrontMatterFormat;
  /** 1-based line of the opening fence (always 1). */
  start: number;
  /** 1-based line of the closing fence (JSON: the line of the closing `}`), or null when never closed. */
  end: number | null;
}

const MAX_JSON_LINES = 2000;

/** Finds the front matter block from the file's lines (`line(n)` is 1-based, without its line ending). */
export function findFence(line: (n: number) => string, count: number): FenceSpan | null {
  const first = line(1).replace(/^\uFEFF/, '').trimEnd();
  if (first === '---' || first === '+++') {
    const format: FrontMatterFormat = first === '---' ? 'yaml' : 'toml';
    for (let l = 2; l <= count; l++) {
      const text = line(l).trimEnd();
      if (text === first || (format === 'yaml' && text === '...')) return { format, start: 1, end: l };
    }
    return { format, start: 1, end: null };
  }
  if (first.startsWith('{')) {
    // Hugo reads a JSON object at the top of the file as front matter; it ends where its braces balance.
    let depth = 0;
    let inString = false;
    for (let l = 1; l <= Math.min(count, MAX_JSON_LINES); l++) {
      const text = l === 1 ? first : line(l);
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') {
          depth--;
          if (depth === 0) return { format: 'json', start: 1, end: l };
        }
      }
    }
    return { format: 'json', start: 1, end: null };
  }
  return null;
}

/**
 * The closed front matter of a file given as lines: its format, its source (without the fences; a JSON
 * object whole) and the first body line; null when there is none or it is never closed. The one reader
 * the parser's fast paths share (corpus features, site posts, the base version of a changed post).
 */
export function frontMatterOfLines(lines: readonly string[]): { format: FrontMatterFormat; source: string; bodyLine: number } | null {
  const fence = findFence((n) => lines[n - 1] ?? '', lines.length);
  if (!fence || fence.end === null) return null;
  const source =
    fence.format === 'json' ? lines.slice(0, fence.end).join('\n').replace(/^\uFEFF/, '') : lines.slice(1, fence.end - 1).join('\n');
  return { format: fence.format, source, bodyLine: fence.end + 1 };
}

/** The front matter of a text as a source string and the first body line, or null when there is none. */
export function splitFrontMatter(text: string): { format: FrontMatterFormat; source: string; bodyLine: number } | null {
  return frontMatterOfLines(text.split(/\r\n|\n|\r/, MAX_JSON_LINES + 1));
}

/** Lines read past the front matter when looking for the body's first line. */
const HEADLINE_SCAN = 50;
const HEADLINE_MAX = 300;

/**
 * The body's first non-blank line (its headline, or the opening of its text), trimmed and without ATX
 * heading marks; undefined when the body is empty. Read on raw text, for posts that are only context (the
 * site's other posts, the corpus index): the title rules compare other posts' titles with their headlines.
 */
export function firstBodyLine(text: string): string | undefined {
  const lines = text.split(/\r\n|\n|\r/, HEADLINE_LINES);
  return firstBodyLineOf((n) => lines[n - 1] ?? '', lines.length);
}

/**
 * `firstBodyLine` of the text a `LineIndex` was made of (the same line endings), read from the index: a
 * parsed post's summary need not split its whole text again (test/post/front-matter-source.test.ts).
 */
export function firstBodyLineOfLines(lines: LineIndex): string | undefined {
  return firstBodyLineOf((n) => lines.line(n), Math.min(lines.count, HEADLINE_LINES));
}

/** Lines `firstBodyLine` reads at most: a JSON front matter's, and the scan past it. */
const HEADLINE_LINES = MAX_JSON_LINES + HEADLINE_SCAN;

function firstBodyLineOf(line: (n: number) => string, count: number): string | undefined {
  const fence = findFence(line, count);
  if (fence && fence.end === null) return undefined;
  const start = fence ? fence.end! : 0;
  for (let i = start; i < Math.min(count, start + HEADLINE_SCAN); i++) {
    const text = line(i + 1).replace(/^\uFEFF/, '').trim();
    if (text !== '') return headlineOfLine(text);
  }
  return undefined;
}

/** A body line as a headline: trimmed, without ATX heading marks, at most HEADLINE_MAX characters. */
export function headlineOfLine(line: string): string {
  return line.trim().replace(/^#{1,6}\s+/, '').replace(/\s+#+$/, '').slice(0, HEADLINE_MAX);
}

/** A syntax error in the front matter, at an offset of its source. */
export interface SourceError {
  offset: number;
  message: string;
}

/**
 * Values of a TOML or JSON front matter as plain data: TOML dates stay the strings they were written as
 * (like YAML's core schema keeps them), so the time zone a post was dated in is never lost.
 */
export function parseTomlData(source: string): { data: Record<string, unknown> | null; error?: SourceError } {
  try {
    return { data: plain(parseToml(source)) as Record<string, unknown> };
  } catch (error) {
    if (error instanceof TomlError) {
      return { data: null, error: { offset: offsetOf(source, error.line, error.column), message: firstLine(error.message) } };
    }
    return { data: null, error: { offset: 0, message: firstLine(String((error as Error).message)) } };
  }
}

/** Values of a JSON front matter (`JSON.parse`), or the error with its offset. */
export function parseJsonData(source: string): { data: unknown; error?: SourceError } {
  try {
    return { data: JSON.parse(source) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    return { data: null, error: { offset: at ? Number(at[1]) : 0, message: `JSON: ${message.replace(/^JSON\.parse: /, '')}` } };
  }
}

/** Where one member of the top-level JSON object sits: offsets in its source. */
export interface JsonMemberSpan {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * Positions of the top-level members of a JSON object (JSON.parse gives none): a scanner that skips
 * strings and nested values. Run only on source JSON.parse accepted.
 */
export function jsonMemberSpans(source: string): JsonMemberSpan[] {
  const spans: JsonMemberSpan[] = [];
  let i = source.indexOf('{') + 1;
  const n = source.length;
  const skipSpace = (): void => {
    while (i < n && /\s/.test(source[i]!)) i++;
  };
  const skipString = (): void => {
    i++;
    while (i < n && source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
    i++;
  };
  while (i > 0 && i < n) {
    skipSpace();
    if (source[i] !== '"') break;
    const keyStart = i;
    skipString();
    const key = JSON.parse(source.slice(keyStart, i)) as string;
    skipSpace();
    i++; // ':'
    skipSpace();
    const valueStart = i;
    let depth = 0;
    while (i < n) {
      const c = source[i]!;
      if (c === '"') {
        skipString();
        if (depth === 0) break;
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) break;
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      } else if (c === ',' && depth === 0) break;
      i++;
    }
    let valueEnd = i;
    while (valueEnd > valueStart && /\s/.test(source[valueEnd - 1]!)) valueEnd--;
    spans.push({ key, keyStart, valueStart, valueEnd });
    skipSpace();
    if (source[i] === ',') i++;
    else break;
  }
  return spans;
}

/** Plain values of any front matter, or null when it cannot be read (for the corpus index's few keys). */
export function frontMatterData(format: FrontMatterFormat, source: string): Record<string, unknown> | null {
  let data: unknown;
  try {
    if (format === 'toml') data = parseTomlData(source).data;
    else if (format === 'json') data = parseJsonData(source).data;
    else data = quickYamlData(source) ?? parseYaml(source, { schema: 'core', maxAliasCount: 100, prettyErrors: false });
  } catch {
    return null;
  }
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
}

function plain(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return Math.min(source.length, offset + Math.max(0, column - 1));
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Where one key of a TOML document is assigned: offsets in its source. */
export interface TomlKeySpan {
  /** Dotted path of the key: `title`, or `taxonomies.tags` for a key inside the `[taxonomies]` table. */
  path: string[];
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  /** A `[table]` header: its value is every key below it. */
  table?: boolean;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

/**
 * Recovers the positions smol-toml does not give: a scanner over the TOML source that knows strings
 * (basic, literal, multi-line), arrays and inline tables spanning lines, comments and table headers,
 * and returns where each key's value starts and ends (trailing comment excluded).
 */
export function tomlKeySpans(source: string): TomlKeySpan[] {
  const spans: TomlKeySpan[] = [];
  let table: string[] = [];
  let tableSpan: TomlKeySpan | null = null;
  let i = 0;
  const n = source.length;
  const skipSpaces = (): void => {
    while (i < n && (source[i] === ' ' || source[i] === '\t')) i++;
  };
  const toLineEnd = (): void => {
    while (i < n && source[i] !== '\n') i++;
  };
  while (i < n) {
    skipSpaces();
    const c = source[i];
    if (c === undefined) break;
    if (c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      toLineEnd();
      continue;
    }
    if (c === '[') {
      const lineStart = i;
      const double = source[i + 1] === '[';
      i += double ? 2 : 1;
      const keys = readKeyPath();
      toLineEnd();
      if (keys.length > 0) {
        table = keys;
        tableSpan = { path: [keys[0]!], keyStart: lineStart, valueStart: lineStart, valueEnd: trimEnd(i), table: true };
        if (!spans.some((s) => s.table && s.path[0] === keys[0])) spans.push(tableSpan);
        else tableSpan = spans.find((s) => s.table && s.path[0] === keys[0])!;
      }
      continue;
    }
    const keyStart = i;
    const keys = readKeyPath();
    skipSpaces();
    if (keys.length === 0 || source[i] !== '=') {
      toLineEnd(); // not a key line: the parser reports it
      continue;
    }
    i++;
    skipSpaces();
    const valueStart = i;
    scanValue();
    const valueEnd = trimEnd(i);
    spans.push({ path: [...table, ...keys], keyStart, valueStart, valueEnd });
    if (tableSpan) tableSpan.valueEnd = valueEnd;
    skipSpaces();
    if (source[i] === '#') toLineEnd();
  }
  return spans;

  function trimEnd(end: number): number {
    let e = end;
    while (e > 0 && /\s/.test(source[e - 1]!)) e--;
    return e;
  }

  function readKeyPath(): string[] {
    const keys: string[] = [];
    for (;;) {
      skipSpaces();
      const c = source[i];
      if (c === '"' || c === "'") {
        const start = i;
        i++;
        while (i < n && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' && c === '"' ? 2 : 1;
        i++;
        const raw = source.slice(start, i);
        keys.push(c === '"' ? safeJsonString(raw) : raw.slice(1, -1));
      } else if (c !== undefined && BARE_KEY.test(c)) {
        const start = i;
        while (i < n && BARE_KEY.test(source[i]!)) i++;
        keys.push(source.slice(start, i));
      } else break;
      skipSpaces();
      if (source[i] === '.') i++;
      else break;
    }
    if (source[i] === ']') i += source[i + 1] === ']' ? 2 : 1;
    return keys;
  }

  /** Moves `i` past one value: to the end of its line once strings and brackets are closed. */
  function scanValue(): void {
    let depth = 0;
    while (i < n) {
      const c = source[i]!;
      if (c === '"' || c === "'") {
        const triple = source.startsWith(c.repeat(3), i);
        if (triple) {
          i += 3;
          while (i < n && !source.startsWith(c.repeat(3), i)) i += source[i] === '\\' && c === '"' ? 2 : 1;
          i += 3;
          while (source[i] === c) i++; // up to two quotes may end the content
        } else {
          i++;
          while (i < n && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' && c === '"' ? 2 : 1;
          i++;
        }
        continue;
      }
      if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') depth--;
      else if (c === '#') {
        if (depth <= 0) return;
        toLineEnd();
        continue;
      } else if (c === '\n' && depth <= 0) return;
      i++;
    }
  }
}

function safeJsonString(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

const PLAIN_KEY = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;
const LIST_ITEM = /^[ \t]+-[ \t]+(.*)$|^-[ \t]+(.*)$/;
const YAML_NUMBER = /^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$|^[-+]?\.[0-9]+$/;

/**
 * Flat YAML front matter the way nearly every post writes it (`key: scalar`, `key: [a, b]`, block
 * lists of scalars), read by a line scanner ~30× faster than a YAML parser, for reading thousands of
 * other posts' metadata. Anything else (block scalars, nested maps, anchors, tags, escapes) returns
 * null and the caller uses the YAML parser; a test holds the scanner to the parser on real posts.
 */
export function quickYamlData(source: string): Record<string, unknown> | null {
  const data: Record<string, unknown> = {};
  let list: unknown[] | null = null;
  let listKey = '';
  for (const raw of source.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (list) {
      const item = LIST_ITEM.exec(line);
      if (item) {
        const value = scalar(item[1] ?? item[2] ?? '');
        if (value === undefined) return null;
        list.push(value);
        data[listKey] = list;
        continue;
      }
      list = null;
    }
    const m = PLAIN_KEY.exec(line);
    if (!m) return null;
    const key = m[1]!;
    if (Object.hasOwn(data, key)) return null; // duplicate keys: the parser's rules decide
    const rest = (m[2] ?? '').trim();
    if (rest === '') {
      // `key:` alone is null, unless a block list follows.
      data[key] = null;
      list = [];
      listKey = key;
      continue;
    }
    if (rest.startsWith('[')) {
      const items = flowList(rest);
      if (!items) return null;
      data[key] = items;
      continue;
    }
    const value = scalar(rest);
    if (value === undefined) return null;
    data[key] = value;
  }
  return data;
}

// A one-line flow list of double-quoted strings without escapes, single-quoted strings without quotes, and
// plain words that cannot start a YAML indicator or hold a colon, a hash or a bracket.
const FLOW_ITEM = `(?:"[^"\\\\]*"|'[^']*'|[^-?:,\\[\\]{}#&*!|>'"%@\`\\s][^,\\[\\]{}#:]*?)`;
const SIMPLE_FLOW_LIST = new RegExp(`^\\[ *(?:${FLOW_ITEM}(?: *, *${FLOW_ITEM})*(?: *,)?)? *\\]$`);

/** One `key: value` line of flat YAML front matter: offsets in its source, as the YAML parser's node ranges give them. */
export interface QuickYamlEntry {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  value: unknown;
}

/**
 * The entries of flat YAML front matter with their offsets, for the post's own front matter (its
 * entries carry exact places for findings and fixes): every entry a `key: value` line whose value is a
 * scalar or a one-line flow list (`[a, "b"]`), keys unique. The YAML parser (`yaml`'s `parseDocument`)
 * costs ~0.2 ms a post and was 4 % of a whole-site check; the scanner returns null for anything else (an
 * empty value, block lists, block scalars, nesting, anchors, tags, escapes, tabs, CR), and the caller
 * parses it. `test/post/front-matter-quick.test.ts` holds both to the same entries on every real post.
 */
export function quickYamlEntries(source: string): QuickYamlEntry[] | null {
  if (source.includes('\t') || source.includes('\r')) return null;
  const entries: QuickYamlEntry[] = [];
  const seen = new Set<string>();
  for (let start = 0; start < source.length; ) {
    const eol = source.indexOf('\n', start);
    const end = eol < 0 ? source.length : eol;
    const line = source.slice(start, end);
    const lineStart = start;
    start = end + 1;
    const trimmed = line.trim();
    if (trimmed === '' || (trimmed.startsWith('#') && !line.startsWith(' '))) continue;
    const m = PLAIN_KEY.exec(line);
    if (!m || m[2] === undefined) return null;
    const key = m[1]!;
    if (seen.has(key)) return null; // duplicate keys: the parser's rules decide
    seen.add(key);
    const rest = m[2].trimEnd();
    if (rest === '' || /^[?:#]/.test(rest)) return null;
    const valueStart = lineStart + line.length - m[2].length;
    let value: unknown;
    let written: string | null | undefined;
    if (rest.startsWith('[')) {
      written = stripFlowComment(rest);
      value = written === null || !SIMPLE_FLOW_LIST.test(written) ? null : flowList(rest);
      if (written === null || value === null) return null;
    } else {
      written = stripComment(rest);
      value = scalar(rest);
      if (written === undefined || value === undefined) return null;
    }
    entries.push({ key, keyStart: lineStart, valueStart, valueEnd: valueStart + written.length, value });
  }
  return entries;
}

function scalar(input: string): unknown {
  const s = stripComment(input);
  if (s === undefined) return undefined;
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) return undefined;
    const body = s.slice(1, -1);
    if (/\\/.test(body) || /(?<!\\)"/.test(body)) return undefined;
    return body;
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) return undefined;
    const body = s.slice(1, -1);
    if (/'(?!')/.test(body.replace(/''/g, ''))) return undefined;
    return body.replace(/''/g, "'");
  }
  if (/^[|>&*!%@`{[\]},]/.test(s) || /: |:$| #/.test(s) || s.startsWith('- ') || s === '-') return undefined;
  if (/^(?:true|True|TRUE)$/.test(s)) return true;
  if (/^(?:false|False|FALSE)$/.test(s)) return false;
  if (/^(?:null|Null|NULL|~)$/.test(s)) return null;
  // YAML 1.2 core schema numbers (decimal; octal, hex, .inf and .nan are left to the parser).
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (YAML_NUMBER.test(s)) return Number(s);
  if (/^0[xo]|^[-+]?\.(?:inf|nan)$/i.test(s)) return undefined;
  return s;
}

/** A value without its trailing ` # comment` (outside quotes); undefined when quoting is unclear. */
function stripComment(input: string): string | undefined {
  const s = input.trim();
  if (s.startsWith('"') || s.startsWith("'")) {
    const q = s[0]!;
    const close = s.indexOf(q, 1);
    if (close < 0) return undefined;
    const after = s.slice(close + 1).trim();
    if (after === '') return s;
    if (q === "'" && after.startsWith("'")) return undefined; // '' escapes: let the parser read it
    return after.startsWith('#') ? s.slice(0, close + 1) : undefined;
  }
  const hash = s.search(/[ \t]#/);
  return hash < 0 ? s : s.slice(0, hash).trim();
}

function flowList(input: string): unknown[] | null {
  const s = stripFlowComment(input);
  if (s === null || !s.endsWith(']')) return null;
  const inner = s.slice(1, -1).trim();
  if (inner === '') return [];
  const items: unknown[] = [];
  let i = 0;
  while (i < inner.length) {
    while (inner[i] === ' ') i++;
    let token: string;
    if (inner[i] === '"' || inner[i] === "'") {
      const q = inner[i]!;
      const close = inner.indexOf(q, i + 1);
      if (close < 0) return null;
      token = inner.slice(i, close + 1);
      i = close + 1;
      while (inner[i] === ' ') i++;
    } else {
      const comma = inner.indexOf(',', i);
      token = (comma < 0 ? inner.slice(i) : inner.slice(i, comma)).trim();
      i = comma < 0 ? inner.length : comma;
    }
    if (i < inner.length && inner[i] !== ',') return null;
    i++;
    if (token === '') {
      if (i >= inner.length && items.length > 0) break; // one trailing comma
      return null; // an empty entry is an error to the parser
    }
    const value = scalar(token);
    if (value === undefined || /[[\]{}]/.test(typeof value === 'string' && !/^["']/.test(token) ? value : '')) return null;
    items.push(value);
  }
  return items;
}

function stripFlowComment(input: string): string | null {
  const close = input.lastIndexOf(']');
  if (close < 0) return null;
  const after = input.slice(close + 1).trim();
  if (after !== '' && !after.startsWith('#')) return null;
  return input.slice(0, close + 1);
}
