import type { Config } from '../config/schema.js';
import type { Block, Post } from '../post/post.js';
import { markerPattern, stripMarkers } from '../text/markers.js';
import { inLiquidCode } from './liquid.js';
import { endsSentence } from '../text/sentence.js';

// Links, images, autolinks and bare URLs; each pattern is linear (no nested quantifiers).
const LINKS = /!?\[[^\]\n]*\]\([^)\n]*\)|!?\[[^\]\n]*\]\[[^\]\n]*\]|<[a-z][a-z0-9+.-]*:[^>\s]*>|https?:\/\/\S+/giu;
const WORD = /[\p{L}\p{N}]/u;
const BOLD_ONLY = /^(?:\*\*|__)[^\n]*(?:\*\*|__)[:：]?$/u;
const LIQUID = /^\{[%{]|[%}]\}$/u;
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]+\]:/u;
const SENTENCE_END = /[.!?](?=\s)|[。！？]/gu;
const LIST_SEPARATORS = /[,、，]/gu;

/**
 * What the truncation rules ask about a block, answered once per (block, config): split-paragraph,
 * unbalanced-brackets, unfinished-paragraph and post-ends-mid-sentence all walk the same paragraphs.
 */
interface BlockAnswers {
  config: Config;
  text?: string;
  prose?: boolean;
  unfinished?: boolean;
}
const answers = new WeakMap<Block, BlockAnswers>();

function answersFor(block: Block, config: Config): BlockAnswers {
  let entry = answers.get(block);
  if (!entry || entry.config !== config) answers.set(block, (entry = { config }));
  return entry;
}

/** The paragraph's text with generation markers removed, trimmed. */
export function proseText(block: Block, config: Config): string {
  const entry = answersFor(block, config);
  return (entry.text ??= stripMarkers(block.text, markerPattern(config.truncation.markers)).trim());
}

/**
 * A top-level paragraph of running text: not a link-only line, not a bold-only pseudo-heading, not a
 * Liquid tag, not empty once markers are removed. Headings, list items, tables, code and HTML are other
 * block types and never qualify.
 */
export function isProse(post: Post, block: Block, config: Config): boolean {
  const entry = answersFor(block, config);
  return (entry.prose ??= computeIsProse(post, block, config));
}

function computeIsProse(post: Post, block: Block, config: Config): boolean {
  if (block.type !== 'paragraph' || block.ancestors.length > 0) return false;
  const source = block.source.trim();
  if (BOLD_ONLY.test(source) && !source.includes('\n')) return false;
  if (LIQUID.test(source)) return false;
  if (source.split('\n').every((line) => LINK_DEFINITION.test(line))) return false;
  if (inLiquidCode(post, block.line, block.endLine)) return false;
  if (block.hasLink && !WORD.test(source.replace(LINKS, ''))) return false;
  return proseText(block, config) !== '';
}

/** True when the paragraph's last character cannot end a sentence in the post's language. */
export function isUnfinished(post: Post, block: Block, config: Config): boolean {
  const entry = answersFor(block, config);
  return (entry.unfinished ??= computeIsUnfinished(post, block, config));
}

function computeIsUnfinished(post: Post, block: Block, config: Config): boolean {
  const text = proseText(block, config);
  if (text === '') return false;
  // The last line may be a bold pseudo-heading glued under the text, or a link line: judge the last line
  // of running text only when the last source line is plain text.
  const lastSource = block.source.trimEnd().split('\n').pop()!.trim();
  if (BOLD_ONLY.test(lastSource) || LIQUID.test(lastSource)) return false;
  // Ends with a link or an image: where the link text ends is no sentence end to judge.
  if (block.hasLink && /[)>\]]$/u.test(lastSource)) return false;
  if (endsSentence(text, post.language)) return false;
  // A run of names or items ("…, Alice, Bob, and Carol"): a list written as a paragraph.
  const lastEnd = lastIndexOf(text, SENTENCE_END);
  if ((text.slice(lastEnd + 1).match(LIST_SEPARATORS)?.length ?? 0) >= 4) return false;
  // English sign-off on its own last line ("Happy Jekyllin'") under a finished sentence.
  if (post.language === 'en') {
    const lines = text.split('\n');
    const before = lines.slice(0, -1).join('\n');
    if (lines.length > 1 && lastSource.split(/\s+/u).length <= 3 && endsSentence(before, 'en')) return false;
  }
  return !endsSentence(text, post.language);
}

function lastIndexOf(text: string, pattern: RegExp): number {
  let last = -1;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) last = m.index;
  return last;
}

const contentCache = new WeakMap<Post, { config: Config; blocks: Block[] }>();

/** Top-level blocks of the body in order, generation-marker-only paragraphs left out (cached per post). */
export function contentBlocks(post: Post, config: Config): Block[] {
  const cached = contentCache.get(post);
  if (cached && cached.config === config) return cached.blocks;
  const markers = markerPattern(config.truncation.markers);
  const blocks = post.blocks.filter(
    (b) => b.ancestors.length === 0 && !(b.type === 'paragraph' && stripMarkers(b.text, markers).trim() === ''),
  );
  contentCache.set(post, { config, blocks });
  return blocks;
}
