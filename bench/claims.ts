/**
 * Claims rules at corpus scale: parses every post of a directory, checks them as one corpus with the
 * claims rules only, and prints findings per rule and severity with the time of each phase.
 *
 *   npx tsx bench/claims.ts [DIR]      # default: /tmp/ai-blog-corpus/_posts (1,176 posts)
 *
 * Prints figures, asserts nothing (machines differ; tests never measure time).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { claimsOf } from '../src/analysis/claims/post-claims.js';
import { defaultConfig } from '../src/config/load.js';
import { checkPost } from '../src/lint/check.js';
import { InMemoryCorpus } from '../src/analysis/corpus/summary.js';
import { readPost } from '../src/lint/run.js';
import { claimsRules } from '../src/rules/claims/index.js';

const dir = process.argv[2] ?? '/tmp/ai-blog-corpus/_posts';
const files = readdirSync(dir)
  .filter((f) => /\.(md|markdown)$/.test(f))
  .sort()
  .map((f) => join(dir, f));

let t = performance.now();
const posts = files.map((f) => readPost(f));
const parseMs = performance.now() - t;

t = performance.now();
for (const post of posts) claimsOf(post);
const extractMs = performance.now() - t;

const config = defaultConfig();
const corpus = new InMemoryCorpus(posts);
const counts = new Map<string, Map<string, number>>();
const perRule = new Map<string, number>();
t = performance.now();
for (const post of posts) {
  for (const rule of claimsRules) {
    const start = performance.now();
    for (const finding of checkPost(post, { config, rules: [rule], corpus })) {
      const bySeverity = counts.get(finding.rule) ?? new Map<string, number>();
      bySeverity.set(finding.severity, (bySeverity.get(finding.severity) ?? 0) + 1);
      counts.set(finding.rule, bySeverity);
    }
    perRule.set(rule.id, (perRule.get(rule.id) ?? 0) + performance.now() - start);
  }
}
const checkMs = performance.now() - t;

const claims = posts.reduce((n, p) => n + claimsOf(p).claims.length, 0);
console.log(`${posts.length} posts in ${dir}; ${claims} numeric expressions`);
console.log(`parse ${parseMs.toFixed(0)} ms | claims extraction ${extractMs.toFixed(0)} ms | claims rules ${checkMs.toFixed(0)} ms`);
for (const rule of claimsRules) {
  const bySeverity = counts.get(rule.id) ?? new Map<string, number>();
  const text = [...bySeverity].map(([s, n]) => `${s} ${n}`).join(', ') || 'none';
  console.log(`  ${rule.id.padEnd(30)} ${text.padEnd(28)} ${(perRule.get(rule.id) ?? 0).toFixed(0)} ms`);
}
