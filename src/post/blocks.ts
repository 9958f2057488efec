import { decodeString } from 'micromark-util-decode-string';
import { listItemEnd, type MarkdownEvent } from './markdown-events.js';
import type { Block, BlockType } from './post.js';

const LEAF_TOKENS: Record<string, BlockType> = {
  paragraph: 'paragraph',
  atxHeading: 'heading',
  setextHeading: 'heading',
  codeFenced: 'code',
  codeIndented: 'code',
  htmlFlow: 'html',
  table: 'table',
  thematicBreak: 'thematicBreak',
  definition: 'definition',
};
// Containers whose children are also blocks of their own; the container itself is a block too, so a
// repeated quote or footnote compares whole, and its paragraphs compare one by one.
const CONTAINER_TOKENS: Record<string, BlockType> = { blockQuote: 'blockquote', gfmFootnoteDefinition: 'footnoteDefinition' };
/** Inline tokens whose source is text a reader sees (escapes and references are decoded separately). */
const TEXT_TOKENS = new Set([
  'data',
  'codeTextData',
  'codeFlowValue',
  'htmlFlowData',
  'htmlTextData',
  'characterEscapeValue',
  'autolinkProtocol',
  'autolinkEmail',
  'literalAutolinkHttp',
  'literalAutolinkWww',
  'literalAutolinkEmail',
]);
/** Tokens whose content is no text: link destinations and titles, reference labels, fences' info. */
const HIDDEN_TOKENS = new Set([
  'resource',
  'reference',
  'definition',
  'codeFencedFence',
  'gfmFootnoteCall',
  'gfmFootnoteDefinitionLabel',
  'taskListCheck',
]);
/** Leaves whose line endings are part of their text (a table's are not). */
const MULTILINE = new Set<BlockType>(['paragraph', 'heading', 'code', 'html']);

/**
 * A token's text. A tab that list or code indentation splits becomes spaces (what remark reads, through
 * micromark's `sliceSerialize`); everywhere else the token is a plain slice of the source.
 */
function textOf([, token, context]: MarkdownEvent, parsed: string): string {
  const { offset: start } = token.start;
  const end = token.end.offset;
  if (parsed.charCodeAt(start - 1) !== 9 && !parsed.slice(start, end).includes('\t')) return parsed.slice(start, end);
  return context.sliceSerialize(token);
}

/**
 * The line break a `lineEnding` token starts with. Its end offset is not always the break's end: after a
 * code span that never closed (">`" then ">a"), micromark ends it past the next line's `>` prefix, where
 * remark (reading the token through its chunks) sees the break alone.
 */
function lineBreakAt(parsed: string, offset: number): string {
  const code = parsed.charCodeAt(offset);
  if (code === 13) return parsed.charCodeAt(offset + 1) === 10 ? '\r\n' : '\r';
  return code === 10 ? '\n' : '';
}

interface Frame {
  kind: 'leaf' | 'container' | 'list' | 'item';
  type: BlockType;
  token: string;
  /** Slot in the block list (blocks are listed in document order, a container before its children). */
  slot: number;
  parts: string[];
  hasLink: boolean;
  ancestors: BlockType[];
  depth?: number;
}

/**
 * Flattens the Markdown into blocks in document order, each with its exact line range and the text a
 * reader sees (what `mdast-util-to-string` gives for the node remark would build: escapes and entities
 * decoded, code and HTML as their values, image alt text, no link destinations). A list item is one
 * block (its text is what a reader sees as one entry); paragraphs nested in it are not repeated as blocks
 * of their own, so a list item never duplicates its own paragraph.
 *
 * `parsed` is the text the events were made from (`text` with hostile markup defused, same length);
 * `source` slices come from `text`.
 */
