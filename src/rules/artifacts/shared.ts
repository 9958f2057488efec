import type { Block, Post } from '../../post/post.js';

/**
 * Prose blocks a reader sees as the post's own words: paragraphs and headings, not quoted (a quote of a
 * chatbot's answer is the author's choice) and not code.
 */
export function proseBlocks(post: Post): Block[] {
  return post.blocks.filter(
    (b) => (b.type === 'paragraph' || b.type === 'heading') && !b.ancestors.includes('blockquote') && !b.ancestors.includes('footnoteDefinition'),
  );
}

/** Offset ranges of code blocks and inline code spans of the body, sorted, for "is this inside code". */
export function codeRanges(post: Post): [number, number][] {
  const ranges: [number, number][] = [];
  for (const b of post.blocks) {
    if (b.type === 'code' || b.type === 'html') ranges.push([b.startOffset, b.endOffset]);
  }
  for (const b of post.blocks) {
    if (b.type !== 'paragraph' && b.type !== 'heading' && b.type !== 'table') continue;
    for (const [start, end] of codeSpans(b.source)) ranges.push([b.startOffset + start, b.startOffset + end]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Inline code spans of a Markdown source (CommonMark: a backtick run closed by a run of equal length). */
export function codeSpans(source: string): [number, number][] {
  const spans: [number, number][] = [];
  const runs = [...source.matchAll(/(?<!\\)`+/gu)];
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]!;
    const close = runs.slice(i + 1).findIndex((r) => r[0].length === open[0].length);
    if (close < 0) continue;
    const end = runs[i + 1 + close]!;
    spans.push([open.index, end.index + end[0].length]);
    i = i + 1 + close;
  }
  return spans;
}

export function insideRanges(ranges: readonly [number, number][], offset: number): boolean {
  for (const [start, end] of ranges) {
    if (start > offset) return false;
    if (offset < end) return true;
  }
  return false;
}

/** A short excerpt for messages. */
export function clip(text: string, max = 50): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
