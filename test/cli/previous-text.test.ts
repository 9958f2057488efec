import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitPreviousText } from '../../src/analysis/site/directory.js';
import { parsePostBytes } from '../../src/post/parse.js';
import { seedPath } from '../helpers.js';

/**
 * The version of a checked file before the change (site/article-replaced compares with it), read from
 * the base's tree listed once: an unchanged file from disk, a changed one from git, a new one undefined.
 * Fixtures: two posts of the ai-blog-system seeds (MIT).
 */
const root = mkdtempSync(join(tmpdir(), 'er-previous-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const git = (...args: string[]) => execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' });
const first = readFileSync(seedPath(0), 'utf8');
const second = readFileSync(seedPath(1), 'utf8');

describe('gitPreviousText', () => {
  it('gives HEAD’s version of each file, the working copy untouched or changed, undefined for a new file, and the named base’s', () => {
    mkdirSync(join(root, 'site', '_posts'), { recursive: true });
    git('init', '-q');
    writeFileSync(join(root, 'site', '_posts', '2025-01-01-a.md'), first);
    writeFileSync(join(root, 'site', '_posts', '2025-01-02-b.md'), first);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD').trim();
    writeFileSync(join(root, 'site', '_posts', '2025-01-02-b.md'), second);
    git('commit', '-q', '-am', 'replace b');
    writeFileSync(join(root, 'site', '_posts', '2025-01-01-a.md'), second); // uncommitted edit
    writeFileSync(join(root, 'site', '_posts', '2025-01-03-c.md'), second); // new, untracked

    const head = gitPreviousText(join(root, 'site'), undefined)!;
    expect(head('_posts/2025-01-01-a.md')).toBe(first); // changed on disk: HEAD's blob
    expect(head('_posts/2025-01-02-b.md')).toBe(second); // unchanged: the file itself
    expect(head('_posts/2025-01-03-c.md')).toBeUndefined();
    const before = gitPreviousText(join(root, 'site'), base)!;
    expect(before('_posts/2025-01-02-b.md')).toBe(first);
    expect(gitPreviousText(join(root, 'site'), 'no-such-ref')!('_posts/2025-01-01-a.md')).toBeUndefined();
  });

  it('gives a checked post that is the base’s blob its own text, BOM and CRLF included, and reads a changed one from git', () => {
    const dir = join(root, 'bom');
    mkdirSync(join(dir, '_posts'), { recursive: true });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(first.replaceAll('\n', '\r\n'))]);
    writeFileSync(join(dir, '_posts', '2025-01-04-d.md'), bom);
    git('add', '.');
    git('commit', '-q', '-m', 'a post with a BOM and CRLF');
    const unchanged = parsePostBytes('_posts/2025-01-04-d.md', bom);
    const changed = parsePostBytes('_posts/2025-01-04-d.md', Buffer.from(second));
    const read = (path: string, current?: Parameters<NonNullable<ReturnType<typeof gitPreviousText>>>[1]) => gitPreviousText(dir, undefined)!(path, current);
    expect(read('_posts/2025-01-04-d.md', unchanged)).toBe(read('_posts/2025-01-04-d.md'));
    expect(Buffer.from(read('_posts/2025-01-04-d.md', unchanged)!)).toEqual(bom);
    expect(read('_posts/2025-01-04-d.md', changed)).toBe(bom.toString('utf8'));
    expect(read('_posts/2025-01-05-new.md', unchanged)).toBeUndefined();
  });

  it('is undefined outside a git repository', () => {
    const plain = mkdtempSync(join(tmpdir(), 'er-previous-plain-'));
    try {
      expect(gitPreviousText(plain, undefined)).toBeUndefined();
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