export function collectBlocks(events: MarkdownEvent[], parsed: string, text: string): Block[] {
  const blocks: (Block | null)[] = [];
  const stack: Frame[] = [];
  let hidden = 0;
  let atHardBreak = false;
  let setextSlurp = false;
  // GFM drops the space after a task list check (`- [x] done` reads "done").
  let afterTaskCheck = false;
  // Open links and images: an image counts as a link only with a destination of its own.
  const links: { image: boolean; resource: boolean }[] = [];

  const inBlock = (): boolean => stack.every((f) => f.kind === 'container' || f.kind === 'list');
  const ancestorsOf = (): BlockType[] => stack.filter((f) => f.kind === 'container').map((f) => f.type);
  const append = (value: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.parts.push(value);
  };
  const markLink = (): void => {
    for (const frame of stack) frame.hasLink = true;
  };
  const open = (kind: Frame['kind'], type: BlockType, token: string): Frame => {
    const emits = kind !== 'list' && inBlock();
    const frame: Frame = { kind, type, token, slot: emits ? blocks.length : -1, parts: [], hasLink: false, ancestors: emits ? ancestorsOf() : [] };
    if (emits) blocks.push(null);
    stack.push(frame);
    return frame;
  };
  const close = (start: { offset: number; line: number }, end: { offset: number; line: number }): void => {
    const frame = stack.pop()!;
    let value = frame.parts.join('');
    if (frame.token === 'codeFenced') value = value.replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '');
    else if (frame.token === 'codeIndented') value = value.replace(/(\r?\n|\r)$/g, '');
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.parts.push(value);
      if (frame.hasLink) parent.hasLink = true;
    }
    if (frame.slot < 0) return;
    const block: Block = {
      index: frame.slot,
      type: frame.type,
      line: start.line,
      endLine: end.line,
      startOffset: start.offset,
      endOffset: end.offset,
      source: text.slice(start.offset, end.offset),
      text: value,
      hasLink: frame.hasLink,
      ancestors: frame.ancestors,
    };
    if (frame.depth !== undefined) block.depth = frame.depth;
    blocks[frame.slot] = block;
  };
  // Start points of the open items and containers, by frame.
  const starts = new Map<Frame, { offset: number; line: number }>();
  const closeItem = (boundary: number): void => {
    const item = stack[stack.length - 1]!;
    close(starts.get(item)!, listItemEnd(events, boundary));
  };

  for (let i = 0; i < events.length; i++) {
    const [kind, token] = events[i]!;
    const type: string = token.type;
    if (kind === 'enter') {
      if (hidden > 0) {
        if (HIDDEN_TOKENS.has(type)) hidden++;
        continue;
      }
      const leaf = LEAF_TOKENS[type];
      if (leaf) {
        const frame = open('leaf', leaf, type);
        starts.set(frame, { offset: token.start.offset, line: token.start.line });
        if (type === 'definition') hidden++;
        continue;
      }
      const container = CONTAINER_TOKENS[type];
      if (container) {
        starts.set(open('container', container, type), { offset: token.start.offset, line: token.start.line });
        continue;
      }
      switch (type) {
        case 'listOrdered':
        case 'listUnordered':
          open('list', 'listItem', type);
          break;
        case 'listItemPrefix':
          if (stack[stack.length - 1]?.kind === 'item') closeItem(i);
          starts.set(open('item', 'listItem', type), { offset: token.start.offset, line: token.start.line });
          break;
        case 'lineEnding': {
          if (atHardBreak) {
            atHardBreak = false;
            break;
          }
          const top = stack[stack.length - 1];
          if (top?.kind === 'leaf' && MULTILINE.has(top.type) && !setextSlurp) append(lineBreakAt(parsed, token.start.offset));
          break;
        }
        case 'characterReference':
          append(decodeString(parsed.slice(token.start.offset, token.end.offset)));
          break;
        case 'link':
        case 'image':
          links.push({ image: type === 'image', resource: false });
          if (type === 'link') markLink();
          break;
        case 'resource':
          if (links.length > 0) links[links.length - 1]!.resource = true;
          hidden++;
          break;
        case 'autolink':
        case 'literalAutolink':
        case 'gfmFootnoteCall':
          markLink();
          if (type === 'gfmFootnoteCall') hidden++;
          break;
        default:
          if (TEXT_TOKENS.has(type)) {
            const value = textOf(events[i]!, parsed);
            append(afterTaskCheck && type === 'data' ? value.slice(1) : value);
          } else if (HIDDEN_TOKENS.has(type)) hidden++;
      }
      afterTaskCheck = false;
      continue;
    }
    // exit
    if (hidden > 0 && HIDDEN_TOKENS.has(type)) {
      hidden--;
      afterTaskCheck = type === 'taskListCheck';
      if (type !== 'definition') continue;
    }
    if (hidden > 0) continue;
    if (LEAF_TOKENS[type] || CONTAINER_TOKENS[type]) {
      const frame = stack[stack.length - 1]!;
      close(starts.get(frame)!, { offset: token.end.offset, line: token.end.line });
      starts.delete(frame);
      if (type === 'setextHeading') setextSlurp = false;
      continue;
    }
    switch (type) {
      case 'listOrdered':
      case 'listUnordered':
        if (stack[stack.length - 1]?.kind === 'item') closeItem(i);
        close({ offset: token.start.offset, line: token.start.line }, { offset: token.end.offset, line: token.end.line });
        break;
      case 'atxHeadingSequence': {
        const top = stack[stack.length - 1]!;
        top.depth ??= token.end.offset - token.start.offset;
        break;
      }
      case 'setextHeadingLineSequence':
        stack[stack.length - 1]!.depth = parsed.charCodeAt(token.start.offset) === 61 ? 1 : 2;
        break;
      case 'setextHeadingText':
        setextSlurp = true;
        break;
      case 'hardBreakEscape':
      case 'hardBreakTrailing':
        atHardBreak = true;
        break;
      case 'link':
      case 'image': {
        const link = links.pop();
        if (link?.image && link.resource) markLink();
        break;
      }
    }
  }
  return blocks.filter((b): b is Block => b !== null);
}
