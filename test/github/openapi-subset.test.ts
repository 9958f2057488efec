import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lint/config.js';
import { OPERATIONS } from '../../scripts/extract-openapi-subset.mjs';
import { ROOT } from '../helpers.js';
import { SUBSET } from '../fake-github/openapi.js';

describe('fixtures that must stay current', () => {
  it('the fake server validates against the installed @octokit/openapi description', () => {
    expect(SUBSET.source).toMatch(/^@octokit\/openapi@\d/);
    expect(Object.keys(SUBSET.operations)).toHaveLength(OPERATIONS.length);
  });

  it('the repository’s own .github/editorial-review.yml is a valid config', () => {
    expect(() => parseConfig(readFileSync(join(ROOT, '.github', 'editorial-review.yml'), 'utf8'))).not.toThrow();
  });

  it('app.yml asks for least privilege and the events the App handles', () => {
    const text = readFileSync(join(ROOT, 'app.yml'), 'utf8');
    // `contents: write` only for the one commit of `/editorial-review fix`; `issues: read` for its comment event.
    for (const line of ['pull_requests: write', 'checks: write', 'contents: write', 'issues: read', 'metadata: read', '- pull_request', '- check_run', '- issue_comment']) expect(text).toContain(line);
    expect(text).not.toMatch(/issues: write|administration|workflows/);
  });
});
