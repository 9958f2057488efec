import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fg from 'fast-glob';

const POST_EXTENSIONS = ['md', 'markdown', 'mdx'];

export interface ResolvedFiles {
  files: string[];
  /** Arguments that matched nothing: a usage error. */
  missing: string[];
}

/**
 * Explicit files are checked whatever their extension (the seeds are .txt); directories select
 * *.md / *.markdown below them; anything else is a glob.
 */
export function resolveFiles(args: readonly string[], cwd = process.cwd(), isPost: (absolutePath: string) => boolean = notProjectFile): ResolvedFiles {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const arg of args) {
    let stat;
    try {
      stat = statSync(resolve(cwd, arg));
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      files.add(arg);
    } else if (stat?.isDirectory()) {
      const found = fg.sync(`**/*.{${POST_EXTENSIONS.join(',')}}`, { cwd: resolve(cwd, arg), dot: false, followSymbolicLinks: false });
      for (const file of found.sort()) if (isPost(resolve(cwd, arg, file))) files.add(join(arg, file));
    } else {
      const found = fg.sync(arg, { cwd, dot: false, followSymbolicLinks: false, onlyFiles: true });
      if (found.length === 0) missing.push(arg);
      for (const file of found.sort()) files.add(file);
    }
  }
  return { files: [...files], missing };
}

/** Outside a site, a directory's Markdown files are posts except the project's own documents. */
export function notProjectFile(path: string): boolean {
  return !/(?:^|[\\/])(?:readme|license|licence|changelog|contributing|code_of_conduct|security)(?:\.[^\\/]*)?$/i.test(path);
}

/** Every post below `dir`, for --corpus. */
export function postsBelow(dir: string): string[] {
  return fg
    .sync(`**/*.{${POST_EXTENSIONS.join(',')}}`, { cwd: dir, followSymbolicLinks: false })
    .sort()
    .map((file) => join(dir, file));
}

export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, file));
  return rel.startsWith('..') ? file : rel;
}
