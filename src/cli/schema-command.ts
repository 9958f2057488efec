import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configJsonSchema } from './config-schema.js';
import type { Io } from './io.js';

export const SCHEMA_USAGE = `Usage:
  editorial-review schema [--output FILE]

Prints the JSON Schema of .github/editorial-review.yml (derived from the schema the loader validates with),
for editors: save it and point the YAML language server at it with a first line
  # yaml-language-server: $schema=./editorial-review.schema.json
The installed package also holds it as dist/editorial-review.schema.json.`;

/** `editorial-review schema`: exit status 0, or 2 on a usage error. */
export function schemaCommand(args: string[], io: Io): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { output: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    io.stderr(`editorial-review: ${(error as Error).message}\n\n${SCHEMA_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${SCHEMA_USAGE}\n`);
    return 0;
  }
  const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
  if (!values.output) {
    io.stdout(text);
    return 0;
  }
  const path = resolve(io.cwd, values.output);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return 0;
}
