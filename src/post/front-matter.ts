import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { LineIndex } from './line-index.js';
import { detached } from '../text/detached.js';
import type { FrontMatter, FrontMatterEntry, FrontMatterFormat, ParseProblem } from './post.js';
import { findFence, jsonMemberSpans, parseJsonData, parseTomlData, tomlKeySpans, type FenceSpan } from './front-matter-source.js';

/** Fence lines of the front matter block at the very top of the file (YAML `---`, TOML `+++`, JSON `{`). */
export function findFrontMatterFence(lines: LineIndex): FenceSpan | null {
  return findFence((n) => lines.line(n), lines.count);
}

// A YAML bomb (aliases of aliases) must not expand.
const MAX_ALIAS_COUNT = 100;
// Real front matter is a few hundred bytes; `yaml` needs ~0.6 s for 200 KB, so a hostile one is not parsed.
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

/**
 * Parses the YAML between the fences with `yaml` (not gray-matter: it caches every file in a global map,
 * gives no positions, and js-yaml turns `2025-12-30 16:44:49 +0000` into a Date, losing the time zone
 * the file-name rule needs). Values keep their exact source offsets in the file.
 */
export function parseFrontMatter(
  text: string,
  lines: LineIndex,
  fence: { start: number; end: number; format?: FrontMatterFormat },
  problems: ParseProblem[],
  reuse?: FrontMatterReuse,
): FrontMatter {
  const format = fence.format ?? 'yaml';
  // JSON front matter is the object itself, braces included; YAML and TOML lie between their fences.
  const sourceStart = format === 'json' ? lines.startOf(fence.start) : fence.start < lines.count ? lines.startOf(fence.start + 1) : text.length;
  const sourceEnd = format === 'json' ? lines.endOf(fence.end) : lines.startOf(fence.end);
  const source = text.slice(sourceStart, sourceEnd);
  const frontMatter: FrontMatter = {
    format,
    startLine: fence.start,
    endLine: fence.end,
    sourceStart,
    sourceEnd,
    entries: [],
    data: {},
  };

  if (source.length > MAX_FRONT_MATTER_CHARS) {
    problems.push({
      kind: 'yaml',
      line: fence.start,
      endLine: fence.end,
      message: `front matter is ${source.length} characters, over the ${MAX_FRONT_MATTER_CHARS} limit; not parsed`,
    });
    return frontMatter;
  }
  if (format === 'toml') return readToml(text, lines, source, frontMatter, problems);
  if (format === 'json') return readJson(text, lines, source, frontMatter, problems);
  const reused = reuse?.take?.(source);
  const parsed = reused ?? parseYamlSource(source);
  if (!reused) reuse?.keep?.(source, parsed);
  return placeYaml(text, lines, parsed, frontMatter, problems);
}

/**
 * What `yaml` makes of a YAML front matter, with offsets relative to its source: a function of the source
 * alone, so a post read twice (a check's two passes) can have its front matter parsed once
 * (`FrontMatterParses`), and placed in each read of the post by `placeYaml`.
 */
export interface YamlSourceParse {
  /** The parser's errors (then nothing else is read). */
  errors: { at: number; message: string }[];
  /** Where the content starts when it is not a mapping (a scalar, a list). */
  notMapping?: number;
  /** The mapping's pairs, in order (a key written twice appears twice). */
  pairs: YamlPair[];
}

interface YamlPair {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  /** The value (`toJS`), or why it could not be made (an alias bomb). */
  value?: unknown;
  error?: string;
}

export function parseYamlSource(source: string): YamlSourceParse {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: false, strict: false });
  const parsed: YamlSourceParse = { errors: doc.errors.map((error) => ({ at: error.pos?.[0] ?? 0, message: firstLine(error.message) })), pairs: [] };
  if (doc.errors.length > 0) return parsed;
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return parsed;
  if (!isMap(contents)) return { ...parsed, notMapping: contents.range?.[0] ?? 0 };
  for (const pair of contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const valueNode = pair.value as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const keyStart = keyNode?.range?.[0] ?? 0;
    const valueStart = valueNode?.range?.[0] ?? keyNode?.range?.[1] ?? 0;
    const valueEnd = valueNode?.range?.[1] ?? keyNode?.range?.[1] ?? 0;
    try {
      const value = valueNode ? valueNode.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) : null;
      parsed.pairs.push({ key, keyStart, valueStart, valueEnd, value });
    } catch (error) {
      parsed.pairs.push({ key, keyStart, valueStart, valueEnd, error: firstLine(String((error as Error).message)) });
    }
  }
  return parsed;
}

