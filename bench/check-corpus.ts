/**
 * Corpus check benchmark: every post of the shared corpus (the blog's 1,176 posts at the bundle's tip,
 * plus clean-en) through the full check (parse + every rule, cross-post rules against the whole corpus),
 * against a parse-only baseline (remark-parse + remark-gfm + remark-frontmatter, and yaml on the front
 * matter) on the same files in the same process. Prints MB/s, posts/s, peak RSS and the ratio.
 *
 *   npm run bench:check [-- --rounds 3]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { parse as parseYaml } from 'yaml';
import fg from 'fast-glob';
import { defaultConfig } from '../src/config/load.js';
import { checkPosts } from '../src/lint/run.js';
import { parsePostBytes } from '../src/post/parse.js';
import { allRules } from '../src/rules/index.js';
import { crossPostDuplicationRules } from '../src/rules/duplication/index.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, corpus: { type: 'string' }, clone: { type: 'string', default: '/tmp/ai-blog-corpus' } } });
const shared = values.corpus ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus');
if (!existsSync(values.clone!)) execFileSync('git', ['clone', '-q', join(shared, 'ai-blog-system-posts.bundle'), values.clone!]);
const files = [
  ...fg.sync('_posts/**/*.{md,markdown}', { cwd: values.clone! }).sort().map((f) => join(values.clone!, f)),
  ...fg.sync('*.{md,markdown}', { cwd: join(shared, 'clean-en') }).sort().map((f) => join(shared, 'clean-en', f)),
];
const bytes = files.map((f) => readFileSync(f));
const totalBytes = bytes.reduce((s, b) => s + b.length, 0);
const mb = totalBytes / 2 ** 20;
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
console.log(`${files.length} posts, ${mb.toFixed(1)} MB, ${allRules.length} rules, node ${process.version}`);

// Baseline: what any Markdown tool must do anyway.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
const FM = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;
function parseOnly(list: Buffer[]): { ms: number; nodes: number } {
  const start = performance.now();
  let nodes = 0;
  for (const b of list) {
    const text = new TextDecoder().decode(b);
    nodes += processor.parse(text).children.length;
    const fm = FM.exec(text);
    if (fm) {
      try {
        parseYaml(fm[1]!);
      } catch {
        // counted like the check: a YAML error is a finding there
      }
    }
  }
  return { ms: performance.now() - start, nodes };
}

// Warm-up (not timed): JIT-compile the parser and every rule on a slice, so neither side pays for it.
const warm = bytes.slice(0, 100);
parseOnly(warm);
checkPosts(warm.map((b, i) => parsePostBytes(files[i]!, b)), defaultConfig(), []);
(globalThis as { gc?: () => void }).gc?.();

// Rounds of parse-only then full check, alternating: on a shared machine the load drifts, so each side
// is taken at its best round (the usual estimator for throughput on a noisy host), and the ratio compares
// the two bests. Every round prints its own figures.
const rounds = Math.max(1, Number(values.rounds));
let parseMs = Infinity;
let checkMs = Infinity;
let parseRss = 0;
let checkRss = 0;
let posts: ReturnType<typeof parsePostBytes>[] = [];
let findings: ReturnType<typeof checkPosts>['findings'] = [];
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
// Peak RSS is a process-lifetime maximum, so it is read in round 1 only: after the parse-only pass, then
// after the check.
for (let round = 1; round <= rounds; round++) {
  posts = [];
  findings = [];
  gc();
  const baseline = parseOnly(bytes);
  parseMs = Math.min(parseMs, baseline.ms);
  if (round === 1) parseRss = rssMb();
  console.log(`round ${round} parse-only : ${(baseline.ms / 1000).toFixed(1)} s, ${(mb / (baseline.ms / 1000)).toFixed(2)} MB/s, ${(files.length / (baseline.ms / 1000)).toFixed(1)} posts/s (${baseline.nodes} top-level nodes)`);
  gc();
  const t = performance.now();
  posts = bytes.map((b, i) => parsePostBytes(files[i]!, b));
  const readMs = performance.now() - t;
  findings = checkPosts(posts, defaultConfig(), []).findings;
  const ms = performance.now() - t;
  checkMs = Math.min(checkMs, ms);
  if (round === 1) checkRss = rssMb();
  console.log(`round ${round} full check : ${(ms / 1000).toFixed(1)} s (post model ${(readMs / 1000).toFixed(1)} s, rules ${((ms - readMs) / 1000).toFixed(1)} s), ${(mb / (ms / 1000)).toFixed(2)} MB/s, ${(files.length / (ms / 1000)).toFixed(1)} posts/s`);
}
console.log(`best       : parse-only ${(parseMs / 1000).toFixed(1)} s (${(mb / (parseMs / 1000)).toFixed(2)} MB/s), full check ${(checkMs / 1000).toFixed(1)} s (${(mb / (checkMs / 1000)).toFixed(2)} MB/s, ${(files.length / (checkMs / 1000)).toFixed(1)} posts/s); peak RSS (round 1) parse-only ${parseRss} MB, check ${checkRss} MB`);
console.log(`ratio      : ${(parseMs / checkMs).toFixed(2)}× parse-only throughput (target ≥ 0.70×)`);
const t = performance.now();
// The share of the cross-post family (a fresh repository object, so its index is built again).
checkPosts(posts, defaultConfig(), [], crossPostDuplicationRules);
console.log(`  of which repository/* (index build + ${posts.length} queries): ${((performance.now() - t) / 1000).toFixed(1)} s`);

const byRule = new Map<string, { error: number; warning: number; info: number }>();
for (const f of findings) {
  const r = byRule.get(f.rule) ?? { error: 0, warning: 0, info: 0 };
  r[f.severity]++;
  byRule.set(f.rule, r);
}
console.log(`findings   : ${findings.length}`);
console.table(Object.fromEntries([...byRule].sort((a, b) => a[0].localeCompare(b[0]))));
