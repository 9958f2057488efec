import type { Finding } from '../core/finding.js';

const STRUCTURAL = new Set(['duplication', 'truncation']);

interface Ranked {
  finding: Finding;
  specificity: number;
  /** The rule's `keptInDeletedCopies`: the finding stays (without its fix) inside lines a duplication fix deletes. */
  keptInDeletedCopies?: boolean;
  /** The rule's `wholePost`: the finding is about the post, on its title line, and competes only with findings of its kind. */
  wholePost?: boolean;
}

/**
 * One defect, one finding. Among the structural families (duplication, truncation), overlapping
 * findings keep only the most specific one (a truncated copy beats "paragraph ends mid-sentence"),
 * findings about the whole post (`wholePost`: a copy of another post) among their own kind only.
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
  // Line findings compete with line findings, whole-post findings with whole-post findings: a post-level
  // error anchored on the title line is not the same defect as a finding about the title itself.
  const keptWhole: Finding[] = [];
  for (const item of structural) {
    const rivals = item.wholePost ? keptWhole : kept;
    if (!rivals.some((other) => overlaps(other, item.finding))) rivals.push(item.finding);
  }
  kept.push(...keptWhole);
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
