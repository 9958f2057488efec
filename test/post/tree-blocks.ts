/** The reference for `collectBlocks`: the same blocks read from the mdast tree remark builds (the old way). */
import type { Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { LineIndex } from '../../src/post/line-index.js';
import type { Block, BlockType } from '../../src/post/post.js';

const LEAF_TYPES = new Set<string>(['paragraph', 'heading', 'code', 'html', 'table', 'thematicBreak', 'definition']);
// Containers whose children are also blocks of their own; the container itself is a block too, so a
// repeated quote or footnote compares whole, and its paragraphs compare one by one.
const CONTAINER_TYPES = new Set<string>(['blockquote', 'listItem', 'footnoteDefinition']);

/**
 * Flattens the Markdown tree into blocks in document order, each with its exact line range. A list
 * item is one block (its text is what a reader sees as one entry); paragraphs nested in it are not
 * repeated as blocks of their own, so a list item never duplicates its own paragraph.
 */
export function collectTreeBlocks(tree: Root, text: string, lines: LineIndex): Block[] {
  const blocks: Block[] = [];
  const visit = (node: RootContent, ancestors: BlockType[]): void => {
    if (node.type === 'yaml' || !node.position) return;
    if (node.type === 'list') {
      for (const child of node.children) visit(child, ancestors);
      return;
    }
    if (LEAF_TYPES.has(node.type) || CONTAINER_TYPES.has(node.type)) {
      const start = node.position.start.offset ?? lines.startOf(node.position.start.line);
      const end = node.position.end.offset ?? lines.endOf(node.position.end.line);
      const block: Block = {
        index: blocks.length,
        type: node.type as BlockType,
        line: node.position.start.line,
        endLine: node.position.end.line,
        startOffset: start,
        endOffset: end,
        source: text.slice(start, end),
        text: node.type === 'code' || node.type === 'html' ? node.value : toString(node),
        hasLink: containsLink(node),
        ancestors,
      };
      if (node.type === 'heading') block.depth = node.depth;
      blocks.push(block);
      if (node.type === 'blockquote' || node.type === 'footnoteDefinition') {
        for (const child of node.children) visit(child, [...ancestors, node.type]);
      }
    }
  };
  for (const child of tree.children) visit(child, []);
  return blocks;
}

function containsLink(node: Nodes): boolean {
  if (node.type === 'link' || node.type === 'linkReference' || node.type === 'footnoteReference' || node.type === 'image') {
    return true;
  }
  return 'children' in node && (node.children as Nodes[]).some(containsLink);
}
