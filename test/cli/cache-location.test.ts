import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCacheDir } from '../../src/analysis/corpus/store.js';
import { main } from '../../src/cli/main.js';
import { makeExampleRepo } from '../../scripts/make-example-repo.mjs';

/**
 * `review` inside a blog used to leave an untracked `.editorial-review/cache/…ndjson` in the checkout.
 * The index cache now lives in the user's cache directory; the checkout stays clean.
 */
const root = mkdtempSync(join(tmpdir(), 'er-cache-'));
const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, REDIS_URL: process.env.REDIS_URL, EDITORIAL_REVIEW_CACHE_DIR: process.env.EDITORIAL_REVIEW_CACHE_DIR };
beforeAll(() => {
  // The file store, not Redis, is what writes files.
  delete process.env.REDIS_URL;
  delete process.env.EDITORIAL_REVIEW_CACHE_DIR;
  process.env.XDG_CACHE_HOME = join(root, 'xdg-cache');
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(root, { recursive: true, force: true });
});

describe('caches outside the working tree', () => {
  it('`review` run inside a blog leaves `git status` clean and fills $XDG_CACHE_HOME/editorial-review', async () => {
    const example = makeExampleRepo(join(root, 'blog'));
    let stdout = '';
    const code = await main(['review', '--base', example.base, '--head', example.head], { stdout: (s) => (stdout += s), stderr: () => {}, cwd: example.dir, isTty: false });
    expect([0, 1]).toContain(code);
    expect(stdout).toContain('Compared with the');
    expect(execFileSync('git', ['-C', example.dir, 'status', '--porcelain', '--untracked-files=all']).toString()).toBe('');
    const cache = join(root, 'xdg-cache', 'editorial-review');
    expect(readdirSync(cache).some((f) => f.endsWith('.ndjson'))).toBe(true);
    expect(existsSync(join(example.dir, '.editorial-review'))).toBe(false);
  });

  it('EDITORIAL_REVIEW_CACHE_DIR wins; a relative XDG_CACHE_HOME is ignored, as the XDG spec says', () => {
    expect(defaultCacheDir({ EDITORIAL_REVIEW_CACHE_DIR: '/srv/cache' })).toBe('/srv/cache');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/u' })).toBe('/var/cache/u/editorial-review');
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' })).toBe(join(homedir(), '.cache', 'editorial-review'));
    expect(defaultCacheDir({})).toBe(join(homedir(), '.cache', 'editorial-review'));
  });
});
