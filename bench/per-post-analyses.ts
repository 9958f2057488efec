/**
 * CPU of the per-post text analyses (claims, persona, prose, chatter) and the rules of the families that
 * read them (truncation, claims, artifacts): every post of a directory parsed once (untimed), then each
 * round forgets every post's memo and checks all posts with those families' rules. Prints ms per round
 * and per family (a family's first rule also pays the analyses it shares), and writes the findings of
 * the last round to `--out` so two builds can be compared byte for byte.
 *
 *   npx tsx bench/per-post-analyses.ts [--dir DIR] [--rounds N] [--out FILE]
 *   # DIR: default /tmp/ai-blog-corpus/_posts (e.g. the `_posts` of a clone of the site bundle's head)
 *
 * Prints figures, asserts nothing (machines differ; tests never measure time). Note `uptime` beside them.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../src/config/load.js';
import { checkPost } from '../src/lint/check.js';
import { InMemoryCorpus } from '../src/analysis/corpus/summary.js';
import { readPost } from '../src/lint/run.js';
import { truncationRules } from '../src/rules/truncation/index.js';
import { claimsRules } from '../src/rules/claims/index.js';
import { artifactsRules } from '../src/rules/artifacts/index.js';
import type { Finding } from '../src/core/finding.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '/tmp/ai-blog-corpus/_posts' },
    rounds: { type: 'string', default: '5' },
    out: { type: 'string' },
  },
});
const dir = values.dir!;
const files = readdirSync(dir)
  .filter((f) => /\.(md|markdown)$/.test(f))
  .sort()
  .map((f) => join(dir, f));
const posts = files.map((f) => readPost(f));
const config = defaultConfig();
const corpus = new InMemoryCorpus(posts);
const families = [
  ['truncation', truncationRules],
  ['claims', claimsRules],
  ['artifacts', artifactsRules],
] as const;

let findings: Finding[] = [];
const rounds: number[] = [];
const perFamily = new Map<string, number[]>();
for (let round = 0; round < Number(values.rounds); round++) {
  for (const post of posts) post.memo.clear();
  findings = [];
  const start = performance.now();
  for (const post of posts) {
    for (const [name, rules] of families) {
      const t = performance.now();
      findings.push(...checkPost(post, { config, rules, corpus }));
      const list = perFamily.get(name) ?? [];
      list[round] = (list[round] ?? 0) + performance.now() - t;
      perFamily.set(name, list);
    }
  }
  rounds.push(performance.now() - start);
}
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
console.log(`${posts.length} posts; ms per round: ${fmt(rounds)} (min ${Math.min(...rounds).toFixed(0)})`);
for (const [name, list] of perFamily) console.log(`  ${name.padEnd(11)} ${fmt(list)} (min ${Math.min(...list).toFixed(0)})`);
console.log(`${findings.length} findings`);
if (values.out) writeFileSync(values.out, JSON.stringify(findings, null, 1));
