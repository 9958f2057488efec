import { mkdirSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CHECK_JOBS } from '../../src/cli/check-command.js';
import { FIXTURES, SEEDS } from '../helpers.js';

// Two seeds of the ai-blog-system blog (MIT): posts a check of a pull request sees, too few to start a worker.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'er-jobs-'));
  mkdirSync(join(dir, '_posts'));
  SEEDS.slice(0, 2).forEach((seed, i) => copyFileSync(join(FIXTURES, 'seeds', seed), join(dir, '_posts', `2025-12-2${i}-seed.md`)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['check', '--no-site', '--format', 'json', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: dir, isTty: false });
  return { code, stdout, stderr };
}

describe('check --jobs', () => {
  it('defaults to auto', () => {
    expect(CHECK_JOBS).toBe('auto');
  });

  it('gives the same report with the default, auto, 1 and 2', async () => {
    const runs = [await check('_posts'), await check('--jobs', 'auto', '_posts'), await check('--jobs', '1', '_posts'), await check('-j', '2', '_posts')];
    expect(JSON.parse(runs[0]!.stdout).findings.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(runs[0]!.stdout);
      expect(run.code).toBe(runs[0]!.code);
    }
  });

  it('gives the same report when the workers start before the load is measured, outside a site', async () => {
    // Any size starts the pool (`EDITORIAL_REVIEW_POOL_MIN_BYTES=0`): the workers start early, as for a whole
    // folder of posts, and with `auto` the check may still end on one thread (the load measured meanwhile).
    const one = await check('--jobs', '1', '_posts');
    process.env.EDITORIAL_REVIEW_POOL_MIN_BYTES = '0';
    try {
      for (const run of [await check('-j', '2', '_posts'), await check('_posts')]) {
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe(one.stdout);
      }
    } finally {
      delete process.env.EDITORIAL_REVIEW_POOL_MIN_BYTES;
    }
  }, 60_000);

  it('refuses a value that is neither auto nor a whole number ≥ 1', async () => {
    for (const value of ['0', '1.5', 'all']) {
      const run = await check('--jobs', value, '_posts');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--jobs must be auto or a whole number ≥ 1');
    }
  });
});
