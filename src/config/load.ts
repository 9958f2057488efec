import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

import { configSchema, type Config } from './schema.js';

export const CONFIG_PATH = '.github/editorial-review.yml';
/** YAML alias expansions allowed in a config (the `yaml` package counts nested expansions). */
export const MAX_ALIAS_COUNT = 100;

/** A config that cannot be used; `key` is the dotted path of the offending key, for the message. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly key?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function defaultConfig(): Config {
  return configSchema.parse({});
}

/** Parses and validates config YAML; throws ConfigError naming the key (and its line) on any problem. */
export function parseConfig(yamlText: string, source = CONFIG_PATH): Config {
  const doc = parseDocument(yamlText, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = error.linePos?.[0]?.line;
    throw new ConfigError(`${source}${line ? `:${line}` : ''}: invalid YAML: ${error.message.split('\n')[0]}`, source, undefined, line);
  }
  let raw: unknown;
  try {
    // Aliases are bounded: a "billion laughs" document stops here instead of filling the memory.
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    throw new ConfigError(`${source}: invalid YAML: ${(error as Error).message.split('\n')[0]}`, source);
  }
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]!);
  const key = path.join('.');
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  const line = node?.range ? lineOf(yamlText, node.range[0]) : undefined;
  const what = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
  throw new ConfigError(`${source}${line ? `:${line}` : ''}: \`${key || '(root)'}\`: ${what}`, source, key, line);
}

export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read config: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, path);
  }
  return parseConfig(text, path);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

