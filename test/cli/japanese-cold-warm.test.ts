/**
 * The Japanese dictionary on a first run (cache folder empty: streamed gunzipped into the cache, then read
 * from it), on a later run (read from the cache, the token features by page) and where the cache cannot be
 * written (decoded in memory each run) must give the same findings: each run a process of its own, as a
 * user runs the CLI. The five seeds (ai-blog-system, MIT) include tails only the analyser decides.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedPath } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tsx = createRequire(import.meta.url).resolve('tsx');
const work = mkdtempSync(join(tmpdir(), 'er-japanese-cold-warm-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function check(cacheDir: string, env: NodeJS.ProcessEnv = {}): string {
  const seeds = [0, 1, 2, 3, 4].map((n) => seedPath(n));
  try {
    return execFileSync(process.execPath, ['--import', tsx, join(ROOT, 'src', 'cli', 'bin.ts'), 'check', '--format', 'json', ...seeds], {
      cwd: work,
      env: { ...process.env, EDITORIAL_REVIEW_CACHE_DIR: cacheDir, ...env },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
  } catch (error) {
    // Exit status 1: the seeds have error-level findings; the report is on stdout all the same.
    const { status, stdout } = error as { status: number; stdout: string };
    if (status !== 1) throw error;
    return stdout;
  }
}

describe('the Japanese analyser on a first run, a later run and without a cache', () => {
  it('gives the same findings', () => {
    const cache = join(work, 'cache');
    const first = check(cache);
    const [folder] = readdirSync(cache).filter((name) => name.startsWith('kuromoji-'));
    expect(folder).toBeDefined();
    const written = readdirSync(join(cache, folder!));
    expect(written.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(written).toHaveLength(12);
    const later = check(cache);
    const blocked = join(work, 'a-file');
    writeFileSync(blocked, 'not a directory');
    const uncached = check(blocked);
    // The analyser decides some of these findings: without it (punctuation only) they differ.
    expect(check(cache, { EDITORIAL_REVIEW_JAPANESE_ANALYSER: 'off' })).not.toBe(first);
    expect(later).toBe(first);
    expect(uncached).toBe(first);
  }, 180_000);
});
