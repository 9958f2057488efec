import * as load from '../config/load.js';
import type { Config } from '../config/schema.js';
import { allRules } from '../rules/index.js';

/**
 * The config loader every runner uses (CLI, App, Action): `config/load.ts` with the ids of the rules
 * that exist, so a misspelt rule id is an error wherever the file is read.
 */
export const RULE_IDS: readonly string[] = allRules.map((rule) => rule.id);

export function parseConfig(yamlText: string, source: string = load.CONFIG_PATH): Config {
  return load.parseConfig(yamlText, source, { ruleIds: RULE_IDS });
}

export function resolveConfig(document: load.ConfigDocument, readExtends?: load.ExtendsReader): Promise<Config> {
  return load.resolveConfig(document, { ruleIds: RULE_IDS, ...(readExtends ? { readExtends } : {}) });
}

export function loadConfigFile(path: string): Promise<Config> {
  return load.loadConfigFile(path, RULE_IDS);
}
