import type { Nodes, Root } from 'mdast';
import { decodeString } from 'micromark-util-decode-string';
import type { MarkdownEvent } from './markdown-events.js';

/**
 * The post text with everything that is not prose blanked out (same length, so offsets stay file
 * offsets): inline code, code blocks, HTML, images, link destinations and titles, autolinked URLs,
 * footnote references. Numbers in them are never claims.
 *
 * Also returns where the sources are: links (their whole span) and footnote references, by offset.
 */
export interface MaskedText {
  text: string;
  /** Start offsets of links, link references and footnote references (sorted). */
  sources: number[];
}

/** What to blank, as merged [start, end) offset pairs, and the sources: all a post keeps of its mask. */
export interface MaskSpans {
  ranges: Int32Array;
  sources: number[];
}

/**
 * The masked text of a post from the spans the parser kept (`post.mask`). Made on demand: a checked corpus
 * keeps offsets, not a second copy of every post.
 */
export function maskedText(post: { text: string; mask: MaskSpans }): MaskedText {
  return applyMask(post.text, post.mask);
}

export function maskMarkdown(text: string, tree: Root): MaskedText {
  const ranges: [number, number][] = [];
  const sources: number[] = [];
  const visit = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    // remark-frontmatter's TOML block: mdast-util-frontmatter adds the node type, @types/mdast does not name it.
    if ((node.type as string) === 'toml') {
      ranges.push([start, end]);
      return;
    }
    switch (node.type) {
      case 'inlineCode':
      case 'code':
      case 'html':
      case 'image':
      case 'imageReference':
      case 'definition':
      case 'yaml':
        ranges.push([start, end]);
        return;
      case 'footnoteReference':
        ranges.push([start, end]);
        sources.push(start);
        return;
      case 'footnoteDefinition':
        // A definition is the source itself; its numbers (dates, page numbers) are not claims.
        ranges.push([start, end]);
        return;
      case 'link':
      case 'linkReference': {
        sources.push(start);
        const children = node.children;
        const first = children[0]?.position?.start.offset;
        const last = children[children.length - 1]?.position?.end.offset;
        const autolink = node.type === 'link' && (first === undefined || isAutolink(text.slice(first, last), node.url));
        if (autolink || first === undefined || last === undefined) {
          ranges.push([start, end]);
          return;
        }
        // Keep the link text ([20% faster]), blank the brackets and the destination.
        ranges.push([start, first], [last, end]);
        for (const child of children) visit(child);
        return;
      }
      default:
        if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
    }
  };
  visit(tree);
  return applyMask(text, toSpans(ranges, sources));
}

/** Inline and flow tokens whose whole span is never prose. */
const MASKED_TOKENS = new Set(['codeText', 'codeFenced', 'codeIndented', 'htmlFlow', 'htmlText', 'image', 'definition', 'yaml', 'toml', 'gfmFootnoteCall', 'gfmFootnoteDefinition', 'autolink', 'literalAutolink']);

export function maskSpansFromEvents(text: string, events: MarkdownEvent[]): MaskSpans {
  const ranges: [number, number][] = [];
  const sources: number[] = [];
  let quiet = 0;
  const links: { start: number; image: boolean; resource: boolean; url: string; label: [number, number] | null }[] = [];
  for (const [kind, token] of events) {
    const type: string = token.type;
    const start = token.start.offset;
    const end = token.end.offset;
    if (kind === 'enter') {
      if (MASKED_TOKENS.has(type)) ranges.push([start, end]);
      switch (type) {
        case 'link':
        case 'image':
          links.push({ start, image: type === 'image', resource: false, url: '', label: null });
          if (type === 'link' && quiet === 0) sources.push(start);
          if (type === 'image') quiet++;
          break;
        case 'gfmFootnoteDefinition':
          quiet++;
          break;
        case 'autolink':
        case 'literalAutolink':
        case 'gfmFootnoteCall':
          if (quiet === 0) sources.push(start);
          break;
        case 'labelText': {
          const link = links[links.length - 1];
          if (link && link.label === null) link.label = [start, end];
          break;
        }
        case 'resource':
          if (links.length > 0) links[links.length - 1]!.resource = true;
          break;
        case 'resourceDestinationString':
          if (links.length > 0) links[links.length - 1]!.url = decodeString(text.slice(start, end));
          break;
      }
      continue;
    }
    if (type === 'gfmFootnoteDefinition') quiet--;
    if (type !== 'link' && type !== 'image') continue;
    const link = links.pop()!;
    if (link.image) {
      quiet--;
      continue;
    }
    const label = link.label && link.label[1] > link.label[0] ? link.label : null;
    if (label === null || (link.resource && isAutolink(text.slice(label[0], label[1]), link.url))) ranges.push([start, end]);
    else ranges.push([start, label[0]], [label[1], end]);
  }
  return toSpans(ranges, sources);
}

/** Sorts and merges the ranges (overlapping or nested ones become one), sorts the sources. */
export function toSpans(ranges: [number, number][], sources: number[]): MaskSpans {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [start, end] of ranges) {
    const last = merged.length - 1;
    if (last > 0 && start <= merged[last]!) merged[last] = Math.max(merged[last]!, end);
    else if (end > start) merged.push(start, end);
  }
  sources.sort((a, b) => a - b);
  return { ranges: Int32Array.from(merged), sources };
}

function applyMask(text: string, { ranges, sources }: MaskSpans): MaskedText {
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const start = ranges[i]!;
    const end = ranges[i + 1]!;
    parts.push(text.slice(at, start), blank(text.slice(start, end)));
    at = end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), sources };
}

export function isAutolink(label: string, url: string): boolean {
  return url === label || url === `mailto:${label}` || url === `http://${label}` || /^(https?:\/\/|www\.)/i.test(label);
}

/**
 * Spaces for everything but line breaks, so lines and offsets are unchanged. A run of spaces per line: a
 * regex replacing each character was 47 ms of a one-thread check of the site head (two passes).
 */
export function blank(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      out += ' '.repeat(i - from) + text[i];
      from = i + 1;
    }
  }
  return out + ' '.repeat(text.length - from);
}
