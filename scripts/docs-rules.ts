// `npm run docs:rules`: writes each rule's page, docs/rules/<id>.md, and the index docs/rules/README.md from
// the rules' own metadata with the default settings (what `editorial-review rules <id> --format markdown`
// prints without a settings file), and deletes the pages of rules that no longer exist.
// test/lint/rule-docs.test.ts fails when a page is stale or missing.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../src/config/load.js';
import { RULE_DOCS_DIR, ruleDocsFiles } from '../src/lint/rule-docs.js';
import { allRules } from '../src/rules/index.js';

const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), RULE_DOCS_DIR);
const files = ruleDocsFiles(allRules, defaultConfig());
let written = 0;
let removed = 0;
if (existsSync(dir)) {
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = entry.split(sep).join('/');
    if (path.endsWith('.md') && !files.has(path)) {
      rmSync(join(dir, path));
      removed++;
    }
  }
}
for (const [path, text] of files) {
  const target = join(dir, path);
  if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  written++;
}
process.stdout.write(`${RULE_DOCS_DIR}: ${files.size} pages, ${written} written, ${removed} removed\n`);