/** The front matter of a post (its text and lines) whose YAML source, at `frontMatter.sourceStart`, parsed to `parsed`. */
function placeYaml(text: string, lines: LineIndex, parsed: YamlSourceParse, frontMatter: FrontMatter, problems: ParseProblem[]): FrontMatter {
  const { sourceStart } = frontMatter;
  for (const error of parsed.errors) problems.push({ kind: 'yaml', line: lines.lineAt(sourceStart + error.at), message: error.message });
  if (parsed.errors.length > 0) return frontMatter;
  if (parsed.notMapping !== undefined) {
    problems.push({ kind: 'yaml', line: lines.lineAt(sourceStart + parsed.notMapping), message: 'front matter is not a mapping of keys to values' });
    return frontMatter;
  }
  for (const pair of parsed.pairs) {
    const keyStart = sourceStart + pair.keyStart;
    if (pair.error !== undefined) {
      problems.push({ kind: 'yaml', line: lines.lineAt(keyStart), message: pair.error });
      continue;
    }
    const valueStart = sourceStart + pair.valueStart;
    const valueEnd = sourceStart + pair.valueEnd;
    const entry: FrontMatterEntry = {
      key: pair.key,
      value: pair.value,
      line: lines.lineAt(keyStart),
      endLine: lines.lineAt(Math.max(valueStart, valueEnd - 1)),
      valueStart,
      valueEnd,
      valueSource: text.slice(valueStart, valueEnd),
      format: 'yaml',
    };
    frontMatter.entries.push(entry);
    if (!Object.hasOwn(frontMatter.data, pair.key)) frontMatter.data[pair.key] = pair.value;
  }
  return frontMatter;
}

/** YAML front matter shared by two reads of a post: the first read `keep`s its parse, the second `take`s it. */
export interface FrontMatterReuse {
  take?(source: string): YamlSourceParse | undefined;
  keep?(source: string, parsed: YamlSourceParse): void;
}

/**
 * The YAML front matter of posts parsed in a check's first pass, each handed once to the same post's
 * second read (`ParseOptions.frontMatter`): a few hundred bytes per post, kept from one pass to the other
 * instead of parsing every front matter twice (YAML was ~5 % of a whole site's check). Kept copies share
 * no memory with the post's text (`detached`), nor objects with the post that parsed them; a parse holding
 * anything but strings, numbers, booleans, null, arrays and plain objects is not kept.
 */
export class FrontMatterParses {
  readonly #bySource = new Map<string, YamlSourceParse[]>();

  /** What the first read of the posts is given: it keeps each parse. */
  firstRead(): FrontMatterReuse {
    return { keep: (source, parsed) => this.keep(source, parsed) };
  }

  /** What the second read is given: it takes a parse of the same source, if one was kept. */
  secondRead(): FrontMatterReuse {
    return { take: (source) => this.take(source) };
  }

  take(source: string): YamlSourceParse | undefined {
    const kept = this.#bySource.get(source);
    const parsed = kept?.pop();
    if (kept?.length === 0) this.#bySource.delete(source);
    return parsed;
  }

  keep(source: string, parsed: YamlSourceParse): void {
    const copy = copyParse(parsed);
    if (!copy) return;
    const kept = this.#bySource.get(source);
    if (kept) kept.push(copy);
    else this.#bySource.set(detached(source), [copy]);
  }

