/**
 * Does markdown-it give the post model micromark gives? For every real post of ../shared (seeds, the three
 * human corpora, the site bundle's head and, with --history, every other version of a post in the site
 * bundle's history), both producers run on the same text: blocks must be deep-equal, mask spans equal.
 * Prints, per folder, how many posts went through markdown-it, how many fell back to micromark (by reason),
 * how many differ, the first difference of each differing post, and both producers' time.
 *
 *   node --import tsx bench/parser-equality.ts [--history] [--site /path/to/site-clone] [--limit 20] [--dir DIR]…
 *
 * Exits 1 when a post that markdown-it handled differs from micromark.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import fg from 'fast-glob';
import { defuseHostileMarkup } from '../src/post/defuse.js';
import { LineIndex } from '../src/post/line-index.js';
import { markdownItModel } from '../src/post/markdown-it-model.js';
import { gfmSyntaxIn } from '../src/post/markdown-events.js';
import { MAX_GFM_LINE, micromarkModel } from '../src/post/parse.js';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared');
const { values } = parseArgs({
  options: { history: { type: 'boolean', default: false }, site: { type: 'string' }, limit: { type: 'string', default: '20' }, dir: { type: 'string', multiple: true } },
});
const limit = Number(values.limit);
const work = mkdtempSync(join(tmpdir(), 'er-parser-equality-'));
let site = values.site ? resolve(values.site) : undefined;
if (!site) {
  site = join(work, 'site');
  execFileSync('git', ['clone', '-q', '-b', 'site-dev', join(SHARED, 'corpus', 'ai-blog-system-site.bundle'), site]);
}

function filesUnder(dir: string, pattern = '**/*.{md,markdown,mdx,txt}'): { name: string; text: string }[] {
  return fg
    .sync(pattern, { cwd: dir, ignore: ['**/README.md', '**/node_modules/**'] })
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Every version of every post in the site bundle's history, but the head's (each blob once). */
function historyVersions(repo: string): { name: string; text: string }[] {
  const head = new Set(execFileSync('git', ['-C', repo, 'ls-tree', '-r', '--format=%(objectname)', 'HEAD', '_posts'], { encoding: 'utf8' }).split('\n'));
  const listed = execFileSync('git', ['-C', repo, 'rev-list', '--objects', '--all', '--', '_posts'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const blobs = new Map<string, string>();
  for (const line of listed.split('\n')) {
    const [sha, path] = line.split(' ');
    if (sha && path && /\.(md|markdown)$/.test(path) && !head.has(sha)) blobs.set(sha, path);
  }
  const shas = [...blobs.keys()];
  const out = execFileSync('git', ['-C', repo, 'cat-file', '--batch'], { input: shas.join('\n') + '\n', maxBuffer: 1 << 30 });
  const versions: { name: string; text: string }[] = [];
  let at = 0;
  for (const sha of shas) {
    const headerEnd = out.indexOf(10, at);
    const size = Number(out.subarray(at, headerEnd).toString().split(' ')[2]);
    versions.push({ name: `${blobs.get(sha)}@${sha.slice(0, 8)}`, text: out.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8') });
    at = headerEnd + 1 + size + 1;
  }
  return versions;
}

const sets: [string, () => { name: string; text: string }[]][] = [
  ['seeds', () => filesUnder(join(SHARED, 'seeds'), '*.txt')],
  ['clean-en', () => filesUnder(join(SHARED, 'corpus', 'clean-en'))],
  ['human-ja-vim-jp', () => filesUnder(join(SHARED, 'corpus', 'human-ja-vim-jp', '_posts'))],
  ['human-en-prometheus', () => filesUnder(join(SHARED, 'corpus', 'human-en-prometheus', 'blog', 'posts'))],
  ['site head', () => filesUnder(join(site, '_posts'))],
];
if (values.history) sets.push(['site history', () => historyVersions(site)]);
// Any other folder of posts (e.g. the throughput benchmark's "large" corpus, bench/large-corpus.ts).
for (const dir of values.dir ?? []) sets.push([dir, () => filesUnder(resolve(dir), '**/*.{md,markdown}')]);

/** The first place two models differ, in words. */
function firstDifference(a: ReturnType<typeof micromarkModel>, b: ReturnType<typeof micromarkModel>): string | null {
  const count = Math.max(a.blocks.length, b.blocks.length);
  for (let i = 0; i < count; i++) {
    const x = a.blocks[i];
    const y = b.blocks[i];
    if (isDeepStrictEqual(x, y)) continue;
    if (!x || !y) return `block ${i}: micromark ${JSON.stringify(x)?.slice(0, 300)} | markdown-it ${JSON.stringify(y)?.slice(0, 300)}`;
    const keys = Object.keys({ ...x, ...y }).filter((k) => !isDeepStrictEqual(x[k as keyof typeof x], y[k as keyof typeof y]));
    const show = (v: unknown) => JSON.stringify(v)?.slice(0, 400);
    return `block ${i} (${x.type}, line ${x.line}) ${keys.map((k) => `${k}: micromark ${show(x[k as keyof typeof x])} | markdown-it ${show(y[k as keyof typeof y])}`).join('; ')}`;
  }
  const ra = [...a.mask.ranges];
  const rb = [...b.mask.ranges];
  for (let i = 0; i < Math.max(ra.length, rb.length); i += 2) {
    if (ra[i] !== rb[i] || ra[i + 1] !== rb[i + 1]) return `mask range ${i / 2}: micromark [${ra[i]}, ${ra[i + 1]}) | markdown-it [${rb[i]}, ${rb[i + 1]})`;
  }
  if (!isDeepStrictEqual(a.mask.sources, b.mask.sources)) return `mask sources: micromark ${a.mask.sources.join(',')} | markdown-it ${b.mask.sources.join(',')}`;
  return null;
}

let failed = 0;
console.log(`load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const [name, read] of sets) {
  const files = read();
  const reasons = new Map<string, number>();
  let same = 0;
  let bytes = 0;
  let micromarkMs = 0;
  let markdownItMs = 0;
  // What parsePost pays: markdown-it's try for every post, micromark for the fallbacks.
  let paidMs = 0;
  const differing: string[] = [];
  for (const file of files) {
    const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
    const lines = new LineIndex(text);
    if (text.trim() === '' || lines.longestLine().length > MAX_GFM_LINE) continue;
    const { text: safeText } = defuseHostileMarkup(text);
    bytes += text.length;
    let t = performance.now();
    const reference = micromarkModel(text, safeText, gfmSyntaxIn(safeText));
    const micromarkTook = performance.now() - t;
    micromarkMs += micromarkTook;
    t = performance.now();
    const model = markdownItModel(text, safeText, lines);
    markdownItMs += performance.now() - t;
    paidMs += performance.now() - t;
    if (typeof model === 'string') {
      paidMs += micromarkTook;
      reasons.set(model, (reasons.get(model) ?? 0) + 1);
      continue;
    }
    const difference = firstDifference(reference, model);
    if (difference === null) same++;
    else differing.push(`${file.name}: ${difference}`);
  }
  failed += differing.length;
  const fallbacks = [...reasons].map(([r, n]) => `${r} ${n}`).join(', ') || 'none';
  console.log(
    `${name}: ${files.length} posts, markdown-it equal ${same}, differ ${differing.length}, micromark fallback ${[...reasons.values()].reduce((a, b) => a + b, 0)} (${fallbacks}); ` +
      `micromark ${micromarkMs.toFixed(0)} ms, markdown-it ${markdownItMs.toFixed(0)} ms (fallbacks' pre-parse included), ` +
      `as parsePost pays (markdown-it, micromark for the fallbacks) ${paidMs.toFixed(0)} ms, for ${(bytes / 1e6).toFixed(1)} M characters`,
  );
  for (const line of differing.slice(0, limit)) console.log(`  ${line}`);
  if (differing.length > limit) console.log(`  … ${differing.length - limit} more`);
}
rmSync(work, { recursive: true, force: true });
process.exitCode = failed > 0 ? 1 : 0;
