import type { Category, Fix, LocalizedText, RelatedLocation, Severity } from './finding.js';
import type { Post } from '../post/post.js';
import type { Config } from '../config/schema.js';
import type { Repository } from './repository.js';

/**
 * What a rule reports. The engine turns it into a Finding: fills path, rule, category, picks the message
 * language and applies the configured severity.
 */
export interface Report {
  line: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
  message: LocalizedText;
  fix?: Fix;
  /** Overrides the rule's default severity for this report (e.g. a near repeat at 0.75 is a warning). */
  severity?: Severity;
  related?: RelatedLocation[];
}

export interface RuleContext {
  post: Post;
  config: Config;
  /** The other posts of the repository, when the caller has them (CLI directory / --corpus, the App). */
  repository: Repository;
}

/**
 * One rule, one file (ESLint/textlint style): a pure function of the parsed post. It never throws on
 * bad input by design; the engine still isolates it so one faulty rule cannot stop the others.
 */
export interface Rule {
  id: string;
  category: Category;
  defaultSeverity: Severity;
  description: LocalizedText;
  /**
   * When two findings cover the same lines in the structural families (duplication, truncation), the
   * one with the higher specificity is kept, so one defect never yields two comments. Default 0.
   */
  specificity?: number;
  check(context: RuleContext): Report[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
