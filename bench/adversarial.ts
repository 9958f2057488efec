/**
 * Hostile posts of 1 MB through the whole engine (parse + every rule): prints the time of each and the
 * worst. Target: every one under 1 s. Run: npm run bench:adversarial [-- SIZE_BYTES]
 * The inputs are those the fuzz tests (test/fuzz) prove harmless.
 */
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../src/config/load.js';
import { checkPost } from '../src/lint/check.js';
import { InMemoryCorpus } from '../src/analysis/corpus/summary.js';
import { parsePostBytes } from '../src/post/parse.js';
import { allRules } from '../src/rules/index.js';
import { adversarialInputs } from '../test/fuzz/adversarial-inputs.js';

const size = Number(process.argv[2] ?? 1024 * 1024);
const seed = readFileSync(new URL('../test/fixtures/seeds/001_28157c3539ea115d.txt', import.meta.url), 'utf8');
const config = defaultConfig();

// Warm up the parser and the rules once so the first case does not pay for JIT compilation.
checkPost(parsePostBytes('warmup.md', Buffer.from(seed)), { config, rules: allRules, corpus: new InMemoryCorpus() });

let worst = { name: '', ms: 0 };
console.log(`input size ≈ ${(size / 1024 / 1024).toFixed(2)} MB, ${allRules.length} rules`);
console.log(`${'input'.padEnd(48)} ${'bytes'.padStart(9)} ${'parse ms'.padStart(9)} ${'total ms'.padStart(9)} findings`);

for (const input of adversarialInputs(seed, size)) {
  const start = performance.now();
  const post = parsePostBytes('_posts/2025-01-01-hostile.md', input.bytes);
  const parsed = performance.now();
  const findings = checkPost(post, { config, rules: allRules, corpus: new InMemoryCorpus([post]) });
  const ms = performance.now() - start;
  // Which rule took the time: each rule alone on the parsed post.
  let slowest = { id: '', ms: 0 };
  for (const rule of allRules) {
    const t = performance.now();
    checkPost(post, { config, rules: [rule], corpus: new InMemoryCorpus([post]) });
    const ruleMs = performance.now() - t;
    if (ruleMs > slowest.ms) slowest = { id: rule.id, ms: ruleMs };
  }
  if (ms > worst.ms) worst = { name: input.name, ms };
  console.log(
    `${input.name.padEnd(48)} ${String(input.bytes.length).padStart(9)} ${(parsed - start).toFixed(0).padStart(9)} ${ms.toFixed(0).padStart(9)} ${String(findings.length).padStart(8)}  slowest rule: ${slowest.id} ${slowest.ms.toFixed(0)} ms`,
  );
}
console.log(`worst: ${worst.name} ${worst.ms.toFixed(0)} ms (target < 1000 ms)`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
