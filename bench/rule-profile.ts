/**
 * Where the rules spend their time: each rule alone over the corpus posts (parsed once, untimed), with
 * per-post caches shared as in a real run. Prints ms per rule, slowest first.
 *   npx tsx bench/rule-profile.ts [--limit N] [--dir DIR]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';
import { defaultConfig } from '../src/config/load.js';
import { checkPost } from '../src/lint/check.js';
import { InMemoryCorpus } from '../src/analysis/corpus/summary.js';
import { parsePostBytes } from '../src/post/parse.js';
import { allRules } from '../src/rules/index.js';

const { values } = parseArgs({ options: { limit: { type: 'string', default: '400' }, dir: { type: 'string', default: '/tmp/ai-blog-corpus/_posts' } } });
const files = fg.sync('**/*.{md,markdown}', { cwd: values.dir! }).sort().slice(0, Number(values.limit)).map((f) => join(values.dir!, f));
const posts = files.map((f) => parsePostBytes(f, readFileSync(f)));
const config = defaultConfig();
const corpus = new InMemoryCorpus(posts);
const mb = posts.reduce((s, p) => s + p.text.length * 2, 0) / 2 ** 20;
// Warm every rule once.
for (const post of posts.slice(0, 20)) checkPost(post, { config, rules: allRules, corpus });
const rows: [string, number][] = [];
for (const rule of allRules) {
  const start = performance.now();
  for (const post of posts) checkPost(post, { config, rules: [rule], corpus });
  rows.push([rule.id, performance.now() - start]);
}
rows.sort((a, b) => b[1] - a[1]);
console.log(`${posts.length} posts (${mb.toFixed(1)} MB as UTF-16); ms per rule (first rule of a family also pays its shared per-post analysis):`);
for (const [id, ms] of rows) console.log(`${ms.toFixed(0).padStart(8)}  ${id}`);
console.log(`${rows.reduce((s, r) => s + r[1], 0).toFixed(0).padStart(8)}  total`);
