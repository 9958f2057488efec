/**
 * A post is untrusted input for the App. Two Markdown shapes make micromark slow or crash:
 * - many emphasis/link/code delimiters in one paragraph (resolution is quadratic: `a*b ` × 8,000
 *   takes seconds);
 * - thousands of nested containers (`>>>>…`, `- - - …`) overflow its stack.
 * Before parsing, such lines get the offending characters replaced by a same-length placeholder, so
 * offsets, lines and columns stay exact and blocks still carry the original source. Each defused span is
 * reported. Real posts stay far below both limits (maxima over the 1,176-post corpus and clean-en:
 * 134 delimiters in one paragraph, nesting depth 1).
 */
import { AsciiSearch } from './ascii-search.js';
import type { LineIndex } from './line-index.js';

export const MAX_DELIMITERS = 500;
export const MAX_NESTING = 64;
const PLACEHOLDER = '\u00b7';

export interface DefusedSpan {
  kind: 'delimiters' | 'nesting';
  line: number;
  endLine: number;
  count: number;
}

/** `search` searches `text`; `lines`, its line index, spares a search for its lines. */
export function defuseHostileMarkup(text: string, search = AsciiSearch.inText(text), lines?: LineIndex): { text: string; spans: DefusedSpan[] } {
  // Cheap exit for the common case: nothing over either limit.
  return mayNeedDefusing(text, search, lines) ? defuseLines(text) : { text, spans: [] };
}

/** `defuseHostileMarkup` line by line, without its pre-scan (exported for the test that holds the two together). */
export function defuseLines(text: string): { text: string; spans: DefusedSpan[] } {
  const parts = text.split(/(\r\n|\r|\n)/); // even indexes: lines, odd: their line endings
  const spans: DefusedSpan[] = [];
  const defuse = new Set<number>(); // part indexes to rewrite
  const delimiterLines: number[] = [];
  let delimiters = 0;
  let paragraphStart = 1;

  const closeParagraph = (lastLine: number) => {
    if (delimiters > MAX_DELIMITERS) {
      spans.push({ kind: 'delimiters', line: paragraphStart, endLine: lastLine, count: delimiters });
      for (const index of delimiterLines) defuse.add(index);
    }
    delimiters = 0;
    delimiterLines.length = 0;
  };

  for (let index = 0, line = 1; index < parts.length; index += 2, line++) {
    const content = parts[index]!;
    if (content.trim() === '') {
      closeParagraph(line - 1);
      paragraphStart = line + 1;
      continue;
    }
    let count = 0;
    for (let i = 0; i < content.length; i++) {
      const c = content.charCodeAt(i);
      if (c === 42 || c === 95 || c === 91 || c === 93 || c === 96) count++; // * _ [ ] `
    }
    if (count > 0) {
      delimiters += count;
      delimiterLines.push(index);
    }
    const depth = containerDepth(content);
    if (depth > MAX_NESTING) {
      spans.push({ kind: 'nesting', line, endLine: line, count: depth });
      defuse.add(index);
    }
  }
  closeParagraph(Math.ceil(parts.length / 2));
  if (spans.length === 0) return { text, spans };

  for (const index of defuse) parts[index] = parts[index]!.replace(/[*_[\]`>+-]/g, PLACEHOLDER);
  return { text: parts.join(''), spans: spans.sort((a, b) => a.line - b.line) };
}

/**
 * False only when no paragraph has more than `MAX_DELIMITERS` delimiters and no line opens more than
 * `MAX_NESTING` containers: counts by char code, no line split (this pass is on every post; the split
 * below only on the rare hostile one). It may say true where the split finds nothing (it counts a line of
 * Unicode spaces as prose, so its paragraphs are never shorter), never false where it finds something.
 */
export function mayNeedDefusing(text: string, search = AsciiSearch.inText(text), lines?: LineIndex): boolean {
  // Most posts hold few delimiters in all (the site's median 61, 5 of 1,176 over the limit) and no `\r`: no
  // paragraph can then pass the limit, and only the container markers opening each line need reading. Each
  // count is a search (`AsciiSearch`), the lines too: ~half the time of the loop over every character below.
  if (!search.includes('\r') && !search.countOver(DELIMITERS, MAX_DELIMITERS)) return someLineNestedOver(text, lines);
  return paragraphOrLineOverLimits(text);
}

const DELIMITERS = '*_[]`';

/**
 * Whether a line (lines end at `\n`) opens with more than `MAX_NESTING` container markers, as
 * `paragraphOrLineOverLimits` counts them. The lines start where `lines` says, else after each `\n` found.
 */
function someLineNestedOver(text: string, lines: LineIndex | undefined): boolean {
  if (lines) {
    for (let line = 1; line <= lines.count; line++) if (nestedOver(text, lines.startOf(line))) return true;
    return false;
  }
  for (let start = 0; start < text.length; ) {
    if (nestedOver(text, start)) return true;
    const eol = text.indexOf('\n', start);
    if (eol < 0) break;
    start = eol + 1;
  }
  return false;
}

/** Whether the line starting at `start` opens with more than `MAX_NESTING` container markers. */
function nestedOver(text: string, start: number): boolean {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    const next = text.charCodeAt(i + 1);
    if (c !== 62 && !((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9))) break;
    if (++depth > MAX_NESTING) return true;
  }
  return false;
}

/** `mayNeedDefusing` in one loop over every character: paragraphs end at blank lines, lines at `\n`, `\r\n` or `\r`. */
function paragraphOrLineOverLimits(text: string): boolean {
  let delimiters = 0; // in the current paragraph
  let depth = 0; // containers opening the current line
  let blank = true;
  let opening = true; // still in the line's run of container markers and spaces
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Beyond ASCII (most characters of a Japanese post): no line break, space, container marker or delimiter.
    if (c >= 0x80) {
      blank = false;
      opening = false;
      continue;
    }
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (blank) delimiters = 0;
      blank = true;
      opening = true;
      depth = 0;
      continue;
    }
    if (c === 32 || c === 9) continue;
    blank = false;
    if (opening) {
      const next = text.charCodeAt(i + 1);
      if (c === 62 || ((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9))) {
        if (++depth > MAX_NESTING) return true;
      } else opening = false;
    }
    if ((c === 42 || c === 95 || c === 91 || c === 93 || c === 96) && ++delimiters > MAX_DELIMITERS) return true;
  }
  return false;
}

/** Number of container markers (`>`, list bullets) that open the line, spaces between them allowed. */
function containerDepth(line: string): number {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') continue;
    if (c === '>' || ((c === '-' || c === '*' || c === '+') && (line[i + 1] === ' ' || line[i + 1] === '\t'))) depth++;
    else break;
  }
  return depth;
}
