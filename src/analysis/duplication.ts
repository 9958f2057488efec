import { memoKey } from '../core/memo.js';
import type { Fix, Language, Severity } from '../core/finding.js';
import type { Block, Post } from '../post/post.js';
import { isMarkerOnly, stripMarkers } from '../text/markers.js';
import { markersOf, type MarkerOptions } from './markers.js';
import { inLiquidCode } from './liquid.js';
import { normalizeForComparison } from '../text/normalize.js';
import { TextMap } from '../text/text-map.js';
import { intersectionSize, overlapFromCount, shingleHashes, ShingleIndex } from '../text/shingles.js';
import { withoutLinks, wordCharCount } from '../text/links.js';
import { endsSentence, splitSentences } from '../text/sentence.js';
import type { DuplicationOptions } from '../config/duplication.js';

/**
 * The shared analysis behind the duplication rules: computed once per post (cached), then each rule
 * reports its own kind of group, so one copied block is never reported by two rules.
 *
 * 1. Units: the top-level paragraphs, headings, list items and quotes, each normalised (NFKC, one kind
 *    of each punctuation mark, no spaces or emphasis marks, generation markers removed) and shingled into
 *    hashed character n-grams. The unit's content lines leave out marker-only lines at its edges
 *    (`---END---` glued under a paragraph), so a marker keeps its own finding.
 * 2. Matches: each unit against the earlier ones, through an exact-text map and an inverted index of
 *    shingles (posting lists capped), so the cost is linear in the post's size, not quadratic in blocks.
 * 3. Groups: consecutive copies whose originals are consecutive too become one run (seeded at exact
 *    copies first, then at any strong copy; extended forwards and backwards; a run's originals all come
 *    before it). What is left is reported block by block: exact, near, truncated copy.
 * 4. Collapsed articles: one block containing many earlier blocks.
 *
 * Like is compared with like (`UnitRole`): headings with headings, prose with prose. Link lines (lists of
 * links, table-of-contents entries, download URLs, images) and one-line labels (`**Traditional
 * approach:**`, `Windows のコンソール版:`) never start a finding: they repeat by design. They may continue
 * a run only as exact copies (URLs included), and a run must copy prose. A copy that repeats a short
 * passage of another section (a stock sentence under parallel headings) is advice, not an error.
 */

/**
 * `extended`: the copy begins with the whole earlier block and goes on (a regenerated section that
 * restarted a paragraph and wrote more): which version to keep is the editor's call.
 */
export type MatchKind = 'exact' | 'prefix' | 'contained' | 'near' | 'extended';

/**
 * What a unit is to a reader: a heading; running text; a link line (mostly link text, URLs, images or
 * code); a label (one short line: a bold pseudo-heading, a line ending in a colon, a few words).
 */
export type UnitRole = 'heading' | 'prose' | 'link' | 'label';

export interface Unit {
  id: number;
  block: Block;
  /** First and last line of the unit's content (marker-only lines at its edges left out). */
  line: number;
  endLine: number;
  norm: string;
  shingles: Uint32Array;
  /** The block holds nothing but generation markers. */
  markerOnly: boolean;
  role: UnitRole;
  /** The unit's section: the normalised text of the nearest heading above it ('' before any heading). */
  section: string;
}

export interface Match {
  source: number;
  kind: MatchKind;
  jaccard: number;
  containment: number;
  /** 3 prefix/exact, 2 strong (near ≥ nearError or contained), 1 weak (near ≥ nearWarning). */
  tier: number;
}

export interface CopyGroup {
  kind: 'run' | 'exact' | 'near' | 'truncated';
  /** Unit ids of the copy (inclusive) and of its original. */
  first: number;
  last: number;
  sourceFirst: number;
  sourceLast: number;
  /** The match of the first unit (singletons: the only one). */
  match: Match;
  severity: Severity;
}

export interface CollapsedArticle {
  unit: number;
  /** Earlier units found inside it. */
  parts: number[];
}

export interface DuplicationAnalysis {
  units: Unit[];
  groups: CopyGroup[];
  collapsed: CollapsedArticle[];
}

