import MarkdownIt, { type Options } from 'markdown-it';
import type { StateBlock, StateInline, Token } from 'markdown-it';
import type { LineIndex } from './line-index.js';
import type { Block, BlockType } from './post.js';
import { isAutolink, toSpans, type MaskSpans } from './mask.js';
import { AsciiSearch } from './ascii-search.js';
import { CONTENT_START, emailLiteral, emailMayFollow, isEmailAtext, LiteralUndecided, protocolLiteral, protocolMayFollow, wwwLiteral, wwwMayFollow } from './autolink-literal.js';

/**
 * The post model (blocks and prose mask) from markdown-it's token stream instead of micromark's events:
 * the same CommonMark (+ GFM tables and strikethrough), ~15× faster on the site's posts. It must give
 * exactly what `collectBlocks` + `maskSpansFromEvents` give; `test/post/markdown-it-model.test.ts` and
 * `bench/parser-equality.ts` hold it to that on every real post of ../shared.
 *
 * markdown-it keeps no inline offsets and has no GFM footnotes, task lists or autolink literals. So:
 * - each inline rule is wrapped to record where its tokens start and end in the inline content, and the
 *   content (the block's lines, container prefixes stripped) is mapped back to file offsets line by line;
 * - GFM autolink literals (bare URLs, `www.`, emails) are found in each inline content's raw text by
 *   micromark's own algorithm (`autolink-literal.ts`, `literalAutolinks` below);
 * - a post whose model markdown-it cannot reproduce gives the reason and is parsed by micromark: line
 *   endings other than LF, tabs, footnotes, task list checks, a literal that would run into a construct
 *   markdown-it read, a `~` left as text (GFM's single-tilde strikethrough), and the shapes listed in
 *   `FallbackReason`.
 */
export interface MarkdownItModel {
  blocks: Block[];
  mask: MaskSpans;
}

/** Why a post goes to micromark (null: markdown-it gives its model). */
export type FallbackReason =
  | 'line-endings'
  | 'tab'
  | 'footnote'
  | 'task-list'
  | 'defused'
  | 'autolink-literal'
  | 'tilde'
  | 'table-escape'
  | 'unicode-space'
  | 'pipeless-table'
  | 'micromark-quote-end'
  | 'definition-continued'
  | 'lazy-table'
  | 'table-html'
  | 'container-html-line'
  | 'table-block-start'
  | 'table-extra-cells'
  | 'table-row-without-pipe'
  | 'container-code-span'
  | 'indented-code-blank-end'
  | 'backtick-text'
  | 'emphasis-around-label'
  | 'unclosed-fence'
  | 'unclosed-html'
  | 'micromark-empty-item'
  | 'micromark-interrupt'
  | 'definition-then-indented'
  | 'unmapped';

/** Positions markdown-it does not keep, recorded on its tokens (offsets in the inline content or the body). */
interface Positioned extends Token {
  /** Inline: start and end in the inline token's content. */
  s?: number;
  e?: number;
  /** Links and images: end of the label (the `]`). */
  le?: number;
  /** Block: offset in the body where the block's first line starts (after container prefixes). */
  b?: number;
  /** Block: columns of indentation beyond the container's on its first line. */
  indent?: number;
  /** Inline: content left unparsed, its text is `plainInlineText`'s (`holdsPlainTextOnly`). */
  plain?: boolean;
}

class Fallback extends Error {
  constructor(readonly reason: FallbackReason) {
    super(reason);
  }
}

const PIPELESS_DELIMITER_ROW = /^[ \t>:-]*(?::-|-:)[ \t>:-]*$/m;
// A row of dashes without a pipe under a line with one: GFM's table, a setext heading for markdown-it.
const PIPELESS_UNDER_PIPE = /\|[^\n]*\n[ \t>]*:?-+:?[ \t]*(?:\n|$)/;
/** Blocks that start right below a definition for CommonMark too (others are text of its paragraph). */
const CAN_FOLLOW_DEFINITION = new Set(['definition', 'heading_open', 'paragraph_open', 'fence', 'hr', 'blockquote_open']);
// A delimiter row with a pipe under a line without one (`a` over `-|`): a table for GFM only.
const PIPE_ROW_UNDER_PIPELESS = /^[^|\n]+\n(?=[^\n]*\|)(?=[^\n]*-)[ \t>]*[|: \t-]+$/m;
// What a GFM autolink literal needs in prose: `www.`, `http(s)://`, or an email's `@` between one of its
// local-part characters (alphanumerics and `+-._`) and a character micromark takes to start its domain
// (alphanumerics and `-_.`: it links `a@.b.c` and `a@-b.c` too; a `@user` handle after a space is none).
const LITERAL_AUTOLINK = /[A-Za-z0-9+._-]@[A-Za-z0-9._-]|www\.|https?:\/\//i;

/** Whether an inline content may hold a GFM autolink literal (`literalAutolinks` looks for them then). */
function mayHoldLiteralAutolink(content: string): boolean {
  // Each literal needs `@`, `.` or `:`: most contents (Japanese prose) have none, and the look is cheaper than the regex.
  return (content.includes('@') || content.includes('.') || content.includes(':')) && LITERAL_AUTOLINK.test(content);
}

/**
 * The characters some inline rule of markdown-it but `text` and `newline` starts at: escapes, code spans,
 * emphasis, strikethrough, links, images, autolinks, HTML, references (`!` starts an image only before `[`).
 * Linkify is off.
 */
const INLINE_SYNTAX = /[\\`*_~[\]<&]/;

/**
 * Whether markdown-it reads `content` as text and line breaks alone (no character of INLINE_SYNTAX, no
 * autolink literal for `literalAutolinks`): no mask span, no link, no reason for micromark, and its text is
 * `plainInlineText(content)`. 78% of the site head's inline content (by length): most Japanese paragraphs.
 */
export function holdsPlainTextOnly(content: string): boolean {
  return !INLINE_SYNTAX.test(content) && !mayHoldLiteralAutolink(content);
}

/** Spaces before a line ending inside an inline content, and the spaces and tabs after it. */
const INLINE_LINE_BREAK = /( *)\n[ \t]*/g;

/**
 * The text `inlineText` makes of plain content (`holdsPlainTextOnly`) from markdown-it's tokens, without
 * them: markdown-it's `newline` rule makes a line ending after two or more spaces a hard break (no text; the
 * spaces go), after one space or none a soft break (`\n`, the space goes), and skips the next line's leading
 * spaces and tabs; its `text` rule keeps every other character. (An inline content is trimmed, and each of its
 * lines starts with no space after the skip: no other spaces can end up before a break.)
 */
export function plainInlineText(content: string): string {
  if (!content.includes('\n')) return content;
  return content.replace(INLINE_LINE_BREAK, (_, spaces: string) => (spaces.length >= 2 ? '' : '\n'));
}

/** The characters markdown-it's `text` rule stops at (its `isTerminatorChar`): where another inline rule may start. */
const TEXT_TERMINATOR = /[\n!#$%&*+\-:<=>@[\\\]^_`{}~]/g;

