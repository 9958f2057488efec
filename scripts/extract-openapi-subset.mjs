#!/usr/bin/env node
// Extracts from @octokit/openapi (GitHub's published OpenAPI description, dereferenced) the operations the
// App calls, so the fake GitHub server validates every request and response without parsing the 73 MB
// description in each test worker. Nothing is committed: the subset is generated at test time (vitest
// globalSetup, test/fake-github/global-setup.ts) into node_modules/.cache/editorial-review/ and reused
// across workers and runs until @octokit/openapi's version (or this list) changes.
//   node scripts/extract-openapi-subset.mjs        (prints the cache path, generating it if needed)
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OPERATIONS = [
  ['get', '/app'],
  ['get', '/app/hook/deliveries'],
  ['get', '/app/hook/deliveries/{delivery_id}'],
  ['post', '/app/hook/deliveries/{delivery_id}/attempts'],
  ['post', '/app/installations/{installation_id}/access_tokens'],
  ['get', '/repos/{owner}/{repo}/contents/{path}'],
  ['get', '/repos/{owner}/{repo}/git/trees/{tree_sha}'],
  ['get', '/repos/{owner}/{repo}/pulls'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/comments'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['post', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['delete', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}'],
  ['post', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events'],
  ['post', '/repos/{owner}/{repo}/check-runs'],
  ['patch', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  // Fixes on request: who may ask, the answer, one commit on the head branch (Git Data API).
  ['get', '/repos/{owner}/{repo}/collaborators/{username}/permission'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['get', '/repos/{owner}/{repo}/git/commits/{commit_sha}'],
  ['post', '/repos/{owner}/{repo}/git/trees'],
  ['post', '/repos/{owner}/{repo}/git/commits'],
  ['patch', '/repos/{owner}/{repo}/git/refs/{ref}'],
];

const require = createRequire(import.meta.url);

function packageInfo() {
  const pkg = require.resolve('@octokit/openapi/package.json');
  return { dir: dirname(pkg), version: JSON.parse(readFileSync(pkg, 'utf8')).version };
}

export function extractSubset() {
  const { dir, version } = packageInfo();
  const spec = JSON.parse(readFileSync(join(dir, 'generated', 'api.github.com.deref.json'), 'utf8'));
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

/** Where the subset for the installed @octokit/openapi (and this operation list) is cached. */
export function subsetCachePath() {
  const { version } = packageInfo();
  const list = createHash('sha256').update(JSON.stringify(OPERATIONS)).digest('hex').slice(0, 8);
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  return join(root, 'node_modules', '.cache', 'editorial-review', `openapi-subset-${version}-${list}.json`);
}

/** The cached subset's path, extracting it first when missing (written atomically: safe with parallel workers). */
export function ensureSubset() {
  const path = subsetCachePath();
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(extractSubset())}\n`);
    renameSync(tmp, path);
  }
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${ensureSubset()}\n`);
}
