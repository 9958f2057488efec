import { stringify } from 'yaml';
import type { Config } from '../config/schema.js';
import { RULE_SOURCE } from '../core/project.js';
import { SEVERITIES, type Category, type LocalizedText, type Severity } from '../core/finding.js';
import type { InvalidRuleCase, Rule, RuleCase } from '../rules/rule.js';

/**
 * A rule's documentation, made from its own metadata (as remark-lint and ESLint document their rules):
 * `editorial-review rules` prints it, `npm run docs:rules` writes it to `docs/rules/<id>.md` (a test fails
 * when a page there is stale), SARIF's `helpUri` and each review comment link to `url`.
 */
export interface RuleDoc {
  id: string;
  category: Category;
  defaultSeverity: Severity;
  description: LocalizedText;
  /** What the rule needs to see before it reports at each level. */
  evidence: Partial<Record<Severity, string>>;
  /**
   * The settings the rule reads, its own and those of the shared analyses it calls, by section of the
   * settings file (`frontMatter`, `truncation`…): each key with its value in the given config.
   */
  options?: Record<string, Record<string, unknown>>;
  /** What it reports, by message id (`{{name}}` stands for a value of the finding). */
  messages: Record<string, LocalizedText>;
  examples: { valid: RuleCase[]; invalid: InvalidRuleCase[] };
  /** The rule's source file in the repository, and its address. */
  source: string;
  sourceUrl: string;
  url: string;
}

/** The documentation URL of a rule: `config.ruleDocs` with `{id}` replaced. */
export function ruleDocsUrl(ruleId: string, config: Pick<Config, 'ruleDocs'>): string {
  return config.ruleDocs.replaceAll('{id}', ruleId);
}

/** The settings the rule declares (`options`: the keys it and its analyses read), by section, with their values in `config`. */
function optionsOf(rule: Rule, config: Config): RuleDoc['options'] {
  if (!rule.options) return undefined;
  return Object.fromEntries(
    Object.entries(rule.options.keys).map(([section, keys]) => {
      const values = config[section as keyof Config] as Record<string, unknown>;
      // An optional setting left unset (`site.permalink`) shows as null, so the page still names it.
      return [section, Object.fromEntries(keys.map((key) => [key, values[key] ?? null]))];
    }),
  );
}

export function ruleDoc(rule: Rule, config: Config): RuleDoc {
  const options = optionsOf(rule, config);
  return {
    id: rule.id,
    category: rule.category,
    defaultSeverity: rule.defaultSeverity,
    description: rule.description,
    evidence: rule.evidence ?? {},
    ...(options ? { options } : {}),
    messages: { ...rule.messages },
    examples: { valid: rule.examples?.valid ?? [], invalid: rule.examples?.invalid ?? [] },
    source: `src/rules/${rule.id}.ts`,
    sourceUrl: RULE_SOURCE.replaceAll('{id}', rule.id),
    url: ruleDocsUrl(rule.id, config),
  };
}

/** A fence longer than any backtick run in `text`, so an example shows exactly as written. */
function fence(info: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${info}\n${text.endsWith('\n') ? text : `${text}\n`}${marks}`;
}

function exampleMarkdown(ruleCase: RuleCase, findings?: InvalidRuleCase['findings'], output?: string): string {
  const parts = [`#### ${ruleCase.name ?? 'Example'}`];
  if (ruleCase.source) parts.push(`Source: ${ruleCase.source}`);
  if (ruleCase.config) parts.push(`With config:\n\n${fence('yaml', stringify(ruleCase.config))}`);
  parts.push(fence('markdown', ruleCase.text));
  if (findings) {
    parts.push(
      findings
        .map((f) => `- line ${f.line}${f.endLine && f.endLine !== f.line ? `–${f.endLine}` : ''}${f.severity ? ` (${f.severity})` : ''}${f.message ? `: …${f.message}…` : ''}`)
        .join('\n'),
    );
    parts.push(output === undefined ? 'No fix.' : `Fixed:\n\n${fence('markdown', output)}`);
  }
  return parts.join('\n\n');
}

/** One rule's page, in Markdown. */
export function ruleMarkdown(doc: RuleDoc): string {
  const parts = [
    `# ${doc.id}`,
    `Category \`${doc.category}\` · default severity \`${doc.defaultSeverity}\` · source [\`${doc.source}\`](${doc.sourceUrl})`,
    `${doc.description.en}\n\n${doc.description.ja}`,
  ];
  const evidence = SEVERITIES.filter((s) => doc.evidence[s]).map((s) => `- **${s}**: ${doc.evidence[s]}`);
  parts.push(`## Evidence\n\n${evidence.length ? evidence.join('\n') : '_Not stated yet._'}`);
  if (doc.options) {
    const sections = Object.keys(doc.options).map((section) => `\`${section}:\``);
    parts.push(
      `## Options\n\nIn the ${sections.join(' and ')} section${sections.length > 1 ? 's' : ''} of \`.github/editorial-review.yml\` (values in effect, null where unset; the rule's own settings and those of the shared analyses it calls):\n\n${fence('yaml', stringify(doc.options))}`,
    );
  }
  const messages = Object.entries(doc.messages);
  if (messages.length) {
    parts.push(`## Messages\n\nBy \`messageId\` (in the findings JSON); \`{{name}}\` stands for a value of the finding.\n\n${messages.map(([id, text]) => `- \`${id}\`: ${text.en}\n  ${text.ja}`).join('\n')}`);
  }
  const { valid, invalid } = doc.examples;
  if (valid.length + invalid.length > 0) {
    parts.push('## Examples');
    if (invalid.length) parts.push(`### Reported\n\n${invalid.map((c) => exampleMarkdown(c, c.findings, c.output)).join('\n\n')}`);
    if (valid.length) parts.push(`### Not reported\n\n${valid.map((c) => exampleMarkdown(c)).join('\n\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}

/** The index of every rule, in Markdown: one row per rule, linking to its documentation (`link`, default its `url`). */
export function rulesIndexMarkdown(docs: readonly RuleDoc[], link: (doc: RuleDoc) => string = (doc) => doc.url): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const rows = docs.map((d) => `| [\`${d.id}\`](${link(d)}) | ${d.category} | ${d.defaultSeverity} | ${cell(d.description.en)} |`);
  return `| rule | category | default | what it reports |\n|---|---|---|---|\n${rows.join('\n')}\n`;
}

/** Where the rule pages live in the repository (`docs/rules/<id>.md`, the default `ruleDocs`). */
export const RULE_DOCS_DIR = 'docs/rules';

/**
 * The files `npm run docs:rules` writes, path (relative to RULE_DOCS_DIR) → content: each rule's page with
 * the default settings, and `README.md`, the index linking to them. The same text `editorial-review rules
 * [id] --format markdown` prints without a settings file; `test/lint/rule-docs.test.ts` holds them equal.
 */
export function ruleDocsFiles(rules: readonly Rule[], defaults: Config): Map<string, string> {
  const docs = rules.map((rule) => ruleDoc(rule, defaults));
  const files = new Map<string, string>();
  files.set(
    'README.md',
    `# Rules\n\nWritten by \`npm run docs:rules\` from each rule's metadata (\`src/rules/<id>.ts\`); do not edit by hand.\n\n${rulesIndexMarkdown(docs, (doc) => `${doc.id}.md`)}`,
  );
  for (const doc of docs) files.set(`${doc.id}.md`, ruleMarkdown(doc));
  return files;
}
