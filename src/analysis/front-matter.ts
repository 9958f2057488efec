/**
 * What the title and excerpt rules share: the string values, the body lines a title may come from, and
 * ONE suggested replacement per line. Every title rule that fires on the title line offers the same fix
 * (and likewise for the excerpt), so the fixes never fight and a second `--fix` finds nothing to change.
 */
import { OUTPUT_LABEL } from '../text/markers.js';
import { foldMarks } from '../text/normalize.js';
import type { Corpus } from './corpus/corpus.js';
import { firstBodyLine } from '../post/front-matter-source.js';
import type { SiteContext } from './site/context.js';
import type { FrontMatterOptions } from '../config/front-matter.js';
import { memoKey } from '../core/memo.js';
import type { Block, FrontMatterEntry, Post } from '../post/post.js';
import { getEntry, renderEntryLine } from '../post/front-matter.js';
import { findUnbalancedBracket, type BracketProblem } from '../text/brackets.js';
import { endsSentence, splitSentences } from '../text/sentence.js';
import type { Fix } from '../core/finding.js';
import { hasCjk } from '../core/language.js';
import { tokenizeJapanese } from '../text/japanese.js';

/** A string front-matter value with its entry, or null when absent / not a string. */
export function stringEntry(post: Post, key: string): { entry: FrontMatterEntry; value: string } | null {
  const entry = getEntry(post.frontMatter, key);
  if (!entry || typeof entry.value !== 'string') return null;
  return { entry, value: entry.value };
}

/** The fix replacing an entry's lines with `key: value` (quoting style kept). */
export function entryFix(post: Post, entry: FrontMatterEntry, value: string | number): Fix {
  return { line: entry.line, endLine: entry.endLine, replacement: renderEntryLine(post.lines, entry, value) };
}

const LEADING_MARKDOWN = /^(?:#{1,6}(?=[^#]|$)|\*\*|__|`|>\s)/;

/** True when a title starts with Markdown that front matter never renders (`# `, `**`, a backtick). */
export function hasLeadingMarkdown(text: string): boolean {
  return LEADING_MARKDOWN.test(text.trimStart());
}

/** Removes heading marks, emphasis markers and backticks that a title or excerpt must not carry. */
export function stripInlineMarkdown(text: string): string {
  let out = text.trim().replace(/^(?:>\s*)?#{1,6}[ \t]*/, '');
  out = out.replace(/\*\*|__/g, '').replace(/`/g, '');
  // A label the generator left in front of the real text ("タイトル: …", "Title: …").
  out = out.replace(OUTPUT_LABEL, '');
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Comparison form: NFKC, no voiced-sound marks (this blog's pipeline drops dakuten from some titles),
 * no Markdown marks, one space, lower case. Spaces are kept so Latin word boundaries survive.
 */
export function comparable(text: string): string {
  return foldMarks(text)
    .replace(/[*_`]/g, '')
    .replace(/^#+\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * `comparable(text).slice(0, max)`, folding only a prefix of a long text (a collapsed article is one
 * paragraph of 50,000 characters; its key is 200). `comparable` is prefix-stable at a cut (`isCut`: an
 * ASCII space or line feed, a kana, a CJK ideograph): cut there, the prefix's result begins the whole
 * text's. Each step keeps that: the fold (NFKC, marks off) is per character, and for a text that may
 * combine ICU's normalisation, which nothing composes or reorders across a cut (class 0, composed with no
 * preceding character); dropping `*_\`` is per character; `^#+\s*` stops inside the prefix whenever the
 * prefix's result is not empty; a run of whitespace before the cut becomes the one space the prefix lost to
 * `trim`; lower-casing looks at the following characters only for a final sigma, and only past
 * case-ignorable ones, which a cut (folded) is not, nor cased. So a prefix whose result has `max`
 * characters gives the answer; a text with no such cut is folded whole.
 */
export function comparablePrefix(text: string, max: number): string {
  for (let from = Math.max(4 * max, 256); from < text.length; from *= 4) {
    const cut = cutFrom(text, from);
    if (cut < 0) break;
    const key = comparable(text.slice(0, cut));
    if (key.length >= max) return key.slice(0, max);
  }
  return comparable(text).slice(0, max);
}

/**
 * The comparison form of the text up to its first cut at or after `min` characters (`whole`: of all of
 * it, when there is none), which `comparable(text)` begins with: what a caller looking for a few known
 * keys folds first, folding the rest only when one of them begins with it.
 */
export function comparableStart(text: string, min: number): { text: string; whole: boolean } {
  const cut = min < text.length ? cutFrom(text, min) : -1;
  return cut < 0 ? { text: comparable(text), whole: true } : { text: comparable(text.slice(0, cut)), whole: false };
}

/**
 * Whether `comparable` is prefix-stable before this code unit (see `comparablePrefix`): a space, a line
 * feed, a hiragana or katakana letter (not the prolonged sound or iteration marks, which are case-ignorable),
 * a CJK unified ideograph.
 */
function isCut(c: number): boolean {
  return c === 32 || c === 10 || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa) || (c >= 0x4e00 && c <= 0x9fff);
}

