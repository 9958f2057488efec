/**
 * Where the worker pool starts to pay: `editorial-review check --format json` on N posts of the site bundle's
 * head, checked in place (site rules and the site's index on, its cache warm, as in a pull request or a
 * user's run on a few files), with `--jobs 1` (one thread) and with `--jobs 2` and
 * `EDITORIAL_REVIEW_POOL_MIN_BYTES=0` (the worker is started whatever the size). The two are alternated (the order flips every round), each taken at its
 * best wall time; CPU is user + system of all threads (GNU time). The posts are every k-th of the head in
 * path order, so each size holds both languages in the head's mix. `BYTES_PER_THREAD` (src/lint/pool.ts)
 * is read from this table: the smallest input at which two threads finish first.
 *
 *   npm run build && node --import tsx bench/jobs-threshold.ts [--posts 10,25,50,100,200] [--rounds 3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'editorial-review.js');
const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10,25,50,100,200' },
    rounds: { type: 'string', default: '3' },
  },
});
const rounds = Math.max(1, Number(values.rounds));
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
const work = mkdtempSync(join(tmpdir(), 'er-jobs-'));
const site = join(work, 'site');
execFileSync('git', ['clone', '-q', '-b', 'site-dev', join(ROOT, '..', 'shared', 'corpus', 'ai-blog-system-site.bundle'), site]);
const all = fg.sync('_posts/**/*.{md,markdown}', { cwd: site }).sort();
const cache = join(work, 'cache');
const env = { ...process.env, EDITORIAL_REVIEW_CACHE_DIR: cache };

interface Run {
  seconds: number;
  cpu: number;
  rssMiB: number;
}

function timed(files: string[], jobs: number): Run {
  const report = join(work, 'time.txt');
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', report, process.execPath, CLI, 'check', '--format', 'json', '--jobs', String(jobs), ...files], {
    cwd: site,
    env: jobs > 1 ? { ...env, EDITORIAL_REVIEW_POOL_MIN_BYTES: '0' } : env,
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status === null || result.status > 1) throw new Error(`check --jobs ${jobs} failed (status ${result.status})`);
  const [user, system, rss] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
  return { seconds, cpu: user + system, rssMiB: rss / 1024 };
}

try {
  console.log(`node ${process.version}, load average at start ${load()}, ${rounds} rounds`);
  timed(all.slice(0, 1), 1); // warms the site's cache (its index) and the dictionary's
  console.log('| posts | MB | --jobs 1 best s | CPU s | --jobs 2 best s | CPU s | 2 threads / 1 | load |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const n of values.posts!.split(',').map(Number)) {
    const step = Math.max(1, Math.floor(all.length / n));
    const files = all.filter((_, i) => i % step === 0).slice(0, n);
    const mb = files.reduce((sum, file) => sum + statSync(join(site, file)).size, 0) / 1e6;
    const best = { 1: Infinity, 2: Infinity };
    const cpu: Record<1 | 2, number[]> = { 1: [], 2: [] };
    for (let round = 0; round < rounds; round++) {
      for (const jobs of round % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
        const run = timed(files, jobs);
        best[jobs] = Math.min(best[jobs], run.seconds);
        cpu[jobs].push(run.cpu);
      }
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `| ${files.length} | ${mb.toFixed(2)} | ${best[1].toFixed(2)} | ${median(cpu[1]).toFixed(2)} | ${best[2].toFixed(2)} | ${median(cpu[2]).toFixed(2)} | ${(best[2] / best[1]).toFixed(2)} | ${load()} |`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
