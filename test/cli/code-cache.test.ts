/**
 * The CLI's bundle loaded with V8's code cache (src/cli/code-cache.ts, for Node versions without
 * `module.enableCompileCache`): the cache is written when the process exits, used by the next process,
 * replaced when the bundle is rebuilt, and a cache folder that cannot be written changes nothing but time.
 * Each load runs in a process of its own, as the installed command does (the cache is written at exit).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const work = mkdtempSync(join(tmpdir(), 'er-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const loader = pathToFileURL(join(ROOT, 'src', 'cli', 'code-cache.ts')).href;

/** Loads `bundle` in a new process; prints what its `answer()` returns and whether V8 took the cache. */
function load(bundle: string, cacheDir: string): { answer: string; files: string[] } {
  const script = `import { requireWithCodeCache } from ${JSON.stringify(loader)};
const bundle = requireWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cacheDir)});
process.stdout.write(String(bundle.answer()));`;
  const answer = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { encoding: 'utf8' });
  let files: string[] = [];
  try {
    files = readdirSync(join(cacheDir, 'compiled'));
  } catch {
    files = [];
  }
  return { answer, files };
}

describe('the code cache of the CLI bundle', () => {
  it('is written at exit, read by the next run, and replaced when the bundle changes', () => {
    const bundle = join(work, 'cli.cjs');
    // A CommonJS bundle as esbuild writes one: `require` of a dependency, `exports`.
    writeFileSync(bundle, "const { join } = require('node:path');\nexports.answer = () => join('a', 'b') + ':' + typeof __dirname;\n");
    const cache = join(work, 'cache');
    const first = load(bundle, cache);
    expect(first.answer).toBe('a/b:string');
    expect(first.files).toHaveLength(1);
    expect(first.files[0]).toMatch(/^cli\.cjs-[0-9a-f]{8}-[0-9a-f]{8}\.v8$/);
    const second = load(bundle, cache);
    expect(second).toEqual(first);
    writeFileSync(bundle, "exports.answer = () => 'rebuilt';\n");
    utimesSync(bundle, new Date(), new Date(Date.now() + 5000));
    const rebuilt = load(bundle, cache);
    expect(rebuilt.answer).toBe('rebuilt');
    expect(rebuilt.files).toHaveLength(1);
    expect(rebuilt.files[0]).not.toBe(first.files[0]);
  });

  it('runs the bundle when the cache folder cannot be written', () => {
    const bundle = join(work, 'plain.cjs');
    writeFileSync(bundle, "exports.answer = () => 42;\n");
    const blocked = join(work, 'a-file');
    writeFileSync(blocked, '');
    expect(load(bundle, blocked).answer).toBe('42');
  });

  it('is not written by a run that changed the V8 flags (the next run would reject it), and is by the next run', () => {
    const bundle = join(work, 'flags.cjs');
    writeFileSync(bundle, "exports.answer = () => 'flags';\n");
    const cache = join(work, 'flags-cache');
    // As a check on every core does (`compileLighter`) once its bundle is loaded.
    const script = `import { requireWithCodeCache } from ${JSON.stringify(loader)};
import { setFlagsFromString } from 'node:v8';
const bundle = requireWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
setFlagsFromString('--no-turbo-inlining');
process.stdout.write(String(bundle.answer()));`;
    expect(execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { encoding: 'utf8' })).toBe('flags');
    expect(load(bundle, join(work, 'flags-cache-unused')).files).toHaveLength(1); // the same bundle, V8's own flags: written
    let files: string[] = [];
    try {
      files = readdirSync(join(cache, 'compiled'));
    } catch {
      files = [];
    }
    expect(files).toEqual([]);
    const next = load(bundle, cache);
    expect(next).toEqual({ answer: 'flags', files: [expect.stringMatching(/^flags\.cjs-/)] });
    expect(load(bundle, cache)).toEqual(next); // and taken by the one after
  });
});
