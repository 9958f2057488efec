import { memoKey } from '../core/memo.js';
import type { Block, Post } from '../post/post.js';
import { stripMarkers } from '../text/markers.js';
import { markersOf, type MarkerOptions } from './markers.js';
import { inLiquidCode } from './liquid.js';
import { hasCjk } from '../core/language.js';
import { isMarkupLine, isSignatureLine, plainInline } from '../text/markup.js';
import { continuesSentence, isCjkCharCode, judgeTail, type Tail } from '../text/sentence.js';

// Links, images, autolinks and bare URLs; each pattern is linear (no nested quantifiers).
const LINKS = /!?\[[^\]\n]*\]\([^)\n]*\)|!?\[[^\]\n]*\]\[[^\]\n]*\]|<[a-z][a-z0-9+.-]*:[^>\s]*>|\b[a-z][a-z0-9+.-]*:\/\/\S+/giu;
const WORD = /[\p{L}\p{N}]/u;
const ENDS_WITH_LINK = /(?:\]\([^)\n]*\)|\]\[[^\]\n]*\]|<[a-z][a-z0-9+.-]*:[^>\s]*>|\b[a-z][a-z0-9+.-]*:\/\/\S+|\bwww\.\S+)[*_]*(?:[ \t]*<\/?[a-z]+[^<>\n]*>)*$/iu;
const BOLD_ONLY = /^(?:\*\*|__)[^\n]*(?:\*\*|__)[:：]?$/u;
/** `BOLD_ONLY.test(text)`, tried only on a text that opens with `**` or `__` as the pattern wants (few paragraphs do). */
const isBoldOnly = (text: string): boolean => (text.startsWith('**') || text.startsWith('__')) && BOLD_ONLY.test(text);
/**
 * `/^\{[%{]|[%}]\}$/u.test(text)` (a Liquid tag or output at either end), read at the ends: the regex
 * tries its second alternative at every position of the paragraph.
 */
export function hasLiquidEdge(text: string): boolean {
  return text.startsWith('{%') || text.startsWith('{{') || text.endsWith('%}') || text.endsWith('}}');
}
// A line that is a link reference definition (`[id]: https://…`).
const LINK_DEFINITION_AT = / {0,3}\[[^\]\n]+\]:/uy;
// A kramdown definition: `: text` under its term (same paragraph, or the next one).
const DEFINITION = /^ {0,3}:[ \t]+\S/u;
const DEFINITION_AT = / {0,3}:[ \t]+\S/uy;
// A pipe-table row: `| a | b |`, or one cut short (`| 企業名/`).
const TABLE_ROW = /^ {0,3}\|/u;
const TABLE_ROW_AT = / {0,3}\|/uy;
/** The sticky patterns `isProse` tries at each line's start, for the test that holds them to their `^` forms line by line. */
export const LINE_START_PATTERNS: readonly RegExp[] = [LINK_DEFINITION_AT, DEFINITION_AT, TABLE_ROW_AT];
// An initial (`Kelvin M. Klann`) ends no sentence.
const SENTENCE_END = /(?<!(?:^|\s)[A-Z])[.!?](?=\s)|[。！？]/gu;
const LIST_SEPARATORS = /[,、，]/gu;
// Longest text (characters) read as a label or blurb when it has no sentence end at all.
const MAX_LABEL_WORDS = 8;
const MAX_LABEL_CJK = 40;
// Characters of a paragraph read to decide how it ends (and whether it has words outside links).
const WINDOW = 600;
// Blocks a lead-in sentence runs into (`…は次の通り` + a list, `…as follows` + code).
const LEADS_INTO = new Set(['listItem', 'code', 'blockquote', 'table', 'html', 'definition', 'footnoteDefinition']);

/**
 * What the truncation rules ask about a block, answered once per (block, markers): split-paragraph,
 * unbalanced-brackets, unfinished-paragraph and post-ends-mid-sentence all walk the same paragraphs.
 */
interface BlockAnswers {
  /** The block's source with generation markers removed (asked of every top-level paragraph by `contentBlocks`). */
  source: string | undefined;
  text: string | undefined;
  prose: boolean | undefined;
  lines: string[] | undefined;
  tail: Tail | undefined;
}
const BLOCK_ANSWERS = memoKey<Map<Block, BlockAnswers>>('prose answers per block');
const CONTENT_BLOCKS = memoKey<Block[]>('content blocks');

