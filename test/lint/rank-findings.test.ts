/**
 * `rankFindings` works out what it reads of each rule under a config (enabled, severity, options, flags)
 * once per config and rule list, and fills messages from templates cut at their placeholders once. Held to
 * the engine as it was (each rule looked up, its options selected and its template matched per post and
 * per finding) on every real post, and on a rule made to stress the templates and the errors.
 */
import { describe, expect, it } from 'vitest';
import { rankFindings, messageLanguage, type CheckOptions, type RankedFinding } from '../../src/lint/check.js';
import { emptyCorpus } from '../../src/analysis/corpus/summary.js';
import { detached } from '../../src/text/detached.js';
import { formatMessage, type MessageValue, type Report, type Rule, type RuleOptions } from '../../src/rules/rule.js';
import { allRules } from '../../src/rules/index.js';
import { parsePost } from '../../src/post/parse.js';
import type { Finding, Language } from '../../src/core/finding.js';
import type { Post } from '../../src/post/post.js';
import { config, itOnEverySiteHeadPost, realPostSources } from '../helpers.js';

/** `formatMessage` as it was: the template matched by a regex, a callback per placeholder. */
function referenceFormat(rule: Rule, messageId: string, data: Readonly<Record<string, MessageValue>> | undefined, language: Language): string {
  const template = Object.hasOwn(rule.messages, messageId) ? rule.messages[messageId] : undefined;
  if (!template) throw new Error(`reports message id "${messageId}", which is not in its messages`);
  return template[language].replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => {
    if (!data || !Object.hasOwn(data, name)) throw new Error(`message "${messageId}" needs \`${name}\`, which the report does not give`);
    const value = data[name]!;
    return typeof value === 'object' ? value[language] : String(value);
  });
}

/** `rankFindings` as it was: every rule's entry, options and flags read per post. */
function referenceRank(post: Post, options: CheckOptions, include: (rule: Rule) => boolean = () => true): RankedFinding[] {
  const { config: cfg, rules, site } = options;
  const corpus = options.corpus ?? emptyCorpus();
  const language = messageLanguage(cfg, post);
  const ranked: RankedFinding[] = [];
  const internal = (rule: Rule, error: unknown, order: number): RankedFinding => ({
    specificity: -1,
    order,
    finding: {
      path: post.path,
      rule: rule.id,
      category: rule.category,
      severity: 'warning',
      line: 1,
      endLine: 1,
      message:
        language === 'en'
          ? `internal error in rule ${rule.id}: ${(error as Error).message}; other rules still ran`
          : `ルール ${rule.id} の内部エラー: ${(error as Error).message}（他のルールは実行済み）`,
    },
  });
  for (const [order, rule] of rules.entries()) {
    const configured = cfg.rules[rule.id];
    if (configured === 'off' || !include(rule)) continue;
    let reports;
    try {
      const ruleOptions = rule.options?.select(cfg);
      reports = rule.check(site ? { post, options: ruleOptions, corpus, site } : { post, options: ruleOptions, corpus });
    } catch (error) {
      ranked.push(internal(rule, error, order));
      continue;
    }
    for (const report of reports) {
      let message: string;
      try {
        message = referenceFormat(rule, report.messageId, report.data, language);
      } catch (error) {
        ranked.push(internal(rule, error, order));
        continue;
      }
      const finding: Finding = {
        path: post.path,
        rule: rule.id,
        category: rule.category,
        severity: configured ?? report.severity ?? rule.defaultSeverity,
        line: report.line,
        endLine: Math.max(report.endLine ?? report.line, report.line),
        message: detached(message),
      };
      finding.messageId = report.messageId;
      if (report.column !== undefined) finding.column = report.column;
      if (report.endColumn !== undefined) finding.endColumn = report.endColumn;
      if (report.fix) finding.fix = { ...report.fix, replacement: detached(report.fix.replacement) };
      if (report.related?.length) finding.related = report.related.map((r) => (r.label === undefined ? r : { ...r, label: detached(r.label) }));
      ranked.push({ finding, specificity: rule.specificity ?? 0, keptInDeletedCopies: rule.keptInDeletedCopies === true, wholePost: rule.wholePost === true, order });
    }
  }
  return ranked;
}