/** The first cut at or after `from`, -1 when none. */
function cutFrom(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (isCut(text.charCodeAt(i))) return i;
  return -1;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Plain one-line text of a block (soft line breaks joined). */
export function blockPlainText(block: Block): string {
  return joinLines(block.text);
}

function joinLines(text: string): string {
  // A line break between two CJK characters is no space in Japanese; elsewhere it is one.
  return text
    .replace(/([\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])[ \t]*\r?\n[ \t]*(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A body line a title may have been cut from. */
export interface TitleSource {
  text: string;
  line: number;
  /** A Markdown heading, or a short one-line first paragraph that reads as one. */
  headingLike: boolean;
}

const MAX_HEADING_LIKE = 120;

/** A one-line paragraph that reads as a title: short, one sentence or a question plus a phrase, no 。 inside. */
function readsAsHeading(text: string): boolean {
  if (text.length > MAX_HEADING_LIKE || /。(?!$)/u.test(text)) return false;
  // An English line ending with a full stop is a sentence, not a heading.
  return hasCjk(text) || !/\.$/u.test(text);
}

/** The first heading near the top and the first line of the body, in document order. */
export function titleSources(post: Post): TitleSource[] {
  const top = post.blocks.filter((b) => b.ancestors.length === 0 && b.type !== 'html' && b.type !== 'thematicBreak');
  const sources: TitleSource[] = [];
  const first = top[0];
  if (first && (first.type === 'paragraph' || first.type === 'heading')) {
    const firstLine = post.lines.line(first.line);
    const text = stripInlineMarkdown(first.type === 'heading' ? first.text : firstLineOfText(first.text, firstLine));
    if (text) {
      const headingLike = first.type === 'heading' || (first.line === first.endLine && readsAsHeading(text));
      sources.push({ text, line: first.line, headingLike });
    }
  }
  const heading = top.slice(0, 5).find((b) => b.type === 'heading');
  if (heading && heading !== first) {
    const text = stripInlineMarkdown(heading.text);
    if (text) sources.push({ text, line: heading.line, headingLike: true });
  }
  return sources;
}

function firstLineOfText(text: string, sourceLine: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.trim() === '' ? sourceLine : line;
}

export interface PrefixMatch {
  source: TitleSource;
  /** The text continues inside a word right after the cut. */
  midWord: boolean;
  /** The cut falls between words but inside a phrase: the short text ends on a particle or a comma. */
  midPhrase: boolean;
  /** The cut falls where the source's clause goes on after a comma (`NiCEとCognigy` / `NiCEとCognigy、その…`). */
  atComma: boolean;
}

/**
 * `short` is a strict prefix of `source` (after normalisation). A few missing characters are
 * tolerated (greedy subsequence, one linear pass) because the blog's pipeline drops some kana.
 * Where the cut falls is decided on the source's own words: Latin text by its letters, Japanese text by
 * the morphological analyser (`Vim 7.4a ベータ版リリース` / `…ベータ版がリリースされました。` cuts between
 * リリース and された: a word boundary).
 */
export function prefixOf(short: string, source: TitleSource, foldWhole = false): PrefixMatch | null {
  const a = comparable(short);
  const maxSkips = Math.max(1, Math.floor(a.length * 0.1));
  // Nothing below reads `b` past `a.length + maxSkips` (the end of the longest match), nor asks more of its
  // length than whether it goes past there: the source is folded that far and two characters more (see
  // `comparableWithOrigin`). The first line of a post is often a long paragraph (on the large corpus, the
  // fold of whole first lines was 174 ms of the 305 ms of the title analysis). `foldWhole`: the whole
  // source, for the test that holds the two together.
  const { text: b, origin } = comparableWithOrigin(source.text, foldWhole ? Infinity : a.length + maxSkips + 2);
  if (a.length < 4 || b.length <= a.length) return null;
  let end: number;
  if (b.startsWith(a)) end = a.length;
  else {
    // Same first 3 characters, every character of `a` found in order, few skipped.
    if (b.slice(0, 3) !== a.slice(0, 3)) return null;
    let j = 0;
    let skips = 0;
    for (let i = 0; i < a.length; i++) {
      while (j < b.length && b[j] !== a[i]) {
        j++;
        if (++skips > maxSkips) return null;
      }
      if (j >= b.length) return null;
      j++;
    }
    end = j;
    if (end >= b.length) return null;
  }
  const last = a[a.length - 1]!;
  const next = b[end]!;
  const midWord = WORD_CHAR.test(last) && WORD_CHAR.test(next) && cutsWord(source.text, origin[end]!, last, next);
  const midPhrase = !midWord && endsInPhrase(short);
  return { source, midWord, midPhrase, atComma: !midWord && !midPhrase && /^[、，,]/u.test(next) };
}

/**
 * Splits a word: two Latin letters or digits always join; next to kana or kanji (where a letter stands on
 * both sides of almost every cut) only when the cut is no morpheme boundary of the source.
 */
function cutsWord(source: string, at: number, before: string, after: string): boolean {
  if (!hasCjk(before) && !hasCjk(after)) return true;
  const morphemes = tokenizeJapanese(source.slice(0, Math.min(source.length, at + 40)));
  if (!morphemes) return false;
  return !morphemes.some((m) => m.start === at);
}

// Particles a title may end on (`…について`, `AIとは`, `新時代へ`); any other particle leaves the phrase open.
const TITLE_FINAL_PARTICLES = new Set(['へ', 'とは', 'って', 'か', 'かな', 'ね', 'よ', 'まで', 'など']);

/** A title that stops on `、`, a comma, `…` or a particle that needs its phrase (`…進化の`, `…が`). */
function endsInPhrase(title: string): boolean {
  const text = title.trim();
  if (/[、，,…]$|\.\.\.$/u.test(text)) return true;
  // Every particle ends in one of these kana: anything else needs no analysis (and loads no dictionary).
  if (!/[のがをはにでとやもへかよねなてばしりら]$/u.test(text)) return false;
  const morphemes = tokenizeJapanese(text.slice(-40));
  const last = morphemes?.at(-1);
  if (!last || last.pos !== '助詞' || last.surface.length > 2) return false;
  const before = morphemes!.at(-2);
  if (TITLE_FINAL_PARTICLES.has(last.surface) || (last.surface === 'は' && before?.surface === 'と')) return false;
  return last.posDetail !== '終助詞';
}

/**
 * `comparable(text)` with, for each of its characters, the offset in `text` it comes from (one pass, one
 * character at a time: NFKC, voiced marks and Markdown marks dropped, spaces collapsed, lower case).
 * Stops once it has `atLeast` characters (and returns them, none trimmed): the whole fold then has at least
 * `atLeast - 1`, and its first `atLeast - 1` are these. Characters are only appended, a space never after a
 * space, so the final trim takes at most the last character of the whole fold.
 */
function comparableWithOrigin(text: string, atLeast = Infinity): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  let i = 0;
  const body = text.replace(/^#+\s*/u, '');
  const shift = text.length - body.length;
  for (const char of body) {
    if (out.length >= atLeast) return { text: out, origin };
    const mapped = foldedCharacter(char);
    for (const unit of mapped) {
      if (unit === ' ' && (out === '' || out.endsWith(' '))) continue;
      out += unit;
      for (let k = 0; k < unit.length; k++) origin.push(shift + i);
    }
    i += char.length;
  }
  while (out.endsWith(' ')) {
    out = out.slice(0, -1);
    origin.pop();
  }
  origin.push(text.length);
  return { text: out, origin };
}

/** What one character of a title source becomes in `comparableWithOrigin`, as it was worked out for it. */
function foldCharacter(char: string): string {
  return char
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u3099\u309a]/gu, '')
    .normalize('NFC')
    .replace(/[*_`]/gu, '')
    .replace(/\s+/gu, ' ')
    .toLowerCase();
}

/**
 * `foldCharacter`, kept per character: four normalisations, three replacements and a case map cost ~1 µs a
 * character, and a site's titles and first lines use a few thousand characters again and again. The cap
 * bounds what a hostile text of many distinct characters can make it hold (those past it are folded anew).
 */
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 20_000;
function foldedCharacter(char: string): string {
  let mapped = FOLDED.get(char);
  if (mapped === undefined) {
    mapped = foldCharacter(char);
    if (FOLDED.size < MAX_FOLDED) FOLDED.set(char, mapped);
  }
  return mapped;
}

/** Japanese text that ends where no word can end: a small tsu, or a connector waiting for more. */
export function endsInsideWord(text: string): boolean {
  return /[ッっ]$|[、，,：:（(「『\-–—・＆&／/]$/u.test(text.trim());
}

export interface TitleAnalysis {
  entry: FrontMatterEntry;
  value: string;
  leadingMarkdown: boolean;
  stripped: string;
  truncatedFrom: PrefixMatch | null;
  /** Ends where no word can end (or inside a character), though no body line shows the rest. */
  endsCut: boolean;
  cutInCharacter: boolean;
  unbalanced: BracketProblem | null;
  /** The one replacement value every title rule offers, or null. */
  suggestion: string | null;
}

const TITLE = memoKey<TitleAnalysis | null>('title');

export function analyzeTitle(post: Post): TitleAnalysis | null {
  return post.memo.get(TITLE, [], () => computeTitle(post));
}

function computeTitle(post: Post): TitleAnalysis | null {
  const title = stringEntry(post, 'title');
  if (!title || title.value.trim() === '') return null;
  const { entry, value } = title;
  const leadingMarkdown = hasLeadingMarkdown(value);
  const stripped = leadingMarkdown ? stripInlineMarkdown(value) : value.trim();
  const sources = titleSources(post);
  // A title cut by bytes ends in U+FFFD (half a UTF-8 character): compare without it.
  const core = stripped.replace(/\uFFFD+$/u, '');
  const cutInCharacter = core !== stripped;

  let truncatedFrom: PrefixMatch | null = null;
  for (const source of sources) {
    const match = prefixOf(core, source);
    if (!match || findUnbalancedBracket(source.text) !== null) continue;
    if (cutInCharacter) match.midWord = true;
    // A cut inside a word or a phrase proves it, and a heading that goes on after a comma where the title
    // stops makes it likely; a shorter title that ends between phrases (`最近追加された機能` /
    // `最近追加された機能について説明します。`) is a title of its own.
    if (match.midWord || match.midPhrase || (match.atComma && source.headingLike)) {
      truncatedFrom = match;
      break;
    }
  }
  const unbalanced = findUnbalancedBracket(stripped);
  const endsCut = !truncatedFrom && (cutInCharacter || endsInsideWord(stripped));
  // A broken title (unbalanced, cut inside a character or after a connector) that starts like the
  // heading-like first line was made from it: that line is the obvious fix.
  let brokenFix: string | null = null;
  if ((unbalanced || endsCut) && !truncatedFrom?.source.headingLike) {
    const a = comparable(core);
    for (const source of sources) {
      if (!source.headingLike || findUnbalancedBracket(source.text) !== null || source.text.includes('\uFFFD')) continue;
      const b = comparable(source.text);
      let common = 0;
      while (common < a.length && common < b.length && a[common] === b[common]) common++;
      if (common >= 5 && (!unbalanced || common > unbalanced.offset)) {
        brokenFix = source.text;
        break;
      }
    }
  }
  const fromSource = truncatedFrom?.source.headingLike ? truncatedFrom.source.text : null;
  const suggestion = fromSource ?? brokenFix ?? (leadingMarkdown && stripped ? stripped : null);
  return {
    entry,
    value,
    leadingMarkdown,
    stripped,
    truncatedFrom,
    endsCut,
    cutInCharacter,
    unbalanced,
    suggestion: suggestion !== null && suggestion !== value ? suggestion : null,
  };
}

export function titleFix(post: Post, analysis: TitleAnalysis): Fix | undefined {
  return analysis.suggestion === null ? undefined : entryFix(post, analysis.entry, analysis.suggestion);
}

// ---------------------------------------------------------------------------------------------------
// Excerpt

export interface ExcerptAnalysis {
  entry: FrontMatterEntry;
  value: string;
  template: string | null;
  equalsTitle: boolean;
  markdown: boolean;
  /** The full sentence of the body the excerpt was cut from. */
  truncatedFrom: { text: string; line: number } | null;
  suggestion: string | null;
}

const EXCERPT = memoKey<ExcerptAnalysis | null>('excerpt');

/** The settings the excerpt analysis reads: `frontMatter.excerptTemplates`. */
export type ExcerptOptions = Pick<FrontMatterOptions, 'excerptTemplates'>;

export function analyzeExcerpt(post: Post, options: ExcerptOptions): ExcerptAnalysis | null {
  return post.memo.get(EXCERPT, [options.excerptTemplates], () => computeExcerpt(post, options));
}

const EXCERPT_MARKDOWN = /\*\*|__|`|^\s*#{1,6}\s|\s#{1,6}\s/;

export function matchTemplate(value: string, templates: readonly string[]): string | null {
  for (const template of templates) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(template, 'u');
    } catch {
      continue;
    }
    if (pattern.test(value)) return template;
  }
  return null;
}

function computeExcerpt(post: Post, options: ExcerptOptions): ExcerptAnalysis | null {
  const excerpt = stringEntry(post, 'excerpt');
  if (!excerpt || excerpt.value.trim() === '') return null;
  const { entry, value } = excerpt;
  const title = analyzeTitle(post);
  const template = matchTemplate(value, options.excerptTemplates);
  const equalsTitle = title !== null && comparable(stripInlineMarkdown(value)) === comparable(title.stripped);
  const markdown = EXCERPT_MARKDOWN.test(value);
  const truncatedFrom = template || equalsTitle ? null : findExcerptSource(post, stripInlineMarkdown(value));

  let suggestion: string | null = null;
  if (template || equalsTitle) suggestion = bodyExcerpt(post, title);
  else if (truncatedFrom) suggestion = truncatedFrom.text;
  else if (markdown) suggestion = stripInlineMarkdown(value) || null;
  return {
    entry,
    value,
    template,
    equalsTitle,
    markdown,
    truncatedFrom,
    suggestion: suggestion !== null && suggestion !== value ? suggestion : null,
  };
}

export function excerptFix(post: Post, analysis: ExcerptAnalysis): Fix | undefined {
  return analysis.suggestion === null ? undefined : entryFix(post, analysis.entry, analysis.suggestion);
}

const MIN_EXCERPT = 40;

/** Paragraphs of the body a reader sees first (top level, not a list, quote or code). */
function bodyParagraphs(post: Post): Block[] {
  return post.blocks.filter((b) => b.type === 'paragraph' && b.ancestors.length === 0);
}

/**
 * The first sentence(s) of the body that are not the title: skips the title line, the line the title
 * fix comes from and one-line paragraphs that read as headings. Stops once it has MIN_EXCERPT
 * characters, at a sentence end.
 */
export function bodyExcerpt(post: Post, title: TitleAnalysis | null): string | null {
  const avoid = new Set<string>();
  if (title) {
    avoid.add(comparable(title.stripped));
    if (title.suggestion) avoid.add(comparable(title.suggestion));
  }
  const sources = titleSources(post);
  const skipLines = new Set(sources.filter((s) => s.headingLike).map((s) => s.line));
  for (const block of bodyParagraphs(post).slice(0, 12)) {
    if (skipLines.has(block.line)) continue;
    const text = blockPlainText(block);
    if (text === '' || avoid.has(comparable(text))) continue;
    if (block.line === block.endLine && !endsSentence(text, post.language) && text.length <= MAX_HEADING_LIKE) continue;
    if (/^[#*_>|-]/.test(text)) continue;
    let out = '';
    for (const sentence of splitSentences(text)) {
      if (avoid.has(comparable(sentence))) continue;
      out = joinSentence(out, sentence, post.language);
      if (out.length >= MIN_EXCERPT) break;
    }
    const plain = stripInlineMarkdown(out);
    if (plain.length >= 10 && endsSentence(plain, post.language)) return plain;
  }
  return null;
}

function joinSentence(a: string, b: string, language: string): string {
  if (a === '') return b;
  return language === 'ja' && /[。！？」』）]$/u.test(a) ? a + b : `${a} ${b}`;
}

/** Characters past an excerpt's length a paragraph's prefix is folded to (folding drops marks and spaces). */
const EXCERPT_FOLD_MARGIN = 64;

/**
 * The excerpt is the start of a body paragraph cut where the paragraph goes on inside a word or
 * sentence: returns the sentence(s) of that paragraph that cover it (exported for its test).
 */
export function findExcerptSource(post: Post, excerpt: string, foldWhole = false): { text: string; line: number } | null {
  const trimmed = excerpt.trim();
  if (trimmed.length < 8 || endsSentence(trimmed, post.language) || /(?:…|\.\.\.|‥)$/u.test(trimmed)) return null;
  const a = comparable(trimmed);
  for (const block of bodyParagraphs(post).slice(0, 20)) {
    const text = blockPlainText(block);
    // Only `b`'s first `a.length + 1` characters are read before a paragraph is taken: a prefix of the
    // paragraph is folded first (`comparableStart`: `comparable(text)` begins with it), the whole only when
    // that prefix is too short to tell. Most paragraphs do not begin with the excerpt, and were folded whole
    // (up to 20 per post with an excerpt). `foldWhole`: every paragraph whole, for the test that holds the two together.
    const start = foldWhole ? null : comparableStart(text, a.length + EXCERPT_FOLD_MARGIN);
    const b = start === null || start.whole || start.text.length <= a.length ? comparable(text) : start.text;
    if (b.length <= a.length || !b.startsWith(a)) continue;
    if (!(WORD_CHAR.test(a[a.length - 1]!) && WORD_CHAR.test(b[a.length]!))) return null;
    let out = '';
    for (const sentence of splitSentences(text)) {
      out = joinSentence(out, sentence, post.language);
      if (comparable(out).length >= a.length && comparable(out).startsWith(a)) break;
    }
    const plain = stripInlineMarkdown(out);
    return comparable(plain).startsWith(a) && comparable(plain).length > a.length ? { text: plain, line: block.line } : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The body's headline, for the title rules that replace a title no prefix relation explains

/**
 * The post's own headline: its first block when that is a heading, or a one-line paragraph that reads as
 * one (generators often open with the headline as plain text). Null when the post opens otherwise.
 */
export function bodyHeadline(post: Post): TitleSource | null {
  const first = titleSources(post)[0];
  const top = post.blocks.find((b) => b.ancestors.length === 0 && b.type !== 'html' && b.type !== 'thematicBreak');
  return first && top && first.line === top.line && first.headingLike ? first : null;
}

/**
 * The one title fix every title rule offers: the shared suggestion when there is one, else `fallback`
 * (a title rule's own proposal) unless it equals the title.
 */
export function titleFixOr(post: Post, analysis: TitleAnalysis, fallback: string | null): Fix | undefined {
  if (analysis.suggestion !== null) return entryFix(post, analysis.entry, analysis.suggestion);
  if (fallback === null || fallback.trim() === '' || fallback === analysis.value) return undefined;
  return entryFix(post, analysis.entry, fallback);
}

/** What the cross-post front-matter rules read of every post of the site. */
export interface SiteEntry {
  title?: string;
  excerpt?: string;
  /** The body's first line (`firstBodyLine`), when known. */
  headline?: string;
}

const SITE_ENTRIES = memoKey<SiteEntry[]>('site front matter');

/**
 * Every post of the site as the cross-post front-matter rules see it: the corpus's posts, or, when the
 * caller knows the site and it has more (the CLI run on a few files of a clone holds only those as parsed
 * posts; the index has the rest as features), every post the site has (`site.posts[]`, the checked ones at
 * their checked version). Read once per corpus and site.
 */
export function siteEntries(corpus: Corpus, site: SiteContext | undefined): SiteEntry[] {
  return corpus.memo.get(SITE_ENTRIES, [corpus.size, site], () => {
    const own: SiteEntry[] = [];
    for (const { title, excerpt, headline } of corpus.summaries()) {
      const entry: SiteEntry = {};
      if (title !== undefined) entry.title = title;
      if (excerpt !== undefined) entry.excerpt = excerpt;
      if (headline !== undefined) entry.headline = headline;
      own.push(entry);
    }
    if (!site || site.posts.length <= own.length) return own;
    return site.posts.map((p) => {
      const entry: SiteEntry = {};
      if (p.meta.title !== undefined) entry.title = p.meta.title;
      if (p.meta.excerpt !== undefined) entry.excerpt = p.meta.excerpt;
      if (p.headline !== undefined) entry.headline = p.headline;
      return entry;
    });
  });
}
