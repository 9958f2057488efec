import type { Block, Post } from '../../post/post.js';
import type { LineIndex } from '../../post/line-index.js';
import { memoKey } from '../../core/memo.js';
import { normalizeForComparison } from '../../text/normalize.js';
import { figureBound, readFigures, isSpecification, isStatistic, isUnitPrice, valueKey, type NumericExpression } from './extract.js';
import { blank } from '../../post/mask.js';
import { foldWidth } from './width.js';

export type ClaimPlace = 'title' | 'excerpt' | 'body';

/** A piece of the post whose numbers are read: a front-matter value or a prose block. */
export interface ScannedUnit {
  index: number;
  place: ClaimPlace;
  /** Front-matter key (title, excerpt, description…) for the front-matter places. */
  key?: string;
  block?: Block;
  line: number;
  endLine: number;
  start: number;
  end: number;
  /** A link or footnote reference is in the unit (see `hasSource`). */
  linked: boolean;
  /** Whether the unit's text has a citation phrase, once `hasSource` asked (undefined before). */
  cited: boolean | undefined;
  /** A top-level paragraph: a footnote-placeholder fix may append a definition after it. */
  topLevelParagraph: boolean;
  /** The unit's text as scanned: same length as the file span, code/URLs/markers blanked. */
  source: string;
  /** `source` folded by `foldWidth` (same length): what the figures are read from. */
  folded: string;
}

export interface Claim extends NumericExpression {
  place: ClaimPlace;
  unitIndex: number;
  /** File offsets (half-open) and the exact 1-based position; `endColumn` is exclusive. */
  offset: number;
  endOffset: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** A statistic of the world (`isStatistic`), not a specification or a price. */
  statistic: boolean;
  /** A specification of a named thing (`isSpecification`) or a price list entry (`isUnitPrice`). */
  specification: boolean;
  /** Up to 32 characters before / 24 after on the same line, width-folded, emphasis marks removed. */
  before: string;
  after: string;
}

export interface PostClaims {
  claims: Claim[];
  units: ScannedUnit[];
  /** Some link, footnote or citation anywhere in the body. */
  hasSourceAnywhere: boolean;
  /** Line of the first figure not read because the post has more than MAX_CLAIMS_PER_POST. */
  cappedAtLine?: number;
}

/**
 * Figures read per post. The most in a real post (1,176 blog posts and clean-en) is 170; a hostile post
 * of figures alone (200,000 in 1 MB) would cost seconds in every claims rule, so reading stops here.
 */
export const MAX_CLAIMS_PER_POST = 2000;

const FRONT_MATTER_PLACES: Record<string, ClaimPlace> = {
  title: 'title',
  excerpt: 'excerpt',
  description: 'excerpt',
  summary: 'excerpt',
  subtitle: 'excerpt',
};
const SCANNED_BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'table']);
// Attribution without a link still names where a figure comes from.
// No `i`/`u` flag: a case-insensitive Unicode regex is ten times slower on Japanese text.
const CITATION = /によると|によれば|出典|出所|引用元|参照元|調べ[）)]|[Aa]ccording to|[Ss]ources?:|[Cc]ited (?:in|by)|[Rr]eported by|[Dd]ata from/;
const LINE_MARKERS = /^[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])(?=[ \t])/gm;
const EMPHASIS = /[*_~]/g;
/** `text` without `*`, `_`, `~` (most figures have none around them: no copy then). */
const withoutEmphasis = (text: string): string => (text.includes('*') || text.includes('_') || text.includes('~') ? text.replace(EMPHASIS, '') : text);

const CLAIMS = memoKey<PostClaims>('claims');

/** The claims of a post, computed once per post and shared by every claims rule. */
export function claimsOf(post: Post): PostClaims {
  return post.memo.get(CLAIMS, [], () => {
    try {
      return computeClaims(post);
    } catch {
      // Rules never throw on bad input; a post the reader cannot walk has no claims.
      return { claims: [], units: [], hasSourceAnywhere: false };
    }
  });
}

/**
 * The percentages of the body among `claimsOf(post).claims` (what a figure phrase is made of: the first
 * pass's summary needs nothing else), with less work while the claims are not worked out: only the units
 * where `figureBound` sees a percentage are read, and no unit is tested for a citation (on the site head,
 * 2,456 of 96,041 units, 7% of their text). Exact when the units not read cannot carry the post past
 * MAX_CLAIMS_PER_POST (their figures are at most `figureBound`'s count); else the claims are worked out.
 */
