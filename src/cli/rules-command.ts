import { parseArgs } from 'node:util';
import { currentRuleId } from '../config/renamed-rules.js';
import { ruleDoc, ruleMarkdown, rulesIndexMarkdown } from '../lint/rule-docs.js';
import { allRules } from '../rules/index.js';
import { loadCliConfig } from './config-file.js';
import type { Io } from './io.js';

export const RULES_USAGE = `Usage:
  editorial-review rules [RULE-ID…] [--format markdown|text|json] [--config FILE]

Documents the rules from their own metadata: without an id, the index of every rule; with ids, each rule's
page (description, evidence per severity, the options in effect, examples with their fixed output).
  --format   markdown (default), text (one line a rule: id, default severity, description) or json
  --config   config file (default: .github/editorial-review.yml when present): options and links follow it`;

/** `editorial-review rules`. Exit status 0, or 2 on a usage error or an unknown rule id. */
export async function rulesCommand(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'markdown' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr(`editorial-review: ${(error as Error).message}\n\n${RULES_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${RULES_USAGE}\n`);
    return 0;
  }
  if (values.format !== 'markdown' && values.format !== 'text' && values.format !== 'json') {
    io.stderr(`editorial-review: --format must be markdown, text or json (got "${values.format}")\n`);
    return 2;
  }
  const config = await loadCliConfig(values.config, io.cwd, io.cwd, io.stderr);
  if (!config) return 2;
  const ids = positionals.map(currentRuleId);
  const unknown = ids.filter((id) => !allRules.some((rule) => rule.id === id));
  if (unknown.length > 0) {
    io.stderr(`editorial-review: no such rule: ${unknown.join(', ')} (editorial-review rules lists them)\n`);
    return 2;
  }
  const rules = ids.length ? ids.map((id) => allRules.find((rule) => rule.id === id)!) : allRules;
  const docs = rules.map((rule) => ruleDoc(rule, config));
  if (values.format === 'text') {
    const width = Math.max(...docs.map((doc) => doc.id.length));
    io.stdout(`${docs.map((doc) => `${doc.id.padEnd(width)}  ${doc.defaultSeverity.padEnd(7)}  ${doc.description.en}`).join('\n')}\n`);
  } else if (values.format === 'json') io.stdout(`${JSON.stringify(positionals.length === 1 ? docs[0] : docs, null, 2)}\n`);
  else io.stdout(positionals.length ? docs.map(ruleMarkdown).join('\n---\n\n') : rulesIndexMarkdown(docs));
  return 0;
}
