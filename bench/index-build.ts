/**
 * Cross-duplicate index benchmark.
 *  1. real: 2,500 distinct post blobs from the blog's history (every version ever committed of its posts),
 *     indexed; then every one queried (edited versions of one post are real near copies).
 *  2. synthetic: N (default 100,000) posts made of real paragraphs (random paragraphs of the corpus, some
 *     sentences swapped within and between paragraphs), of which 10% are planted near copies of an earlier
 *     post (paragraphs reordered, 1–8 sentences replaced, a paragraph dropped or added). The exact Jaccard of
 *     each planted pair is computed when it is planted; recall is measured at the rule's thresholds.
 * Prints build time, resident memory, query latency (one new post) and recall.
 *
 *   npm run bench:index [-- --n 100000 --paragraphs 10 --real 2500]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chunkBody, extractFeatures, normalizedBody } from '../src/analysis/corpus/features.js';
import { CorpusIndex } from '../src/analysis/corpus/index.js';
import { allShingleHashes, exactJaccard, shingleSet } from '../src/analysis/corpus/minhash.js';
import { normalizeForComparison } from '../src/text/normalize.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    real: { type: 'string', default: '2500' },
    paragraphs: { type: 'string', default: '10' },
    clone: { type: 'string', default: '/tmp/ai-blog-corpus' },
    seed: { type: 'string', default: '1' },
  },
});
const N = Number(values.n);
const REAL = Number(values.real);
const PARAGRAPHS = Number(values.paragraphs);
const clone = values.clone!;
if (!existsSync(clone)) execFileSync('git', ['clone', '-q', join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'ai-blog-system-posts.bundle'), clone]);

const mb = (n: number): string => `${Math.round(n / 2 ** 20)} MB`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

// ---- Real blobs -----------------------------------------------------------------------------------
const objects = execFileSync('git', ['-C', clone, 'rev-list', '--objects', '--all'], { maxBuffer: 1 << 28 })
  .toString()
  .split('\n')
  .filter((l) => / _posts\/.+\.(md|markdown)$/.test(l))
  .map((l) => ({ sha: l.slice(0, 40), path: l.slice(41) }));
const unique = [...new Map(objects.map((o) => [o.sha, o])).values()].sort((a, b) => a.sha.localeCompare(b.sha));
const picked = unique.slice(0, REAL);
const batch = execFileSync('git', ['-C', clone, 'cat-file', '--batch'], { input: `${picked.map((o) => o.sha).join('\n')}\n`, maxBuffer: 1 << 30 });
const realTexts: { path: string; sha: string; text: string }[] = [];
for (let pos = 0, i = 0; pos < batch.length && i < picked.length; i++) {
  const nl = batch.indexOf(10, pos);
  const size = Number(batch.subarray(pos, nl).toString().split(' ')[2]);
  realTexts.push({ path: `${picked[i]!.path}@${picked[i]!.sha.slice(0, 8)}`, sha: picked[i]!.sha, text: batch.subarray(nl + 1, nl + 1 + size).toString('utf8') });
  pos = nl + 1 + size + 1;
}
const realMb = realTexts.reduce((s, r) => s + Buffer.byteLength(r.text), 0) / 2 ** 20;
{
  gc();
  const before = process.memoryUsage();
  let t = performance.now();
  const index = new CorpusIndex();
  for (const r of realTexts) index.addText(r.path, r.text, r.sha);
  const buildMs = performance.now() - t;
  gc();
  const after = process.memoryUsage();
  const latencies: number[] = [];
  let pairs = 0;
  let strong = 0;
  for (const r of realTexts) {
    t = performance.now();
    const q = index.query(r.path, index.featuresOf(r.text, r.sha), { minSimilarity: 0.5 });
    latencies.push(performance.now() - t);
    pairs += q.nearDuplicates.length;
    strong += q.nearDuplicates.filter((n) => n.similarity >= 0.8).length;
  }
  console.log(`real: ${realTexts.length} distinct post blobs (${realMb.toFixed(1)} MB) of ${unique.length} in the history`);
  console.log(`  build ${(buildMs / 1000).toFixed(2)} s (${(realMb / (buildMs / 1000)).toFixed(1)} MB/s), heap +${mb(after.heapUsed - before.heapUsed)}, RSS ${mb(after.rss)}`);
  console.log(`  query (indexed post vs all): median ${pct(latencies, 0.5).toFixed(2)} ms, p95 ${pct(latencies, 0.95).toFixed(2)} ms, max ${Math.max(...latencies).toFixed(2)} ms`);
  console.log(`  near-duplicate pairs (directed) ≥ 0.5: ${pairs}, ≥ 0.8: ${strong} (versions of the same post across edits)`);
}

// ---- Synthetic 100k --------------------------------------------------------------------------------
let state = Number(values.seed) >>> 0 || 1;
const rand = (): number => {
  // xorshift32
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const tip = execFileSync('git', ['-C', clone, 'ls-tree', '-r', '-z', 'HEAD', '_posts'], { maxBuffer: 1 << 26 })
  .toString()
  .split('\0')
  .filter(Boolean)
  .map((l) => l.split(/\s/)[2]!);
const tipBatch = execFileSync('git', ['-C', clone, 'cat-file', '--batch'], { input: `${tip.join('\n')}\n`, maxBuffer: 1 << 30 });
const pool: string[][] = []; // paragraphs as sentence lists
for (let pos = 0; pos < tipBatch.length; ) {
  const nl = tipBatch.indexOf(10, pos);
  const size = Number(tipBatch.subarray(pos, nl).toString().split(' ')[2]);
  const text = tipBatch.subarray(nl + 1, nl + 1 + size).toString('utf8');
  pos = nl + 1 + size + 1;
  for (const c of chunkBody(text).chunks) {
    if (/^(#|```|\||- |\* |\d+\. |<)/.test(c.text) || normalizeForComparison(c.text).length < 80) continue;
    const sentences = c.text.match(/[^。！？!?]+[。！？!?]*/g) ?? [c.text];
    pool.push(sentences);
  }
}
const sentencesPool = pool.flat();
console.log(`synthetic: pool of ${pool.length} real paragraphs, ${sentencesPool.length} sentences`);

