/**
 * The one contract that flows from every rule to every output (CLI text/JSON/SARIF, GitHub review,
 * check-run annotations). Lines are 1-based lines of the file as stored, front matter included.
 */
export const CATEGORIES = ['front-matter', 'duplication', 'truncation', 'claims', 'artifacts', 'site'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Replace whole lines `line..endLine` (inclusive, 1-based) with `replacement`.
 * `replacement` holds the new lines joined by "\n" without a trailing newline; the empty string deletes
 * the lines. This is exactly what a GitHub ```suggestion block on `start_line..line` means.
 */
export interface Fix {
  line: number;
  endLine: number;
  replacement: string;
}

/** Another place a finding points at (the original of a copy, the other post of a recurring figure). */
export interface RelatedLocation {
  path: string;
  line: number;
  endLine: number;
  label?: string;
}

export interface Finding {
  path: string;
  rule: string;
  category: Category;
  severity: Severity;
  line: number;
  endLine: number;
  message: string;
  /** Which of its rule's messages this is (the rule's `messages` key), for tools that group or translate findings. */
  messageId?: string;
  fix?: Fix;
  /** 1-based column range on `line` / `endLine` when the rule knows the exact span (UTF-16 units). */
  column?: number;
  endColumn?: number;
  related?: RelatedLocation[];
}

/** Both languages of a message; the engine picks one per post (config `language`, default: the post's). */
export interface LocalizedText {
  en: string;
  ja: string;
}

export type Language = keyof LocalizedText;

/** Findings in reading order: path (as the locale sorts it), line, end line, rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    localeOrder(a.path, b.path) ||
    a.line - b.line ||
    a.endLine - b.endLine ||
    localeOrder(a.rule, b.rule)
  );
}

/** Rule ids and other plain keys: lowercase ASCII letters, digits, `-` and `/`. */
const PLAIN_KEY = /^[a-z0-9/-]*$/;

/**
 * `a.localeCompare(b)`, without the locale where the answer is known: equal strings are equal, and two
 * plain keys (`PLAIN_KEY`) sort as the locale sorts them by their UTF-16 units (`-` < `/` < digits < letters
 * in both; test/core/finding.test.ts holds it). The first `localeCompare` of a process sets up ICU's
 * collator (~8 ms): a check of one post, whose findings share their path and differ by rule, needs none.
 */
export function localeOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (PLAIN_KEY.test(a) && PLAIN_KEY.test(b)) return a < b ? -1 : 1;
  return a.localeCompare(b);
}

/** Findings by post path, each list in the given order (one pass: a large pull request has thousands). */
export function findingsByPath(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.path);
    if (list) list.push(f);
    else out.set(f.path, [f]);
  }
  return out;
}
