import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files of a site, relative to its root with `/` separators: the local checkout (CLI), a git tree
 * (the App), or a map (tests). The site model reads only through this, so one reader serves all three.
 */
export interface SiteFiles {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  read(path: string): string | undefined;
  /**
   * Every file below `dir` ('' for the root), recursively, as root-relative paths; hidden and vendored
   * folders skipped. `recursive: false`: only the files directly in `dir`.
   */
  list(dir: string, recursive?: boolean): string[];
  exists(path: string): boolean;
  /** The first `bytes` bytes of the file as text (front matter sits at the top), when cheaper than `read`. */
  readHead?(path: string, bytes: number): { text: string; complete: boolean } | undefined;
}

/** Folders no generator reads content from: the build output, dependencies, VCS data. */
export const SKIPPED_DIRS = new Set(['.git', 'node_modules', '_site', 'public', 'vendor', '.jekyll-cache', '.sass-cache', 'dist', 'resources', '.astro']);

export class DirectorySiteFiles implements SiteFiles {
  constructor(readonly root: string) {}

  read(path: string): string | undefined {
    try {
      return readFileSync(join(this.root, path), 'utf8');
    } catch {
      return undefined;
    }
  }

  readHead(path: string, bytes: number): { text: string; complete: boolean } | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(join(this.root, path), 'r');
      const buffer = Buffer.allocUnsafe(bytes);
      const n = readSync(fd, buffer, 0, bytes, 0);
      return { text: buffer.toString('utf8', 0, n), complete: n < bytes };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  exists(path: string): boolean {
    try {
      statSync(join(this.root, path));
      return true;
    } catch {
      return false;
    }
  }

  list(dir: string, recursive = true): string[] {
    const out: string[] = [];
    const walk = (rel: string): void => {
      let entries;
      try {
        entries = readdirSync(join(this.root, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (recursive && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path);
        } else if (entry.isFile()) out.push(path);
      }
    };
    walk(dir.replace(/\/+$/, ''));
    return out.sort();
  }
}

export class MemorySiteFiles implements SiteFiles {
  private readonly files: Map<string, string>;
  constructor(files: Record<string, string> | Map<string, string>) {
    this.files = files instanceof Map ? files : new Map(Object.entries(files));
  }
  read(path: string): string | undefined {
    return this.files.get(path);
  }
  exists(path: string): boolean {
    if (this.files.has(path)) return true;
    const prefix = `${path.replace(/\/+$/, '')}/`;
    for (const key of this.files.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }
  list(dir: string, recursive = true): string[] {
    const prefix = dir ? `${dir.replace(/\/+$/, '')}/` : '';
    return [...this.files.keys()]
      .filter((path) => path.startsWith(prefix) && (recursive || !path.slice(prefix.length).includes('/')) && !path.split('/').some((part, i, all) => i < all.length - 1 && (SKIPPED_DIRS.has(part) || part.startsWith('.'))))
      .sort();
  }
}
