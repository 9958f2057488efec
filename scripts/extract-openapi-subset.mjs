#!/usr/bin/env node
// Extracts from @octokit/openapi (GitHub's published OpenAPI description, dereferenced) the operations the
// App calls, into test/fixtures/github/openapi-subset.json, so the fake GitHub server validates every
// request and response without parsing the 73 MB description in each test worker.
//   node scripts/extract-openapi-subset.mjs        (test/github/openapi-subset.test.ts checks it is current)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OPERATIONS = [
  ['get', '/app'],
  ['post', '/app/installations/{installation_id}/access_tokens'],
  ['get', '/repos/{owner}/{repo}/contents/{path}'],
  ['get', '/repos/{owner}/{repo}/pulls'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/comments'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['post', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['post', '/repos/{owner}/{repo}/check-runs'],
  ['patch', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
];

export function extractSubset() {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@octokit/openapi/package.json');
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  const spec = JSON.parse(readFileSync(join(dirname(pkg), 'generated', 'api.github.com.deref.json'), 'utf8'));
  const operations = {};
  for (const [method, path] of OPERATIONS) {
    const op = spec.paths[path]?.[method];
    if (!op) throw new Error(`not in the description: ${method} ${path}`);
    const responses = {};
    for (const [status, response] of Object.entries(op.responses)) {
      const content = response.content ?? {};
      const json = content['application/json'] ?? content['application/scim+json'] ?? Object.values(content)[0];
      responses[status] = { schema: json?.schema ?? null, example: json?.examples ? Object.values(json.examples)[0]?.value ?? null : null };
    }
    operations[`${method.toUpperCase()} ${path}`] = {
      operationId: op.operationId,
      parameters: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: Boolean(p.required), schema: p.schema })),
      requestBody: op.requestBody?.content?.['application/json']?.schema ?? null,
      responses,
    };
  }
  return { source: `@octokit/openapi@${version} generated/api.github.com.deref.json`, operations };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'github', 'openapi-subset.json');
  writeFileSync(out, `${JSON.stringify(extractSubset())}\n`);
  process.stdout.write(`${out}\n`);
}
