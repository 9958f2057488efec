#!/usr/bin/env node
// Bundles the CLI (src/cli/main.ts), the check pool's worker (src/lint/pool-worker.ts), the site reader's
// worker (src/cli/site-features-worker.ts) and the dictionary's decoder (src/cli/dictionary-worker.ts) into four
// CommonJS files in dist/bundle/, which bin/editorial-review.js runs when present: a check of one post then
// loads one file instead of ~350 ES modules (module loading was half of a one-post run), and, being a
// script, it can be handed V8's code cache (src/cli/code-cache.ts) on Node versions without a compile
// cache of their own. The other commands' code is in the file but runs only when named (esbuild wraps
// lazily imported modules). Dependencies that load files beside themselves at run time (piscina's thread
// runner, kuromoji's dictionary) or that only the App's commands use stay in node_modules. Build output,
// never committed. Without esbuild (a production install), nothing is bundled and the CLI runs the
// compiled modules.
//   node scripts/build-cli.mjs
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The sources are ES modules: `import.meta.url` is the bundle's own URL.
    define: { 'import.meta.url': '__bundleUrl' },
    // `import()` of a dependency becomes `require()`: code restored from V8's cache (code-cache.ts) cannot call `import()` on Node 20.
    supported: { 'dynamic-import': false },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    external: ['piscina', '@napi-rs/nice', 'kuromoji', 'ioredis', 'bullmq', 'probot', '@octokit/*', '@actions/*'],
    legalComments: 'linked',
    logLevel: 'warning',
  };
  await esbuild.build({
    ...common,
    stdin: { contents: "export { main } from './src/cli/main.ts';\nexport { processIo } from './src/cli/io.ts';\n", resolveDir: ROOT, sourcefile: 'cli-entry.ts', loader: 'ts' },
    outfile: join(outdir, 'cli.cjs'),
  });
  // Named as src/lint/pool.ts looks for it: beside the pool's module, with its extension.
  await esbuild.build({ ...common, entryPoints: [join(ROOT, 'src', 'lint', 'pool-worker.ts')], outfile: join(outdir, 'pool-worker.cjs') });
  // The worker that reads half of a cold site's posts (src/cli/site.ts), named as it looks for it too.
  await esbuild.build({ ...common, entryPoints: [join(ROOT, 'src', 'cli', 'site-features-worker.ts')], outfile: join(outdir, 'site-features-worker.cjs') });
  // The thread that decodes the Japanese dictionary on a first run (src/cli/dictionary-thread.ts).
  await esbuild.build({ ...common, entryPoints: [join(ROOT, 'src', 'cli', 'dictionary-worker.ts')], outfile: join(outdir, 'dictionary-worker.cjs') });
  for (const name of ['cli.cjs', 'pool-worker.cjs', 'site-features-worker.cjs', 'dictionary-worker.cjs']) await asciiOnly(esbuild, join(outdir, name));
  return outdir;
}

/**
 * Rewrites the bundle `file` in ASCII: every other UTF-16 unit as `\uXXXX`. esbuild escapes strings and
 * templates itself (its default `charset: 'ascii'`) but leaves regular-expression literals (the rules'
 * Japanese patterns) and comments as they are. A bundle in ASCII is read as Latin-1 (src/cli/code-cache.ts):
 * ~1 ms instead of ~30 ms to decode its 2.9 MB as UTF-8 on every run, and a string of one byte per character.
 * The escape means the same character in a comment, a string, an identifier and a regular expression, with
 * or without the `u` flag (a surrogate pair `\uD83D\uDE00` is one code point under `u`); only a raw
 * template (`String.raw`) or a backslash before the character would read it differently, so a bundle with
 * either is left as it is. The result must still parse (checked here by esbuild).
 */
async function asciiOnly(esbuild, file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\0-\x7f]/.test(text)) return;
  // A raw template, or a character escaped by a backslash (`/\日/`: `\\u65E5` would be another pattern).
  if (/String\.raw`[^`]*[^\0-\x7f]/.test(text) || /(?<!\\)(?:\\\\)*\\[^\0-\x7f]/.test(text)) {
    process.stderr.write(`build-cli: ${file} has non-ASCII text that an escape would change; left in UTF-8\n`);
    return;
  }
  const ascii = text.replace(/[^\0-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  await esbuild.transform(ascii, { loader: 'js', format: 'cjs', logLevel: 'silent' });
  writeFileSync(file, ascii);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await buildCli();
  if (dir) process.stdout.write(`${dir}\n`);
}
