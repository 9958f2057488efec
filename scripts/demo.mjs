#!/usr/bin/env node
// `npm run demo`: builds the example blog repository and prints the review the App would post for its PR
// branch (no credentials, no network). Extra arguments go to `review` (e.g. --format json).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeExampleRepo } from './make-example-repo.mjs';

const { dir, base, head } = makeExampleRepo();
process.stderr.write(`example blog repository: ${dir} (PR: ${head} → ${base})\n\n`);
const bin = join(dirname(), '..', 'bin', 'editorial-review.js');
const result = spawnSync(process.execPath, [bin, 'review', '--repo', dir, '--base', base, '--head', head, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
// Findings are the point of the demo: exit 0 unless the command itself failed.
process.exit(result.status === 2 ? 2 : 0);

function dirname() {
  return new URL('.', import.meta.url).pathname;
}
