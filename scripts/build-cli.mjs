#!/usr/bin/env node
// Bundles the CLI (src/cli/bin.ts) and the check pool's worker (src/lint/pool-worker.ts) into ES modules
// in dist/bundle/, which bin/editorial-review.js runs when present: a check of one post then loads a few
// files instead of ~350 modules (module loading was half of a one-post run). The other commands (review,
// audit, rules, schema) stay in chunks of their own, loaded when named. Build output, never committed.
// Dependencies that load files beside themselves at run time (piscina's thread runner, kuromoji's
// dictionary) or that only the lazy commands use stay in node_modules. Without esbuild (a production
// install), nothing is bundled and the CLI runs the compiled modules.
//   node scripts/build-cli.mjs
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(ROOT, 'dist', 'bundle');

export async function buildCli(outdir = BUNDLE_DIR) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('build-cli: esbuild is not installed; the CLI runs the compiled modules\n');
    return undefined;
  }
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    // The names bin/editorial-review.js and src/lint/pool.ts look for (the worker beside the chunk that starts the pool).
    entryPoints: { cli: join(ROOT, 'src', 'cli', 'bin.ts'), 'pool-worker': join(ROOT, 'src', 'lint', 'pool-worker.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // CommonJS dependencies inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    external: ['piscina', '@napi-rs/nice', 'kuromoji', 'ioredis', 'bullmq', 'probot', '@octokit/*', '@actions/*'],
    legalComments: 'linked',
    logLevel: 'warning',
  });
  return outdir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await buildCli();
  if (dir) process.stdout.write(`${dir}\n`);
}
