import type { Fix } from '../core/finding.js';

export interface SkippedFix {
  fix: Fix;
  reason: 'overlap' | 'out-of-range' | 'no-change';
}

export interface FixResult {
  output: string;
  applied: Fix[];
  skipped: SkippedFix[];
}

/**
 * The one fix engine: applies whole-line replacements to a file. `--fix` and the GitHub suggestions are
 * the same data, so applying the suggestions one by one gives the same file as this. Fixes that overlap
 * an earlier one (by start line) are skipped and reported; a second run then picks them up. The file's
 * BOM, line endings and final newline are kept.
 */
export function applyFixes(input: string, fixes: readonly Fix[]): FixResult {
  const hasBom = input.charCodeAt(0) === 0xfeff;
  const text = hasBom ? input.slice(1) : input;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\r|\n/);
  // A final newline leaves an empty last element; it is not a line an editor shows.
  const finalNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();

  const { applied, skipped } = selectFixes(fixes, lines.length, (from, to) => lines.slice(from - 1, to).join('\n'));

  // Apply from the bottom so earlier line numbers stay valid.
  for (const fix of [...applied].reverse()) {
    const replacement = fix.replacement === '' ? [] : fix.replacement.split(/\r\n|\r|\n/);
    lines.splice(fix.line - 1, fix.endLine - fix.line + 1, ...replacement);
  }
  const output = (hasBom ? '\ufeff' : '') + lines.join(eol) + (finalNewline ? eol : '');
  return { output, applied, skipped };
}

/**
 * Which fixes one pass applies: sorted by line, skipping out-of-range ones, ones overlapping an earlier
 * fix (a later pass picks them up) and ones that change nothing. `current(from, to)` is the text of lines
 * `from..to` joined with `\n`. The review's suggestions are exactly this selection, so applying every
 * suggestion gives the file `check --fix` writes after its first pass.
 */
export function selectFixes(
  fixes: readonly Fix[],
  lineCount: number,
  current: (from: number, to: number) => string,
): { applied: Fix[]; skipped: SkippedFix[] } {
  const ordered = [...fixes].sort((a, b) => a.line - b.line || a.endLine - b.endLine);
  const applied: Fix[] = [];
  const skipped: SkippedFix[] = [];
  let lastEnd = 0;
  for (const fix of ordered) {
    if (fix.line < 1 || fix.endLine < fix.line || fix.endLine > lineCount) {
      skipped.push({ fix, reason: 'out-of-range' });
    } else if (fix.line <= lastEnd) {
      skipped.push({ fix, reason: 'overlap' });
    } else if (current(fix.line, fix.endLine) === fix.replacement) {
      skipped.push({ fix, reason: 'no-change' });
    } else {
      applied.push(fix);
      lastEnd = fix.endLine;
    }
  }
  return { applied, skipped };
}