/** Posting lists longer than this stop growing: a shingle shared by that many blocks says nothing. */
const POSTING_CAP = 48;
/** Blocks shorter than this (normalised characters) are never a warning-level near repeat on their own. */
const NEAR_WARNING_MIN_CHARS = 60;
/** A collapsed article contains at least this many earlier blocks. */
const COLLAPSED_MIN_PARTS = 3;
/** One line of at most this many normalised characters that does not end as a sentence is a label. */
const LABEL_MAX_CHARS = 40;
/**
 * A copy of at most this many normalised characters (a sentence or two) under another heading than its
 * original is a stock sentence (`詳細は後日公開します。` closing two sections), reported as advice.
 */
const STOCK_MAX_CHARS = 150;
/**
 * Shortest earlier block (normalised characters) whose whole text opening a later block makes the later
 * one an extended copy: long enough that no writer opens a new paragraph with it by chance.
 */
const EXTENDED_MIN_CHARS = 60;
/** A prefix copy must hold at least this share of its original to be a truncated copy of it. */
const PREFIX_MIN_COVERAGE = 0.5;
/** Link and label roles are only judged on blocks this short; longer ones are prose. */
const ROLE_MAX_SOURCE = 4000;

const DUPLICATION = memoKey<DuplicationAnalysis>('duplication');

/** The settings the analysis reads: every `duplication` key, and `truncation.markers` (removed before comparing). */
export type DuplicationAnalysisOptions = DuplicationOptions & MarkerOptions;

/** The analysis of `post` under `options`, computed once per post and settings. */
export function analyzeDuplication(post: Post, options: DuplicationAnalysisOptions): DuplicationAnalysis {
  const { minChars, ngram, nearError, nearWarning, containment, markers } = options;
  return post.memo.get(DUPLICATION, [minChars, ngram, nearError, nearWarning, containment, markers], () =>
    analyze(post, { minChars, ngram, nearError, nearWarning, containment }, markersOf(post, options)),
  );
}

const UNIT_TYPES = new Set(['paragraph', 'heading', 'listItem', 'blockquote']);

/** The post's units, their shingle sets still empty (`analyze` writes them as it indexes them). */
function collectUnits(post: Post, markers: RegExp | null): Unit[] {
  const units: Unit[] = [];
  // Regenerated posts repeat blocks verbatim: each distinct text is normalised once.
  const seen = new TextMap<string>();
  let section = '';
  for (const block of post.blocks) {
    if (block.ancestors.length > 0 || !UNIT_TYPES.has(block.type)) continue;
    if (inLiquidCode(post, block.line, block.endLine)) continue;
    let line = block.line;
    let endLine = block.endLine;
    while (endLine > line && isMarkerOnly(post.lines.line(endLine), markers)) endLine--;
    while (line < endLine && isMarkerOnly(post.lines.line(line), markers)) line++;
    const stripped = stripMarkers(block.text, markers);
    let norm = seen.get(stripped);
    if (norm === undefined) seen.add(stripped, (norm = normalizeForComparison(stripped)));
    const role = roleOf(block, norm, post.language);
    if (role === 'heading') section = norm;
    // A link line compares with its URLs: two entries that differ only by their target are two entries.
    const linkNorm = role === 'link' ? normalizeForComparison(stripMarkers(block.source, markers)) : null;
    units.push({
      id: units.length,
      block,
      line,
      endLine,
      norm: linkNorm ?? norm,
      shingles: EMPTY_SHINGLES,
      markerOnly: norm === '',
      role,
      section,
    });
  }
  return units;
}

const EMPTY_SHINGLES = new Uint32Array(0);

const BOLD_ONLY = /^(?:[-*+]|\d+[.)])?\s*(?:\*\*|__)[^\n]*(?:\*\*|__)\s*[:：]?$/u;

function roleOf(block: Block, norm: string, language: Language): UnitRole {
  if (block.type === 'heading') return 'heading';
  const source = block.source.trim();
  if (source.length > ROLE_MAX_SOURCE) return 'prose';
  // `[text]({% post_url … %})` is no CommonMark link (a space in the target) but reads as one.
  if (block.hasLink || source.includes('://') || source.includes('](')) {
    // Mostly link text, URLs, images and code: a link line, whatever the words around the links say.
    if (wordCharCount(withoutLinks(source)) * 2 < wordCharCount(block.text) + 1) return 'link';
  }
  if (!source.includes('\n')) {
    // A line ending in a colon: `source` is trimmed (of what `\s` matches), so its last character tells.
    const last = source.charCodeAt(source.length - 1);
    if (last === 0x3a || last === 0xff1a || ((source.includes('**') || source.includes('__')) && BOLD_ONLY.test(source))) return 'label';
    if (norm.length <= LABEL_MAX_CHARS && !endsSentence(block.text, language)) return 'label';
  }
  return 'prose';
}

