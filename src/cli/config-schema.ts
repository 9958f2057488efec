import { z } from 'zod';
import { RENAMED_RULES, RENAMED_SECTIONS } from '../config/renamed-rules.js';
import { allRules } from '../rules/index.js';
import { configSchema } from '../config/schema.js';

/**
 * The JSON Schema of `.github/editorial-review.yml` for editors (YAML language server, VS Code), derived
 * from the zod schema the loader validates with, so the two cannot drift: what the user writes is the
 * schema's input side (defaults optional). Rule ids, which the loader checks against the registry, are
 * listed as the allowed `rules` keys. Printed by `editorial-review schema`; the package build writes it to
 * `dist/editorial-review.schema.json`.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown> & {
    properties: Record<string, Record<string, unknown>>;
  };
  const rules = schema.properties.rules!;
  // Old ids of renamed rules are still read (config/renamed-rules.ts).
  rules.propertyNames = { enum: [...allRules.map((rule) => rule.id), ...Object.keys(RENAMED_RULES)] };
  // Sections under their old name are still read (config/load.ts), so editors accept them too, marked deprecated.
  for (const [old, current] of Object.entries(RENAMED_SECTIONS)) {
    schema.properties[old] = { ...schema.properties[current], deprecated: true, description: `Old name of \`${current}\`: write \`${current}:\` instead.` };
  }
  return { ...schema, title: 'editorial-review configuration (.github/editorial-review.yml)' };
}