interface Synth {
  title: string;
  paragraphs: string[][];
}
const makePost = (i: number): Synth => {
  const paragraphs: string[][] = [];
  for (let p = 0; p < PARAGRAPHS; p++) {
    const s = [...pick(pool)];
    if (s.length >= 2 && rand() < 0.5) {
      const a = Math.floor(rand() * s.length);
      const b = Math.floor(rand() * s.length);
      [s[a], s[b]] = [s[b]!, s[a]!];
    }
    if (rand() < 0.5) s[Math.floor(rand() * s.length)] = pick(sentencesPool);
    paragraphs.push(s);
  }
  return { title: `合成記事${i}: ${paragraphs[0]![0]!.slice(0, 24)}`, paragraphs };
};
const render = (i: number, post: Synth): string =>
  `---\nlayout: post\ntitle: "${post.title.replace(/"/g, "'")}"\ndate: 2030-01-01 00:00:00 +0000\n---\n\n${post.paragraphs.map((p) => p.join('')).join('\n\n')}\n`;
const mutate = (post: Synth, strength: number): Synth => {
  const paragraphs = post.paragraphs.map((p) => [...p]);
  // reorder two paragraphs
  const a = Math.floor(rand() * paragraphs.length);
  const b = Math.floor(rand() * paragraphs.length);
  [paragraphs[a], paragraphs[b]] = [paragraphs[b]!, paragraphs[a]!];
  for (let k = 0; k < strength; k++) {
    const p = paragraphs[Math.floor(rand() * paragraphs.length)]!;
    p[Math.floor(rand() * p.length)] = pick(sentencesPool);
  }
  if (rand() < 0.3) paragraphs.splice(Math.floor(rand() * paragraphs.length), 1);
  else if (rand() < 0.3) paragraphs.push([...pick(pool)]);
  return { title: `${post.title}（改訂版）`, paragraphs };
};
const exact = (x: string, y: string): number =>
  exactJaccard(shingleSet(allShingleHashes(normalizedBody(x), 5)), shingleSet(allShingleHashes(normalizedBody(y), 5)));