/** A rule whose messages hold what a template can hold, reporting what each post's `data` names. */
const stress: Rule = {
  id: 'artifacts/stress-templates',
  category: 'artifacts',
  defaultSeverity: 'info',
  description: { en: 'test rule', ja: 'テスト用ルール' },
  messages: {
    plain: { en: 'no placeholder at all', ja: 'プレースホルダーなし' },
    many: { en: '{{a}} and {{ a }} then {{b}}{{c}}: $& $1 $$ {{', ja: '「{{ a }}」と{{b}}、{{c}}。$` $\' }}' },
    edges: { en: '{{a}}', ja: '{{a}}{{b}}' },
  },
  check({ post }) {
    const n = post.text.length;
    return [
      { line: 1, messageId: 'plain' },
      { line: 1, messageId: 'many', data: { a: `x${n}$&`, b: n, c: { en: 'English', ja: '日本語' } } },
      { line: 1, messageId: 'edges', data: { a: '', b: '{{b}}' } },
      // A placeholder without its value, and an id the rule does not declare: internal errors.
      { line: 1, messageId: 'many', data: { a: 'only a' } },
      { line: 1, messageId: 'missing' },
    ] as Report[];
  },
};

/** A rule whose options cannot be selected under the config it is given. */
const unselectable: Rule = {
  ...stress,
  id: 'artifacts/stress-options',
  options: {
    keys: {},
    select() {
      throw new Error('no such section');
    },
  } as unknown as RuleOptions<unknown>,
};

describe('rankFindings', () => {
  it('ranks what the engine ranked per post, on every real post: every rule, and some off or left out', () => {
    const posts = realPostSources().map(({ path, text }) => parsePost(path, text));
    expect(posts.length).toBeGreaterThan(10);
    const rules = [...allRules, stress, unselectable];
    const plain = { config: config(), rules };
    const someOff = { config: config({ rules: { 'claims/unsourced': 'off', 'truncation/split-paragraph': 'error', 'artifacts/stress-templates': 'warning' } }), rules };
    const include = (rule: Rule) => !rule.id.startsWith('front-matter/');
    let findings = 0;
    for (const post of posts) {
      for (const options of [plain, someOff]) {
        const expected = referenceRank(post, options);
        expect(rankFindings(post, options)).toEqual(expected);
        expect(rankFindings(post, options, include)).toEqual(referenceRank(post, options, include));
        findings += expected.length;
      }
    }
    expect(findings).toBeGreaterThan(1000);
  }, 300_000);

  itOnEverySiteHeadPost('ranks what the engine ranked per post, on every post of the site head', (sources) => {
    const options = { config: config(), rules: allRules };
    let findings = 0;
    for (const { path, text } of sources) {
      const post = parsePost(path, text);
      const expected = referenceRank(post, options);
      expect(rankFindings(post, options)).toEqual(expected);
      findings += expected.length;
    }
    expect(findings).toBeGreaterThan(10_000);
  });

  it('formats every message of every rule as the regex did, in both languages', () => {
    for (const rule of [...allRules, stress]) {
      for (const [id, template] of Object.entries(rule.messages)) {
        const names = [...`${template.en} ${template.ja}`.matchAll(/\{\{\s*(\w+)\s*\}\}/gu)].map((m) => m[1]!);
        const data: Record<string, MessageValue> = {};
        names.forEach((name, i) => (data[name] = i % 3 === 0 ? `v$&${i}` : i % 3 === 1 ? i * 1.5 : { en: `en${i}`, ja: `ja${i}` }));
        for (const language of ['en', 'ja'] as const) expect(formatMessage(rule, id, data, language)).toBe(referenceFormat(rule, id, data, language));
      }
    }
  });
});
