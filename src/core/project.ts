/** Where the project lives: SARIF's `informationUri` and the default base of each rule's documentation. */
export const PROJECT_URL = 'https://github.com/editorial-review/editorial-review';

/**
 * The default documentation of a rule: its page under `docs/rules/` on the default branch, written from the
 * rule's own metadata (description, evidence per severity, options, messages, examples) by
 * `npm run docs:rules`; a test fails when a page is stale. `{id}` is the rule id.
 */
export const DEFAULT_RULE_DOCS = `${PROJECT_URL}/blob/main/docs/rules/{id}.md`;

/** A rule's source file on the default branch (`{id}` is the rule id). */
export const RULE_SOURCE = `${PROJECT_URL}/blob/main/src/rules/{id}.ts`;
