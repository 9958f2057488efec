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
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // CommonJS dependencies inside an ES module bundle still call require() and read __dirname (piscina
    // finds its thread runner, worker.js, beside itself: here, beside the bundle).
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __dirname = __pathDirname(__fileURLToPath(import.meta.url));",
    },
    legalComments: 'linked',
    logLevel: 'warning',
    // piscina's optional native module (thread priorities; unused here, loaded in a try) is not bundled.
    external: ['@napi-rs/nice'],
  };
  const dir = dirname(outfile);
  await build({ ...common, entryPoints: [join(ROOT, 'src', 'action', 'main.ts')], outfile });
  // The check pool's threads (src/lint/pool.ts): its entry, named as the pool looks for it beside the bundle
  // (`pool-worker` with the bundle's extension), and piscina's thread runner, which loads that entry.
  await build({ ...common, entryPoints: [join(ROOT, 'src', 'lint', 'pool-worker.ts')], outfile: join(dir, 'pool-worker.mjs') });
  await build({ ...common, entryPoints: [join(ROOT, 'node_modules', 'piscina', 'dist', 'worker.js')], outfile: join(dir, 'worker.js') });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await buildAction()}\n`);
}
