/**
 * Are this build's findings byte-identical to a reference build's? The check's output (`--format json`)
 * of a reference CLI (another checkout's `bin/editorial-review.js`, e.g. main before a performance change,
 * run with `--jobs 1`) against this checkout's CLI with `--jobs 1` and with its worker pool, on:
 * every post of the site bundle's head (checked in place: site rules and the site's index on), the same
 * posts with `--no-site`, the human-written folders, the seeds, one seed against a `--corpus`, and the "large"
 * corpus of the throughput benchmark (`bench/large-corpus.ts`: the head's posts, their first versions and the
 * human folders, 2,778 posts, `--no-site .`; nearly every post has a near-copy there, so the cross-post rules'
 * comparisons run on every post).
 * Each reference run gets an empty cache folder; this build runs three times: --jobs 1 and the pool with empty caches,
 * then the pool again with the cache the first run left (warm: cached summaries, features and snapshots change nothing).
 *
 *   npm run build && node --import tsx bench/findings-identical.ts --reference /path/to/other/checkout \
 *     [--site /path/to/site-clone] [--reference-out DIR] [--only site,human]
 *
 * `--reference-out DIR` keeps the reference's outputs there and reuses them on the next run (the reference
 * does not change). Exits 1 when any output differs and names the first differing finding.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildLargeCorpus } from './large-corpus.js';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared');
const { values } = parseArgs({
  options: {
    reference: { type: 'string' },
    site: { type: 'string' },
    'reference-out': { type: 'string' },
    only: { type: 'string' },
    jobs: { type: 'string', default: '2' },
  },
});
if (!values.reference) throw new Error('--reference <checkout> is required (a built checkout of the reference commit)');
const referenceCli = join(resolve(values.reference), 'bin', 'editorial-review.js');
const ownCli = join(ROOT, 'bin', 'editorial-review.js');
const work = mkdtempSync(join(tmpdir(), 'er-identical-'));

let site = values.site ? resolve(values.site) : undefined;
if (!site) {
  site = join(work, 'site');
  execFileSync('git', ['clone', '-q', '-b', 'site-dev', join(SHARED, 'corpus', 'ai-blog-system-site.bundle'), site]);
}

interface Input {
  name: string;
  cwd: string;
  args: string[];
}
const corpus = (path: string) => join(SHARED, 'corpus', path);
const seeds = ['000_30badf05d11e52dc.txt', '001_28157c3539ea115d.txt', '002_8d00008af39165bc.txt', '003_5ffb68ad4f02bf61.txt', '004_8d33a1fd1f218783.txt'].map((file) =>
  join(SHARED, 'seeds', file),
);
const inputs: Input[] = [
  { name: 'site', cwd: site, args: ['_posts'] },
  { name: 'site-no-site', cwd: site, args: ['--no-site', '_posts'] },
  { name: 'human-clean-en', cwd: ROOT, args: [corpus('clean-en')] },
  { name: 'human-vim-jp', cwd: ROOT, args: [corpus('human-ja-vim-jp/_posts')] },
  { name: 'human-prometheus', cwd: ROOT, args: [corpus('human-en-prometheus/blog/posts')] },
  { name: 'seeds', cwd: ROOT, args: ['--no-site', ...seeds] },
  { name: 'seed-corpus', cwd: ROOT, args: ['--no-site', '--corpus', join(site, '_posts'), seeds[0]!] },
  // Checked from its own folder: the findings' paths are relative to it, whichever temp folder it is built in.
  { name: 'large', cwd: join(work, 'large'), args: ['--no-site', '.'] },
];
const only = values.only?.split(',');
if (!only || only.includes('large')) buildLargeCorpus(site, join(work, 'large'));

/** One check with an empty cache, or with `kept` (left in place for the next run: a warm run). */
function run(cli: string, input: Input, jobs: string, kept?: string): string {
  const cache = kept ?? mkdtempSync(join(work, 'cache-'));
  const warm = kept !== undefined && readdirSync(kept).length > 0;
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--jobs', jobs, ...input.args], {
    cwd: input.cwd,
    env: { ...process.env, EDITORIAL_REVIEW_CACHE_DIR: cache },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (kept === undefined) rmSync(cache, { recursive: true, force: true });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${cli} on ${input.name}: exit ${result.status}\n${result.stderr}`);
  console.log(`  ${input.name} --jobs ${jobs}${warm ? ', warm cache' : ''}: ${((performance.now() - started) / 1000).toFixed(1)} s, load ${loadavg()[0]!.toFixed(2)}`);
  return result.stdout;
}

function firstDifference(expected: string, actual: string): string {
  const a = (JSON.parse(expected) as { findings: unknown[] }).findings;
  const b = (JSON.parse(actual) as { findings: unknown[] }).findings;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return `finding ${i} of ${a.length} vs ${b.length}:\n  reference ${JSON.stringify(a[i])}\n  this      ${JSON.stringify(b[i])}`;
  }
  return 'the findings are equal; the formatting differs';
}

let differing = 0;
for (const input of inputs) {
  if (only && !only.includes(input.name)) continue;
  console.log(input.name);
  const kept = values['reference-out'] ? join(resolve(values['reference-out']), `${input.name}.json`) : undefined;
  let expected: string;
  if (kept && existsSync(kept)) expected = readFileSync(kept, 'utf8');
  else {
    expected = run(referenceCli, input, '1');
    if (kept) {
      mkdirSync(resolve(values['reference-out']!), { recursive: true });
      writeFileSync(kept, expected);
    }
  }
  // The first run fills a cache the last one reads: cached summaries and features must change nothing.
  const cache = mkdtempSync(join(work, 'warm-'));
  for (const [jobs, kept] of [['1', cache], [values.jobs, undefined], [values.jobs, cache]] as const) {
    const actual = run(ownCli, input, jobs, kept);
    if (actual === expected) console.log(`    identical (${(JSON.parse(actual) as { findings: unknown[] }).findings.length} findings)`);
    else {
      differing++;
      console.log(`    DIFFERENT: ${firstDifference(expected, actual)}`);
    }
  }
}
rmSync(work, { recursive: true, force: true });
console.log(differing === 0 ? 'all identical' : `${differing} output(s) differ`);
process.exitCode = differing === 0 ? 0 : 1;