/**
 * markdown-it's `text` rule (the run of characters up to the next terminator, added to the pending text),
 * its terminators found by one regex search instead of a `switch` per character: the same run, ~20% less
 * of markdown-it's time on the site's posts, where Japanese paragraphs hold few terminators. The search
 * may look past `posMax` (a link label's end), which caps the run.
 */
export function textUpToTerminator(state: StateInline, silent: boolean): boolean {
  const from = state.pos;
  TEXT_TERMINATOR.lastIndex = from;
  const found = TEXT_TERMINATOR.exec(state.src);
  const end = found === null ? state.posMax : Math.min(found.index, state.posMax);
  if (end <= from) return false;
  if (!silent) state.pending += state.src.slice(from, end);
  state.pos = end;
  return true;
}

/**
 * The line marks markdown-it's `StateBlock` constructor computes for `state.src` (line begin and end, spaces
 * and tabs before the content, its indentation with tabs expanded, `lineMax`), the same values: its
 * character loop, with the line ends found by `indexOf` and only the indentation read a character at a time.
 */
export function markLines(state: Pick<StateBlock, 'src' | 'bMarks' | 'eMarks' | 'tShift' | 'sCount' | 'bsCount' | 'lineMax'>): void {
  const src = state.src;
  const length = src.length;
  const bMarks: number[] = [];
  const eMarks: number[] = [];
  const tShift: number[] = [];
  const sCount: number[] = [];
  const bsCount: number[] = [];
  for (let start = 0; start < length; ) {
    let pos = start;
    let indent = 0;
    let offset = 0;
    for (; pos < length; pos++, indent++) {
      const code = src.charCodeAt(pos);
      if (code === 32) offset++;
      else if (code === 9) offset += 4 - (offset % 4);
      else break;
    }
    // Spaces and tabs ending the source, no line ending after them: markdown-it marks no line there.
    if (pos === length) break;
    const eol = src.indexOf('\n', pos);
    const end = eol < 0 ? length : eol;
    bMarks.push(start);
    eMarks.push(end);
    tShift.push(indent);
    sCount.push(offset);
    bsCount.push(0);
    start = end + 1;
  }
  // markdown-it's fake last line, which spares its rules a bounds check.
  bMarks.push(length);
  eMarks.push(length);
  tShift.push(0);
  sCount.push(0);
  bsCount.push(0);
  state.bMarks = bMarks;
  state.eMarks = eMarks;
  state.tShift = tShift;
  state.sCount = sCount;
  state.bsCount = bsCount;
  state.lineMax = bMarks.length - 1;
}

function createParser(): MarkdownIt {
  // 'default' preset: CommonMark + GFM tables and strikethrough; raw HTML on like micromark; no linkify
  // (GFM's autolink literals follow other rules: posts that could hold one go to micromark).
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false, maxNesting: 1000 } as Options);
  // micromark keeps every destination (javascript:, data: …); markdown-it would turn such a link into text.
  md.validateLink = () => true;
  // markdown-it's first rule rewrites every line ending to `\n` and NUL to U+FFFD: two regex replaces of
  // the whole body, each `\n` replaced by itself (~5% of a parse). A post with `\r` never gets here
  // (`fallbackBeforeParse`: no need to look for one) and few have a NUL: for the others the rewrite gives
  // the same string. Whether the post holds a NUL comes from its `AsciiSearch` (in a two-byte string V8
  // tests every character for a NUL: ~14 ms a pass over the site head's posts, 3 in their bytes).
  const coreRuler = md.core.ruler as unknown as { __rules__: { name: string; fn: (state: { src: string }) => void }[] };
  const normalize = coreRuler.__rules__.find((rule) => rule.name === 'normalize')!.fn;
  md.core.ruler.at('normalize', (state) => {
    if ((state.env as ParseEnv).holdsNul) normalize(state);
  });
  // markdown-it's inline rule (each inline token's content parsed into its children), but for plain content
  // (`holdsPlainTextOnly`), whose text `plainInlineText` gives without tokens: ~8% less CPU for a parse and
  // summary of every post of the site head and the human corpora (bench/first-pass.ts), in both passes of a check.
  md.core.ruler.at('inline', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'inline') continue;
      if (holdsPlainTextOnly(token.content)) (token as Positioned).plain = true;
      else state.md.inline.parse(token.content, state.md, state.env, token.children!);
    }
  });
  // markdown-it normalizes each link destination (URL parse, punycode, percent-encoding) into an `href`
  // the model never reads (it reads destinations from the source, `destinationOf`); `validateLink` above
  // takes any, so the tokens are the same (~3% of a parse on the human corpora's English posts).
  md.normalizeLink = (url) => url;
  // markdown-it's block state marks each line in a loop over every character of the body; `markLines` gives
  // the same marks from line ends found by `indexOf` (~8% of a parse on the site's long Japanese lines).
  md.block.State = class extends md.block.State {
    constructor(src: string, md: MarkdownIt, env: unknown, tokens: Token[]) {
      // Every field markdown-it's constructor sets, the lines of an empty source (no loop), then those of `src`.
      super('', md, env, tokens);
      this.src = src;
      markLines(this);
    }
  };
  md.inline.ruler.at('text', textUpToTerminator);
  // markdown-it's inline loop (`ParserInline.prototype.tokenize`, the same steps), which also records where the
  // tokens of each construct a rule read start and end in the content (`s`, `e`; a link's label end `le`) and
  // what the construct was (`recordConstruct`): once per construct, where a wrapper around each rule did it for
  // every rule tried at each terminator (`textUpToTerminator` makes no token: nothing to record for it).
  const inlineRuler = md.inline.ruler as unknown as { __rules__: { name: string; enabled: boolean }[] };
  const inlineRuleNames = inlineRuler.__rules__.filter((rule) => rule.enabled).map((rule) => rule.name);
  md.inline.tokenize = (state: StateInline) => {
    const rules = md.inline.ruler.getRules('');
    const end = state.posMax;
    const maxNesting = (state.md.options as { maxNesting: number }).maxNesting;
    while (state.pos < end) {
      const start = state.pos;
      const count = state.tokens.length;
      const pending = state.pending.length;
      let rule = 0;
      if (state.level < maxNesting) while (rule < rules.length && !rules[rule]!(state, false)) rule++;
      else rule = rules.length;
      if (rule < rules.length) {
        if (start >= state.pos) throw new Error("inline rule didn't increment state.pos");
        if (rules[rule] !== textUpToTerminator) recordTokens(state, inlineRuleNames[rule]!, start, count, pending);
        if (state.pos >= end) break;
        continue;
      }
      state.pending += state.src[state.pos++];
    }
    if (state.pending) state.pushPending();
  };
  // markdown-it's block loop (`ParserBlock.prototype.tokenize`, the same steps), which also records where each
  // block's first token starts (`b`, `indent`; a link reference definition, which leaves no token, gets one: it
  // is a block of the model). Recorded once per block: a wrapper around each rule did it for every rule tried
  // and every silent look a paragraph takes at its next line (1.15 M calls a pass over the site head's 97 K
  // blocks). A list item's first token is pushed before its content is parsed: its marker sits just before the
  // content start the list rule leaves in tShift when it parses the item.
  const blockRuler = md.block.ruler as unknown as { __rules__: { name: string; fn: (state: StateBlock, start: number, end: number, silent: boolean) => boolean }[] };
  const referenceRule = md.block.ruler.getRules('').indexOf(blockRuler.__rules__.find((rule) => rule.name === 'reference')!.fn);
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    const last = state.tokens[state.tokens.length - 1] as Positioned | undefined;
    if (last?.type === 'list_item_open' && last.b === undefined) {
      last.b = listMarkerStart(state.src, state.bMarks[startLine]! + state.tShift[startLine]!, last);
    }
    const rules = md.block.ruler.getRules('');
    const maxNesting = (state.md.options as { maxNesting: number }).maxNesting;
    let line = startLine;
    let hasEmptyLines = false;
    while (line < endLine) {
      state.line = line = state.skipEmptyLines(line);
      if (line >= endLine) break;
      // Termination condition for nested calls (quotes and lists).
      if (state.sCount[line]! < state.blkIndent) break;
      if (state.level >= maxNesting) {
        state.line = endLine;
        break;
      }
      const prevLine = state.line;
      const begin = state.bMarks[line]! + state.tShift[line]!;
      const indent = state.sCount[line]! - state.blkIndent;
      const count = state.tokens.length;
      let rule = 0;
      while (rule < rules.length && !rules[rule]!(state, line, endLine, false)) rule++;
      if (rule === rules.length) throw new Error('none of the block rules matched');
      if (prevLine >= state.line) throw new Error("block rule didn't increment state.line");
      if (rule === referenceRule) {
        const token = state.push('definition', '', 0);
        token.map = [line, state.line];
      }
      const first = state.tokens[count] as Positioned | undefined;
      if (first && first.b === undefined) {
        first.b = begin;
        first.indent = indent;
      }
      // A tag after an empty line is not tight; a paragraph may eat one line ending after it in nested lists.
      state.tight = !hasEmptyLines;
      if (state.isEmpty(state.line - 1)) hasEmptyLines = true;
      line = state.line;
      if (line < endLine && state.isEmpty(line)) {
        hasEmptyLines = true;
        line++;
        state.line = line;
      }
    }
  };
  return md;
}