export function bodyPercentClaims(post: Post): Claim[] {
  const isBodyPercent = (c: Claim) => c.kind === 'percent' && c.place === 'body';
  const known = post.memo.peek(CLAIMS, []);
  if (known) return known.claims.filter(isBodyPercent);
  let read: PostClaims | null = null;
  try {
    read = computeClaims(post, true);
  } catch {
    // As `claimsOf`, which catches the same error.
  }
  return (read ?? claimsOf(post)).claims.filter(isBodyPercent);
}

/**
 * The claims of the post; with `percentOnly`, those of the units where a percentage can be read (the other
 * units' indexes kept), or null when that could differ from the full claims (see `bodyPercentClaims`).
 */
function computeClaims(post: Post): PostClaims;
function computeClaims(post: Post, percentOnly: boolean): PostClaims | null;
function computeClaims(post: Post, percentOnly = false): PostClaims | null {
  const { text, lines } = post;
  const { ranges, sources } = post.mask;
  const units: ScannedUnit[] = [];
  const claims: Claim[] = [];
  let cappedAtLine: number | undefined;
  let unitCount = 0;
  /** `percentOnly`: the most figures the units not read can have, and where the last body unit ended. */
  let unread = 0;
  let scannedTo = -1;

  const scan = (unit: ScannedUnit): void => {
    units.push(unit);
    if (cappedAtLine !== undefined) unit.folded = foldWidth(unit.source);
    else cappedAtLine = readUnitClaims(unit, claims, lines);
  };

  for (const entry of post.frontMatter?.entries ?? []) {
    const place = FRONT_MATTER_PLACES[entry.key.toLowerCase()];
    if (!place || typeof entry.value !== 'string') continue;
    scan({
        index: unitCount++,
        place,
        key: entry.key,
        block: undefined, // every unit has every field, in one order: one object shape for V8
        line: entry.line,
        endLine: entry.endLine,
        start: entry.valueStart,
        end: entry.valueEnd,
        linked: false,
        cited: false,
        topLevelParagraph: false,
        source: entry.valueSource,
        folded: '', // set by scan
      });
  }

  let sourceAt = 0;
  let hasSourceAnywhere = false;
  for (const block of post.blocks) {
    if (!SCANNED_BLOCKS.has(block.type) || block.ancestors.includes('footnoteDefinition')) continue;
    if (percentOnly) {
      // A character in two units would be read twice, and counted once by the bound.
      if (block.startOffset < scannedTo) return null;
      scannedTo = block.endOffset;
      const bound = maskedFigureBound(text, ranges, block.startOffset, block.endOffset);
      if (!bound.percent) {
        unread += bound.max;
        unitCount++;
        continue;
      }
    }
    let source = maskedSlice(text, ranges, block.startOffset, block.endOffset);
    if (block.type === 'listItem' || block.ancestors.length > 0) source = source.replace(LINE_MARKERS, (m) => ' '.repeat(m.length));
    source = blankTemplateTags(source);
    let linked = false;
    if (!percentOnly) {
      while (sourceAt < sources.length && sources[sourceAt]! < block.startOffset) sourceAt++;
      linked = sourceAt < sources.length && sources[sourceAt]! < block.endOffset;
      if (linked) hasSourceAnywhere = true;
    }
    scan({
        index: unitCount++,
        place: 'body',
        key: undefined, // as in the front matter's units: one object shape
        block,
        line: block.line,
        endLine: block.endLine,
        start: block.startOffset,
        end: block.endOffset,
        linked,
        // The first pass asks for no source: none is looked for.
        cited: percentOnly ? false : undefined,
        topLevelParagraph: block.type === 'paragraph' && block.ancestors.length === 0,
        source,
        folded: '', // set by scan
      });
  }
  if (percentOnly) return cappedAtLine === undefined && claims.length + unread <= MAX_CLAIMS_PER_POST ? { claims, units, hasSourceAnywhere } : null;
  // A post with no link asks its units for a citation phrase until one has it.
  if (!hasSourceAnywhere) hasSourceAnywhere = units.some((unit) => unit.place === 'body' && hasSource(unit));
  // Footnote definitions and link definitions anywhere count as sources of the post.
  if (!hasSourceAnywhere) hasSourceAnywhere = post.blocks.some((b) => b.type === 'footnoteDefinition' || b.type === 'definition');

  return cappedAtLine === undefined ? { claims, units, hasSourceAnywhere } : { claims, units, hasSourceAnywhere, cappedAtLine };
}

