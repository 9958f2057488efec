import type { Finding } from './finding.js';

/**
 * The JSON report's text of findings (cli/format/json.ts): `JSON.stringify({ findings }, null, 2)` and a
 * line break, written in pieces. Here so that a thread that checks posts (the pool's worker) can write its
 * posts' part of the report itself: a string crosses the threads for much less than the findings as objects,
 * and the CLI's thread then only joins the pieces.
 */

/** The lines of `JSON.stringify({ findings }, null, 2)` before its first finding and after its last. */
export const REPORT_OPENING = '{\n  "findings": [\n';
export const REPORT_CLOSING = '\n  ]\n}';

/**
 * `findings` as they stand in the whole report: each indented two levels, one `,\n` apart, between the
 * report's opening and closing lines (one `JSON.stringify` of the list wrapped as the report wraps it, its
 * wrapper cut off). '' for none.
 */
export function reportItems(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const wrapped = JSON.stringify({ findings }, null, 2);
  return wrapped.slice(REPORT_OPENING.length, wrapped.length - REPORT_CLOSING.length);
}

/** A post's findings written for the JSON report (`reportItems`), with what the report counts of them. */
export interface EncodedFindings {
  items: string;
  count: number;
  errors: number;
  warnings: number;
}

export function encodeFindings(findings: readonly Finding[]): EncodedFindings {
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
  }
  return { items: reportItems(findings), count: findings.length, errors, warnings };
}
