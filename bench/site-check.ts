/**
 * Checking one changed post inside a big site, as a maintainer runs the CLI in a clone: the real
 * ai-blog-system site at the bundle's head (`_config.yml`, its 1,176 posts) grown to `--posts` posts with
 * renamed copies (dated a year and two years earlier), and `check <one post>` run as a process:
 *   cold       the cache emptied first (every other post read: front matter and cross-post features)
 *   warm       the cache of the previous run (only the checked file is read; others are stat'ed)
 *   clone      the same site in a new folder (a fresh clone): the site's own cache is cold, the blob store
 *              (features by git blob SHA) is warm, so every post is read and hashed but none re-analysed
 *   no-site    `--no-site` (the post alone, no site rules, no cross-post comparison)
 * The contenders alternate in each round. Prints wall times and CPU times (user + system, all threads, by GNU
 * time: on a shared machine the wall time follows the load, the CPU time much less), medians of `--rounds`.
 *
 *   npm run bench:site [-- --posts 2500 --rounds 5]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '2500' }, rounds: { type: 'string', default: '5' } } });
const wanted = Number(values.posts);
const rounds = Number(values.rounds);
const root = join(import.meta.dirname, '..');
const bundle = join(root, '..', 'shared', 'corpus', 'ai-blog-system-site.bundle');
const work = mkdtempSync(join(tmpdir(), 'er-bench-site-'));
const site = join(work, 'site');
execFileSync('git', ['clone', '-q', '-b', 'site-dev', bundle, site]);
rmSync(join(site, '.git'), { recursive: true, force: true });
const postsDir = join(site, '_posts');
const originals = readdirSync(postsDir).filter((f) => /\.(md|markdown)$/.test(f)).sort();
let count = originals.length;
for (const shift of [1, 2]) {
  for (const name of originals) {
    if (count >= wanted) break;
    const year = Number(name.slice(0, 4)) - shift;
    const text = readFileSync(join(postsDir, name), 'utf8').replace(/^date: (\d{4})/m, (_, y: string) => `date: ${Number(y) - shift}`);
    writeFileSync(join(postsDir, `${year}${name.slice(4)}`), text);
    count++;
  }
}
const checked = `_posts/${originals.at(-1)}`;
const cache = join(work, 'cache');
const cli = join(root, 'bin', 'editorial-review.js');
if (!existsSync(join(root, 'dist'))) throw new Error('run `npm run build` first');

/** One CLI process: wall time from spawn to exit, and its CPU time (user + system, all threads) by GNU time when there is one. */
function run(args: string[], cwd = site): { ms: number; cpu: number } {
  const report = join(work, 'time.txt');
  const argv = [process.execPath, cli, 'check', '--format', 'json', ...args, checked];
  const timed = existsSync('/usr/bin/time');
  const t = performance.now();
  const r = spawnSync(timed ? '/usr/bin/time' : argv[0]!, timed ? ['-f', '%U %S', '-o', report, ...argv] : argv.slice(1), {
    cwd,
    env: { ...process.env, EDITORIAL_REVIEW_CACHE_DIR: cache },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - t;
  if (!r.stdout.startsWith('{')) throw new Error(`the CLI failed: ${r.stderr.slice(0, 400)}`);
  const [user, system] = timed ? (readFileSync(report, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number) : [NaN, NaN];
  return { ms, cpu: (user! + system!) * 1000 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`site: ${count} posts (${readdirSync(postsDir).length} files in _posts/), checking ${checked}; node ${process.version}`);
const cold: { ms: number; cpu: number }[] = [];
const warm: { ms: number; cpu: number }[] = [];
const alone: { ms: number; cpu: number }[] = [];
const clone: { ms: number; cpu: number }[] = [];
for (let i = 0; i < rounds; i++) {
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache);
  cold.push(run([]));
  warm.push(run([]));
  alone.push(run(['--no-site']));
  const copy = join(work, `clone-${i}`);
  cpSync(site, copy, { recursive: true });
  clone.push(run([], copy));
  rmSync(copy, { recursive: true, force: true });
}
const line = (name: string, runs: { ms: number; cpu: number }[]): string =>
  `${name.padEnd(24)} median ${median(runs.map((r) => r.ms)).toFixed(0)} ms  [${runs.map((r) => r.ms.toFixed(0)).join(', ')}]   CPU median ${median(runs.map((r) => r.cpu)).toFixed(0)} ms  [${runs.map((r) => r.cpu.toFixed(0)).join(', ')}]`;
console.log(line('cold (cache emptied)', cold));
console.log(line('warm (site cache)', warm));
console.log(line('clone (blob store warm)', clone));
console.log(line('--no-site', alone));
console.log(`warm cost of the site: ${(median(warm.map((r) => r.ms)) - median(alone.map((r) => r.ms))).toFixed(0)} ms over the post alone (CPU ${(median(warm.map((r) => r.cpu)) - median(alone.map((r) => r.cpu))).toFixed(0)} ms); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
rmSync(work, { recursive: true, force: true });
