import { existsSync, readFileSync } from 'node:fs';
import { currentRuleId, RENAMED_SECTIONS } from './renamed-rules.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

import { closest } from './did-you-mean.js';
import { configSchema, type Config } from './schema.js';

export const CONFIG_PATH = '.github/editorial-review.yml';
/** YAML alias expansions allowed in a config (the `yaml` package counts nested expansions). */
export const MAX_ALIAS_COUNT = 100;

/** At most this many files in one `_extends` chain (the repository's own file included). */
export const MAX_EXTENDS_DEPTH = 5;

/** One problem of a config file, where it is. */
export interface ConfigProblem {
  source: string;
  /** Dotted path of the offending key. */
  key?: string;
  line?: number;
  message: string;
}

/**
 * A config that cannot be used. `message` lists every problem as `file:line: \`key\`: what`; `key` and
 * `line` are those of the first, for a check-run title.
 */
export class ConfigError extends Error {
  readonly key?: string;
  readonly line?: number;
  constructor(
    readonly problems: ConfigProblem[],
    readonly source: string,
  ) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    const first = problems[0];
    if (first?.key !== undefined) this.key = first.key;
    if (first?.line !== undefined) this.line = first.line;
  }
}

function formatProblem(p: ConfigProblem): string {
  return `${p.source}${p.line ? `:${p.line}` : ''}: ${p.key !== undefined ? `\`${p.key || '(root)'}\`: ` : ''}${p.message}`;
}

export function defaultConfig(): Config {
  return configSchema.parse({});
}

/** The text of one config file and the name its messages use (a path, or `owner/repo:path`). */
export interface ConfigDocument {
  source: string;
  text: string;
}

/**
 * Reads the file an `_extends` value names, or null when it does not exist. The CLI reads a path relative
 * to the extending file; the App reads another repository of the organisation.
 */
export type ExtendsReader = (target: string, from: ConfigDocument) => Promise<ConfigDocument | null>;

/** A problem with an `_extends` value a reader reports to the user; any other error (a network failure) propagates. */
export class ExtendsError extends Error {}

/**
 * What validation needs beyond the schema: the ids of the rules that exist (config sits below the rules
 * layer, so the caller passes them; `lint/config.ts` binds them for every runner).
 */
export interface ConfigContext {
  ruleIds: readonly string[];
  readExtends?: ExtendsReader;
}

/** Parses and validates one config file that has no `_extends`; throws ConfigError naming every bad key and its line. */
export function parseConfig(yamlText: string, source: string, context: ConfigContext): Config {
  const file = readDocument({ source, text: yamlText }, context.ruleIds);
  if (file.extends !== undefined) {
    throw new ConfigError([{ source, key: '_extends', line: file.lineOf(['_extends']), message: '`_extends` needs a config loader that can read the file it names' }], source);
  }
  return parseMerged(file, [file]);
}

/**
 * A config file with its `_extends` chain (organisation-wide defaults, as probot/settings and stale do):
 * each file is validated on its own, so every message names the file and line at fault; then the files
 * are merged, the extending file winning: mappings merge key by key, any other value (a list, a string)
 * replaces the inherited one.
 */
export async function resolveConfig(document: ConfigDocument, context: ConfigContext): Promise<Config> {
  const { readExtends } = context;
  const chain: ParsedFile[] = [];
  let current: ConfigDocument | null = document;
  const seen = new Set<string>();
  while (current) {
    const file = readDocument(current, context.ruleIds);
    chain.push(file);
    seen.add(current.source);
    if (file.extends === undefined) break;
    const at = { source: current.source, key: '_extends', line: file.lineOf(['_extends']) };
    if (!readExtends) throw new ConfigError([{ ...at, message: '`_extends` is not supported here' }], current.source);
    if (chain.length >= MAX_EXTENDS_DEPTH) {
      throw new ConfigError([{ ...at, message: `more than ${MAX_EXTENDS_DEPTH} files in the \`_extends\` chain` }], current.source);
    }
    let next: ConfigDocument | null;
    try {
      next = await readExtends(file.extends, current);
    } catch (error) {
      if (!(error instanceof ExtendsError)) throw error;
      throw new ConfigError([{ ...at, message: `cannot read "${file.extends}": ${(error as Error).message}` }], current.source);
    }
    if (!next) throw new ConfigError([{ ...at, message: `"${file.extends}" does not exist` }], current.source);
    if (seen.has(next.source)) throw new ConfigError([{ ...at, message: `"${file.extends}" extends this file again (a cycle)` }], current.source);
    current = next;
  }
  const problems = chain.flatMap((file) => file.problems);
  if (problems.length > 0) throw new ConfigError(problems, problems[0]!.source);
  return parseMerged(chain[0]!, chain);
}