/** One index for post after post (`analyze` runs to its end before the next begins): no tables allocated per post. */
const postIndex = new ShingleIndex(0, POSTING_CAP);

function analyze(post: Post, options: DuplicationOptions, markers: RegExp | null): DuplicationAnalysis {
  const units = collectUnits(post, markers);
  const n = options.ngram;
  const matches: (Match | null)[] = new Array(units.length).fill(null);
  const collapsed: CollapsedArticle[] = [];
  const counts = new Int32Array(units.length);
  const touched = new Int32Array(units.length);
  // What the loop over shared-shingle counts reads of each earlier unit (~1 M pairs over the site head,
  // ~1 % of them worth a `classify`), kept in typed arrays rather than read from the unit objects.
  const sizes = new Int32Array(units.length);
  const isPart = new Uint8Array(units.length); // may be a part of a collapsed article
  const isProse = new Uint8Array(units.length); // compares as running text (`mayMatch`'s first test)
  const firstChar = new Uint16Array(units.length);
  // The earlier unit of the same role and text (-1: none): a repeat is not indexed again. Role → normalised
  // text → first unit, keyed by the text itself, not by a role-prefixed copy of it.
  const priorOf = new Int32Array(units.length).fill(-1);
  const firstByText = new Map<UnitRole, TextMap<number>>();
  let windows = 0;
  for (const unit of units) {
    isPart[unit.id] = startsFindings(unit) && unit.norm.length >= options.minChars ? 1 : 0;
    isProse[unit.id] = !unit.markerOnly && kindOfText(unit.role) === 'prose' ? 1 : 0;
    // 0 for an empty text (as NaN is stored): `charCodeAt` past the end deoptimised `analyze` (~45 ms a compile).
    firstChar[unit.id] = unit.norm.length === 0 ? 0 : unit.norm.charCodeAt(0);
    if (unit.markerOnly) continue;
    let sameRole = firstByText.get(unit.role);
    if (!sameRole) firstByText.set(unit.role, (sameRole = new TextMap()));
    const prior = sameRole.get(unit.norm);
    if (prior !== undefined) priorOf[unit.id] = prior;
    else {
      sameRole.add(unit.norm, unit.id);
      if (unit.norm !== '') windows += Math.max(1, unit.norm.length - n + 1);
    }
  }
  // The shingle sets of the post, written by the index as it meets them: one array for the post (each set a
  // view of it), sized for every window of the texts indexed, so nothing is copied out of a scratch buffer.
  const shingles = new Uint32Array(windows);
  let written = 0;
  const index = postIndex.clear(windows);
  const minContainment = options.containment;

  for (const unit of units) {
    if (unit.markerOnly) {
      if (unit.norm !== '') unit.shingles = shingleHashes(unit.norm, n); // a link line of markers: compared with nothing
      continue;
    }
    const prior = priorOf[unit.id]!;
    if (prior !== -1) {
      unit.shingles = units[prior]!.shingles;
      sizes[unit.id] = sizes[prior]!;
      if (unit.norm.length >= options.minChars && startsFindings(unit)) {
        matches[unit.id] = { source: prior, kind: 'exact', jaccard: 1, containment: 1, tier: 3 };
      }
      continue; // its shingles are indexed already, under the first occurrence
    }
    // Only running text is compared for partial copies: a heading or a link line matches exactly or not at all.
    const looksUp = unit.role === 'prose' && unit.norm.length >= options.minChars;
    // The unit's shingles are written, looked up (shared-shingle counts per earlier unit, in a typed array
    // reset through the list of touched units) and indexed by one pass (taken out again if it is a collapsed
    // article).
    const size = index.indexText(unit.norm, n, unit.id, shingles, written, looksUp ? counts : null, touched);
    unit.shingles = shingles.subarray(written, written + size);
    sizes[unit.id] = size;
    written += size;
    if (!looksUp) continue;
    const touchedCount = index.touchedCount;
    const first = firstChar[unit.id]!;
    let best: Match | null = null;
    const parts: number[] = [];
    let partShingles = 0;
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      const shared = counts[j]!;
      counts[j] = 0;
      const otherSize = sizes[j]!;
      if (isPart[j] === 1 && shared / otherSize >= minContainment) {
        parts.push(j);
        partShingles += otherSize;
      }
      // `mayMatch`, on the typed arrays: its text test (`startsWith`) only when the first characters agree.
      if (isProse[j] === 0) continue;
      if (!sharesEnough(size, otherSize, shared, options)) {
        if (firstChar[j] !== first || !startsWithWhole(unit, units[j]!)) continue;
      }
      const candidate = classify(unit, units[j]!, shared, options, false);
      if (candidate && (!best || better(candidate, best))) best = candidate;
    }
    if (parts.length >= COLLAPSED_MIN_PARTS && partShingles >= 0.5 * size) {
      // A collapsed article is not an original: its parts are.
      index.undoAdd(unit.shingles);
      collapsed.push({ unit: unit.id, parts: parts.sort((a, b) => a - b) });
    } else {
      matches[unit.id] = best;
    }
  }

  return { units, groups: buildGroups(units, matches, options), collapsed };
}

