/**
 * Throughput of the duplication and truncation rules over a directory of posts, against parsing alone:
 * prints MB/s for both, their ratio, peak RSS, and the findings per rule and severity.
 * `[ROUNDS=3] npx tsx bench/duplication-truncation.ts [DIR]` (default: the corpus clone /tmp/ai-blog-corpus/_posts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../src/config/load.js';
import { checkPost } from '../src/lint/check.js';
import { parsePost } from '../src/post/parse.js';
import { duplicationRules } from '../src/rules/duplication/index.js';
import { truncationRules } from '../src/rules/truncation/index.js';

const dir = process.argv[2] ?? '/tmp/ai-blog-corpus/_posts';
const files = readdirSync(dir)
  .filter((f) => /\.(md|markdown|txt)$/.test(f))
  .map((f) => join(dir, f));
const texts = files.map((f) => readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const config = defaultConfig();
const rules = [...duplicationRules, ...truncationRules];

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Best of ROUNDS runs (default 3) for each; the first check round also counts the findings.
const rounds = Number(process.env['ROUNDS'] ?? 3);
const counts = new Map<string, number>();
let parseSeconds = Infinity;
let checkSeconds = Infinity;
for (let round = 0; round < rounds; round++) {
  parseSeconds = Math.min(parseSeconds, time(() => texts.forEach((t, i) => parsePost(files[i]!, t))));
  checkSeconds = Math.min(
    checkSeconds,
    time(() =>
      texts.forEach((t, i) => {
        const findings = checkPost(parsePost(files[i]!, t), { config, rules });
        if (round === 0) {
          for (const f of findings) counts.set(`${f.rule}\t${f.severity}`, (counts.get(`${f.rule}\t${f.severity}`) ?? 0) + 1);
        }
      }),
    ),
  );
}
const mb = bytes / 2 ** 20;
console.log(`${files.length} posts, ${mb.toFixed(1)} MB`);
console.log(`parse only:                ${(mb / parseSeconds).toFixed(2)} MB/s (${parseSeconds.toFixed(2)} s)`);
console.log(`parse + dup/trunc rules:   ${(mb / checkSeconds).toFixed(2)} MB/s (${checkSeconds.toFixed(2)} s), ratio ${(parseSeconds / checkSeconds).toFixed(2)}`);
console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
console.table(
  [...counts]
    .sort()
    .map(([key, n]) => {
      const [rule, severity] = key.split('\t');
      return { rule, severity, findings: n };
    }),
);
