import { memoKey } from '../core/memo.js';
import type { Block, Post } from '../post/post.js';

const PROSE_BLOCKS = memoKey<readonly Block[]>('prose blocks');
const CODE_RANGES = memoKey<readonly [number, number][]>('code ranges');

/**
 * Prose blocks a reader sees as the post's own words: paragraphs and headings, not quoted (a quote of a
 * chatbot's answer is the author's choice) and not code. Listed once per post (six rules and the
 * post's summary read them).
 */
export function proseBlocks(post: Post): readonly Block[] {
  return post.memo.get(PROSE_BLOCKS, [], () =>
    post.blocks.filter(
      (b) => (b.type === 'paragraph' || b.type === 'heading') && !b.ancestors.includes('blockquote') && !b.ancestors.includes('footnoteDefinition'),
    ),
  );
}

/**
 * Offset ranges of code blocks and inline code spans of the body, sorted, for "is this inside code".
 * Worked out once per post (three rules ask).
 */
export function codeRanges(post: Post): readonly [number, number][] {
  return post.memo.get(CODE_RANGES, [], () => computeCodeRanges(post));
}

function computeCodeRanges(post: Post): [number, number][] {
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

/**
 * Inline code spans of a Markdown source (CommonMark: a backtick run closed by the next run of equal
 * length). Linear: each run's next run of the same length is found in one backward pass.
 */
export function codeSpans(source: string): [number, number][] {
  if (!source.includes('`')) return []; // no backtick run, no span (most paragraphs)
  const runs = [...source.matchAll(/(?<!\\)`+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const next = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const length = runs[i]!.end - runs[i]!.start;
    next[i] = lastOfLength.get(length) ?? -1;
    lastOfLength.set(length, i);
  }
  const spans: [number, number][] = [];
  for (let i = 0; i < runs.length; i++) {
    const close = next[i]!;
    if (close < 0) continue;
    spans.push([runs[i]!.start, runs[close]!.end]);
    i = close;
  }
  return spans;
}

/** True when `offset` lies in one of the sorted, non-overlapping `ranges` (binary search). */
export function insideRanges(ranges: readonly [number, number][], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid]!;
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** A short excerpt for messages. */
export function clip(text: string, max = 50): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
