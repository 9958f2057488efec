import { isAscii } from 'node:buffer';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { defaultCacheDir, writeCacheFile } from '../core/cache-dir.js';
import { hashString } from '../text/hash.js';

/**
 * Loads the CLI's CommonJS bundle with V8's code cache, for Node versions without a compile cache of
 * their own (`module.enableCompileCache`, Node ≥ 22.1, which the bin uses instead). Compiling the 2.4 MB
 * bundle, and then each function the first time it runs, was ~70 ms of a one-post check's ~400 ms of CPU.
 * The first run compiles as usual and, when it exits, stores what V8 compiled (`createCachedData`, which
 * then holds the functions the run used) under the cache directory, keyed by Node's version and the
 * bundle's path, size and mtime; later runs hand it back to V8, which checks it against the source and the
 * engine and ignores it when they differ (then it is written again). A cache that cannot be read or
 * written costs only the compile. Node's own loader does the same for `require` on Node ≥ 22.1. The bundle
 * calls no `import()` (scripts/build-cli.mjs turns them into `require`): code restored from the cache
 * cannot, on Node 20.
 */
export function requireWithCodeCache(file: string, cacheDir = defaultCacheDir()): unknown {
  // The build writes the bundle in ASCII (scripts/build-cli.mjs): read as Latin-1, it is copied, not decoded.
  const bytes = readFileSync(file);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const { size, mtimeMs } = statSync(file);
  const hex = (text: string): string => hashString(text).toString(16).padStart(8, '0');
  // One file per bundle and Node: a rebuilt bundle's code replaces the old one's.
  const prefix = `${basename(file)}-${hex(`${process.version}\0${process.arch}\0${file}`)}-`;
  const cacheFile = join(cacheDir, 'compiled', `${prefix}${hex(`${size}\0${mtimeMs}`)}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (!cachedData || script.cachedDataRejected) {
    const engine = v8.cachedDataVersionTag();
    process.once('exit', () => {
      // A run that changed V8's flags (a check on every core: `compileLighter`; a streamed check's heap
      // growth) would write code the next run rejects (the flags are part of its check) and writes again:
      // ~50 ms at the end of a whole site's check (V8 serialising the code, the file), for nothing.
      if (v8.cachedDataVersionTag() !== engine) return;
      if (!writeCacheFile(cacheFile, script.createCachedData())) return;
      try {
        for (const old of readdirSync(dirname(cacheFile))) {
          if (old.startsWith(prefix) && old.endsWith('.v8') && old !== basename(cacheFile)) rmSync(join(dirname(cacheFile), old), { force: true });
        }
      } catch {
        // another process pruned them first
      }
    });
  }
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}