const noAnswers = (): Map<Block, BlockAnswers> => new Map();

function answersFor(post: Post, block: Block, options: MarkerOptions): BlockAnswers {
  return answersIn(post.memo.get(BLOCK_ANSWERS, [options.markers], noAnswers), block);
}

function answersIn(answers: Map<Block, BlockAnswers>, block: Block): BlockAnswers {
  let entry = answers.get(block);
  // Every field from the start, in one order: one shape for every entry (set as asked, the fields gave
  // entries of several shapes, and the functions that read them were deoptimised on each new one).
  if (!entry) answers.set(block, (entry = { source: undefined, text: undefined, prose: undefined, lines: undefined, tail: undefined }));
  return entry;
}

/** The paragraph's text with generation markers removed, trimmed. */
export function proseText(post: Post, block: Block, options: MarkerOptions): string {
  return textOf(post, block, options, answersFor(post, block, options));
}

// `proseText` and `textLines` on the block's answers already at hand: `isProse` and `paragraphTail` ask for
// them once per block, and each look-up of the answers costs a memo look-up and a map look-up.
function textOf(post: Post, block: Block, options: MarkerOptions, entry: BlockAnswers): string {
  return (entry.text ??= stripMarkers(block.text, markersOf(post, options)).trim());
}

function sourceOf(post: Post, block: Block, options: MarkerOptions, entry: BlockAnswers): string {
  return (entry.source ??= stripMarkers(block.source, markersOf(post, options)));
}

function linesOf(post: Post, block: Block, options: MarkerOptions, entry: BlockAnswers): string[] {
  return (entry.lines ??= runningLines(post, block, options, entry));
}

/**
 * The source lines of a paragraph that are running text: kramdown attribute lists, abbreviations, Liquid
 * and shortcode lines, MDX imports and JSX lines are markup, a closing signature (`-- Name`,
 * `*Written by …*`) is no sentence; generation markers are removed.
 */
export function textLines(post: Post, block: Block, options: MarkerOptions): string[] {
  return linesOf(post, block, options, answersFor(post, block, options));
}

/**
 * `textLines` worked out, by loops over the lines: chained `filter` and `map` calls gave arrays of two maps
 * (an empty result has no element kind yet), and V8 deoptimised the code that reads them at each new one.
 * The lines are cut out one by one (`split('\n')` cost 4x a scan for the line breaks; 96 % of the site
 * head's prose paragraphs are one line), and a paragraph of one line is its source without markers, which
 * `contentBlocks` has worked out already: the same `stripMarkers` of the same text.
 */