/** The CLI's loader: a file, whose `_extends` is a path relative to it. */
export async function loadConfigFile(path: string, ruleIds: readonly string[]): Promise<Config> {
  const readExtends: ExtendsReader = async (target, from) => {
    const candidate = isAbsolute(target) ? target : resolve(dirname(from.source), target);
    if (!existsSync(candidate)) {
      // `owner/repo` is the App's form; a local file that happens to look like it still works when it exists.
      if (!/\.ya?ml$/.test(target) && parseExtendsTarget(target)) {
        throw new ExtendsError('the CLI reads `_extends` as a file path (relative to this file); `owner/repo` is read by the GitHub App');
      }
      return null;
    }
    return readConfigFile(candidate, candidate);
  };
  return resolveConfig(readConfigFile(path, path), { ruleIds, readExtends });
}

function readConfigFile(path: string, source: string): ConfigDocument {
  try {
    return { source, text: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new ConfigError([{ source, message: `cannot read config: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }], source);
  }
}

interface ParsedFile {
  source: string;
  raw: Record<string, unknown>;
  extends: string | undefined;
  problems: ConfigProblem[];
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** YAML → plain object, with every problem of this one file (schema, rule ids) located at its line. */
function readDocument({ source, text }: ConfigDocument, ruleIds: readonly string[]): ParsedFile {
  const doc = parseDocument(text, { prettyErrors: true });
  const lineOf = (path: readonly PropertyKey[]) => locate(doc, text, path);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = error.linePos?.[0]?.line;
    const problem: ConfigProblem = { source, message: `invalid YAML: ${error.message.split('\n')[0]}` };
    if (line !== undefined) problem.line = line;
    throw new ConfigError([problem], source);
  }
  let value: unknown;
  try {
    // Aliases are bounded: a "billion laughs" document stops here instead of filling the memory.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    throw new ConfigError([{ source, message: `invalid YAML: ${(error as Error).message.split('\n')[0]}` }], source);
  }
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    throw new ConfigError([{ source, line: 1, key: '', message: 'the config must be a mapping of keys to values' }], source);
  }
  const raw = value as Record<string, unknown>;
  renameRuleKeys(raw);
  const writtenAs = renameSections(raw);
  const problems: ConfigProblem[] = [];
  const at = (path: readonly PropertyKey[], message: string) => {
    // A problem inside a section written under its old name is shown where, and as, the user wrote it.
    const written = writtenAs(path);
    const problem: ConfigProblem = { source, key: written.map(String).join('.'), message };
    const line = lineOf(written);
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  };
  const result = configSchema.safeParse(raw);
  if (!result.success) for (const issue of result.error.issues) for (const p of describeIssue(issue)) at(p.path, p.message);
  problems.push(...ruleIdProblems(raw.rules, ruleIds, source, lineOf));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const extendsValue = raw._extends;
  return { source, raw, extends: typeof extendsValue === 'string' ? extendsValue : undefined, problems, lineOf };
}

function describeIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string }[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...issue.path, key], message: unknownKeyMessage(issue.path, key) }));
  }
  if (issue.code === 'invalid_union') {
    // A union (e.g. `truncation.markers`: a list or `{ replace, patterns }`): the closest branch's own problem says the most.
    const branches = issue.errors.map((errors) => errors.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
    const best = branches.sort((a, b) => deepest(b) - deepest(a))[0];
    if (best?.length) return best.flatMap((inner) => describeIssue(inner as z.core.$ZodIssue));
  }
  return [{ path: issue.path, message: issue.message }];
}

function deepest(issues: readonly { path: readonly PropertyKey[] }[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

/** `unknown key`, with the known key it most resembles. */
function unknownKeyMessage(parent: readonly PropertyKey[], key: string): string {
  const known = knownKeysAt(parent);
  const suggestion = known ? closest(key, known) : undefined;
  return `unknown key${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`;
}

function knownKeysAt(path: readonly PropertyKey[]): string[] | undefined {
  let schema: unknown = configSchema;
  for (const key of [...path, null]) {
    // Unwrap defaults, prefaults, pipes and optionals down to an object schema.
    for (let i = 0; i < 8; i++) {
      const def = (schema as { _zod?: { def?: { type: string; innerType?: unknown; in?: unknown } } })._zod?.def;
      if (!def) return undefined;
      if (def.type === 'object') break;
      schema = def.innerType ?? def.in;
    }
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    if (!shape) return undefined;
    if (key === null) return Object.keys(shape);
    schema = shape[String(key)];
  }
  return undefined;
}

/** `rules:` under a rule's old id configures the rule by its new one (the new id wins when both are set). */
function renameRuleKeys(raw: Record<string, unknown>): void {
  const rules = raw.rules;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) return;
  const renamed: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(rules)) if (!(currentRuleId(id) in renamed) || currentRuleId(id) === id) renamed[currentRuleId(id)] = value;
  raw.rules = renamed;
}

/**
 * Top-level sections under an old name (`repository:`) are read as their new one (`corpus:`), the new one
 * winning key by key when both are written. Returns the path as written for a path of the renamed config.
 */
function renameSections(raw: Record<string, unknown>): (path: readonly PropertyKey[]) => readonly PropertyKey[] {
  const oldNameOf = new Map<string, string>();
  for (const [old, current] of Object.entries(RENAMED_SECTIONS)) {
    if (!(old in raw)) continue;
    const inherited = raw[old];
    const own = raw[current];
    delete raw[old];
    if (own === undefined) {
      raw[current] = inherited;
      oldNameOf.set(current, old);
    } else if (isPlainObject(own) && isPlainObject(inherited)) {
      raw[current] = { ...inherited, ...own };
    }
  }
  return (path) => {
    const old = oldNameOf.get(String(path[0]));
    return old === undefined ? path : [old, ...path.slice(1)];
  };
}

/** `rules:` keys that name no rule: the real rule would still fire, so this is an error, with the nearest id. */
function ruleIdProblems(rules: unknown, ids: readonly string[], source: string, lineOf: ParsedFile['lineOf']): ConfigProblem[] {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) return [];
  const known = new Set(ids);
  const problems: ConfigProblem[] = [];
  for (const id of Object.keys(rules)) {
    if (known.has(id)) continue;
    // `title-markdown` alone: the rule whose name it is.
    const byName = ids.filter((candidate) => candidate.endsWith(`/${id}`));
    const suggestion = byName.length === 1 ? byName[0] : closest(id, ids);
    const problem: ConfigProblem = {
      source,
      key: `rules.${id}`,
      message: `no rule is called "${id}"${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (\`editorial-review rules\` lists them)`,
    };
    const line = lineOf(['rules', id]);
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  }
  return problems;
}

/** The merged chain, validated once more (each file was valid alone, so this only fails on a bug). */
function parseMerged(own: ParsedFile, chain: readonly ParsedFile[]): Config {
  if (own.problems.length > 0) throw new ConfigError(own.problems, own.source);
  const merged = chain.reduceRight<Record<string, unknown>>((base, file) => mergeConfig(base, file.raw), {});
  delete merged._extends;
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ source: own.source, key: issue.path.map(String).join('.'), message: `after merging \`_extends\`: ${issue.message}` })),
      own.source,
    );
  }
  return result.data;
}

/** `override` over `base`: mappings merge key by key; lists and scalars replace. */
export function mergeConfig(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const inherited = out[key];
    out[key] = isPlainObject(inherited) && isPlainObject(value) ? mergeConfig(inherited, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The line of the node at `path`, or of its nearest existing parent. */
function locate(doc: Document, text: string, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n) as (string | number)[];
    // A key's own line is where the key is written, which is also where a block value starts.
    const parent = n > 0 ? doc.getIn(sub.slice(0, -1), true) : undefined;
    if (n > 0 && isMap(parent)) {
      const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === sub[n - 1]);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineOf(text, range[0]);
    }
    const node = doc.getIn(sub, true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineOf(text, node.range[0]);
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * An App-side `_extends` value: `repo`, `owner/repo`, optionally `:path.yml` (octokit-plugin-config's
 * syntax); `.github` is the organisation's `.github` repository. The path defaults to CONFIG_PATH.
 */
export function parseExtendsTarget(target: string): { owner?: string; repo: string; path: string } | null {
  const match = /^(?:([A-Za-z\d](?:[A-Za-z\d-]{0,38}))\/)?([\w.-]+)(?::([\w./-]+\.ya?ml))?$/.exec(target.trim());
  if (!match || match[3]?.split('/').includes('..')) return null;
  const [, owner, repo, path] = match;
  return { ...(owner ? { owner } : {}), repo: repo!, path: path ?? CONFIG_PATH };
}
