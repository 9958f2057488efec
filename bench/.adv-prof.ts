import { readFileSync } from 'node:fs';
import { defaultConfig } from '../src/config/load.js';
import { checkPost } from '../src/engine/check.js';
import { InMemoryRepository } from '../src/engine/repository.js';
import { parsePostBytes } from '../src/post/parse.js';
import { allRules } from '../src/rules/index.js';
import { adversarialInputs } from '../test/fuzz/adversarial-inputs.js';
const seed = readFileSync(new URL('../test/fixtures/seeds/001_28157c3539ea115d.txt', import.meta.url), 'utf8');
const config = defaultConfig();
const size = Number(process.argv[3] ?? 256 * 1024);
for (const input of adversarialInputs(seed, size)) {
  if (!input.name.includes(process.argv[2]!)) continue;
  let t = performance.now();
  const post = parsePostBytes('_posts/2025-01-01-hostile.md', input.bytes);
  console.log('parse', performance.now() - t);
  for (const rule of allRules) {
    t = performance.now();
    checkPost(post, { config, rules: [rule], repository: new InMemoryRepository([post]) });
    const ms = performance.now() - t; if (ms > 20) console.log(rule.id, ms.toFixed(0));
  }
}
