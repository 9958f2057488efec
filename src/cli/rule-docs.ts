import type { Rule } from '../rules/rule.js';

export const PROJECT_URL = 'https://github.com/editorial-review/editorial-review';

/**
 * Where each rule family is documented: the README section whose table lists its rules (id, default
 * severity, what it needs, its fix). A test checks that each heading exists. A family without a section
 * here links to the README as a whole.
 */
export const RULE_DOC_SECTIONS: Record<string, string> = {
  'front-matter': 'Front-matter rules (`front-matter/*`)',
  duplication: 'Duplication and truncation inside a post (`duplication/*`, `truncation/*`)',
  truncation: 'Duplication and truncation inside a post (`duplication/*`, `truncation/*`)',
  claims: 'Claims (`claims/*`)',
  artifacts: 'Generation artifacts (`artifacts/*`)',
  repository: 'Cross-post rules (`repository/*`, category `duplication`)',
};

/** GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The documentation of a rule (SARIF `helpUri`, rdjson `code.url`, `editorial-review rules --format json`). */
export function ruleHelpUri(rule: Pick<Rule, 'id'>): string {
  const family = rule.id.split('/')[0]!;
  const heading = RULE_DOC_SECTIONS[family];
  return heading ? `${PROJECT_URL}/blob/main/README.md#${headingAnchor(heading)}` : `${PROJECT_URL}#readme`;
}