  /** Parses kept and not taken yet. */
  get size(): number {
    let n = 0;
    for (const kept of this.#bySource.values()) n += kept.length;
    return n;
  }
}

const NOT_PLAIN = Symbol('not plain');

function copyParse(parsed: YamlSourceParse): YamlSourceParse | undefined {
  const pairs: YamlPair[] = [];
  for (const pair of parsed.pairs) {
    const value = 'value' in pair ? copyPlain(pair.value) : undefined;
    if (value === NOT_PLAIN) return undefined;
    pairs.push({
      key: detached(pair.key),
      keyStart: pair.keyStart,
      valueStart: pair.valueStart,
      valueEnd: pair.valueEnd,
      ...('value' in pair ? { value } : {}),
      ...(pair.error !== undefined ? { error: detached(pair.error) } : {}),
    });
  }
  return {
    errors: parsed.errors.map(({ at, message }) => ({ at, message: detached(message) })),
    ...(parsed.notMapping !== undefined ? { notMapping: parsed.notMapping } : {}),
    pairs,
  };
}

/** A deep copy of a plain value with its strings `detached`; NOT_PLAIN when it holds anything else. */
function copyPlain(value: unknown): unknown {
  if (typeof value === 'string') return detached(value);
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? NOT_PLAIN : value;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_PLAIN; // a hole
      const item = copyPlain(value[i]);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out.push(item);
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (typeof key !== 'string' || !('value' in descriptor) || !descriptor.enumerable || !descriptor.writable || !descriptor.configurable) return NOT_PLAIN;
    const item = copyPlain(descriptor.value);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    // As `yaml` sets its keys: `__proto__` as an own property, not the prototype.
    Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * TOML (`+++`): values from smol-toml (a maintained, spec-complete parser), positions from the key
 * scanner, since the parser gives none. Keys of a `[table]` become `table.key` entries too (Zola's
 * `[taxonomies]`), and a date keeps the text it was written as.
 */
function readToml(text: string, lines: LineIndex, source: string, frontMatter: FrontMatter, problems: ParseProblem[]): FrontMatter {
  const { sourceStart } = frontMatter;
  const { data, error } = parseTomlData(source);
  if (!data) {
    problems.push({ kind: 'yaml', line: lines.lineAt(sourceStart + (error?.offset ?? 0)), message: `TOML: ${error?.message ?? 'unreadable'}` });
    return frontMatter;
  }
  for (const span of tomlKeySpans(source)) {
    const key = span.path.join('.');
    const valueStart = sourceStart + span.valueStart;
    const valueEnd = sourceStart + span.valueEnd;
    const valueSource = text.slice(valueStart, valueEnd);
    let value: unknown = data;
    for (const part of span.path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    // A date: the text as written (`2024-05-01T09:00:00+09:00`), as YAML's core schema keeps it.
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(valueSource)) value = valueSource;
    const entry: FrontMatterEntry = {
      key: span.table ? span.path[0]! : key,
      value,
      line: lines.lineAt(sourceStart + span.keyStart),
      endLine: lines.lineAt(Math.max(valueStart, valueEnd - 1)),
      valueStart,
      valueEnd,
      valueSource,
      format: 'toml',
    };
    frontMatter.entries.push(entry);
    if (span.path.length === 1 && !Object.hasOwn(frontMatter.data, entry.key)) frontMatter.data[entry.key] = value;
  }
  for (const [key, value] of Object.entries(data)) if (!Object.hasOwn(frontMatter.data, key)) frontMatter.data[key] = value;
  return frontMatter;
}

/** JSON (`{ … }`, Hugo): values from JSON.parse, each member's offsets from the member scanner. */
function readJson(text: string, lines: LineIndex, source: string, frontMatter: FrontMatter, problems: ParseProblem[]): FrontMatter {
  const { sourceStart } = frontMatter;
  const { data, error } = parseJsonData(source);
  if (error) {
    problems.push({ kind: 'yaml', line: lines.lineAt(sourceStart + error.offset), message: error.message });
    return frontMatter;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ kind: 'yaml', line: frontMatter.startLine, message: 'front matter is not a mapping of keys to values' });
    return frontMatter;
  }
  const values = data as Record<string, unknown>;
  for (const span of jsonMemberSpans(source)) {
    const valueStart = sourceStart + span.valueStart;
    const valueEnd = sourceStart + span.valueEnd;
    frontMatter.entries.push({
      key: span.key,
      value: values[span.key],
      line: lines.lineAt(sourceStart + span.keyStart),
      endLine: lines.lineAt(Math.max(valueStart, valueEnd - 1)),
      valueStart,
      valueEnd,
      valueSource: text.slice(valueStart, valueEnd),
      format: 'json',
    });
  }
  Object.assign(frontMatter.data, values);
  return frontMatter;
}