/**
 * What an inline content's raw characters are for the autolink-literal scan (`literalAutolinks`), kept on
 * its token array: `opaque` start/end pairs that markdown-it read as a construct (code, HTML, escapes and
 * references it decoded, breaks, strikethrough), `spans` those of links and images, `runs` those of
 * emphasis delimiter runs with their tokens (a run some of whose tokens became emphasis is no text).
 */
interface RawKinds {
  opaque: number[];
  /** Links and images, whose labels hold text. */
  spans: number[];
  /** `*`, and `[` or `]`, that escapes and references put in the text. */
  decodedStars: number;
  decodedBrackets: number;
  runs: number[];
  runTokens: Token[][];
}

function rawKinds(tokens: Token[]): RawKinds {
  const holder = tokens as Token[] & { raw?: RawKinds };
  return (holder.raw ??= { opaque: [], spans: [], decodedStars: 0, decodedBrackets: 0, runs: [], runTokens: [] });
}

/**
 * Records the tokens the inline rule `name` made of [start, state.pos): the tokens from `count` on (the first of
 * them the pending text that was `pending` characters long before the rule, if the rule pushed it), and the construct.
 */
function recordTokens(state: StateInline, name: string, start: number, count: number, pending: number): void {
  recordConstruct(state, name, start, count + (pending > 0 && state.tokens.length > count ? 1 : 0));
  for (let i = count; i < state.tokens.length; i++) {
    const token = state.tokens[i] as Positioned;
    if (token.s === undefined) {
      token.s = start;
      token.e = state.pos;
    }
    if ((token.type === 'link_open' || token.type === 'image') && token.le === undefined) {
      token.le = state.md.helpers.parseLinkLabel(state, token.type === 'image' ? start + 1 : start, token.type === 'link_open');
    }
  }
}

/** Records what the inline rule `name` made of [start, state.pos) (its own tokens from `first`). */
function recordConstruct(state: StateInline, name: string, start: number, first: number): void {
  const kinds = rawKinds(state.tokens);
  if (name === 'emphasis') {
    kinds.runs.push(start, state.pos);
    kinds.runTokens.push(state.tokens.slice(first));
    return;
  }
  // A rule that only added raw text (a backslash before a character that cannot be escaped) made text.
  let verbatim = true;
  for (let i = first; i < state.tokens.length; i++) {
    const token = state.tokens[i]!;
    if (token.type !== 'text_special' || token.content !== token.markup) verbatim = false;
    // (A link's own pass sees its label's tokens again: only the escape or reference rule counts them.)
    if (token.type === 'text_special' && (name === 'escape' || name === 'entity')) {
      kinds.decodedStars += countOf(token.content, 42);
      kinds.decodedBrackets += countOf(token.content, 91) + countOf(token.content, 93);
    }
  }
  if (!verbatim || name === 'strikethrough' || name === 'newline') (name === 'link' || name === 'image' ? kinds.spans : kinds.opaque).push(start, state.pos);
}

function countOf(text: string, code: number): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) count++;
  return count;
}

/** Whether a raw backtick of `src` is outside every construct markdown-it read but links (whose labels are text). */
function rawBacktickLeft(children: Token[], src: string): boolean {
  const opaque = (children as Token[] & { raw?: RawKinds }).raw?.opaque ?? [];
  for (let at = src.indexOf('`'); at >= 0; at = src.indexOf('`', at + 1)) {
    let inside = false;
    for (let k = 0; k < opaque.length && !inside; k += 2) inside = opaque[k]! <= at && at < opaque[k + 1]!;
    if (!inside) return true;
  }
  return false;
}

function listMarkerStart(src: string, contentStart: number, item: Token): number {
  let at = contentStart;
  while (at > 0 && (src.charCodeAt(at - 1) === 32 || src.charCodeAt(at - 1) === 9)) at--;
  at -= 1 + (item.info ? item.info.length : 0);
  return at;
}

let parser: MarkdownIt | undefined;

/** What `buildModel` tells its parser's rules about the post (markdown-it's `env`). */
interface ParseEnv {
  /** Whether the post (the body markdown-it reads, or its front matter) holds a NUL. */
  holdsNul: boolean;
}