/**
 * `maskedText(post).text.slice(start, end)` from the post's text and its masked spans (`post.mask.ranges`:
 * sorted, disjoint, not touching, as `toSpans` makes them), without masking the whole post: a pass built
 * the masked copy of every post (19.6 M characters on the site head, twice a check), where 120 of the
 * site head's 96,041 units hold a masked span. A unit that holds none is a slice of the post's text.
 */
export function maskedSlice(text: string, ranges: Int32Array, start: number, end: number): string {
  let k = firstRangeEndingAfter(ranges, start);
  if (k === ranges.length || ranges[k]! >= end) return text.slice(start, end);
  let out = '';
  let at = start;
  for (; k < ranges.length && ranges[k]! < end; k += 2) {
    const from = Math.max(ranges[k]!, start);
    const to = Math.min(ranges[k + 1]!, end);
    out += text.slice(at, from) + blank(text.slice(from, to));
    at = to;
  }
  return out + text.slice(at, end);
}

/** The index (even) of the first range of `ranges` (start, end pairs, sorted, disjoint) that ends after `at`; `ranges.length` if none. */
function firstRangeEndingAfter(ranges: Int32Array, at: number): number {
  let lo = 0;
  let hi = ranges.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[2 * mid + 1]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}

/**
 * Characters past a block's end `figureBound` may read: `percentUnitAt` at its last character reads up to
 * three more (`パーセント`, `per cent`).
 */
const BOUND_LOOKAHEAD = 4;

/** `figureBound(maskedText(post).text, start, end)`, the masked text made only around a span that holds a masked one. */
export function maskedFigureBound(text: string, ranges: Int32Array, start: number, end: number): { max: number; percent: boolean } {
  const readTo = Math.min(text.length, end + BOUND_LOOKAHEAD);
  const k = firstRangeEndingAfter(ranges, start);
  if (k === ranges.length || ranges[k]! >= readTo) return figureBound(text, start, end);
  return figureBound(maskedSlice(text, ranges, start, readTo), 0, end - start);
}

/**
 * A link, footnote reference or citation phrase ("according to", によると, 出典) is in the unit. The phrase is
 * looked for when first asked: claims/unsourced asks only for the units near a statistic, and a post with
 * a link needs none for `hasSourceAnywhere` (`CITATION` on every unit's text was ~40 ms a pass over the site head).
 */
export function hasSource(unit: ScannedUnit): boolean {
  if (unit.linked) return true;
  if (unit.cited === undefined) unit.cited = CITATION.test(unit.block!.text);
  return unit.cited;
}

/**
 * Reads the figures of `unit` into `claims` and sets its folded text; the line of the first figure past
 * MAX_CLAIMS_PER_POST, or undefined. Functions of their own, not a closure of `computeClaims`: V8 compiled
 * the closure, with everything it inlined, again after each deoptimisation.
 */
function readUnitClaims(unit: ScannedUnit, claims: Claim[], lines: LineIndex): number | undefined {
  // Read and folded in one pass (most units have no character to fold).
  const { folded, figures } = readFigures(unit.source, MAX_CLAIMS_PER_POST - claims.length);
  unit.folded = folded;
  for (const e of figures) {
    const offset = unit.start + e.start;
    if (claims.length >= MAX_CLAIMS_PER_POST) return lines.lineAt(offset);
    claims.push(claimOf(e, unit, offset, lines));
  }
  return undefined;
}

/** The claim of the figure `e` read at `offset` of the file from `unit` (whose `folded` is set). */
function claimOf(e: NumericExpression, unit: ScannedUnit, offset: number, lines: LineIndex): Claim {
  const folded = unit.folded;
  const endOffset = unit.start + e.end;
  const line = lines.lineAt(offset);
  const endLine = lines.lineAt(Math.max(offset, endOffset - 1));
  const lineStart = lines.startOf(line);
  const lineEnd = lines.endOf(endLine);
  // Copied with Object.assign, then extended field by field: `{ ...e, place, … }` (and `{ ...e }` then
  // the fields) takes V8's slow path, about 25 µs per claim, 10 s on a post full of figures. Same
  // object, keys in the same order.
  const claim = Object.assign({}, e) as Claim;
  claim.place = unit.place;
  claim.unitIndex = unit.index;
  claim.offset = offset;
  claim.endOffset = endOffset;
  claim.line = line;
  claim.column = offset - lineStart + 1;
  claim.endLine = endLine;
  claim.endColumn = endOffset - lines.startOf(endLine) + 1;
  claim.statistic = isStatistic(e);
  claim.specification = isSpecification(e);
  // Folding keeps every offset: a slice of the folded unit is the folded slice.
  claim.before = withoutEmphasis(folded.slice(Math.max(0, e.start - 32, lineStart - unit.start), e.start));
  claim.after = withoutEmphasis(folded.slice(e.end, Math.min(folded.length, e.end + 24, lineEnd - unit.start)));
  if (claim.statistic && isUnitPrice(e, claim.before, claim.after)) {
    claim.statistic = false;
    claim.specification = true;
  }
  return claim;
}

