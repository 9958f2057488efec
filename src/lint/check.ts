import type { Config } from '../config/schema.js';
import type { Post } from '../post/post.js';
import { compareFindings, type Finding, type Language, type LocalizedText, type Severity } from '../core/finding.js';
import { dedupeFindings } from './dedupe.js';
import { applyDisableComments } from './disable-comments.js';
import { detached } from '../text/detached.js';
import { type Corpus } from '../analysis/corpus/corpus.js';
import { emptyCorpus } from '../analysis/corpus/summary.js';
import { formatMessage, type Rule } from '../rules/rule.js';
import type { SiteContext } from '../analysis/site/context.js';
import type { CheckTimes } from './timing.js';

export interface CheckOptions {
  config: Config;
  rules: readonly Rule[];
  corpus?: Corpus;
  site?: SiteContext;
  /** Times each rule and each shared analysis into it (`check --timing`). */
  timing?: CheckTimes;
}

export function messageLanguage(config: Config, post: Post): Language {
  return config.language === 'auto' ? post.language : config.language;
}

export function localize(text: LocalizedText, language: Language): string {
  return text[language];
}

/** One rule's finding before de-duplication: what `dedupeFindings` ranks, and where its rule stands in the list. */
export interface RankedFinding {
  finding: Finding;
  specificity: number;
  keptInDeletedCopies?: boolean;
  /** The rule's `wholePost`. */
  wholePost?: boolean;
  /** Index of the rule in `options.rules`: findings of several runs over one post merge in rule order. */
  order: number;
}

/**
 * Runs every enabled rule on one post, then drops what the post's inline disable comments switch off
 * (after de-duplication, so hiding the one finding shown for some lines never brings back another).
 * The one entry point of the CLI, the App, the Action and the audit. Never throws: a rule that fails becomes a warning finding that
 * names it, and the other rules still run.
 */
export function checkPost(post: Post, options: CheckOptions): Finding[] {
  return settleFindings(post, rankFindings(post, options));
}

/**
 * The findings of the enabled rules `include` accepts (default: all), not yet de-duplicated: the worker
 * pool runs the per-post rules in a worker and the cross-post ones centrally, then settles both together.
 */
export function rankFindings(post: Post, options: CheckOptions, include: (rule: Rule) => boolean = () => true): RankedFinding[] {
  const { config, site, timing } = options;
  const corpus = options.corpus ?? emptyCorpus();
  if (timing) post.memo.recorder = timing.analysis;
  const language = messageLanguage(config, post);
  const ranked: RankedFinding[] = [];

  for (const planned of configuredRules(config, options.rules)) {
    const { rule, order, configured } = planned;
    if (!include(rule)) continue;
    let reports;
    try {
      if (planned.optionsError !== undefined) throw planned.optionsError;
      const ruleOptions = planned.options;
      // Two object literals rather than a spread: spreading a fresh object per rule and post cost more than many rules.
      const context = site ? { post, options: ruleOptions, corpus, site } : { post, options: ruleOptions, corpus };
      if (timing) {
        const start = performance.now();
        try {
          reports = rule.check(context);
        } finally {
          timing.rule(rule.id, performance.now() - start);
        }
      } else reports = rule.check(context);
    } catch (error) {
      ranked.push(internalError(post, rule, error, language, order));
      continue;
    }
    for (const report of reports) {
      let message: string;
      try {
        message = formatMessage(rule, report.messageId, report.data, language);
      } catch (error) {
        ranked.push(internalError(post, rule, error, language, order));
        continue;
      }
      const finding: Finding = {
        path: post.path,
        rule: rule.id,
        category: rule.category,
        severity: configured ?? report.severity ?? rule.defaultSeverity,
        line: report.line,
        endLine: Math.max(report.endLine ?? report.line, report.line),
        // Findings outlive their post's model (a whole site's are kept for the report): quoted text must not keep the post's text alive.
        message: detached(message),
      };
      finding.messageId = report.messageId;
      if (report.column !== undefined) finding.column = report.column;
      if (report.endColumn !== undefined) finding.endColumn = report.endColumn;
      if (report.fix) finding.fix = { ...report.fix, replacement: detached(report.fix.replacement) };
      if (report.related?.length) finding.related = report.related.map((r) => (r.label === undefined ? r : { ...r, label: detached(r.label) }));
      ranked.push({ finding, specificity: planned.specificity, keptInDeletedCopies: planned.keptInDeletedCopies, wholePost: planned.wholePost, order });
    }
  }
  return ranked;
}

/** A rule that is not off, with what `rankFindings` reads of it and of the config for it. */
interface ConfiguredRule {
  rule: Rule;
  /** Index of the rule in the list. */
  order: number;
  configured: Severity | undefined;
  /** `rule.options?.select(config)`, or what it threw (reported per post, as when it was selected per post). */
  options: unknown;
  optionsError?: unknown;
  specificity: number;
  keptInDeletedCopies: boolean;
  wholePost: boolean;
}

/**
 * The enabled rules of `rules` under `config`, worked out once per config and rule list rather than for
 * every post (81 rules: each post selected every rule's options again, and read its severity and flags). A
 * config is not changed once loaded; the rules get the same options object on every post.
 */
function configuredRules(config: Config, rules: readonly Rule[]): readonly ConfiguredRule[] {
  let byRules = configured.get(config);
  if (!byRules) configured.set(config, (byRules = new WeakMap()));
  let planned = byRules.get(rules);
  if (!planned) {
    const list: ConfiguredRule[] = [];
    for (const [order, rule] of rules.entries()) {
      const severity = config.rules[rule.id];
      if (severity === 'off') continue;
      const entry: ConfiguredRule = {
        rule,
        order,
        configured: severity,
        options: undefined,
        specificity: rule.specificity ?? 0,
        keptInDeletedCopies: rule.keptInDeletedCopies === true,
        wholePost: rule.wholePost === true,
      };
      try {
        entry.options = rule.options?.select(config);
      } catch (error) {
        entry.optionsError = error;
      }
      list.push(entry);
    }
    byRules.set(rules, (planned = list));
  }
  return planned;
}

const configured = new WeakMap<Config, WeakMap<readonly Rule[], readonly ConfiguredRule[]>>();

/** A rule that threw (or reported a message it does not declare): one warning that names it. */
function internalError(post: Post, rule: Rule, error: unknown, language: Language, order: number): RankedFinding {
  return {
    specificity: -1,
    order,
    finding: {
      path: post.path,
      rule: rule.id,
      category: rule.category,
      severity: 'warning',
      line: 1,
      endLine: 1,
      message: localize(
        {
          en: `internal error in rule ${rule.id}: ${(error as Error).message}; other rules still ran`,
          ja: `ルール ${rule.id} の内部エラー: ${(error as Error).message}（他のルールは実行済み）`,
        },
        language,
      ),
    },
  };
}

/** De-duplicates one post's ranked findings (given in rule order), applies its disable comments and sorts them. */
export function settleFindings(post: Post, ranked: RankedFinding[]): Finding[] {
  return applyDisableComments(post, dedupeFindings(ranked)).sort(compareFindings);
}
