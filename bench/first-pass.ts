/**
 * The CPU of a check's first pass over a folder of posts (each read, parsed and summarised: `readSource` +
 * `summarizePost`, as `checkEach` does), in this process, for the builds given: each build's `dist/` is
 * loaded in a fresh process, the builds alternated, `--rounds` passes each (the first warms the JIT); the
 * least CPU (user + system) and the median are printed, with the load. On a shared machine compare the
 * minima of alternated runs.
 *
 *   npm run build && node --import tsx bench/first-pass.ts --dir /tmp/prof-site/_posts /work/ref-c29401f .
 *
 * `--dir` may be given more than once (the posts of every folder, recursively, README.md left out).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', multiple: true, default: ['/tmp/prof-site/_posts'] },
    rounds: { type: 'string', default: '10' },
    repeat: { type: 'string', default: '3' },
    child: { type: 'string' },
  },
});

if (values.child !== undefined) {
  const dist = pathToFileURL(join(resolve(values.child), 'dist')).href;
  const { readSource } = (await import(`${dist}/lint/pool-task.js`)) as typeof import('../src/lint/pool-task.js');
  const { summarizePost } = (await import(`${dist}/analysis/corpus/summary.js`)) as typeof import('../src/analysis/corpus/summary.js');
  const files = values.dir.flatMap((dir) =>
    (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => /\.(?:md|markdown)$/.test(f) && !/(?:^|\/)README\.md$/.test(f))
      .sort()
      .map((f) => join(dir, f)),
  );
  const times: number[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const start = process.cpuUsage();
    for (const file of files) summarizePost(readSource({ path: file, file }));
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  console.log(`${values.child}: ${files.length} posts, min ${times[0]!.toFixed(0)} ms, median ${times[times.length >> 1]!.toFixed(0)} ms of ${times.length} passes`);
} else {
  for (let i = 0; i < Number(values.repeat); i++) {
    for (const build of positionals) {
      const args = ['--import', 'tsx', import.meta.filename, '--child', build, ...values.dir.flatMap((dir) => ['--dir', dir]), '--rounds', values.rounds];
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      process.stdout.write(`${run.stdout.trim()} (load ${loadavg()[0]!.toFixed(2)})\n`);
    }
  }
}
