#!/usr/bin/env node
// Bundles the GitHub Action (src/action/main.ts and everything it imports) into one ES module,
// dist/action/bundle.mjs, which `action.yml` runs on the node24 runtime. The bundle is generated output:
// it is never committed to main; the release workflow (.github/workflows/release-action.yml) builds it
// and commits it to the release tag only. Target Node 20 so the same file also runs on older runners.
//   node scripts/build-action.mjs
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'dist', 'action', 'bundle.mjs');

export async function buildAction(outfile = BUNDLE) {
  await build({
    entryPoints: [join(ROOT, 'src', 'action', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await buildAction()}\n`);
}
