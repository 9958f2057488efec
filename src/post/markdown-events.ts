import { parse, postprocess, preprocess } from 'micromark';
import type { Event, Extension } from 'micromark-util-types';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

/**
 * micromark's event stream: the same tokenizer (and extensions, in the same order) as remark-parse with
 * remark-frontmatter and remark-gfm, stopping before the mdast compiler. Every rule works on blocks and a
 * prose mask, both read straight from these events (`blocks.ts`, `mask.ts`); building the whole
 * mdast tree first cost a fifth of the parse and most of its garbage.
 */
export type MarkdownEvent = Event;

const GFM_EXTENSIONS: Extension[] = [frontmatter(['yaml', 'toml']), gfm()];
const COMMONMARK_EXTENSIONS: Extension[] = [frontmatter(['yaml', 'toml'])];

export function markdownEvents(text: string, options: { gfm: boolean }): MarkdownEvent[] {
  const extensions = options.gfm ? GFM_EXTENSIONS : COMMONMARK_EXTENSIONS;
  return postprocess(parse({ extensions }).document().write(preprocess()(text, undefined, true)));
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
