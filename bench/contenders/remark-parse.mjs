// A contender of bench/throughput.ts: what any Markdown tool does at the least — read every file and parse it
// with remark-parse + remark-frontmatter (CommonMark and front matter, no GFM), in one process.
//   node bench/contenders/remark-parse.mjs FILE-LIST   (one path per line)
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);
let nodes = 0;
for (const file of readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) {
  nodes += processor.parse(readFileSync(file, 'utf8')).children.length;
}
process.stdout.write(`${nodes} top-level nodes\n`);
