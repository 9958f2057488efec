/**
 * Rules that changed their id, old → new. A settings file, a disable comment, a baseline or a review
 * comment made under the old id keeps working: the old id (or the old family, `repository`) names the rule.
 */
export const RENAMED_RULES: Readonly<Record<string, string>> = {
  // The cross-post duplication rules lived in a family of their own that reported category `duplication`.
  'repository/near-duplicate-post': 'duplication/near-duplicate-post',
  'repository/shared-passage': 'duplication/shared-passage',
  'repository/duplicate-title': 'duplication/duplicate-title',
  'repository/duplicate-topic': 'duplication/duplicate-topic',
};

/** The rule's id today, for an id that may be an old one. */
export function currentRuleId(id: string): string {
  return RENAMED_RULES[id] ?? id;
}

/** The id a rule had first: what fingerprints hash, so a renamed rule's findings keep their identity. */
export function firstRuleId(id: string): string {
  for (const [old, current] of Object.entries(RENAMED_RULES)) if (current === id) return old;
  return id;
}

/** The current ids a name of a disable comment stands for when it is an old family (`repository`). */
export function renamedFamily(name: string): string[] {
  const family = name.endsWith('/*') ? name.slice(0, -2) : name;
  return Object.entries(RENAMED_RULES)
    .filter(([old]) => old.startsWith(`${family}/`))
    .map(([, current]) => current);
}

/**
 * Top-level settings sections that changed their name, old → new. The loader reads the old name as the
 * new one (the new one wins key by key when a file has both); the JSON Schema accepts it, marked deprecated.
 */
export const RENAMED_SECTIONS: Readonly<Record<string, string>> = {
  // The other posts of the site are the corpus everywhere (`context.corpus`, `--corpus`).
  repository: 'corpus',
};
