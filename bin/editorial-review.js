#!/usr/bin/env node
// Runs the CLI built by `npm run build` (the `prepare` script): the bundle dist/bundle/cli.cjs (one file to
// load instead of ~350 modules) unless it is missing or older than the compiled modules (a `tsc` run since),
// else the compiled modules. The bundle's compiled code is kept between runs: by Node's compile cache where
// there is one (Node ≥ 22.1), else by V8's code cache (dist/cli/code-cache.js).
import { statSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { sampleCpu } from '../dist/core/cpu-sample.js';

// The machine's CPU times before the bundle loads: `check --jobs auto` measures the load of other processes from here.
const cpuAtStart = sampleCpu();

const modules = new URL('../dist/cli/bin.js', import.meta.url);
const bundle = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
if (mtime(bundle) >= mtime(modules)) {
  let cli;
  if (module.enableCompileCache) {
    module.enableCompileCache();
    cli = module.createRequire(import.meta.url)(bundle);
  } else {
    const { requireWithCodeCache } = await import('../dist/cli/code-cache.js');
    cli = requireWithCodeCache(bundle);
  }
  process.exitCode = await cli.main(process.argv.slice(2), { ...cli.processIo(), cpuAtStart });
} else {
  await import(modules.href);
}
