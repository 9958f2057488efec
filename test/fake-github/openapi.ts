import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ensureSubset } from '../../scripts/extract-openapi-subset.mjs';

/**
 * GitHub's published OpenAPI description (the operations the App calls, extracted from @octokit/openapi by
 * scripts/extract-openapi-subset.mjs into node_modules/.cache at test time) and ajv validators for their request and response bodies.
 */
export interface Operation {
  operationId: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody: object | null;
  responses: Record<string, { schema: object | null; example: unknown }>;
}

// Generated at test time from the installed @octokit/openapi (vitest globalSetup; extracted here if run alone).
export const SUBSET = JSON.parse(readFileSync(ensureSubset(), 'utf8')) as {
  source: string;
  operations: Record<string, Operation>;
};

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const compiled = new Map<object, ValidateFunction>();

/** Validates `value` against `schema`; returns a readable list of violations (empty when valid). */
export function validate(schema: object, value: unknown): string[] {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  if (fn(value)) return [];
  return (fn.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

export interface MatchedOperation {
  key: string;
  operation: Operation;
  params: Record<string, string>;
}

const ROUTES = Object.entries(SUBSET.operations).map(([key, operation]) => {
  const [method, template] = key.split(' ') as [string, string];
  const names: string[] = [];
  const source = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return name === 'path' ? '(.+)' : '([^/]+)';
  });
  return { key, method, regex: new RegExp(`^${source}$`), names, operation };
});

/** The documented operation for a request, with its path parameters, or undefined. */
export function matchOperation(method: string, pathname: string): MatchedOperation | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.regex.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
    return { key: route.key, operation: route.operation, params };
  }
  return undefined;
}

/** The documented example response: a template that already satisfies the schema. */
export function example<T = Record<string, unknown>>(key: string, status: string): T {
  const value = SUBSET.operations[key]?.responses[status]?.example;
  if (value === undefined || value === null) throw new Error(`no example for ${key} ${status}`);
  return structuredClone(value) as T;
}
