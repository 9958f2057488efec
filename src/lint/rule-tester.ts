import { configSchema } from '../config/schema.js';
import { parsePost } from '../post/parse.js';
import type { Post } from '../post/post.js';
import { checkPost } from './check.js';
import { fixUntilStable } from './fix-until-stable.js';
import type { Finding } from '../core/finding.js';
import { InMemoryCorpus } from '../analysis/corpus/summary.js';
import type { Rule, RuleCase } from '../rules/rule.js';
import { MemorySiteFiles } from '../analysis/site/files.js';
import { readSite } from '../analysis/site/config.js';
import { checkedPost, createSiteContext, readSitePosts, type SiteContext } from '../analysis/site/context.js';

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
  const corpus = (ruleCase.corpus ?? []).map((other) => parsePost(other.path, other.text));
  const site = ruleCase.site ? caseSite(ruleCase.site, path, ruleCase.text, ruleCase.previous) : undefined;
  const check = (post: Post) =>
    checkPost(post, {
      config,
      rules: [rule],
      corpus: new InMemoryCorpus([...corpus, post]),
      ...(site ? { site: site(post) } : {}),
    });

  const findings = check(parsePost(path, ruleCase.text));
  const fixed = fixUntilStable([parsePost(path, ruleCase.text)], findings, ([post]) => check(post!));
  const output = fixed.texts.get(path)!;
  const { passes, unstable } = fixed;
  return { findings, output, passes, unstable };
}

/** A case's virtual site (its files plus the case's own file), read as the CLI reads a checkout. */
function caseSite(files: Record<string, string>, path: string, text: string, previous?: string): ((post: Post) => SiteContext) | undefined {
  const memory = new MemorySiteFiles({ ...files, [path]: text });
  const site = readSite(memory, '');
  if (!site) throw new Error(`the case's site files name no generator's configuration: ${Object.keys(files).join(', ')}`);
  const posts = readSitePosts(site, memory).filter((p) => p.path !== path);
  return (post) =>
    createSiteContext({ site, posts, checked: [checkedPost(post)], exists: (p) => memory.exists(p), ...(previous !== undefined ? { previousText: (p) => (p === path ? previous : files[p]) } : {}) });
}