/** micromark's front matter (micromark-extension-frontmatter): `---`/`+++` on line 1, closed by the same fence. */
function frontMatterEnd(text: string): { end: number; bodyStart: number } | null {
  const open = /^(---|\+\+\+)[ \t]*\n/.exec(text);
  if (!open) return null;
  const fence = open[1]!;
  let at = open[0].length;
  while (at <= text.length) {
    const eol = text.indexOf('\n', at);
    const lineEnd = eol < 0 ? text.length : eol;
    const line = text.slice(at, lineEnd);
    if (line.startsWith(fence) && /^[ \t]*$/.test(line.slice(3))) return { end: lineEnd, bodyStart: eol < 0 ? text.length : eol + 1 };
    if (eol < 0) return null;
    at = eol + 1;
  }
  return null;
}

/** Whether a line with a pipe holds a Unicode space (U+3000, NBSP…); looks at those lines only. */
function pipeLineWithUnicodeSpace(text: string): boolean {
  for (let at = text.indexOf('|'); at >= 0; ) {
    const start = text.lastIndexOf('\n', at) + 1;
    const eol = text.indexOf('\n', at);
    const end = eol < 0 ? text.length : eol;
    if (/[^\S \t]/.test(text.slice(start, end))) return true;
    at = eol < 0 ? -1 : text.indexOf('|', eol);
  }
  return false;
}

/** Why `text` cannot go through markdown-it, judged before parsing (null: it can). */
export function fallbackBeforeParse(text: string, parsed: string, search = AsciiSearch.inText(text)): FallbackReason | null {
  if (parsed !== text) return 'defused';
  if (search.includes('\r')) return 'line-endings';
  if (search.includes('\t')) return 'tab';
  if (search.includes('[^')) return 'footnote';
  if (search.hasTaskCheck()) return 'task-list';
  // GFM takes `a` over `:-` as a one-column table; markdown-it wants a pipe.
  // markdown-it trims table cells with String.trim (Unicode spaces too): a cell can vanish.
  // Each test below needs a pipe, or `:-`/`-:`, in the text: most posts have neither, and the regexes cost
  // more than the look (PIPE_ROW_UNDER_PIPELESS tries every line).
  const pipe = search.includes('|');
  if (pipe && pipeLineWithUnicodeSpace(text)) return 'unicode-space';
  if ((search.includes(':-') || search.includes('-:')) && PIPELESS_DELIMITER_ROW.test(text)) return 'pipeless-table';
  if (pipe && (PIPELESS_UNDER_PIPE.test(text) || PIPE_ROW_UNDER_PIPELESS.test(text))) return 'pipeless-table';
  return null;
}

interface Frame {
  kind: 'leaf' | 'container' | 'list' | 'item';
  type: BlockType;
  slot: number;
  parts: string[];
  hasLink: boolean;
  ancestors: BlockType[];
  start: number;
  end: number;
  depth?: number;
}

// micromark's character groups (micromark-util-classify-character), and a neighbour not known here.
const OTHER_GROUP = 0;
const WHITESPACE_GROUP = 1;
const PUNCTUATION_GROUP = 2;
const ANY_GROUP = 3;
function characterGroup(code: number): number {
  const char = String.fromCharCode(code);
  if (/\s/.test(char)) return WHITESPACE_GROUP;
  return /\p{P}|\p{S}/u.test(char) ? PUNCTUATION_GROUP : OTHER_GROUP;
}

/** `line` without its trailing spaces and tabs (`line.replace(/[ \t]+$/, '')`, without a regex tried at every position). */
function withoutTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && isSpaceOrTab(line.charCodeAt(end - 1))) end--;
  return end === line.length ? line : line.slice(0, end);
}

/** Blank for Markdown: spaces and tabs only (U+3000 is text). */
const isBlank = (line: string): boolean => /^[ \t]*$/.test(line);
const isSpaceOrTab = (code: number): boolean => code === 32 || code === 9;

/**
 * Maps the inline content of a paragraph or setext heading (markdown-it's `getLines` of the file's lines
 * `firstLineNo…`, container prefixes stripped, `asciiTrim`med) to file offsets: each of its `lineCount` lines
 * must end its source line (the last one before trailing spaces and tabs), and is mapped right-aligned there;
 * null when one does not. The reference for `contiguousContentStart`.
 */
export function contentLineMap(text: string, lines: LineIndex, content: string, firstLineNo: number, lineCount: number): ((offset: number) => number) | null {
  const contentLines = content.split('\n');
  if (contentLines.length !== lineCount) return null;
  const bases: number[] = [];
  const starts: number[] = [];
  let at = 0;
  for (let k = 0; k < contentLines.length; k++) {
    const line = contentLines[k]!;
    const last = k === contentLines.length - 1;
    const n = firstLineNo + k;
    let end: number;
    if (n <= lines.count) {
      const start = lines.startOf(n);
      end = lines.endOf(n);
      if (last) while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
      // Compared in the file by a slice's equality (a memcmp): `startsWith` compares two-byte strings a
      // character at a time, ~10× slower.
      if (line.length > end - start || text.slice(end - line.length, end) !== line) return null;
    } else {
      // Past the file's last line (its text is '', its start the last line's).
      const source = lines.line(n);
      const scope = last ? withoutTrailingBlanks(source) : source;
      if (!scope.endsWith(line)) return null;
      end = lines.startOf(n) + scope.length;
    }
    bases.push(end - line.length);
    starts.push(at);
    at += line.length + 1;
  }
  return (offset: number): number => {
    let k = starts.length - 1;
    while (k > 0 && starts[k]! > offset) k--;
    return bases[k]! + offset - starts[k]!;
  };
}

/**
 * Where an inline content starts in the file when it is one run of the file's characters ending where
 * `contentLineMap` ends its last line, or -1. Outside containers (most paragraphs) and on a single line it
 * is: one slice compared, no line split, and the map is `start + offset`, the one `contentLineMap` gives
 * (each line's base is then `start` plus the line's offset in the content). Starting on line `firstLineNo`
 * and equal to the file there, the content holds the `lineCount - 1` line endings between it and the last line
 * (`text` has no `\r`: those posts go to micromark). ~10% of a parse on the site's posts.
 */