function runningLines(post: Post, block: Block, options: MarkerOptions, entry: BlockAnswers): string[] {
  const source = block.source;
  const kept: string[] = [];
  let start = 0;
  for (let end = source.indexOf('\n'); ; end = source.indexOf('\n', start)) {
    const line = end < 0 ? source.slice(start) : source.slice(start, end);
    if (!isMarkupLine(line)) kept.push(line);
    if (end < 0) break;
    start = end + 1;
  }
  let end = kept.length;
  while (end > 0 && isSignatureLine(kept[end - 1]!)) end--;
  const lines: string[] = [];
  if (start === 0) {
    const line = end === 1 ? sourceOf(post, block, options, entry) : '';
    if (line.trim() !== '') lines.push(line);
    return lines;
  }
  const markers = markersOf(post, options);
  for (let i = 0; i < end; i++) {
    const line = stripMarkers(kept[i]!, markers);
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

/**
 * A top-level paragraph of running text: not a link-only line, not a bold-only pseudo-heading, not a
 * Liquid tag or other markup line, not a definition list, not empty once markers are removed. Headings,
 * list items, tables, code and HTML are other block types and never qualify.
 */
export function isProse(post: Post, block: Block, options: MarkerOptions): boolean {
  return proseOf(post, block, options, answersFor(post, block, options));
}

function proseOf(post: Post, block: Block, options: MarkerOptions, entry: BlockAnswers): boolean {
  return (entry.prose ??= computeIsProse(post, block, options, entry));
}

function computeIsProse(post: Post, block: Block, options: MarkerOptions, entry: BlockAnswers): boolean {
  if (block.type !== 'paragraph' || block.ancestors.length > 0) return false;
  const source = block.source.trim();
  if (isBoldOnly(source) && !source.includes('\n')) return false;
  if (hasLiquidEdge(source)) return false;
  if (everyLineMatches(source, LINK_DEFINITION_AT)) return false;
  // Table rows that GFM did not take as a table (no delimiter row): cells, not sentences.
  if (everyLineMatches(source, TABLE_ROW_AT)) return false;
  if (someLineMatches(source, DEFINITION_AT) || isDefinitionTerm(post, block)) return false;
  if (inLiquidCode(post, block.line, block.endLine)) return false;
  const text = linesOf(post, block, options, entry);
  if (text.length === 0) return false;
  // One token and no Japanese: a URL, a path or a file name on its own line, not running text.
  if (!hasCjk(source) && !/\s/u.test(source)) return false;
  // Words outside links (read in a bounded window: the link pattern rescans an unclosed `[` to the line end).
  const head = joinedHead(text, WINDOW);
  if (!WORD.test(block.hasLink ? head.replace(LINKS, '') : head)) return false;
  return textOf(post, block, options, entry) !== '';
}

/**
 * Whether every line of `text` (as `split('\n')` cuts it) matches `pattern` at its start, without cutting
 * the lines out: `split` cost 4x a scan for the line breaks, and the first line decides almost always. A
 * pattern here is sticky (`y`, tried at `lastIndex` only) and matches no line break, so it matches at a
 * line's start in `text` exactly when its `^`-anchored form matches the line alone.
 */
export function everyLineMatches(text: string, pattern: RegExp): boolean {
  for (let start = 0; ; ) {
    pattern.lastIndex = start;
    if (!pattern.test(text)) return false;
    const end = text.indexOf('\n', start);
    if (end < 0) return true;
    start = end + 1;
  }
}

/** Whether some line of `text` matches `pattern` at its start (see `everyLineMatches`). */
export function someLineMatches(text: string, pattern: RegExp): boolean {
  for (let start = 0; ; ) {
    pattern.lastIndex = start;
    if (pattern.test(text)) return true;
    const end = text.indexOf('\n', start);
    if (end < 0) return false;
    start = end + 1;
  }
}

/**
 * `lines.join('\n').slice(0, limit)` without joining the lines past `limit`: the join copied every
 * paragraph whole to read its first 600 characters.
 */
function joinedHead(lines: string[], limit: number): string {
  let head = lines[0]!;
  for (let i = 1; i < lines.length && head.length < limit; i++) head += '\n' + lines[i]!;
  return head.slice(0, limit);
}

/** The paragraph right under this one starts with `: ` (a kramdown definition): this one is its term. */
function isDefinitionTerm(post: Post, block: Block): boolean {
  const next = post.blocks[block.index + 1];
  return next !== undefined && next.type === 'paragraph' && DEFINITION.test(next.source);
}

/** How the paragraph's running text ends (see `judgeTail`); its last line alone when that is a pseudo-heading. */
export function paragraphTail(post: Post, block: Block, options: MarkerOptions): Tail {
  return tailOf(post, block, options, answersFor(post, block, options));
}

function tailOf(post: Post, block: Block, options: MarkerOptions, entry: BlockAnswers): Tail {
  return (entry.tail ??= endsOnSentenceEnd(linesOf(post, block, options, entry).at(-1)) ? { state: 'finished' } : computeTail(post, block, options));
}

/** `paragraphTail` without its memo and its shortcut (`endsOnSentenceEnd`): exported for the test that holds the two together. */
export function computeTail(post: Post, block: Block, options: MarkerOptions): Tail {
  // How a paragraph ends is read from its last characters: a bounded window keeps hostile input linear.
  const lines = textLines(post, block, options).join('\n').slice(-WINDOW).split('\n');
  const last = lines.at(-1)?.trim() ?? '';
  // A bold pseudo-heading or a Liquid tag glued under the text: no sentence to judge.
  if (last === '' || isBoldOnly(last) || hasLiquidEdge(last)) return { state: 'finished' };
  // A last line that is only links (`[Docs](…) | [Code](…)`): link labels, no sentence.
  const linked = mayHoldLink(last);
  if (!WORD.test((linked ? last.replace(LINKS, '') : last).replace(/[*_]/gu, ''))) return { state: 'finished' };
  // Ends on a link or a URL: writers leave the full stop off so the address stays whole.
  if (linked && ENDS_WITH_LINK.test(last)) return { state: 'finished' };
  // Bold opened on the last line and never closed: the text stopped inside it.
  if ((last.match(/\*\*/gu)?.length ?? 0) % 2 === 1 && /\*\*[^*\s][^*]*$/u.test(last)) return { state: 'cut', evidence: 'emphasis' };
  const text = plainInline(lines.join('\n'));
  const tail = judgeTail(text);
  if (tail.state !== 'open') return tail;
  // A name or a greeting on its own last line under a finished sentence (`…Happy New Year 2024!` / `Christian`).
  if (lines.length > 1 && last.split(/\s+/u).length <= 3 && last.length <= 30 && judgeTail(plainInline(lines.slice(0, -1).join('\n'))).state === 'finished') {
    return { state: 'finished' };
  }
  // A run of names or items ("…, Alice, Bob, and Carol"): a list written as a paragraph.
  const lastEnd = lastIndexOf(text, SENTENCE_END);
  if ((text.slice(lastEnd + 1).match(LIST_SEPARATORS)?.length ?? 0) >= 4) return { state: 'finished' };
  // Short and without a sentence end anywhere before: a label, a name or a blurb, not prose that stopped.
  if (lastEnd < 0 && isLabelSized(proseText(post, block, options))) return { state: 'finished' };
  return tail;
}

const FULL_STOP = 0x2e; // .
const EXCLAMATION = 0x21; // !
const QUESTION = 0x3f; // ?
const JA_FULL_STOP = 0x3002; // 。
const JA_EXCLAMATION = 0xff01; // ！
const JA_QUESTION = 0xff1f; // ？

/**
 * A paragraph whose last line ends like this is `finished` in `computeTail`, decided from that character
 * alone (94 % of the site head's prose paragraphs: the rest of `computeTail` joins, splits and reduces the
 * paragraph's last 600 characters and runs a dozen patterns over them). The line ends on `.`, `!` or `?`,
 * sentence ends in both languages `judgeTail` reads, or on `。`, `！` or `？` right after kana or kanji
 * (`judgeTail` then reads Japanese), and leaves no bold open (that is judged before the full stop).
 * `plainInline` keeps that last character last and the one before it before it: no match of its patterns
 * starts or ends on either (they end on `)`, `]`, `}`, `>`, an emphasis marker or an escaped ASCII mark, and
 * only whitespace follows). The checks before `judgeTail` answer `finished` or need bold left open.
 * test/analysis/paragraph-tail.test.ts holds it to the whole computation on every real paragraph.
 */
function endsOnSentenceEnd(lastLine: string | undefined): boolean {
  if (lastLine === undefined) return false;
  const line = lastLine.trimEnd();
  const last = line.charCodeAt(line.length - 1);
  const sentenceEnd =
    last === FULL_STOP ||
    last === EXCLAMATION ||
    last === QUESTION ||
    ((last === JA_FULL_STOP || last === JA_EXCLAMATION || last === JA_QUESTION) && isCjkCharCode(line.charCodeAt(line.length - 2)));
  // The line `computeTail` reads (the window's last line) has an even number of `**`: no bold left open.
  return sentenceEnd && countBoldMarkers(lastLine.slice(-WINDOW)) % 2 === 0;
}

/** How many `**` `text` holds, counted from the left without overlaps, as a global match of `**` counts them. */
function countBoldMarkers(text: string): number {
  let count = 0;
  for (let at = text.indexOf('**'); at >= 0; at = text.indexOf('**', at + 2)) count++;
  return count;
}

/**
 * False when `text` has no match of `LINKS` or `ENDS_WITH_LINK`: each of their matches contains `]`, `<`,
 * `://` or `www.` (in any case). Both patterns try every position of a paragraph's last line.
 */
function mayHoldLink(text: string): boolean {
  return text.includes(']') || text.includes('<') || text.includes('://') || /www\./iu.test(text);
}

/** Short enough to be a label, a name or a blurb: 40 characters of Japanese, 8 words of English. */
function isLabelSized(text: string): boolean {
  if (hasCjk(text)) return text.length <= MAX_LABEL_CJK;
  let words = 0;
  for (const token of text.slice(0, 400).split(/\s+/u)) if (WORD.test(token) && ++words > MAX_LABEL_WORDS) return false;
  return true;
}

/**
 * The paragraph's sentence runs on into the next block: a list, code, a quote or a table it introduces
 * (`…有名な物としては` + a list, `…adoption by` + a list), or a paragraph that opens with a particle
 * (`…使用することで` / `といったメリットが得られます`).
 */
export function leadsIntoNext(post: Post, block: Block, options: MarkerOptions): boolean {
  const blocks = contentBlocks(post, options);
  const next = blocks[blocks.indexOf(block) + 1];
  if (!next) return false;
  if (LEADS_INTO.has(next.type)) return true;
  if (next.type !== 'paragraph') return false;
  if (!isProse(post, next, options)) return true;
  return continuesSentence(proseText(post, next, options));
}

function lastIndexOf(text: string, pattern: RegExp): number {
  let last = -1;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) last = m.index;
  return last;
}

/** Top-level blocks of the body in order, generation-marker-only paragraphs left out (memoised per post). */
export function contentBlocks(post: Post, options: MarkerOptions): Block[] {
  return post.memo.get(CONTENT_BLOCKS, [options.markers], () => {
    const answers = post.memo.get(BLOCK_ANSWERS, [options.markers], noAnswers);
    return post.blocks.filter(
      // Judged on the source: an image with no alt text has no text either, but it is a block the text leads into.
      (b) => b.ancestors.length === 0 && !(b.type === 'paragraph' && sourceOf(post, b, options, answersIn(answers, b)).trim() === ''),
    );
  });
}

/**
 * `isProse`, `proseText` and `paragraphTail` of one post's blocks under one marker pattern, the post's
 * answers looked up once: each call of those looks them up in the post's memo (a new inputs array and a
 * closure each time, ~0.2 µs), and the truncation rules asked ~9 times for each prose paragraph (~670 k
 * times in a check of the site head). The same answers, from the same memo.
 */
export interface PostProse {
  isProse(block: Block): boolean;
  text(block: Block): string;
  tail(block: Block): Tail;
}

export function postProse(post: Post, options: MarkerOptions): PostProse {
  const answers = post.memo.get(BLOCK_ANSWERS, [options.markers], noAnswers);
  return {
    isProse: (block) => proseOf(post, block, options, answersIn(answers, block)),
    text: (block) => textOf(post, block, options, answersIn(answers, block)),
    tail: (block) => tailOf(post, block, options, answersIn(answers, block)),
  };
}

// What proves a list item stopped: list items need no full stop and often end on a particle (`- 設定について`).
const ITEM_EVIDENCE = new Set(['character', 'comma', 'conjunctive', 'emphasis']);

/**
 * How the post's last block ends when it is no paragraph of text: a list item cut inside a word or on a
 * 連用形 (`* …AI導入が遅れてい`), a table cut inside a row (`| 企業名/`, a last row without its closing `|`
 * while the others have one), or a table header with no rows. Null when it is not such a block.
 */
export function structureTail(block: Block): Tail | null {
  if (block.type === 'listItem') {
    const text = plainInline(block.source.replace(/^[ \t]*(?:[*+-]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/u, ''));
    const tail = judgeTail(text);
    return tail.state === 'cut' && ITEM_EVIDENCE.has(tail.evidence!) ? tail : { state: 'finished' };
  }
  const rows = block.source.trimEnd().split('\n');
  const table = block.type === 'table' || (block.type === 'paragraph' && rows.every((row) => TABLE_ROW.test(row)));
  if (!table) return null;
  const last = rows[rows.length - 1]!.trimEnd();
  if (TABLE_ROW.test(rows[0]!) && rows[0]!.trimEnd().endsWith('|') && !last.endsWith('|')) return { state: 'cut', evidence: 'table' };
  // A header row and nothing under it: the table was never written.
  if (block.type === 'paragraph') return { state: 'cut', evidence: 'table' };
  return { state: 'finished' };
}

/** A heading, a bold label or a line ending in a colon: it announces the block under it. */
export function introduces(block: Block): boolean {
  if (block.type === 'heading') return true;
  if (block.type !== 'paragraph') return false;
  const source = block.source.trim();
  return isBoldOnly(source) || endsWithColon(source) || /^#{1,6}\S/u.test(source);
}

/**
 * `/[:：]\**$/u.test(text)`, read from the end: the pattern is anchored there, but a regex tries it from
 * every position of the paragraph.
 */
export function endsWithColon(text: string): boolean {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2a) end--; // '*'
  const c = text.charCodeAt(end - 1);
  return c === 0x3a || c === 0xff1a; // ':' '：'
}

/** The last characters of the paragraph's running text, for messages. */
export function tailExcerpt(post: Post, block: Block, options: MarkerOptions): string {
  return plainInline(textLines(post, block, options).join('\n')).trim().slice(-12);
}
