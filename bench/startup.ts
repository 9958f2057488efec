/**
 * Start-up: `editorial-review check --format json` on one post alone (no site around it), timed from spawn
 * to exit, against what it is made of. Contenders, alternated in each round (the order reversed every other
 * round), each a process of its own:
 *   bin          the installed command (bin/editorial-review.js: the bundle in dist/bundle/), caches warm
 *   bin, cold    the same after the cache folder is emptied (the decoded Japanese dictionary, compiled code)
 *   modules      the compiled modules (dist/cli/bin.js: ~350 ES modules), caches warm
 *   node -e 0    Node's own start, the floor
 * on two posts: seed 000 (Japanese; its cut title needs the morphological analyser) and a 6 KB English
 * post of the Jekyll blog (clean-en, MIT). Prints, per contender, the median and best wall time, the median
 * CPU time (user + system, GNU time) and peak RSS, and the load average.
 *
 *   npm run build && npm run bench:startup [-- --rounds 15]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '11' } } });
const rounds = Math.max(1, Number(values.rounds));
const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared');
if (!existsSync(join(ROOT, 'dist', 'cli', 'bin.js'))) throw new Error('run `npm run build` first');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) reads CPU time and peak RSS');

const work = mkdtempSync(join(tmpdir(), 'er-bench-startup-'));
const cache = join(work, 'cache');
const report = join(work, 'time.txt');
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

const english = readdirSync(join(SHARED, 'corpus', 'clean-en'))
  .filter((name) => /\.(md|markdown)$/.test(name))
  .map((name) => join(SHARED, 'corpus', 'clean-en', name))
  .sort((a, b) => Math.abs(statSync(a).size - 6000) - Math.abs(statSync(b).size - 6000))[0]!;
const posts = [join(SHARED, 'seeds', '000_30badf05d11e52dc.txt'), english];

interface Run {
  ms: number;
  cpuMs: number;
  rssMiB: number;
}

function timed(argv: string[]): Run {
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', report, ...argv], {
    cwd: work,
    env: { ...process.env, EDITORIAL_REVIEW_CACHE_DIR: cache },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - start;
  const [user, system, rss] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
  if (result.status === null || result.status > 1) throw new Error(`${argv.join(' ')} failed (status ${result.status}): ${result.stderr}`);
  return { ms, cpuMs: (user + system) * 1000, rssMiB: rss / 1024 };
}

const check = (entry: string, post: string): string[] => [process.execPath, entry, 'check', '--format', 'json', post];
const contenders: { name: string; run: (post: string) => Run }[] = [
  { name: 'bin', run: (post) => timed(check(join(ROOT, 'bin', 'editorial-review.js'), post)) },
  {
    name: 'bin, caches cold',
    run: (post) => {
      rmSync(cache, { recursive: true, force: true });
      return timed(check(join(ROOT, 'bin', 'editorial-review.js'), post));
    },
  },
  { name: 'modules', run: (post) => timed(check(join(ROOT, 'dist', 'cli', 'bin.js'), post)) },
  { name: 'node -e 0', run: () => timed([process.execPath, '-e', '0']) },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`node ${process.version}, ${rounds} rounds, load average at start ${load()}`);
try {
  for (const post of posts) {
    mkdirSync(cache, { recursive: true });
    timed(check(join(ROOT, 'bin', 'editorial-review.js'), post)); // fills the caches for the warm contenders
    const runs = new Map(contenders.map((c) => [c.name, [] as Run[]]));
    for (let round = 0; round < rounds; round++) {
      // The cold contender runs where the others' order puts it; the warm ones after it find the caches refilled.
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const contender of order) runs.get(contender.name)!.push(contender.run(post));
    }
    console.log(`\n${post.slice(SHARED.length + 1)} (${statSync(post).size} bytes)`);
    console.log('  | contender | median wall | best wall | median CPU | peak RSS |');
    for (const [name, list] of runs) {
      console.log(
        `  | ${name} | ${median(list.map((r) => r.ms)).toFixed(0)} ms | ${Math.min(...list.map((r) => r.ms)).toFixed(0)} ms | ${median(list.map((r) => r.cpuMs)).toFixed(0)} ms | ${Math.max(...list.map((r) => r.rssMiB)).toFixed(0)} MiB |`,
      );
    }
  }
  console.log(`\nload average at end ${load()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
