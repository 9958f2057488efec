import { configSchema } from '../config/schema.js';
import { parsePost } from '../post/parse.js';
import type { Post } from '../post/post.js';
import { checkPost } from './check.js';
import { fixUntilStable } from './fix-until-stable.js';
import type { Finding } from '../core/finding.js';
import { InMemoryRepository } from '../post/repository.js';
import type { Rule, RuleCase } from '../rules/rule.js';

export const DEFAULT_CASE_PATH = '_posts/2024-01-01-example.md';

/** What one rule makes of one case: the findings, and the file after its fixes. */
export interface RuleCaseResult {
  findings: Finding[];
  /** The text after applying the rule's fixes until a pass changes nothing. */
  output: string;
  /** Fix passes that changed the text. */
  passes: number;
  /** True when checking `output` again still yields a fix that changes it (a fix that never settles). */
  unstable: boolean;
}

/**
 * Runs one rule alone on one case, as ESLint's RuleTester and textlint-tester do: parse, check, then fix
 * with the one fix engine until nothing changes. Pure: the vitest wrapper (`test/rule-tester.ts`) turns
 * the result into assertions; the docs generator shows the same cases.
 */
export function runRuleCase(rule: Rule, ruleCase: RuleCase): RuleCaseResult {
  const config = configSchema.parse(ruleCase.config ?? {});
  const path = ruleCase.path ?? DEFAULT_CASE_PATH;
  const others = (ruleCase.others ?? []).map((other) => parsePost(other.path, other.text));
  const check = (post: Post) =>
    checkPost(post, { config, rules: [rule], repository: new InMemoryRepository([...others, post]) });

  const findings = check(parsePost(path, ruleCase.text));
  const fixed = fixUntilStable([parsePost(path, ruleCase.text)], findings, ([post]) => check(post!));
  const output = fixed.texts.get(path)!;
  const { passes, unstable } = fixed;
  return { findings, output, passes, unstable };
}
