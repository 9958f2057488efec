import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * Where the project's caches live when no directory is given (cross-post features, the site's posts, the
 * Japanese dictionary decoded): outside any checkout, so running inside a blog never leaves untracked files
 * there. `EDITORIAL_REVIEW_CACHE_DIR` when set, else `$XDG_CACHE_HOME/editorial-review` (XDG Base
 * Directory: only an absolute value counts), else `~/.cache/editorial-review`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EDITORIAL_REVIEW_CACHE_DIR) return resolve(env.EDITORIAL_REVIEW_CACHE_DIR);
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'editorial-review');
}

/**
 * Writes a cache file whole or not at all: to a temporary name beside it, then renamed, so a concurrent
 * reader sees the old file, the new one or none. False when it cannot be written (a read-only home): a
 * cache only saves time, so the caller goes on without it.
 */
export function writeCacheFile(file: string, bytes: Uint8Array | string): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the folder itself cannot be made
    }
    return false;
  }
}
