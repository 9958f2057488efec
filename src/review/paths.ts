/**
 * File names come from the pull request, i.e. from whoever opened it. Git itself refuses `..` and `.git`
 * in tree paths, but a fake server, a local checkout or a future API may not: the App reads only paths
 * that stay inside the repository, whatever the client.
 */

/** Why `path` is not a safe repository-relative path, or null when it is. */
export function unsafePath(path: string): string | null {
  if (path.length === 0) return 'empty path';
  if (path.length > 4096) return 'path too long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control character in path';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'absolute path';
  if (path.includes('\\')) return 'backslash in path';
  for (const segment of path.split('/')) {
    if (segment === '' ) return 'empty path segment';
    if (segment === '.' || segment === '..') return 'relative segment in path';
    if (segment.toLowerCase() === '.git') return '.git in path';
  }
  return null;
}