/** Statistics of the first `paragraphs` top-level paragraphs of the body, a title echo skipped. */
export function leadClaims(post: Post, paragraphs: number): Claim[] {
  const { units, claims } = claimsOf(post);
  if (paragraphs <= 0) return [];
  const title = post.frontMatter?.data['title'];
  const titleKey = typeof title === 'string' ? normalizeForComparison(title) : null;
  const lead = new Set<number>();
  for (const unit of units) {
    if (unit.place !== 'body') continue;
    if (!unit.topLevelParagraph) continue;
    if (titleKey !== null && normalizeForComparison(unit.block!.text) === titleKey) continue;
    lead.add(unit.index);
    if (lead.size >= paragraphs) break;
  }
  return claims.filter((c) => c.statistic && lead.has(c.unitIndex));
}

/**
 * The headline figures: the statistics of the title and excerpt (front matter); when they have none, the
 * first statistic of the lead paragraphs (every place it occurs there). `exclude` drops figures that
 * are not claims of the post (pasted boilerplate).
 */
export function headlineClaims(post: Post, exclude: (claim: Claim) => boolean = () => false, leadParagraphs = 2): Claim[] {
  const { claims } = claimsOf(post);
  const front = claims.filter((c) => c.statistic && c.place !== 'body' && !exclude(c));
  if (front.length > 0) return front;
  const candidates = leadClaims(post, leadParagraphs).filter((c) => !exclude(c));
  if (candidates.length === 0) return [];
  const key = valueKey(candidates[0]!);
  return candidates.filter((c) => valueKey(c) === key);
}

/**
 * The body units that only echo the title or excerpt (the headline line many posts open with): they
 * restate the headline, they do not support it. Only the first three body units are compared.
 */
export function headlineEchoUnits(post: Post): ReadonlySet<number> {
  // Asked by claims/unsourced and claims/headline-unsupported: the paragraphs' normalisation once per post.
  return post.memo.get(HEADLINE_ECHOES, [], () => findHeadlineEchoUnits(post));
}

const HEADLINE_ECHOES = memoKey<ReadonlySet<number>>('headline echo units');

function findHeadlineEchoUnits(post: Post): Set<number> {
  const { units } = claimsOf(post);
  const echoes = new Set<string>();
  for (const key of ['title', 'excerpt', 'description']) {
    const value = post.frontMatter?.data[key];
    if (typeof value === 'string') echoes.add(normalizeForComparison(value));
  }
  const found = new Set<number>();
  for (const u of units.filter((x) => x.place === 'body').slice(0, 3)) {
    if (u.block && echoes.has(normalizeForComparison(u.block.text))) found.add(u.index);
  }
  return found;
}

/**
 * Liquid (Jekyll) and Hugo template tags `{% … %}`, `{{ … }}` are code. Blanked by hand with indexOf:
 * once an opener has no closer, no later opener can have one, so the scan stays linear.
 */
export function blankTemplateTags(text: string): string {
  if (!hasTemplateOpener(text)) return text;
  let out = text;
  for (const [open, close] of [['{%', '%}'], ['{{', '}}']] as const) {
    const parts: string[] = [];
    let at = 0;
    for (;;) {
      const start = out.indexOf(open, at);
      if (start < 0) break;
      const end = out.indexOf(close, start + open.length);
      if (end < 0) break;
      parts.push(out.slice(at, start), out.slice(start, end + close.length).replace(/[^\r\n]/g, ' '));
      at = end + close.length;
    }
    parts.push(out.slice(at));
    out = parts.join('');
  }
  return out;
}

/**
 * Whether `text` has `{%` or `{{`: one search for `{` (rare in prose) instead of one whole-text search per
 * opener (every unit of every post is looked at).
 */
export function hasTemplateOpener(text: string): boolean {
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 0x25 || next === 0x7b) return true;
  }
  return false;
}
