/** Where the project lives: SARIF's `informationUri` and the default base of each rule's documentation. */
export const PROJECT_URL = 'https://github.com/editorial-review/editorial-review';

/**
 * The default documentation of a rule: its source file on the default branch, whose metadata (description,
 * evidence per severity, options, examples) is its documentation. `{id}` is the rule id.
 */
export const DEFAULT_RULE_DOCS = `${PROJECT_URL}/blob/main/src/rules/{id}.ts`;
