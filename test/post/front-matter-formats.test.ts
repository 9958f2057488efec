import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/lint/fix.js';
import { parsePost } from '../../src/post/parse.js';
import { firstBodyLine, firstBodyLineOfLines, quickYamlData, splitFrontMatter, tomlKeySpans } from '../../src/post/front-matter-source.js';
import { LineIndex } from '../../src/post/line-index.js';
import { readIndexedPost } from '../../src/analysis/corpus/features.js';
import { parse as parseYaml } from 'yaml';
import type { Finding } from '../../src/core/finding.js';
import { check, itOnEverySiteHeadPost, seedPath, SEEDS } from '../helpers.js';

/** The seed with its YAML front matter rewritten as TOML (`+++`) or JSON (`{ }`), key for key, line for line. */
function twin(n: number, format: 'toml' | 'json'): string {
  const text = readFileSync(seedPath(n), 'utf8');
  const split = splitFrontMatter(text)!;
  const data = parseYaml(split.source, { schema: 'core' }) as Record<string, unknown>;
  const body = text.split('\n').slice(split.bodyLine - 1).join('\n');
  const entries = Object.entries(data);
  if (format === 'toml') return `+++\n${entries.map(([k, v]) => `${k} = ${JSON.stringify(v).replace(/","/g, '", "')}`).join('\n')}\n+++\n${body}`;
  return `{\n${entries.map(([k, v], i) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}${i < entries.length - 1 ? ',' : ''}`).join('\n')}\n}\n${body}`;
}

/** The title, excerpt and duplication findings: what must not depend on the front matter's syntax. */
const shared = (findings: Finding[]) =>
  findings
    .filter((f) => /^front-matter\/(title|excerpt|reading-time)|^duplication\/|^truncation\/|^claims\//.test(f.rule))
    .map((f) => `${f.rule} ${f.line}-${f.endLine} ${f.message}`)
    .sort();

describe('TOML (+++) and JSON ({ }) front matter', () => {
  for (const n of [0, 1, 2, 3, 4]) {
    for (const format of ['toml', 'json'] as const) {
      it(`seed ${SEEDS[n]} as ${format}: the same title, excerpt, duplication and truncation findings as its YAML twin`, () => {
        const yaml = check(parsePost(`seeds/${SEEDS[n]}`, readFileSync(seedPath(n), 'utf8')));
        const other = parsePost(`seeds/${SEEDS[n]}`, twin(n, format));
        expect(other.problems).toEqual([]);
        expect(other.frontMatter?.format).toBe(format);
        expect(shared(check(other))).toEqual(shared(yaml));
      });
    }
  }

  it('fixes keep the syntax: a TOML title stays a TOML string, a JSON title keeps its comma', () => {
    for (const format of ['toml', 'json'] as const) {
      const text = twin(0, format);
      const fixes = check(parsePost('x.md', text)).filter((f) => f.rule.startsWith('front-matter/title') && f.fix).map((f) => f.fix!);
      expect(fixes.length).toBeGreaterThan(0);
      const fixed = applyFixes(text, fixes).output;
      const post = parsePost('x.md', fixed);
      expect(post.problems).toEqual([]);
      expect(post.frontMatter!.data.title).not.toMatch(/^#/);
      expect(fixed.split('\n')[2]).toMatch(format === 'toml' ? /^title = ".*"$/ : /^ {2}"title": ".*",$/);
    }
  });

  it('TOML positions: keys, multi-line arrays and strings, tables, trailing comments', () => {
    const source = 'title = "x" # c\ntags = [\n  "a", # one\n  "b",\n]\nbody = """\nline\n"""\n[taxonomies]\ncategories = ["c"]\n';
    expect(tomlKeySpans(source).map((s) => [s.path.join('.'), source.slice(s.valueStart, s.valueEnd)])).toEqual([
      ['title', '"x"'],
      ['tags', '[\n  "a", # one\n  "b",\n]'],
      ['body', '"""\nline\n"""'],
      ['taxonomies', '[taxonomies]\ncategories = ["c"]'],
      ['taxonomies.categories', '["c"]'],
    ]);
  });

  it('broken TOML and JSON become a problem at their line, never a crash', () => {
    expect(parsePost('x.md', '+++\ntitle = "x\n+++\nbody\n').problems).toMatchObject([{ kind: 'yaml', line: 2 }]);
    expect(parsePost('x.md', '{\n  "title": "x",\n  "date": \n}\nbody\n').problems).toMatchObject([{ kind: 'yaml' }]);
    expect(parsePost('x.md', '{\n  "title": "x"\nbody\n').problems).toMatchObject([{ kind: 'unterminated-front-matter' }]);
  });
});

describe('the flat-YAML scanner gives what the YAML parser gives, or nothing', () => {
  it('on the seeds and hand-made edge cases', () => {
    const sources = [
      ...SEEDS.map((_, n) => splitFrontMatter(readFileSync(seedPath(n), 'utf8'))!.source),
      'title: a # comment\ntags:\n  - x\n  - "y"\nempty:\nn: 8\nf: 1.5\nyes: true\nq: \'it\'\'s\'',
      'title: "a \\" b"',
      'date: 2025-01-01 10:00:00 +0900\nlist: [a, "b, c", d]',
      'x: |\n  block',
      'x: &a 1\ny: *a',
      'nested:\n  k: v',
    ];
    for (const source of sources) {
      const quick = quickYamlData(source);
      if (quick !== null) expect(quick).toEqual(parseYaml(source, { schema: 'core' }));
    }
    expect(quickYamlData('x: |\n  block')).toBeNull();
    expect(quickYamlData('nested:\n  k: v')).toBeNull();
  });
});

describe('firstBodyLine (other posts’ headlines for the title rules)', () => {
  it('reads the first non-blank body line after YAML, TOML or JSON front matter, heading marks dropped', () => {
    const body = '\n\n## iPhone 17のAI、その真意はどこにあるのか？ ##\n\n本文。\n';
    expect(firstBodyLine(`---\ntitle: "iPhone 17のAIの可能性とは？"\n---\n${body}`)).toBe('iPhone 17のAI、その真意はどこにあるのか？');
    expect(firstBodyLine(`+++\ntitle = "x"\n+++\n${body}`)).toBe('iPhone 17のAI、その真意はどこにあるのか？');
    expect(firstBodyLine(`{\n  "title": "x"\n}\n${body}`)).toBe('iPhone 17のAI、その真意はどこにあるのか？');
    expect(firstBodyLine('No front matter here.\nSecond line.')).toBe('No front matter here.');
  });
  it('is undefined for an empty body or a front matter never closed', () => {
    expect(firstBodyLine('---\ntitle: x\n---\n\n\n')).toBeUndefined();
    expect(firstBodyLine('---\ntitle: x\nbody without a closing fence\n')).toBeUndefined();
  });
  it('reads the same line from a line index (a parsed post’s summary): line endings, BOM, long front matter', () => {
    const texts = [
      '---\r\ntitle: x\r\n---\r\n\r\n# CRLF\r\n',
      '---\rtitle: x\r---\r\r## lone CR ##\r',
      '\uFEFF---\ntitle: x\n---\n\uFEFF  text\n',
      `{\n${'"a": 1,\n'.repeat(2100)}"b": 2\n}\nafter\n`,
      `---\n${'a: 1\n'.repeat(2100)}---\nafter\n`,
      `---\ntitle: x\n---\n${'\n'.repeat(49)}fiftieth\n`,
      `---\ntitle: x\n---\n${'\n'.repeat(50)}fifty-first\n`,
      '---\ntitle: x\n---',
      '',
      '\n\n',
    ];
    for (const text of texts) expect(firstBodyLineOfLines(new LineIndex(text))).toBe(firstBodyLine(text));
  });
  itOnEverySiteHeadPost('reads the same line from a line index on every post of the site bundle’s head (needs ../shared)', (posts) => {
    for (const { text } of posts) expect(firstBodyLineOfLines(parsePost('x.md', text).lines)).toBe(firstBodyLine(text.replace(/^\uFEFF/, '')));
  });
  it('the corpus index keeps the same line as the post’s headline', () => {
    const text = readFileSync(seedPath(1), 'utf8');
    expect(readIndexedPost(text).features.meta.headline).toBe(firstBodyLine(text));
  });
});
