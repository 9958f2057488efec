import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const require = createRequire(import.meta.url);
const guide = readFileSync(join(ROOT, 'docs', 'deployment.md'), 'utf8');

/** `process.env.NAME`, `env.NAME` and `env['NAME']` in a source file. */
function variablesIn(text: string): string[] {
  return [...text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]+)|\[['"]([A-Z][A-Z0-9_]+)['"]\])/g)].map((m) => m[1] ?? m[2]!);
}

describe('docs/deployment.md', () => {
  it('documents every environment variable the App reads, and every one Probot reads to start it', () => {
    const ours = fg.sync('src/**/*.ts', { cwd: ROOT }).flatMap((f) => variablesIn(readFileSync(join(ROOT, f), 'utf8')));
    // probot's main module is lib/index.js; its package exports no package.json.
    const probot = dirname(dirname(require.resolve('probot')));
    const privateKey = dirname(require.resolve('@probot/get-private-key', { paths: [probot] }));
    const theirs = [
      ...variablesIn(readFileSync(join(probot, 'lib', 'bin', 'read-env-options.js'), 'utf8')),
      ...variablesIn(readFileSync(join(probot, 'lib', 'manifest-creation.js'), 'utf8')),
      ...fg.sync('**/*.js', { cwd: privateKey }).flatMap((f) => variablesIn(readFileSync(join(privateKey, f), 'utf8'))),
    ];
    // The Action's runner variables (GITHUB_*, RUNNER_*) are GitHub's, not the deployment's.
    const expected = [...new Set([...ours, ...theirs])].filter((v) => !/^(GITHUB|RUNNER)_/.test(v) && v !== 'PROJECT_DOMAIN');
    expect(expected).toEqual(expect.arrayContaining(['APP_ID', 'PRIVATE_KEY', 'PRIVATE_KEY_PATH', 'WEBHOOK_SECRET', 'APP_SLUG', 'REDIS_URL', 'LOG_FORMAT']));
    const missing = expected.filter((v) => !guide.includes(`\`${v}\``));
    expect(missing, 'document these variables in docs/deployment.md (section 3)').toEqual([]);
  });

  it('names the files it describes', () => {
    for (const path of ['Dockerfile', 'compose.yaml', 'app.yml', '/ping', 'HEALTHCHECK']) expect(guide).toContain(path);
  });
});
