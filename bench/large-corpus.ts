/**
 * The "large" corpus of the benchmarks (`bench/throughput.ts`) and of the findings check
 * (`bench/findings-identical.ts`), built in one place so both measure and check the same files: the largest
 * real corpus `../shared` gives. Under `dir`:
 *  - `head/`: every post of the site clone's head (`_posts`),
 *  - `first-versions/`: each post's first version where it differs from the head's (the pipeline's output
 *    before the hand edits; blob ids from one `git log --raw`, texts from one `git cat-file --batch`),
 *  - `human/`: the human-written folders (clean-en, vim-jp, prometheus).
 * It is checked as plain files: `check --no-site .` in `dir`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fg from 'fast-glob';

const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'corpus');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
}

/** Writes the large corpus into `dir` (created) from `site`, a clone of the site bundle at its head (branch site-dev). */
export function buildLargeCorpus(site: string, dir: string): void {
  // The head's posts.
  for (const file of fg.sync('_posts/**/*.{md,markdown}', { cwd: site })) {
    mkdirSync(dirname(join(dir, 'head', file)), { recursive: true });
    copyFileSync(join(site, file), join(dir, 'head', file));
  }
  // Each post's first version, where it differs from the head's (blob ids from one `git log --raw`).
  const head = new Map(
    git(site, 'ls-tree', '-r', 'HEAD', '--', '_posts')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.split('\t')[1]!, line.split(/\s+/)[2]!]),
  );
  const first = new Map<string, string>();
  let current = '';
  for (const line of git(site, 'log', '--reverse', '--format=', '--raw', '--no-abbrev', '--diff-filter=AM', '--', '_posts').split('\n')) {
    const m = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) [AM]\t(.+)$/.exec(line);
    if (!m) continue;
    current = m[2]!;
    if (!first.has(current)) first.set(current, m[1]!);
  }
  const versions = [...first].filter(([path, blob]) => /\.(md|markdown)$/.test(path) && head.get(path) !== blob && head.has(path));
  const texts = execFileSync('git', ['-C', site, 'cat-file', '--batch'], { input: versions.map(([, blob]) => blob).join('\n') + '\n', maxBuffer: 1 << 30 });
  let at = 0;
  for (const [path] of versions) {
    const eol = texts.indexOf(10, at);
    const size = Number(texts.subarray(at, eol).toString().split(' ')[2]);
    const out = join(dir, 'first-versions', path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, texts.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  for (const human of ['clean-en', 'human-ja-vim-jp/_posts', 'human-en-prometheus/blog/posts']) {
    for (const file of fg.sync('**/*.{md,markdown}', { cwd: join(SHARED, human) })) {
      mkdirSync(dirname(join(dir, 'human', human, file)), { recursive: true });
      copyFileSync(join(SHARED, human, file), join(dir, 'human', human, file));
    }
  }
}