export function contiguousContentStart(text: string, lines: LineIndex, content: string, firstLineNo: number, lineCount: number): number {
  const lastLineNo = firstLineNo + lineCount - 1;
  if (lineCount < 1 || lastLineNo > lines.count) return -1;
  const lastLineStart = lines.startOf(lastLineNo);
  let end = lines.endOf(lastLineNo);
  while (end > lastLineStart && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  const start = end - content.length;
  if (start < lines.startOf(firstLineNo) || start > lines.endOf(firstLineNo)) return -1;
  return text.slice(start, end) === content ? start : -1;
}

/**
 * The model of `text` (front matter included; `parsed` is the text markdown is read from, `lines` its line
 * index, `search` searches it), or the reason it must come from micromark.
 */
export function markdownItModel(text: string, parsed: string, lines: LineIndex, search = AsciiSearch.inText(text)): MarkdownItModel | FallbackReason {
  const early = fallbackBeforeParse(text, parsed, search);
  if (early) return early;
  try {
    return buildModel(text, lines, search.includes('\0'));
  } catch (error) {
    if (error instanceof Fallback) return error.reason;
    throw error;
  }
}

function buildModel(text: string, lines: LineIndex, holdsNul: boolean): MarkdownItModel {
  parser ??= createParser();
  const ranges: [number, number][] = [];
  const sources: number[] = [];
  const matter = frontMatterEnd(text);
  const bodyStart = matter ? matter.bodyStart : 0;
  if (matter) ranges.push([0, matter.end]);
  // Line of the file (1-based) where the body's line 0 is.
  const firstLine = matter ? lines.lineAt(matter.end) + 1 : 1;
  const body = text.slice(bodyStart);
  const tokens = parser.parse(body, { holdsNul } satisfies ParseEnv) as Positioned[];

  const blocks: (Block | null)[] = [];
  const stack: Frame[] = [];
  // markdown-it's line count (a final line ending starts no line): the body's lines, from the file's line
  // index (the body has only `\n` line endings, and starts a line unless it is empty), without splitting it.
  const bodyLineCount = Math.max(1, lines.count - firstLine + 1) - (body.endsWith('\n') ? 1 : 0);
  let sawIndentedCode = false;
  const lineText = (bodyLine: number): string => lines.line(firstLine + bodyLine);
  const lineStart = (bodyLine: number): number => lines.startOf(firstLine + bodyLine);
  /** End of a body line's content (micromark's blocks keep trailing whitespace); a line past the file's last is ''. */
  const lineEnd = (bodyLine: number): number =>
    firstLine + bodyLine <= lines.count ? lines.endOf(firstLine + bodyLine) : lineStart(bodyLine) + lineText(bodyLine).length;
  const markLink = (): void => {
    for (const frame of stack) frame.hasLink = true;
  };
  const inBlock = (): boolean => stack.every((f) => f.kind === 'container' || f.kind === 'list');
  const open = (kind: Frame['kind'], type: BlockType, start: number): Frame => {
    const emits = kind !== 'list' && inBlock();
    const frame: Frame = {
      kind,
      type,
      slot: emits ? blocks.length : -1,
      parts: [],
      hasLink: false,
      ancestors: emits ? stack.filter((f) => f.kind === 'container').map((f) => f.type) : [],
      start,
      end: -1,
    };
    if (emits) blocks.push(null);
    stack.push(frame);
    return frame;
  };
  // Blocks close in order, most on the line the last one ended on or a few below: looked at there before
  // the line index's binary search (the same line: the last whose start is at or before `offset`).
  let lastLineFound = firstLine;
  const lineAt = (offset: number): number => {
    for (let n = lastLineFound; n < lastLineFound + 4 && n <= lines.count && lines.startOf(n) <= offset; n++) {
      if (n === lines.count || lines.startOf(n + 1) > offset) return (lastLineFound = n);
    }
    return (lastLineFound = lines.lineAt(offset));
  };
  const close = (): void => {
    const frame = stack.pop()!;
    // Most blocks have one part: `join` would copy it (a paragraph's text, ~40 MB a pass over the site head).
    const value = frame.parts.length === 1 ? frame.parts[0]! : frame.parts.join('');
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.parts.push(value);
      if (frame.hasLink) parent.hasLink = true;
      parent.end = Math.max(parent.end, frame.end);
    }
    if (frame.slot < 0) return;
    const block: Block = {
      index: frame.slot,
      type: frame.type,
      line: lineAt(frame.start),
      endLine: lineAt(frame.end),
      startOffset: frame.start,
      endOffset: frame.end,
      source: text.slice(frame.start, frame.end),
      text: value,
      hasLink: frame.hasLink,
      ancestors: frame.ancestors,
    };
    if (frame.depth !== undefined) block.depth = frame.depth;
    blocks[frame.slot] = block;
  };
  const leaf = (type: BlockType, start: number, end: number, value: string): void => {
    const frame = open('leaf', type, start);
    frame.end = end;
    frame.parts.push(value);
    close();
  };

  /** Inline content of a paragraph or setext heading: its lines, mapped right-aligned to the source. */
  const inlineBlock = (inline: Positioned, firstBodyLine: number, lineCount: number, frame: Frame): void => {
    const content = inline.content;
    inContainer = stack.length > 0;
    // In a container, micromark reads a (lazy) line that starts with HTML as HTML (a block, or its line break in it).
    if (inContainer && content.includes('<') && /\n[ \t]*</.test(content)) throw new Fallback('container-html-line');
    const firstLineNo = firstLine + firstBodyLine;
    const start = contiguousContentStart(text, lines, content, firstLineNo, lineCount);
    const map = start >= 0 ? (offset: number): number => start + offset : contentLineMap(text, lines, content, firstLineNo, lineCount);
    if (map === null) throw new Fallback('unmapped');
    frame.start = map(0);
    frame.end = Math.max(frame.end, lineEnd(firstBodyLine + lineCount - 1));
    frame.parts.push(inlineTextOf(inline, map));
  };

  /** What a reader sees of an inline token (see `inlineOf`); plain content unparsed (`holdsPlainTextOnly`). */
  const inlineTextOf = (inline: Positioned, map: (offset: number) => number): string =>
    inline.plain ? plainInlineText(inline.content) : inlineOf(inline.children ?? [], inline.content, map);

  let inContainer = false;
  // A `*` and a bracket both left as text in one block: around a label that made no link, the two pair
  // emphasis delimiters differently (`<a>**[a] *2\\***`); such blocks are left to micromark.
  // (Counts of the characters in text tokens: those that came from escapes and references are no syntax.)
  let starText = 0;
  let bracketText = 0;
  // The `~` runs left as text in one inline content (length, can open, can close), and whether markdown-it
  // made a strikethrough there.
  const tildes: number[] = [];
  let struck = false;
  let backtickText = false;
  /** Records the `~` runs of a text token; a run at the token's edge may have any neighbour there. */
  const tildeRuns = (content: string): void => {
    for (let i = content.indexOf('~'); i >= 0; i = content.indexOf('~', i)) {
      let j = i;
      while (content.charCodeAt(j) === 126) j++;
      const before = i === 0 ? ANY_GROUP : characterGroup(content.charCodeAt(i - 1));
      const after = j === content.length ? ANY_GROUP : characterGroup(content.charCodeAt(j));
      // micromark-extension-gfm-strikethrough's `_open` and `_close` (those of emphasis, from the neighbours' groups).
      const open = after === OTHER_GROUP || after === ANY_GROUP || (after === PUNCTUATION_GROUP && before !== OTHER_GROUP);
      const close = before === OTHER_GROUP || before === ANY_GROUP || (before === PUNCTUATION_GROUP && after !== OTHER_GROUP);
      tildes.push(j - i, open ? 1 : 0, close ? 1 : 0);
      i = j;
    }
  };
  /**
   * micromark (GFM, single tilde on) strikes through from a run of one or two `~` that can open to the next
   * run of the same length that can close; markdown-it only pairs `~~`. Text `~` is text for both when no
   * such pair exists, unless markdown-it struck something here (the two might pair runs differently), an
   * escape or a reference could be a `~` (micromark starts a sequence after an escaped `~`), or a `*`/`_`
   * touches a `~` (with strikethrough on, micromark lets emphasis open before and close after a `~`).
   */
  const checkTildes = (src: string): void => {
    if (struck || /\\~|&#|[*_]~|~[*_]/.test(src)) throw new Fallback('tilde');
    const canOpen = [false, false, false];
    for (let k = 0; k < tildes.length; k += 3) {
      const size = tildes[k]!;
      // Three or more: micromark takes no sequence there (its tokenizer stops after two and will not start after a `~`).
      if (size > 2) continue;
      if (tildes[k + 2] === 1 && canOpen[size]) throw new Fallback('tilde');
      if (tildes[k + 1] === 1) canOpen[size] = true;
    }
  };
  const inlineOf = (children: Positioned[], src: string, map: (offset: number) => number): string => {
    starText = 0;
    bracketText = 0;
    tildes.length = 0;
    struck = false;
    backtickText = false;
    if (mayHoldLiteralAutolink(src)) literalAutolinks(children, src, map);
    const value = inlineText(children, src, map);
    if (tildes.length > 0) checkTildes(src);
    // A backtick that reached the text from a reference or an escape (`&#x60;`, `\``) opens no code span.
    // A raw one left as text is text for micromark too where no `[` is: markdown-it tries no link label
    // there, so it reads each backtick run once, left to right, its closer searched to the content's end
    // as CommonMark's is (2 posts of the site head went to micromark for an unclosed one, and micromark's
    // code was compiled in each thread for them).
    if (backtickText && src.includes('[') && rawBacktickLeft(children, src)) throw new Fallback('backtick-text');
    const decoded = (children as Positioned[] & { raw?: RawKinds }).raw;
    if (starText > (decoded?.decodedStars ?? 0) && bracketText > (decoded?.decodedBrackets ?? 0)) throw new Fallback('emphasis-around-label');
    return value;
  };
  /**
   * The GFM autolink literals micromark finds in an inline content: each is a link (mask span, source)
   * whose text is its raw characters, as markdown-it's text tokens already hold them. A literal may start
   * in raw text (or at an emphasis delimiter, which micromark tries after the literal), never after a `[`
   * that no `]` has closed yet (micromark's `previousUnbalanced`); one that would start at a delimiter
   * markdown-it matched, or run into a construct markdown-it read (the literal would have taken its
   * characters), makes the post go to micromark.
   */
  const literalAutolinks = (children: Positioned[], src: string, map: (offset: number) => number): void => {
    const kinds = (children as Positioned[] & { raw?: RawKinds }).raw;
    // 0: raw text; 1: a construct markdown-it read; 2: an emphasis delimiter it matched.
    const kind = new Uint8Array(src.length);
    if (kinds) {
      for (let k = 0; k < kinds.opaque.length; k += 2) kind.fill(1, kinds.opaque[k], kinds.opaque[k + 1]);
      for (let k = 0; k < kinds.spans.length; k += 2) kind.fill(1, kinds.spans[k], kinds.spans[k + 1]);
      for (let k = 0; k < kinds.runs.length; k += 2) {
        if (kinds.runTokens[k / 2]!.some((t) => t.type !== 'text')) kind.fill(2, kinds.runs[k], kinds.runs[k + 1]);
      }
    }
    const end = src.length;
    let open = 0;
    for (let at = 0; at < end; ) {
      const c = src.charCodeAt(at);
      if (kind[at] === 1) {
        at++;
        continue;
      }
      if (kind[at] === 0 && c === 91) open++;
      else if (kind[at] === 0 && c === 93 && open > 0) open--;
      else if (open === 0 && (isEmailAtext(c) || c === 104 || c === 72 || c === 119 || c === 87)) {
        const previous = at === 0 ? CONTENT_START : src.charCodeAt(at - 1);
        let literalEnd = -1;
        try {
          if (isEmailAtext(c) && emailMayFollow(previous)) literalEnd = emailLiteral(src, at, end);
          if (literalEnd < 0 && (c === 104 || c === 72) && protocolMayFollow(previous)) literalEnd = protocolLiteral(src, at, end);
          if (literalEnd < 0 && (c === 119 || c === 87) && wwwMayFollow(previous)) literalEnd = wwwLiteral(src, at, end);
        } catch (error) {
          if (error instanceof LiteralUndecided) throw new Fallback('autolink-literal');
          throw error;
        }
        if (literalEnd > at) {
          for (let k = at; k < literalEnd; k++) if (kind[k] !== 0) throw new Fallback('autolink-literal');
          markLink();
          ranges.push([map(at), map(literalEnd)]);
          sources.push(map(at));
          at = literalEnd;
          continue;
        }
      }
      at++;
    }
  };
  /** What a reader sees of inline tokens (see `collectBlocks`), and their mask spans if `map` is given. */
  const inlineText = (children: Positioned[], src: string, map: ((offset: number) => number) | null, quiet = 0): string => {
    let out = '';
    for (let i = 0; i < children.length; i++) {
      const token = children[i]!;
      switch (token.type) {
        case 'text':
          if (token.content.includes('~')) {
            if (!map || quiet > 0) throw new Fallback('tilde');
            tildeRuns(token.content);
          }
          // A backtick left as text: markdown-it's backtick cache can miss a code span after a failed link
          // label (`[<span>\`a\`` reads no code); unmatched ones in a content with a `[` are rare enough to
          // leave to micromark (`inlineOf`).
          if (token.content.includes('`')) {
            if (!map || quiet > 0) throw new Fallback('backtick-text');
            backtickText = true;
          }
          if (token.content.includes('*')) starText += countOf(token.content, 42);
          if (token.content.includes('[') || token.content.includes(']')) bracketText += countOf(token.content, 91) + countOf(token.content, 93);
          out += token.content;
          break;
        case 'text_special':
          // An escape or a reference in an image's alt text (core's text_join makes the others text).
          out += token.content;
          break;
        case 's_open':
          struck = true;
          break;
        case 'softbreak':
          out += '\n';
          break;
        case 'code_inline': {
          const fence = token.markup.length;
          // Over a lazy line, micromark drops the line's indentation from the code; markdown-it keeps it.
          if (inContainer && src.slice(token.s!, token.e!).includes('\n')) throw new Fallback('container-code-span');
          out += codeText(src.slice(token.s! + fence, token.e! - fence));
          if (map) ranges.push([map(token.s!), map(token.e!)]);
          break;
        }
        case 'html_inline':
          out += token.content.replace(/\n[ \t]*/g, '\n');
          if (map) ranges.push([map(token.s!), map(token.e!)]);
          break;
        case 'image': {
          const resource = src.charCodeAt(token.le! + 1) === 40 && token.e! > token.le! + 1;
          out += inlineText((token.children ?? []) as Positioned[], token.content, null, quiet + 1);
          if (resource) markLink();
          if (map) ranges.push([map(token.s!), map(token.e!)]);
          break;
        }
        case 'link_open': {
          markLink();
          const start = token.s!;
          const end = token.e!;
          if (map && quiet === 0) sources.push(map(start));
          if (token.markup === 'autolink') {
            out += src.slice(start + 1, end - 1);
            if (map) ranges.push([map(start), map(end)]);
            while (children[i]!.type !== 'link_close') i++;
            break;
          }
          if (!map) break;
          const labelStart = start + 1;
          const labelEnd = token.le!;
          const resource = src.charCodeAt(labelEnd + 1) === 40 && end > labelEnd + 1;
          const label = text.slice(map(labelStart), map(labelEnd));
          if (labelEnd <= labelStart || (resource && isAutolink(label, destinationOf(src, labelEnd + 2, end)))) {
            ranges.push([map(start), map(end)]);
          } else {
            ranges.push([map(start), map(labelStart)], [map(labelEnd), map(end)]);
          }
          break;
        }
      }
    }
    return out;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'paragraph_open': {
        const frame = open('leaf', 'paragraph', 0);
        inlineBlock(tokens[i + 1]!, token.map![0], token.map![1] - token.map![0], frame);
        close();
        i += 2;
        break;
      }
      case 'heading_open': {
        const inline = tokens[i + 1]!;
        if (token.markup[0] === '#') {
          const frame = open('leaf', 'heading', bodyStart + token.b!);
          frame.depth = token.markup.length;
          frame.end = lineEnd(token.map![0]);
          atxHeadingText(inline, frame);
        } else {
          const frame = open('leaf', 'heading', 0);
          frame.depth = token.markup[0] === '=' ? 1 : 2;
          inlineBlock(inline, token.map![0], token.map![1] - token.map![0] - 1, frame);
          // Definitions right above a setext heading are part of its content for micromark: it starts there.
          for (let j = i - 1; tokens[j]?.type === 'definition' && tokens[j]!.map![1] === (j === i - 1 ? token.map![0] : tokens[j + 1]!.map![0]); j--) {
            frame.start = bodyStart + tokens[j]!.b!;
          }
          frame.end = lineEnd(token.map![1] - 1);
        }
        close();
        i += 2;
        break;
      }
      case 'blockquote_open': {
        // A quote ends with its last line, empty `>` lines included.
        const frame = open('container', 'blockquote', bodyStart + token.b!);
        let last = token.map![1] - 1;
        while (last > token.map![0] && isBlank(lineText(last))) last--;
        frame.end = lineEnd(last);
        // A quote in a quote that a list right below closes: micromark ends it after the next line's `>`.
        if (stack.length > 1 && stack[stack.length - 2]!.type === 'blockquote') {
          let j = i + 1;
          while (j < tokens.length && !(tokens[j]!.map && tokens[j]!.map![0] >= token.map![1])) j++;
          if (tokens[j]?.type.endsWith('list_open') && tokens[j]!.map![0] === token.map![1]) throw new Fallback('micromark-quote-end');
        }
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        // A list in an item in a quote: micromark may end the item after the next line's `>` (as for quotes).
        if (stack[stack.length - 1]?.kind === 'item' && stack.some((f) => f.type === 'blockquote')) throw new Fallback('micromark-quote-end');
        // A list starting at a number other than 1 in a container opened right under a text line: micromark
        // keeps the paragraph's `interrupt` flag and reads a paragraph (`a` then `> 0. b`); markdown-it, a list.
        if (token.type === 'ordered_list_open' && stack.length > 0 && Number(token.attrGet('start') ?? 1) !== 1 && token.map![0] > 0 && !isBlank(lineText(token.map![0] - 1))) {
          throw new Fallback('micromark-interrupt');
        }
        open('list', 'listItem', 0);
        break;
      case 'list_item_open': {
        // An empty item followed by a blank line is not parsed (no content start): its marker ends the line.
        token.b ??= lineStart(token.map![0]) - bodyStart + lineText(token.map![0]).trimEnd().length - 1 - (token.info ? token.info.length : 0);
        const markerEnd = token.b + bodyStart + (token.info ? token.info.length : 0) + 1 - lineStart(token.map![0]);
        if (/^[ ]*$/.test(lineText(token.map![0]).slice(markerEnd))) {
          // A list that starts with an item that starts with a blank line: micromark does not take it
          // after indented code, nor right under other text (a definition, a paragraph a quote
          // interrupted), its `interrupt` flag still set; CommonMark (and markdown-it) does.
          const first = tokens[i - 1]!.type.endsWith('list_open');
          const under = token.map![0] > 0 && !isBlank(lineText(token.map![0] - 1));
          if (first && (sawIndentedCode || under)) throw new Fallback('micromark-empty-item');
        }
        const frame = open('item', 'listItem', bodyStart + token.b);
        // An empty item ends with its line (the marker and the spaces after it).
        frame.end = lineEnd(token.map![0]);
        break;
      }
      case 'blockquote_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
        close();
        break;
      case 'fence': {
        const start = bodyStart + token.b!;
        const [first, last] = token.map!;
        let end = lineEnd(last - 1);
        if (last - 1 === first || !closesFence(lineText(last - 1), token.markup)) {
          // Never closed: micromark runs it to the end of the document (line ending included); one
          // that a container's end closes, it ends elsewhere: micromark.
          if (last !== bodyLineCount || stack.some((f) => f.type === 'blockquote')) throw new Fallback('unclosed-fence');
          end = text.length;
        }
        ranges.push([start, end]);
        leaf('code', start, end, token.content.replace(/\n$/, ''));
        break;
      }
      case 'code_block': {
        // After a definition, CommonMark (and micromark) reads the indented line as paragraph text.
        if (tokens[i - 1]?.type === 'definition' && tokens[i - 1]!.map![1] === token.map![0]) throw new Fallback('definition-then-indented');
        sawIndentedCode = true;
        // A last line of only spaces, indented as code: micromark keeps it in the code, markdown-it does not.
        for (let line = token.map![1]; line < bodyLineCount && /^[ \t>]*$/.test(lineText(line)); line++) {
          if (/    $/.test(lineText(line))) throw new Fallback('indented-code-blank-end');
        }
        const start = bodyStart + token.b! - token.indent!;
        const end = lineEnd(token.map![1] - 1);
        ranges.push([start, end]);
        leaf('code', start, end, token.content.replace(/\n$/, ''));
        break;
      }
      case 'html_block': {
        // micromark's HTML starts with the indentation beyond the container's.
        const start = bodyStart + token.b! - token.indent!;
        const end = lineEnd(token.map![1] - 1);
        // A tag alone on its line starts HTML only before spaces and tabs; markdown-it's \s takes U+3000 too.
        if (/>\s*$/.test(lineText(token.map![0])) && /[^\S \t]\s*$/.test(lineText(token.map![0]))) throw new Fallback('unicode-space');
        // HTML that only its end condition closes (a comment, `<?`, `<!X`, CDATA, `<script`…), never closed:
        // micromark runs it to the end of the document, line endings included (as an unclosed fence).
        const closer = htmlBlockCloser(token.content);
        if (closer && !closer.test(lineText(token.map![1] - 1))) throw new Fallback('unclosed-html');
        ranges.push([start, end]);
        leaf('html', start, end, token.content.replace(/\n$/, ''));
        break;
      }
      case 'hr': {
        const start = bodyStart + token.b!;
        leaf('thematicBreak', start, lineEnd(token.map![0]), '');
        break;
      }
      case 'definition': {
        // For CommonMark a definition sits in paragraph text: a line right below it that starts no block of
        // the same container continues that text (lazily too); markdown-it ends the definition there.
        const below = token.map![1];
        const next = tokens[i + 1];
        if (below < bodyLineCount && !isBlank(lineText(below)) && (next?.map?.[0] !== below || !CAN_FOLLOW_DEFINITION.has(next.type))) {
          throw new Fallback('definition-continued');
        }
        // A destination ending in a backslash: micromark reads a title on the next line, markdown-it does not.
        if (below < bodyLineCount && !isBlank(lineText(below)) && lineText(below - 1).endsWith('\\')) throw new Fallback('definition-continued');
        const start = bodyStart + token.b!;
        const end = lineEnd(token.map![1] - 1);
        ranges.push([start, end]);
        leaf('definition', start, end, '');
        break;
      }
      case 'table_open': {
        // markdown-it tries tables before quotes and lists: GFM reads `> a | b` or `- a | b` as those first.
        if (/^(?:[><]|```|~~~|(?:[-*+]|\d{1,9}[.)]|#{1,6})(?:[ \t]|$))/.test(text.slice(bodyStart + token.b!, bodyStart + token.b! + 11))) throw new Fallback('table-block-start');
        const frame = open('leaf', 'table', bodyStart + token.b!);
        frame.end = lineEnd(token.map![1] - 1);
        // GFM takes any next line that starts no other block as a row; markdown-it wants a pipe in it.
        const after = token.map![1];
        if (after < bodyLineCount && !isBlank(lineText(after)) && !lineText(after).includes('|') && tokens[tokens.findIndex((t, j) => j > i && t.type === 'table_close') + 1]?.type === 'paragraph_open') {
          throw new Fallback('table-row-without-pipe');
        }
        const quoted = stack.some((f) => f.type === 'blockquote');
        let columns = 0;
        for (let j = i + 1; tokens[j]!.type !== 'tr_close'; j++) if (tokens[j]!.type === 'th_open') columns++;
        for (let line = token.map![0]; line < token.map![1]; line++) {
          const row = lineText(line);
          // A row with more cells than the header: GFM keeps the extra cells' text, markdown-it drops them.
          const cells = (quoted ? row.replace(/^[ \t]*(?:>[ \t]?)*/, '') : row).trim().replace(/^\|/, '').replace(/\|$/, '').split('|').length;
          if (cells > columns) throw new Fallback('table-extra-cells');
          // markdown-it lets a table's rows be lazy quote lines; raw HTML ends a GFM table, not markdown-it's.
          if (quoted && !/^[ ]*>/.test(row)) throw new Fallback('lazy-table');
          if (/^[ >]*</.test(row)) throw new Fallback('table-html');
          // markdown-it trims cells with String.trim (Unicode spaces too), micromark keeps those as text.
          if (/[^\S \t]/.test(row)) throw new Fallback('unicode-space');
        }
        let row = -1;
        let cursor = 0;
        for (i++; tokens[i]!.type !== 'table_close'; i++) {
          const cell = tokens[i]!;
          if (cell.type === 'tr_open') {
            row = cell.map![0];
            cursor = 0;
          }
          if (cell.type !== 'inline') continue;
          tableCellText(cell, row, cursor, frame, (next) => (cursor = next));
        }
        close();
        break;
      }
    }
  }

  function atxHeadingText(inline: Positioned, frame: Frame): void {
    const content = inline.content;
    if (content === '') return;
    const source = lineText(inline.map![0]);
    const after = frame.start - lineStart(inline.map![0]) + (frame.depth ?? 0);
    const at = source.indexOf(content, after);
    if (at < 0) throw new Fallback('unmapped');
    const base = lineStart(inline.map![0]) + at;
    const map = (offset: number): number => base + offset;
    frame.parts.push(inlineTextOf(inline, map));
  }

  function tableCellText(cell: Positioned, row: number, cursor: number, frame: Frame, advance: (next: number) => void): void {
    const content = cell.content;
    const source = lineText(row);
    if (source.includes('\\|')) throw new Fallback('table-escape');
    if (content === '') return;
    const at = source.indexOf(content, cursor);
    if (at < 0) throw new Fallback('unmapped');
    advance(at + content.length);
    const base = lineStart(row) + at;
    const map = (offset: number): number => base + offset;
    frame.parts.push(inlineTextOf(cell, map));
  }

  return {
    blocks: blocks.filter((b): b is Block => b !== null),
    mask: toSpans(ranges, sources),
  };
}

/** The end condition of an HTML block that starts with `content` (CommonMark kinds 1-5), or null (kinds 6-7). */
function htmlBlockCloser(content: string): RegExp | null {
  const start = content.trimStart();
  if (/^<(?:script|pre|style|textarea)(?:\s|>|$)/i.test(start)) return /<\/(?:script|pre|style|textarea)>/i;
  if (start.startsWith('<!--')) return /-->/;
  if (start.startsWith('<?')) return /\?>/;
  if (start.startsWith('<![CDATA[')) return /\]\]>/;
  if (/^<![A-Za-z]/.test(start)) return />/;
  return null;
}

/** Whether `line` closes a fence opened with `markup` (container prefixes before it are `>` and spaces). */
function closesFence(line: string, markup: string): boolean {
  const match = /^[ >]*(`{3,}|~{3,})[ ]*$/.exec(line);
  return match !== null && match[1]![0] === markup[0] && match[1]!.length >= markup.length;
}

/**
 * micromark's code span text: the content (indentation beyond the container's kept), one padding space (or line ending) stripped from each side when both sides have one and it is not all
 * spaces.
 */
function codeText(value: string): string {
  const pad = (code: number): boolean => code === 32 || code === 10;
  if (value.length > 2 && pad(value.charCodeAt(0)) && pad(value.charCodeAt(value.length - 1)) && /[^ \n]/.test(value)) {
    return value.slice(1, -1);
  }
  return value;
}

/** The decoded destination of an inline link whose `(` ends at `from`, as micromark's `decodeString` gives it. */
function destinationOf(src: string, from: number, end: number): string {
  let at = from;
  while (at < end && /[ \t\n]/.test(src[at]!)) at++;
  if (src[at] === '<') {
    const close = src.indexOf('>', at + 1);
    return decodeDestination(src.slice(at + 1, close < 0 ? at + 1 : close));
  }
  const result = parser!.helpers.parseLinkDestination(src, at, end);
  return result.ok ? result.str : '';
}

function decodeDestination(raw: string): string {
  return parser!.utils.unescapeAll(raw);
}
