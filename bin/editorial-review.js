#!/usr/bin/env node
// Runs the CLI built by `npm run build` (the `prepare` script): the bundle in dist/bundle/ (a few files to
// load instead of ~350 modules) unless it is missing or older than the compiled modules (a `tsc` run since),
// else the compiled modules. Node ≥ 22.1 also keeps the code it compiled between runs (its compile cache).
import { statSync } from 'node:fs';
import module from 'node:module';

module.enableCompileCache?.();
const modules = new URL('../dist/cli/bin.js', import.meta.url);
const bundle = new URL('../dist/bundle/cli.mjs', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
await import(mtime(bundle) >= mtime(modules) ? bundle.href : modules.href);