/** Labels are short running text: they compare with paragraphs (a cut paragraph looks like a label). */
function kindOfText(role: UnitRole): UnitRole {
  return role === 'label' ? 'prose' : role;
}

/** Headings and running text can start a finding; link lines and labels repeat by design. */
function startsFindings(unit: Unit): boolean {
  return unit.role === 'prose' || unit.role === 'heading';
}

function better(a: Match, b: Match): boolean {
  if (a.tier !== b.tier) return a.tier > b.tier;
  const sa = Math.max(a.jaccard, a.containment);
  const sb = Math.max(b.jaccard, b.containment);
  if (sa !== sb) return sa > sb;
  return a.source < b.source;
}

/**
 * How unit `a` copies the earlier unit `b`, or null. `shared` is the number of shingles they share.
 * In a run (`inRun`), short blocks count too (a repeated short heading continues a repeated section).
 */
export function classify(a: Unit, b: Unit, shared: number, options: DuplicationOptions, inRun: boolean): Match | null {
  if (a.markerOnly || b.markerOnly || kindOfText(a.role) !== kindOfText(b.role)) return null;
  const minChars = inRun ? 1 : options.minChars;
  if (a.norm.length < minChars) return null;
  if (a.norm === b.norm) return { source: b.id, kind: 'exact', jaccard: 1, containment: 1, tier: 3 };
  // Outside a run only running text copies in part; in a run, a heading may be edited (`…（続き）`) and a
  // paragraph cut short to a few words (a label by its looks) still continues it. Links match exactly.
  if (!inRun && a.role !== 'prose') return null;
  if (a.role === 'link') return null;
  const { jaccard, containment } = overlapFromCount(shared, a.shingles.length, b.shingles.length);
  if (a.norm.length < b.norm.length && (inRun || containment >= 0.5) && b.norm.startsWith(a.norm)) {
    return { source: b.id, kind: 'prefix', jaccard, containment, tier: 3 };
  }
  if (a.norm.length < options.ngram * 2 && !inRun) return null;
  if (jaccard >= options.nearError) return { source: b.id, kind: 'near', jaccard, containment, tier: 2 };
  // Alone only: inside a run, a block that goes on past its original ends the run's copy (a collapsed article).
  if (!inRun && b.norm.length >= EXTENDED_MIN_CHARS && a.norm.length > b.norm.length && a.norm.startsWith(b.norm)) {
    return { source: b.id, kind: 'extended', jaccard, containment, tier: 2 };
  }
  if (containment >= options.containment && a.norm.length < b.norm.length) {
    return { source: b.id, kind: 'contained', jaccard, containment, tier: 2 };
  }
  // Weak similarity between short blocks is a shared template (release-note items), not a copy.
  if (jaccard >= options.nearWarning && (inRun || a.norm.length >= NEAR_WARNING_MIN_CHARS)) return { source: b.id, kind: 'near', jaccard, containment, tier: 1 };
  return null;
}

