import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/post/front-matter.js';
import { findFence, quickYamlEntries } from '../../src/post/front-matter-source.js';
import { LineIndex } from '../../src/post/line-index.js';
import type { ParseProblem } from '../../src/post/post.js';
import { cloneSiteBundle, hasShared, SHARED } from '../helpers.js';

// `quickYamlEntries` reads flat YAML front matter without the YAML parser (src/post/front-matter-source.ts).
// Whatever it accepts must give the entries, values, offsets and data `yaml`'s parseDocument gives.

/** The front matter of `text` read both ways; undefined when it has no YAML front matter. */
function bothWays(text: string) {
  const lines = new LineIndex(text);
  const fence = findFence((n) => lines.line(n), lines.count);
  if (!fence || fence.end === null || fence.format !== 'yaml') return undefined;
  const end = fence.end;
  const read = (quick: boolean) => {
    const problems: ParseProblem[] = [];
    const frontMatter = parseFrontMatter(text, lines, { start: fence.start, end, format: fence.format }, problems, quick);
    return { frontMatter, problems };
  };
  return { quick: read(true), parser: read(false) };
}

/** Expects both readings equal; true when the scanner read it (not handed to the parser). */
function expectSame(name: string, text: string): boolean {
  const both = bothWays(text);
  if (!both) return false;
  expect(both.quick, name).toEqual(both.parser);
  const lines = new LineIndex(text);
  const fence = findFence((n) => lines.line(n), lines.count)!;
  return quickYamlEntries(text.slice(lines.startOf(fence.start + 1), lines.startOf(fence.end!))) !== null;
}

const post = (frontMatter: string) => `---\n${frontMatter}\n---\n\nBody.\n`;

describe('quickYamlEntries gives what the YAML parser gives', () => {
  it('on flat front matter of the shapes real posts use', () => {
    // Lines in the shapes of ai-blog-system (MIT), vim-jp (CC BY 4.0) and clean-en (MIT) posts.
    const cases = [
      'layout: post\ntitle: "AI導入の課題と倫理ガバナンス"\ndate: 2025-09-05 16:40:57 +0000\ncategories: ["実装事例"]\ntags: ["AI", "最新ニュース"]\nreading_time: 8',
      "title: 'It''s here'\nauthor: jane # the editor\ndraft: false\nweight: -3\nratio: .5\nempty_list: []",
      'title: C# in 2024\npermalink: /blog/:year/:title/\nurl: https://example.com/a#b',
      '# a comment line\ntitle: t\n\nsummary: "quoted" # and a comment',
      'title: 12\nversion: 1.10\nbig: 12345678901234567890\nzero: 0\noctal: 0o17\nhex: 0x1F\ninf: .inf\nnull_value: ~\nyes: yes',
      'tags: [a, b, "c, d", \'e\']\nmixed: [1, true, null, x y]',
    ];
    for (const text of cases) expectSame(text, post(text));
    expect(expectSame('flat', post(cases[0]!))).toBe(true);
  });

  it('hands everything else to the parser', () => {
    const parsed = ['title:', 'tags:\n  - a\n  - b', 'x: |\n  block', 'nested:\n  k: v', 'a: &x 1\nb: *x', 'title: "a\\"b"', 'a: 1\na: 2', 'k: !tag v', 'title: ? x', 'title:\tx', "a: 'x' 'y'"];
    for (const text of parsed) {
      expectSame(text, post(text));
      expect(quickYamlEntries(text), text).toBeNull();
    }
  });

  it('on generated front matter: scalars, quotes, comments, flow lists, colons and hashes', () => {
    const key = fc.constantFrom('title', 'date', 'tags', 'x-y', 'a_b', 'categories');
    const plainChar = fc.constantFrom('a', 'Z', '日', ' ', ':', '#', '-', ',', '[', ']', '{', '}', "'", '"', '0', '.', '/', '&', '*', '!', '|', '>', '?', '%', '@', '`', '~');
    const plain = fc.string({ unit: plainChar, maxLength: 12 });
    const value = fc.oneof(
      plain,
      plain.map((s) => `"${s}"`),
      plain.map((s) => `'${s}'`),
      fc.constantFrom('1', '-2', '+3', '0.5', '1e3', '.inf', 'true', 'False', 'null', '~', '0x10', '012', '2025-01-02 03:04:05 +0900'),
      fc.array(plain, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
      fc.array(plain, { maxLength: 3 }).map((items) => `[${items.map((s) => `"${s}"`).join(',')}]`),
    );
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(key, value, fc.constantFrom('', ' # c', '  ', '#x')).map(([k, v, tail]) => `${k}: ${v}${tail}`) },
      { weight: 1, arbitrary: fc.constantFrom('', '# comment', '  # indented comment', '  - item', '---', 'key : v') },
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        expectSame(lines.join('\n'), post(lines.join('\n')));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
    );
  });

  it.runIf(hasShared)('on every post of ../shared (seeds and corpus folders; needs ../shared)', () => {
    const files = fg.sync('**/*.{md,markdown,txt}', { cwd: SHARED, absolute: true, ignore: ['**/README.md', 'eval/**', 'hooks/**'] });
    expect(files.length).toBeGreaterThan(500);
    let scanned = 0;
    for (const file of files) if (expectSame(file, readFileSync(file, 'utf8'))) scanned++;
    expect(scanned).toBeGreaterThan(files.length / 2);
  }, 300_000);

  const temp = mkdtempSync(join(tmpdir(), 'er-front-matter-quick-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  it.runIf(hasShared)("on every post of the site bundle's head (needs ../shared)", () => {
    const site = cloneSiteBundle(temp);
    if (site === undefined) return;
    const files = fg.sync('_posts/**/*.md', { cwd: site, absolute: true });
    let scanned = 0;
    for (const file of files) if (expectSame(file, readFileSync(file, 'utf8'))) scanned++;
    expect(scanned).toBeGreaterThan(files.length * 0.99);
  }, 300_000);
});
