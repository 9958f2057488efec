import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { normalizeForComparison as a } from '/tmp/old-norm.ts';
import { normalizeForComparison as b } from '../src/text/normalize.js';
import { parsePostBytes } from '../src/post/parse.js';
const files = [...fg.sync('/tmp/ai-blog-corpus/_posts/*.md').sort().slice(0, 200), ...fg.sync('/work/shared/corpus/clean-en/*.md')];
const texts: string[] = [];
for (const f of files) { const p = parsePostBytes(f, readFileSync(f)); texts.push(p.text); for (const bl of p.blocks) texts.push(bl.text); }
let bad = 0; for (const s of texts) if (a(s) !== b(s)) bad++; console.log('mismatch', bad, texts.length);
for (let r = 0; r < 3; r++) {
  let t = performance.now(); let n = 0;
  for (const s of texts) n += a(s).length; console.log('old', (performance.now()-t).toFixed(0));
  t = performance.now();
  for (const s of texts) n += b(s).length; console.log('new', (performance.now()-t).toFixed(0));
}