gc();
const base = process.memoryUsage();
const index = new CorpusIndex();
const originals = new Map<number, Synth>(); // kept only for planting (the first 10k originals)
const originalIds: number[] = [];
const planted: { copy: string; original: string; jaccard: number }[] = [];
let synthBytes = 0;
let t = performance.now();
let plantMs = 0;
for (let i = 0; i < N; i++) {
  let text: string;
  if (i % 10 === 9 && originalIds.length > 0) {
    const j = pick(originalIds);
    const p0 = performance.now();
    const copy = mutate(originals.get(j)!, 1 + Math.floor(rand() * 8));
    text = render(i, copy);
    const jaccard = exact(render(j, originals.get(j)!), text);
    planted.push({ copy: `_posts/2030-01-01-syn-${i}.md`, original: `_posts/2030-01-01-syn-${j}.md`, jaccard });
    plantMs += performance.now() - p0;
  } else {
    const post = makePost(i);
    if (originals.size < 10_000) {
      originals.set(i, post);
      originalIds.push(i);
    }
    text = render(i, post);
  }
  synthBytes += text.length;
  index.addText(`_posts/2030-01-01-syn-${i}.md`, text);
  if (i > 0 && i % 20_000 === 0) console.log(`  … ${i} posts, ${((performance.now() - t - plantMs) / 1000).toFixed(1)} s`);
}
const buildMs = performance.now() - t - plantMs;
originals.clear();
gc();
const built = process.memoryUsage();
console.log(`synthetic: ${N} posts (~${Math.round(synthBytes / N / 1000)} k chars each, ${PARAGRAPHS} paragraphs), ${planted.length} planted near copies`);
console.log(`  build ${(buildMs / 1000).toFixed(1)} s (generation included, exact-Jaccard planting excluded), ${Math.round(N / (buildMs / 1000))} posts/s`);
console.log(`  resident: RSS ${mb(built.rss)}, heap used ${mb(built.heapUsed)} (+${mb(built.heapUsed - base.heapUsed)} for the index), external ${mb(built.external)}`);

// Recall of planted copies: query each copy (its indexed features), is its original returned?
let n08 = 0;
let found07 = 0;
let found08 = 0;
let foundCand = 0;
const qTimes: number[] = [];
for (const p of planted) {
  if (p.jaccard < 0.8) continue;
  n08++;
  const q = index.query(p.copy, index.featuresAt(p.copy)!, { minSimilarity: 0.4 });
  const hit = q.nearDuplicates.find((d) => d.path === p.original);
  if (hit) foundCand++;
  if (hit && hit.similarity >= 0.7) found07++;
  if (hit && hit.similarity >= 0.8) found08++;
}
const js = planted.map((p) => p.jaccard);
console.log(`  planted Jaccard: min ${Math.min(...js).toFixed(2)}, median ${pct(js, 0.5).toFixed(2)}, max ${Math.max(...js).toFixed(2)}; ${js.filter((j) => j >= 0.8).length} at ≥ 0.8`);
console.log(`  recall of planted copies with Jaccard ≥ 0.8 (${n08} of ${planted.length} planted):`);
console.log(`    as LSH candidate (rule's query, estimate ≥ 0.4): ${(foundCand / n08).toFixed(4)}`);
console.log(`    estimate ≥ 0.7: ${(found07 / n08).toFixed(4)}   estimate ≥ 0.8: ${(found08 / n08).toFixed(4)}`);

// One new post against the whole index.
for (let k = 0; k < 300; k++) {
  const post = makePost(N + k);
  const text = render(N + k, k % 3 === 0 ? mutate(post, 3) : post);
  const t0 = performance.now();
  const f = extractFeatures(text);
  const t1 = performance.now();
  index.query(`_posts/new-${k}.md`, f, { minSimilarity: 0.4 });
  qTimes.push(performance.now() - t1);
  if (k === 0) console.log(`  features of the new post: ${(t1 - t0).toFixed(2)} ms`);
}
console.log(`  query one new post vs ${N}: median ${pct(qTimes, 0.5).toFixed(2)} ms, p95 ${pct(qTimes, 0.95).toFixed(2)} ms, max ${Math.max(...qTimes).toFixed(2)} ms (target < 50 ms)`);
console.log(`  peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (generator included)`);

