import { parse, postprocess, preprocess } from 'micromark';
import type { Event, Extension } from 'micromark-util-types';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

/**
 * micromark's event stream: the same tokenizer (and extensions, in the same order) as remark-parse with
 * remark-frontmatter and remark-gfm, stopping before the mdast compiler. Every rule works on blocks and a
 * prose mask, both read straight from these events (`blocks.ts`, `mask.ts`); building the whole
 * mdast tree first cost a fifth of the parse and most of its garbage.
 */
export type MarkdownEvent = Event;

/**
 * The GFM constructs (micromark-extension-gfm is these five, in this order), each with the characters it
 * cannot do without. A construct whose characters a post does not contain cannot change how it parses, so
 * the tokenizer runs without it: most posts have no table, footnote or bare URL, and GFM's autolink
 * literal alone tries every letter of a post as the start of an email address.
 */
const GFM_CONSTRUCTS: { name: GfmConstruct; extension: () => Extension; occurs: (text: string) => boolean }[] = [
  // `www.`, `http://`, `https://` (case-insensitive) or an email's `@`.
  { name: 'autolinkLiteral', extension: gfmAutolinkLiteral, occurs: (t) => t.includes('@') || /www\.|https?:\/\//i.test(t) },
  // A call or a definition both start with `[^`.
  { name: 'footnote', extension: gfmFootnote, occurs: (t) => t.includes('[^') },
  { name: 'strikethrough', extension: gfmStrikethrough, occurs: (t) => t.includes('~') },
  // A table's delimiter row has a pipe, or an alignment colon next to a dash (`a` over `:-` is a table).
  { name: 'table', extension: gfmTable, occurs: (t) => t.includes('|') || /:-|-:/.test(t) },
  // `[ ]`, `[x]`, `[X]` (a tab or a line ending also reads as unchecked).
  { name: 'taskListItem', extension: gfmTaskListItem, occurs: (t) => /\[(?:[\t xX]|\r?\n|\r)\]/.test(t) },
];

export type GfmConstruct = 'autolinkLiteral' | 'footnote' | 'strikethrough' | 'table' | 'taskListItem';

/** A set of GFM constructs as a bit mask (bit i = GFM_CONSTRUCTS[i]). */
export type GfmSyntax = number;
export const ALL_GFM: GfmSyntax = (1 << GFM_CONSTRUCTS.length) - 1;
export const NO_GFM: GfmSyntax = 0;

/** The GFM constructs that can occur in `text`: a scan for the characters each one needs. */
export function gfmSyntaxIn(text: string): GfmSyntax {
  let syntax = 0;
  GFM_CONSTRUCTS.forEach((construct, bit) => {
    if (construct.occurs(text)) syntax |= 1 << bit;
  });
  return syntax;
}

export function gfmConstructNames(syntax: GfmSyntax): GfmConstruct[] {
  return GFM_CONSTRUCTS.filter((_, bit) => syntax & (1 << bit)).map((c) => c.name);
}

// One extension list per set of constructs, made when first needed (at most 32).
const extensionSets = new Map<GfmSyntax, Extension[]>();
function extensionsFor(syntax: GfmSyntax): Extension[] {
  let extensions = extensionSets.get(syntax);
  if (!extensions) {
    extensions = [frontmatter(['yaml', 'toml']), ...GFM_CONSTRUCTS.filter((_, bit) => syntax & (1 << bit)).map((c) => c.extension())];
    extensionSets.set(syntax, extensions);
  }
  return extensions;
}

/** The events of `text` with front matter and the given GFM constructs (default: those that can occur in it). */
export function markdownEvents(text: string, syntax: GfmSyntax = gfmSyntaxIn(text)): MarkdownEvent[] {
  return postprocess(parse({ extensions: extensionsFor(syntax) }).document().write(preprocess()(text, undefined, true)));
}

// Tokens that may trail a list item before the next item (or the list's end) and are not part of it.
const ITEM_TRAILING = new Set([
  'lineEnding',
  'lineEndingBlank',
  'linePrefix',
  'blockQuotePrefix',
  'blockQuotePrefixWhitespace',
  'blockQuoteMarker',
  'listItemIndent',
]);

/**
 * Where a list item ends, given the event that ends it (the next item's prefix, or the list's exit):
 * before the line endings and prefixes that trail its content, like mdast-util-from-markdown's
 * `prepareList` (so positions agree with the mdast tree remark would build).
 */
export function listItemEnd(events: MarkdownEvent[], boundary: number): { offset: number; line: number } {
  let lineEnding = -1;
  for (let i = boundary - 1; i >= 0; i--) {
    const [kind, token] = events[i]!;
    if (token.type === 'lineEnding' || token.type === 'lineEndingBlank') {
      if (kind === 'enter') lineEnding = i;
    } else if (!ITEM_TRAILING.has(token.type)) break;
  }
  const point = lineEnding >= 0 ? events[lineEnding]![1].start : events[boundary]![1].end;
  return { offset: point.offset, line: point.line };
}