/** First line of a YAML error, without its own "at line N, column M" (relative to the front matter, not the file). */
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

export function getEntry(frontMatter: FrontMatter | null, key: string): FrontMatterEntry | undefined {
  return frontMatter?.entries.find((entry) => entry.key === key);
}

/**
 * The full source line of `entry` with its value replaced by `value`, keeping the original quoting
 * style where possible. Used by fixes, which replace whole lines.
 */
export function renderEntryLine(lines: LineIndex, entry: FrontMatterEntry, value: string | number): string {
  const original = lines.line(entry.line);
  const lineStart = lines.startOf(entry.line);
  const prefix = original.slice(0, entry.valueStart - lineStart);
  const rendered = prefix + formatScalar(value, entry.valueSource, entry.format);
  if (entry.format === 'yaml') return rendered;
  // TOML and JSON keep what follows the value on its last line: JSON's comma, a TOML comment.
  const last = lines.line(entry.endLine);
  return rendered + last.slice(Math.max(0, entry.valueEnd - lines.startOf(entry.endLine)));
}

/** A scalar written in the syntax of its front matter, keeping the original quoting where that syntax allows. */
export function formatScalar(value: string | number, originalSource = '', format: FrontMatterFormat = 'yaml'): string {
  if (typeof value === 'number') return String(value);
  if (format === 'json') return JSON.stringify(value);
  if (format === 'toml') {
    return originalSource.startsWith("'") && !/['\n\r]/.test(value) ? `'${value}'` : JSON.stringify(value).replace(/\u007f/g, '\\u007f');
  }
  const quote = originalSource.startsWith("'") ? "'" : originalSource.startsWith('"') || needsQuotes(value) ? '"' : '';
  if (quote === "'") return `'${value.replaceAll("'", "''")}'`;
  if (quote === '"') return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  return value;
}

function needsQuotes(value: string): boolean {
  return value === '' || /^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|\s$/.test(value) || /^(true|false|null|~|[-+.\d])/i.test(value);
}

/**
 * A fix rewriting a list value with `values`: a one-line flow list (`[a, b]` in YAML, TOML or JSON)
 * keeps the quoting of its first item; a YAML block list (`- a` lines) keeps its indent. Anything else
 * (a space-separated string, a list spread oddly) gets no fix: undefined.
 */
export function listEntryFix(lines: LineIndex, entry: FrontMatterEntry, values: string[]): { line: number; endLine: number; replacement: string } | undefined {
  if (entry.line === entry.endLine && entry.valueSource.startsWith('[')) {
    const firstItem = /^\[\s*(["']?)/.exec(entry.valueSource)?.[1] ?? '';
    const quote = entry.format === 'yaml' ? firstItem : firstItem || '"';
    const rendered = `[${values.map((v) => formatScalar(v, quote || (/[,[\]{}#:]/.test(v) ? '"' : ''), entry.format)).join(', ')}]`;
    const line = lines.line(entry.line);
    const start = entry.valueStart - lines.startOf(entry.line);
    const end = entry.valueEnd - lines.startOf(entry.line);
    return { line: entry.line, endLine: entry.endLine, replacement: line.slice(0, start) + rendered + line.slice(end) };
  }
  if (entry.format === 'yaml' && entry.endLine > entry.line && lines.line(entry.line).trimEnd().endsWith(':')) {
    const items: string[] = [];
    for (let l = entry.line + 1; l <= entry.endLine; l++) items.push(lines.line(l));
    if (!items.every((item) => /^\s*-\s+\S/.test(item))) return undefined;
    const indent = /^(\s*-\s+)/.exec(items[0]!)![1]!;
    const firstValue = items[0]!.slice(indent.length);
    return {
      line: entry.line,
      endLine: entry.endLine,
      replacement: [lines.line(entry.line), ...values.map((v) => indent + formatScalar(v, firstValue))].join('\n'),
    };
  }
  return undefined;
}
