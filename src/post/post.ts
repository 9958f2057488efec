import type { Language } from '../core/finding.js';
import type { Memo } from '../core/memo.js';
import type { LineIndex } from './line-index.js';
import type { MaskSpans } from './mask.js';

/** One key of the front matter with the exact place of its value in the file. */
export interface FrontMatterEntry {
  key: string;
  /** The parsed value (YAML 1.2 core schema: dates stay strings, so their time zone is kept). */
  value: unknown;
  /** 1-based line of the key. */
  line: number;
  /** 1-based last line of the value (multi-line lists, block scalars). */
  endLine: number;
  /** Offsets of the value's source in `Post.text` (UTF-16 units, half-open). */
  valueStart: number;
  valueEnd: number;
  /** The value exactly as written, quotes included. */
  valueSource: string;
  /** The syntax of the block it sits in, so a fix writes the value in the same syntax. */
  format: FrontMatterFormat;
}

/** YAML between `---` lines (Jekyll, Hugo, Astro), TOML between `+++` (Hugo, Zola), a JSON object (Hugo). */
export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

export interface FrontMatter {
  format: FrontMatterFormat;
  /** Lines of the opening and closing fence (`---`, `+++`; for JSON the lines of `{` and of its `}`). */
  startLine: number;
  endLine: number;
  /** Offset of the first character after the opening fence line, and of the closing fence (JSON: the object's own span). */
  sourceStart: number;
  sourceEnd: number;
  entries: FrontMatterEntry[];
  /** Plain object of all values, for rules that only need a value. */
  data: Record<string, unknown>;
}

export type BlockType =
  | 'paragraph'
  | 'heading'
  | 'listItem'
  | 'blockquote'
  | 'code'
  | 'html'
  | 'table'
  | 'thematicBreak'
  | 'definition'
  | 'footnoteDefinition';

/** A Markdown block with its exact line range: the unit of the duplication and truncation rules. */
export interface Block {
  index: number;
  type: BlockType;
  line: number;
  endLine: number;
  startOffset: number;
  endOffset: number;
  /** Exact source of the block. */
  source: string;
  /** Its plain text (Markdown syntax removed). */
  text: string;
  /** Heading depth. */
  depth?: number;
  /** True when the block holds a link, a footnote reference or an image. */
  hasLink: boolean;
  /** The blocks it sits in (e.g. a paragraph inside a blockquote has ['blockquote']). */
  ancestors: BlockType[];
}

/** A problem found while reading the file; the `post/parse` rule reports each as a finding. */
export interface ParseProblem {
  kind: 'invalid-utf8' | 'binary' | 'empty' | 'no-front-matter' | 'unterminated-front-matter' | 'yaml' | 'too-large' | 'markup-flood' | 'long-line';
  line: number;
  endLine?: number;
  message: string;
}

export interface Post {
  path: string;
  /** File content, BOM removed (line and column numbers do not change). */
  text: string;
  hasBom: boolean;
  eol: '\n' | '\r\n';
  lines: LineIndex;
  language: Language;
  frontMatter: FrontMatter | null;
  /** First line of the body (after the front matter). */
  bodyLine: number;
  blocks: Block[];
  /** What the claims rules must not read as prose (code, URLs, HTML…) and where the sources are. */
  mask: MaskSpans;
  problems: ParseProblem[];
  /** The shared analyses of this post (title, prose, duplication, claims…), worked out once and dropped with it. */
  readonly memo: Memo;
}