/**
 * False only when `classify(a, b, shared, options, false)` is null, decided from the shingle counts: most
 * earlier units a paragraph shares a shingle with share a few, and each of `classify`'s matches needs
 * more (an exact copy or an extended one is told by its text, and one `startsWith` settles the latter).
 * A post of a few hundred paragraphs compares tens of thousands of such pairs.
 */
export function mayMatch(a: Unit, b: Unit, shared: number, options: DuplicationOptions): boolean {
  if (b.markerOnly || kindOfText(b.role) !== 'prose') return false;
  return sharesEnough(a.shingles.length, b.shingles.length, shared, options) || startsWithWhole(a, b);
}

/** `mayMatch`'s count test, on set sizes: prefix (containment ≥ 0.5), near (nearError), contained (containment), weak near (nearWarning). */
function sharesEnough(sizeA: number, sizeB: number, shared: number, options: DuplicationOptions): boolean {
  const union = sizeA + sizeB - shared;
  const jaccard = union === 0 ? 0 : shared / union;
  const containment = sizeA === 0 ? 0 : shared / sizeA;
  return containment >= Math.min(0.5, options.containment) || jaccard >= Math.min(options.nearError, options.nearWarning);
}

/** `mayMatch`'s text test: exact (same text under another role: a label), extended (the whole earlier text, then more). */
function startsWithWhole(a: Unit, b: Unit): boolean {
  return a.norm.length >= b.norm.length && a.norm.startsWith(b.norm);
}

function pairMatch(units: Unit[], a: number, b: number, options: DuplicationOptions): Match | null {
  const ua = units[a]!;
  const ub = units[b]!;
  // Most pairs a run compares are exact copies: what `classify` would say, without counting shingles.
  if (ua.norm === ub.norm && ua.norm !== '' && !ua.markerOnly && !ub.markerOnly && kindOfText(ua.role) === kindOfText(ub.role)) {
    return { source: ub.id, kind: 'exact', jaccard: 1, containment: 1, tier: 3 };
  }
  // Every test of `classify` on the count holds at a count once it holds at a smaller one (overlaps grow with
  // it), so when the most the two can share (the smaller set) matches nothing, their true count matches
  // nothing either, and is not counted: about half the pairs a run tries that are no exact copy.
  if (classify(ua, ub, Math.min(ua.shingles.length, ub.shingles.length), options, true) === null) return null;
  return classify(ua, ub, intersectionSize(ua.shingles, ub.shingles), options, true);
}

