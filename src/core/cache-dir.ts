import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

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
