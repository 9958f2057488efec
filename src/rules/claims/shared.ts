import type { Fix } from '../../core/finding.js';
import type { Report } from '../rule.js';
import type { Post } from '../../post/post.js';
import type { Claim, ScannedUnit } from '../../analysis/claims/post-claims.js';
import { foldWidth } from '../../analysis/claims/width.js';

/** Position fields of a report on a claim's exact span. */
export function at(claim: Claim): Pick<Report, 'line' | 'endLine' | 'column' | 'endColumn'> {
  return { line: claim.line, endLine: claim.endLine, column: claim.column, endColumn: claim.endColumn };
}

export function quote(claim: Claim): string {
  return foldWidth(claim.text).trim();
}

export function placeName(claim: Claim): { en: string; ja: string } {
  switch (claim.place) {
    case 'title':
      return { en: 'the title', ja: 'タイトル' };
    case 'excerpt':
      return { en: 'the excerpt', ja: '抜粋（excerpt）' };
    default:
      return { en: `line ${claim.line}`, ja: `${claim.line}行目` };
  }
}

const SENTENCE_END = /[。！？!?]|\.(?=\s|$)/gu;

/**
 * The footnote-placeholder fix. A footnote needs two edits: a reference `[^source-N]` where the claim is
 * and a definition `[^source-N]: TODO …`. They are not contiguous, and a fix replaces one contiguous range
 * of whole lines, so both go into the claim's own paragraph: its lines are replaced by the same lines
 * with the reference inserted at the end of the claim's sentence, then a blank line and the definition
 * (Markdown footnote definitions may stand anywhere; kramdown and GFM render them at the end of the
 * post). Only offered for a top-level paragraph (a definition inside a list item or a quote would not
 * be one) and when `claims.footnotePlaceholder` is on.
 */
export function footnotePlaceholderFix(post: Post, unit: ScannedUnit, claim: Claim, usedLabels: Set<string>): Fix | undefined {
  if (!unit.topLevelParagraph) return undefined;
  let label = `source-${claim.line}`;
  for (let n = 2; usedLabels.has(label); n++) label = `source-${claim.line}-${n}`;
  usedLabels.add(label);
  const lines = post.lines;
  const lineText = lines.line(claim.endLine);
  const from = claim.endOffset - lines.startOf(claim.endLine);
  SENTENCE_END.lastIndex = from;
  const end = SENTENCE_END.exec(lineText);
  let insertAt = end ? end.index : lineText.trimEnd().length;
  // Never inside the masked parts (link destinations, code): fall back to the end of the figure.
  const fileOffset = lines.startOf(claim.endLine) + insertAt;
  if (unit.source[fileOffset - unit.start] !== post.text[fileOffset]) insertAt = from;
  const newLine = `${lineText.slice(0, insertAt)}[^${label}]${lineText.slice(insertAt)}`;
  const out: string[] = [];
  for (let l = unit.line; l <= unit.endLine; l++) out.push(l === claim.endLine ? newLine : lines.line(l));
  out.push('', `[^${label}]: TODO: source of "${quote(claim)}" (URL, publisher, date)`);
  if (unit.endLine < lines.count && !lines.isBlank(unit.endLine + 1)) out.push('');
  return { line: unit.line, endLine: unit.endLine, replacement: out.join('\n') };
}

/** Replaces non-overlapping file ranges on one line; returns the whole new line. One pass: linear. */
export function replaceOnLine(post: Post, line: number, edits: { start: number; end: number; text: string }[]): string {
  const lineStart = post.lines.startOf(line);
  const text = post.lines.line(line);
  const parts: string[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const from = edit.start - lineStart;
    if (from < at) continue; // overlapping edits never come from detectPasted; keep the first
    parts.push(text.slice(at, from), edit.text);
    at = edit.end - lineStart;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
