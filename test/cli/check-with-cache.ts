import { main } from '../../src/cli/main.js';
import type { Finding } from '../../src/core/finding.js';

/**
 * `editorial-review check --format json ARGS` run in `cwd` with `EDITORIAL_REVIEW_CACHE_DIR` set to
 * `cacheDir` (restored after): the findings of a run on a given cache, for the tests that hold a warm
 * cache to an empty one.
 */
export async function checkWithCache(args: string[], cwd: string, cacheDir: string): Promise<Finding[]> {
  const saved = process.env.EDITORIAL_REVIEW_CACHE_DIR;
  process.env.EDITORIAL_REVIEW_CACHE_DIR = cacheDir;
  let stdout = '';
  try {
    await main(['check', '--format', 'json', ...args], { stdout: (s) => (stdout += s), stderr: () => {}, cwd, isTty: false });
  } finally {
    if (saved === undefined) delete process.env.EDITORIAL_REVIEW_CACHE_DIR;
    else process.env.EDITORIAL_REVIEW_CACHE_DIR = saved;
  }
  return (JSON.parse(stdout) as { findings: Finding[] }).findings;
}
