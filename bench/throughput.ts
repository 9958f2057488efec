/**
 * Throughput, memory and cold start of `editorial-review check` against two other tools on the same files,
 * in one run with the contenders alternated (the order rotates every round; each contender is taken at its
 * best round, the usual estimator on a shared, noisy machine):
 *
 *  - `editorial-review check --format json` (the built CLI, `dist/`) as users run it (its default, `--jobs
 *    auto`: the worker pool on the idle cores when the input repays it), with `--jobs 1` (one thread) and
 *    `--jobs 2` (the pool on two threads whatever the load), each with a fresh cache folder; and the default again on the cache a first, untimed run left (a second
 *    run: unchanged posts' summaries read, not made); ratios are the default's, cold,
 *  - remark-parse + remark-frontmatter, no GFM, in one process (`bench/contenders/remark-parse.mjs`): the
 *    least any Markdown tool does,
 *  - markdownlint-cli2 with its default rules.
 *
 * Each contender is a process of its own, timed from spawn to exit, its peak RSS read by GNU time (`%M`,
 * all threads included). Two corpora:
 *  - site: every post of the site bundle's head (`ai-blog-system-site.bundle`, cloned to a temp folder),
 *    checked in place as a user checks a site (site rules and the site's cross-post index on);
 *  - large: the largest real corpus `../shared` gives: the same 1,176 posts, plus each post's first version
 *    where it differs from the head (the pipeline's output before the hand edits), plus the human-written
 *    folders (clean-en, vim-jp, prometheus), checked as plain files (`--no-site`).
 * Then cold start: one 6 KB post alone (outside any site), the median of N spawns of the CLI.
 *
 *   npm run build && npm run bench:throughput [-- --rounds 3 --spawns 15 --corpus site,large] [-- --dry-run]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';
import { buildLargeCorpus } from './large-corpus.js';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared', 'corpus');
const CLI = join(ROOT, 'bin', 'editorial-review.js');
const REMARK = join(ROOT, 'bench', 'contenders', 'remark-parse.mjs');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    spawns: { type: 'string', default: '15' },
    corpus: { type: 'string', default: 'site,large' },
    keep: { type: 'boolean', default: false },
    /** Only build the corpora and print their size. */
    'dry-run': { type: 'boolean', default: false },
  },
});
const rounds = Math.max(1, Number(values.rounds));
if (!existsSync(join(ROOT, 'dist', 'cli', 'bin.js'))) throw new Error('run `npm run build` first: the benchmark runs the built CLI');
if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time, Debian package `time`) reads each contender’s peak RSS');

const work = mkdtempSync(join(tmpdir(), 'er-throughput-'));
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`node ${process.version}, load average at start ${load()}, ${rounds} rounds, work folder ${work}`);

interface Corpus {
  name: string;
  /** Where every contender runs. */
  cwd: string;
  files: string[];
  bytes: number;
  /** The check's arguments after `check --format json`. */
  checkArgs: string[];
  /** The same files as one glob, for markdownlint-cli2. */
  glob: string;
}

function corpusOf(name: string, cwd: string, glob: string, checkArgs: string[]): Corpus {
  const files = fg.sync(glob, { cwd, absolute: true }).sort();
  return { name, cwd, files, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0), checkArgs, glob };
}

function siteCorpus(): Corpus {
  const site = join(work, 'site');
  execFileSync('git', ['clone', '-q', '-b', 'site-dev', join(SHARED, 'ai-blog-system-site.bundle'), site]);
  return corpusOf('site head', site, '_posts/**/*.{md,markdown}', ['_posts']);
}

function largeCorpus(site: string): Corpus {
  const dir = join(work, 'large');
  buildLargeCorpus(site, dir);
  return corpusOf('large', dir, '**/*.{md,markdown}', ['--no-site', '.']);
}

interface Run {
  seconds: number;
  rssMiB: number;
  /** CPU time, user + system, all threads. */
  cpuSeconds: number;
}

/** One process, timed from spawn to exit; peak RSS from GNU time. */
function timed(cwd: string, argv: string[], env: NodeJS.ProcessEnv = process.env, stdout = '/dev/null'): Run {
  const report = join(work, 'time.txt');
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', report, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  if (stdout !== '/dev/null') writeFileSync(stdout, result.stdout);
  const [user, system, rss] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
  if (result.status === null || result.status > 1 || !(rss > 0)) throw new Error(`${argv.join(' ')} failed (status ${result.status})`);
  return { seconds, rssMiB: rss / 1024, cpuSeconds: user + system };
}

interface Contender {
  name: string;
  run(corpus: Corpus, round: number): Run;
}

/**
 * `editorial-review check --format json` with `extra` arguments: its default, and one thread for comparison.
 * Cold (the default): a fresh cache folder each round, so the site's cross-post index and every summary
 * are made from the posts. Warm: the cache a first, untimed run left (as on a maintainer's second run, or
 * CI with its cache restored): unchanged posts are summarised from it and parsed once.
 */
