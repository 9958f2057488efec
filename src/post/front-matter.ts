import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { LineIndex } from './line-index.js';
import type { FrontMatter, FrontMatterEntry, ParseProblem } from './post.js';

/** Fence lines of a YAML front matter block at the very top of the file, as Jekyll reads it. */
export function findFrontMatterFence(lines: LineIndex): { start: number; end: number | null } | null {
  if (lines.line(1).trimEnd() !== '---') return null;
  for (let l = 2; l <= lines.count; l++) {
    const text = lines.line(l).trimEnd();
    if (text === '---' || text === '...') return { start: 1, end: l };
  }
  return { start: 1, end: null };
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
  fence: { start: number; end: number },
  problems: ParseProblem[],
): FrontMatter {
  const sourceStart = fence.start < lines.count ? lines.startOf(fence.start + 1) : text.length;
  const sourceEnd = lines.startOf(fence.end);
  const source = text.slice(sourceStart, sourceEnd);
  const frontMatter: FrontMatter = {
    format: 'yaml',
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
    };
    frontMatter.entries.push(entry);
    if (!Object.hasOwn(frontMatter.data, key)) frontMatter.data[key] = value;
  }
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
  return prefix + formatScalar(value, entry.valueSource);
}

export function formatScalar(value: string | number, originalSource = ''): string {
  if (typeof value === 'number') return String(value);
  const quote = originalSource.startsWith("'") ? "'" : originalSource.startsWith('"') || needsQuotes(value) ? '"' : '';
  if (quote === "'") return `'${value.replaceAll("'", "''")}'`;
  if (quote === '"') return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  return value;
}

function needsQuotes(value: string): boolean {
  return value === '' || /^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|\s$/.test(value) || /^(true|false|null|~|[-+.\d])/i.test(value);
}