function buildGroups(units: Unit[], matches: (Match | null)[], options: DuplicationOptions): CopyGroup[] {
  const owner: (CopyGroup | null)[] = new Array(units.length).fill(null);
  const groups: CopyGroup[] = [];
  const runCopiesProse = (g: CopyGroup): boolean => units.slice(g.first, g.last + 1).some((u) => u.role === 'prose' && u.norm.length >= options.minChars);
  // A short run of prose (a couple of steps, a closing sentence) under another heading than its original.
  const isStockPassage = (g: CopyGroup): boolean => {
    const copied = units.slice(g.first, g.last + 1).filter((u) => u.role === 'prose');
    return units[g.first]!.section !== units[g.sourceFirst]!.section && copied.reduce((n, u) => n + u.norm.length, 0) <= STOCK_MAX_CHARS;
  };

  const nextSource = (from: number, before: number): number => {
    let k = from + 1;
    while (k < before && units[k]!.markerOnly) k++;
    // The originals of a run are never another copy: a section repeated many times gives one run per copy.
    return k < before && !owner[k] ? k : -1;
  };
  const prevUnit = (from: number): number => (from > 0 && !units[from - 1]!.markerOnly ? from - 1 : -1);

  const grow = (seed: number): CopyGroup => {
    const match = matches[seed]!;
    let first = seed;
    let last = seed;
    let sourceFirst = match.source;
    let sourceLast = match.source;
    // Forwards: the next block copies the block after the last original (or the one after that, when the
    // copy skipped a block), or continues the same original (a copy split in two paragraphs).
    for (let k = seed + 1; k < units.length && !owner[k] && !units[k]!.markerOnly; k++) {
      let found = -1;
      let candidate = sourceLast;
      for (let step = 0; step < 2 && found < 0; step++) {
        candidate = nextSource(candidate, first);
        if (candidate < 0) break;
        const m = pairMatch(units, k, candidate, options);
        if (m) found = candidate;
      }
      if (found < 0) {
        const m = pairMatch(units, k, sourceLast, options);
        if (m && (m.kind === 'prefix' || m.kind === 'contained' || m.containment >= options.containment)) found = sourceLast;
      }
      if (found < 0) break;
      sourceLast = found;
      last = k;
    }
    // Backwards: the block before the copy copies the block before the original.
    for (;;) {
      const k = prevUnit(first);
      const s = prevUnit(sourceFirst);
      if (k < 0 || s < 0 || owner[k] || owner[s] || sourceLast >= k || !pairMatch(units, k, s, options)) break;
      first = k;
      sourceFirst = s;
    }
    return { kind: 'run', first, last, sourceFirst, sourceLast, match: matches[first] ?? match, severity: 'error' };
  };

  // Seeds: exact copies first (they fix the phase of a section repeated many times), then any strong copy.
  for (const minTier of [3, 2, 1]) {
    for (let i = 0; i < units.length; i++) {
      const match = matches[i];
      if (!match || owner[i] || match.tier < minTier || (minTier === 3 && match.kind !== 'exact')) continue;
      let group = grow(i);
      // A run copies prose: headings, links and labels alone are a document's parallel structure.
      if (group.last > group.first && !runCopiesProse(group)) {
        group = { kind: 'run', first: i, last: i, sourceFirst: match.source, sourceLast: match.source, match, severity: 'error' };
      }
      if (group.last === group.first) {
        const m = matches[group.first]!;
        group.match = m;
        group.kind = m.kind === 'exact' ? 'exact' : m.kind === 'near' || m.kind === 'extended' ? 'near' : 'truncated';
        group.severity = singletonSeverity(units[group.first]!, units[m.source]!, m, options);
      } else if (isStockPassage(group)) {
        group.severity = 'info';
      }
      for (let k = group.first; k <= group.last; k++) owner[k] = group;
      groups.push(group);
    }
  }
  return groups.sort((a, b) => a.first - b.first);
}

/**
 * How sure a single copied block is to be a defect: a heading repeated alone (parallel subsections, or a
 * section whose text was rewritten), a prefix that holds less than half of its original, a sentence of a
 * block in another section, and a short passage repeated under another heading are advice; a near repeat
 * below `nearError` is likely; the rest is a copy of earlier prose.
 */
function singletonSeverity(copy: Unit, original: Unit, match: Match, options: DuplicationOptions): Severity {
  if (copy.role === 'heading') return 'info';
  const otherSection = copy.section !== original.section;
  if (otherSection && copy.norm.length <= STOCK_MAX_CHARS) return 'info';
  if (match.kind === 'prefix' && copy.norm.length < PREFIX_MIN_COVERAGE * original.norm.length) return 'info';
  // A sentence of another section, or one sentence said again as a paragraph of its own (a closing
  // question repeated for emphasis): a repeat an editor may keep. Several sentences are a copy.
  if (match.kind === 'contained' && (otherSection || splitSentences(copy.block.text).length <= 1)) return 'info';
  if (match.kind === 'near' && match.jaccard < options.nearError) return 'warning';
  // The earlier block whole, then more: surely a copy, but the longer version may be the one to keep.
  if (match.kind === 'extended') return 'warning';
  return 'error';
}

/**
 * The whole-line fix that deletes lines `line..endLine` together with the blank lines before them (back to
 * the previous non-blank line, never into the front matter), so deleting every copy leaves no doubled
 * blank lines. Two such ranges never overlap: each owns only the blank lines above its own content.
 */
export function deletionFix(post: Post, line: number, endLine: number): Fix {
  let start = line;
  while (start - 1 >= post.bodyLine && post.lines.isBlank(start - 1)) start--;
  return { line: start, endLine, replacement: '' };
}

/** A short excerpt of a block for messages. */
export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