function checkContender(name: string, extra: string[], warm = false): Contender {
  return {
    name,
    run: (corpus, round) => {
      const cache = join(work, warm ? `cache-${corpus.name}-warm` : `cache-${corpus.name}-${round}`);
      const out = join(work, `findings-${corpus.name.replace(/\W/g, '')}.json`);
      const argv = [process.execPath, CLI, 'check', '--format', 'json', ...extra, ...corpus.checkArgs];
      const env = { ...process.env, EDITORIAL_REVIEW_CACHE_DIR: cache };
      if (warm && round === 1) timed(corpus.cwd, argv, env, out);
      const run = timed(corpus.cwd, argv, env, out);
      if (!warm) rmSync(cache, { recursive: true, force: true });
      const findings = (JSON.parse(readFileSync(out, 'utf8')) as { findings: unknown[] }).findings.length;
      if (round === 1) console.log(`    (${name}: ${findings} findings)`);
      return run;
    },
  };
}

const contenders: Contender[] = [
  // The default (`--jobs auto`), and one thread: what the pool gains.
  checkContender('editorial-review check --format json (--jobs auto)', []),
  checkContender('editorial-review check --format json --jobs 1', ['--jobs', '1']),
  checkContender('editorial-review check --format json --jobs 2', ['--jobs', '2']),
  checkContender('editorial-review check --format json, warm cache', [], true),
  {
    name: 'remark-parse + remark-frontmatter (no GFM)',
    run: (corpus) => {
      const list = join(work, `files-${corpus.name.replace(/\W/g, '')}.txt`);
      writeFileSync(list, corpus.files.join('\n'));
      return timed(corpus.cwd, [process.execPath, REMARK, list]);
    },
  },
  {
    name: 'markdownlint-cli2 (default rules)',
    run: (corpus) => timed(corpus.cwd, [process.execPath, MARKDOWNLINT, corpus.glob]),
  },
];

function measure(corpus: Corpus): void {
  const mb = corpus.bytes / 1e6;
  console.log(`\n${corpus.name}: ${corpus.files.length} posts, ${mb.toFixed(1)} MB (load ${load()})`);
  const best = new Map<string, number>();
  const rss = new Map<string, number[]>();
  for (let round = 1; round <= rounds; round++) {
    // Rotate the order: each contender goes first once in every `contenders.length` rounds.
    const order = contenders.map((_, i) => contenders[(i + round - 1) % contenders.length]!);
    for (const contender of order) {
      const run = contender.run(corpus, round);
      best.set(contender.name, Math.min(best.get(contender.name) ?? Infinity, run.seconds));
      rss.set(contender.name, [...(rss.get(contender.name) ?? []), run.rssMiB]);
      console.log(
        `  round ${round}  ${contender.name.padEnd(52)} ${run.seconds.toFixed(1).padStart(6)} s  ${(mb / run.seconds).toFixed(2).padStart(6)} MB/s  CPU ${run.cpuSeconds.toFixed(1)} s  peak RSS ${run.rssMiB.toFixed(0)} MiB  (load ${load()})`,
      );
    }
  }
  const check = best.get(contenders[0]!.name)!;
  console.log(`  best of ${rounds} (MB = 10^6 bytes; ratio = check's throughput / the contender's):`);
  console.log('  | contender | best s | MB/s | check / contender | peak RSS MiB |');
  console.log('  |---|---|---|---|---|');
  for (const contender of contenders) {
    const seconds = best.get(contender.name)!;
    const peaks = rss.get(contender.name)!;
    console.log(
      `  | ${contender.name} | ${seconds.toFixed(1)} | ${(mb / seconds).toFixed(2)} | ${(seconds / check).toFixed(2)}× | ${Math.min(...peaks).toFixed(0)}–${Math.max(...peaks).toFixed(0)} |`,
    );
  }
}

function coldStart(site: string): void {
  // A 6 KB post of the site, alone in a folder that is no site.
  const post = fg.sync('_posts/**/*.md', { cwd: site, absolute: true }).sort().find((file) => Math.abs(statSync(file).size - 6000) < 400)!;
  const dir = join(work, 'one-post');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'post.md');
  copyFileSync(post, file);
  const spawns = Math.max(1, Number(values.spawns));
  const runs: Run[] = [];
  for (let i = 0; i < spawns; i++) runs.push(timed(dir, [process.execPath, CLI, 'check', '--format', 'json', 'post.md']));
  const times = runs.map((r) => r.seconds * 1000).sort((a, b) => a - b);
  console.log(
    `\ncold start, one ${statSync(file).size}-byte post alone (${relative(site, post)}), ${spawns} spawns: median ${times[Math.floor(spawns / 2)]!.toFixed(0)} ms, best ${times[0]!.toFixed(0)} ms, worst ${times.at(-1)!.toFixed(0)} ms; peak RSS ${Math.max(...runs.map((r) => r.rssMiB)).toFixed(0)} MiB (load ${load()})`,
  );
}

try {
  const wanted = new Set(values.corpus!.split(','));
  const site = siteCorpus();
  if (values['dry-run']) {
    for (const corpus of [site, largeCorpus(site.cwd)]) console.log(`${corpus.name}: ${corpus.files.length} posts, ${(corpus.bytes / 1e6).toFixed(1)} MB`);
  } else {
    if (wanted.has('site')) measure(site);
    if (wanted.has('large')) measure(largeCorpus(site.cwd));
    coldStart(site.cwd);
  }
  console.log(`\nload average at end ${load()}`);
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
