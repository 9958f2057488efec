import { parseArgs } from 'node:util';
import { allRules } from '../rules/index.js';
import type { Io } from './io.js';
import { ruleHelpUri } from './rule-docs.js';

const USAGE = `Usage:
  editorial-review rules [--format text|json]

Lists every rule: its id (the key under \`rules:\` in the config and in disable comments), default
severity and description.`;

/** `editorial-review rules`: exit status 0, or 2 on a usage error. */
export function rulesCommand(args: string[], io: Io): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    io.stderr(`editorial-review: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (values.format === 'json') {
    const rules = allRules.map((rule) => ({
      id: rule.id,
      category: rule.category,
      defaultSeverity: rule.defaultSeverity,
      description: rule.description,
      helpUri: ruleHelpUri(rule),
    }));
    io.stdout(`${JSON.stringify({ rules }, null, 2)}\n`);
    return 0;
  }
  if (values.format !== 'text') {
    io.stderr(`editorial-review: --format must be text or json (got "${values.format}")\n`);
    return 2;
  }
  const width = Math.max(...allRules.map((rule) => rule.id.length));
  io.stdout(`${allRules.map((rule) => `${rule.id.padEnd(width)}  ${rule.defaultSeverity.padEnd(7)}  ${rule.description.en}`).join('\n')}\n`);
  return 0;
}
