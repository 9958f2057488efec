import type { Finding } from '../core/finding.js';

const STRUCTURAL = new Set(['duplication', 'truncation']);

interface Ranked {
  finding: Finding;
  specificity: number;
  /** The rule's `keptInDeletedCopies`: the finding stays (without its fix) inside lines a duplication fix deletes. */
  keptInDeletedCopies?: boolean;
}

/**
 * One defect, one finding. Among the structural families (duplication, truncation), overlapping
 * findings keep only the most specific one (a truncated copy beats "paragraph ends mid-sentence").
 * Any finding inside lines a duplication fix deletes is dropped too: the lines go away with the copy,
 * so a claim or a truncation inside a regenerated section is not reported a second time. Rules that
 * report what a generator left or invented (chatter, a glued heading, a persona's career) keep their
 * findings there, without their fix: the copy may be the version a maintainer keeps.
 */
export function dedupeFindings(items: Ranked[]): Finding[] {
  const structural = items
    .filter((item) => STRUCTURAL.has(item.finding.category))
    .sort(
      (a, b) =>
        b.specificity - a.specificity ||
        span(b.finding) - span(a.finding) ||
        a.finding.line - b.finding.line,
    );
  const kept: Finding[] = [];
  for (const item of structural) {
    if (!kept.some((other) => overlaps(other, item.finding))) kept.push(item.finding);
  }
  const deleted = kept.filter((f) => f.category === 'duplication' && f.fix?.replacement === '');
  const others: Finding[] = [];
  for (const item of items) {
    const finding = item.finding;
    if (STRUCTURAL.has(finding.category)) continue;
    const inside = deleted.some((d) => d.fix!.line <= finding.line && finding.endLine <= d.fix!.endLine);
    if (!inside) others.push(finding);
    else if (item.keptInDeletedCopies) {
      // The deletion covers the lines; a second fix on them would only conflict with it.
      const { fix: _covered, ...rest } = finding;
      others.push(rest);
    }
  }
  return [...kept, ...others];
}

function span(finding: Finding): number {
  return finding.endLine - finding.line;
}

function overlaps(a: Finding, b: Finding): boolean {
  return a.line <= b.endLine && b.line <= a.endLine;
}
