import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { defuseHostileMarkup } from './defuse.js';
import { MAX_GFM_LINE } from './parse.js';
import type { Post } from './post.js';

// Apart from `parse.ts`: remark and its ~80 modules load only where a tree is wanted (tests), not on
// every start of the CLI.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);
const commonmarkProcessor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);

/**
 * The mdast tree of a post, built on demand from the same text and extensions the parser read: no rule
 * needs one (they work on the blocks, the lines and the claims mask read from micromark's events, so
 * checking a corpus builds no tree: a fifth of the parse, and most of the garbage collector's time); tests
 * hold the blocks and the mask equal to what the tree gives.
 */
export function markdownTree(post: Post): Root {
  const parser = post.lines.longestLine().length > MAX_GFM_LINE ? commonmarkProcessor : processor;
  try {
    return parser.parse(defuseHostileMarkup(post.text).text);
  } catch {
    return { type: 'root', children: [] };
  }
}
