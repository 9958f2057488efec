import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { LineIndex } from './line-index.js';
import type { FrontMatter, FrontMatterEntry, FrontMatterFormat, ParseProblem } from './post.js';
import { findFence, jsonMemberSpans, parseJsonData, parseTomlData, quickYamlEntries, tomlKeySpans, type FenceSpan } from './front-matter-source.js';

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
  /** Flat YAML read by the line scanner (`quickYamlEntries`); false: always by the YAML parser (the tests' reference). */
  quick = true,
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
  const flat = quick ? quickYamlEntries(source) : null;
  if (flat) {
    for (const { key, keyStart, valueStart, valueEnd, value } of flat) {
      const start = sourceStart + valueStart;
      const end = sourceStart + valueEnd;
      frontMatter.entries.push({
        key,
        value,
        line: lines.lineAt(sourceStart + keyStart),
        endLine: lines.lineAt(Math.max(start, end - 1)),
        valueStart: start,
        valueEnd: end,
        valueSource: text.slice(start, end),
        format: 'yaml',
      });
      frontMatter.data[key] = value; // keys are unique: the scanner returns null otherwise
    }
    return frontMatter;
  }
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: false, strict: false });
  for (const error of doc.errors) {
    const line = lines.lineAt(sourceStart + (error.pos?.[0] ?? 0));
    problems.push({ kind: 'yaml', line, message: firstLine(error.message) });
  }
  if (doc.errors.length > 0) return frontMatter;

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    return frontMatter;
  }
  if (!isMap(contents)) {
    const line = lines.lineAt(sourceStart + (contents.range?.[0] ?? 0));
    problems.push({ kind: 'yaml', line, message: 'front matter is not a mapping of keys to values' });
    return frontMatter;
  }

  for (const pair of contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const valueNode = pair.value as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const keyStart = sourceStart + (keyNode?.range?.[0] ?? 0);
    const valueStart = sourceStart + (valueNode?.range?.[0] ?? keyNode?.range?.[1] ?? 0);
    const valueEnd = sourceStart + (valueNode?.range?.[1] ?? keyNode?.range?.[1] ?? 0);
    let value: unknown;
    try {
      value = valueNode ? valueNode.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) : null;
    } catch (error) {
      problems.push({ kind: 'yaml', line: lines.lineAt(keyStart), message: firstLine(String((error as Error).message)) });
      continue;
    }
    const entry: FrontMatterEntry = {
      key,
      value,
      line: lines.lineAt(keyStart),
      endLine: lines.lineAt(Math.max(valueStart, valueEnd - 1)),
      valueStart,
      valueEnd,
      valueSource: text.slice(valueStart, valueEnd),
      format: 'yaml',
    };
    frontMatter.entries.push(entry);
    if (!Object.hasOwn(frontMatter.data, key)) frontMatter.data[key] = value;
  }
  return frontMatter;
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
