import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePost } from '../../../src/post/parse.js';
import { frontMatterRules } from '../../../src/rules/front-matter/index.js';
import slugPoor from '../../../src/rules/site/slug-poor.js';
import { byRule, check, fixture, seed, seedPath } from '../../helpers.js';

const rules = frontMatterRules;
const seedText = (n: number) => readFileSync(seedPath(n), 'utf8');
const variant = (n: number, path: string, edit: (text: string) => string) => parsePost(path, edit(seedText(n)));

describe('front-matter/required-keys', () => {
  it('an empty title is an error at its line', () => {
    const [finding] = byRule(check(fixture('front-matter/title-empty.md'), { rules }), 'front-matter/required-keys');
    expect(finding).toMatchObject({ line: 3, severity: 'error' });
  });

  it('a missing title is an error; layout, and date given by the file name, are info', () => {
    const post = variant(0, '_posts/2025-12-30-amazon-ai-chip.md', (t) => t.replace(/^title:.*\n/m, '').replace(/^layout:.*\n/m, '').replace(/^date:.*\n/m, ''));
    const findings = byRule(check(post, { rules }), 'front-matter/required-keys');
    expect(findings.map((f) => [f.message.match(/`(\w+)`/)?.[1], f.severity])).toEqual([
      ['layout', 'info'],
      ['title', 'error'],
      ['date', 'info'],
    ]);
  });
});

describe('front-matter/value-types', () => {
  it('flags an invalid date, a non-list tag value and a non-integer reading time (with a fix)', () => {
    const post = variant(1, 'a.md', (t) =>
      t.replace(/^date:.*$/m, 'date: 2025-02-30 10:00:00 +0000').replace(/^tags:.*$/m, 'tags: {a: 1}').replace(/^reading_time:.*$/m, 'reading_time: "20"'),
    );
    const findings = byRule(check(post, { rules }), 'front-matter/value-types');
    expect(findings.map((f) => f.line)).toEqual([4, 6, 9]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(findings[2]?.fix?.replacement).toBe('reading_time: 20');
  });

  it('accepts the Jekyll date forms of the corpora', () => {
    for (const date of ['2025-12-30 16:44:49 +0000', '"2013-05-06 02:12:52 +0200"', '2018-01-02', '2018-01-02T10:00:00Z', '2018-01-02 10:00']) {
      const post = variant(0, 'a.md', (t) => t.replace(/^date:.*$/m, `date: ${date}`));
      expect(byRule(check(post, { rules }), 'front-matter/value-types'), date).toEqual([]);
    }
  });
});

describe('front-matter/unknown-key', () => {
  it('reports unknown keys as info and suggests the near known key', () => {
    const post = variant(0, 'a.md', (t) => t.replace(/^categories:/m, 'categores:'));
    const [finding] = byRule(check(post, { rules }), 'front-matter/unknown-key');
    expect(finding).toMatchObject({ line: 5, severity: 'info' });
    expect(finding?.message).toMatch(/categories/);
    for (const n of [0, 1, 2, 3, 4]) expect(byRule(check(seed(n), { rules }), 'front-matter/unknown-key')).toEqual([]);
  });
});

describe('front-matter/file-name', () => {
  it('skips names that are not Jekyll post names (the seeds)', () => {
    for (const n of [0, 1, 2, 3, 4]) expect(byRule(check(seed(n), { rules }), 'front-matter/file-name')).toEqual([]);
  });

  it('compares the file date with the date as written in the post offset', () => {
    const text = seedText(0); // date: 2025-12-30 16:44:49 +0000
    expect(byRule(check(parsePost('_posts/2025-12-30-amazon-ai.md', text), { rules }), 'front-matter/file-name')).toEqual([]);
    const late = text.replace(/^date:.*$/m, 'date: 2025-12-31 01:44:49 +0900'); // the same instant, another day as written
    const [finding] = byRule(check(parsePost('_posts/2025-12-30-amazon-ai.md', late), { rules }), 'front-matter/file-name');
    expect(finding).toMatchObject({ line: 4, severity: 'warning' });
    expect(byRule(check(parsePost('_posts/2025-12-30-amazon-ai.md', late), { rules, config: { frontMatter: { fileNameDate: false } } }), 'front-matter/file-name')).toEqual([]);
  });

  it('slug: no letters is a warning, empty is an error (site/slug-poor); a non-post name in _posts/ is an error', () => {
    const digits = fixture('front-matter/slug-digits.md');
    const post = parsePost('_posts/2025-09-07-2-1132.md', digits.text);
    expect(byRule(check(post, { rules }), 'front-matter/file-name')).toEqual([]);
    expect(byRule(check(post, { rules: [slugPoor] }), 'site/slug-poor')).toMatchObject([{ line: 1, severity: 'warning' }]);
    expect(byRule(check(parsePost('_posts/2025-09-07-.md', digits.text), { rules: [slugPoor] }), 'site/slug-poor')[0]?.severity).toBe('error');
    expect(byRule(check(parsePost('site/_posts/notes.md', digits.text), { rules }), 'front-matter/file-name')[0]?.severity).toBe('error');
    expect(byRule(check(parsePost('_posts/2025-02-30-x.md', digits.text), { rules }), 'front-matter/file-name')[0]?.message).toMatch(/存在しない日付/);
  });
});

describe('front-matter/taxonomy', () => {
  it('duplicated tags: a warning whose fix keeps the first of each, quoting kept', () => {
    const post = variant(0, 'a.md', (t) => t.replace(/^tags:.*$/m, 'tags: ["AI", "最新ニュース", "ai", "チップ", "AI"]'));
    const [finding] = byRule(check(post, { rules }), 'front-matter/taxonomy');
    expect(finding).toMatchObject({ line: 6, severity: 'warning' });
    expect(finding?.fix?.replacement).toBe('tags: ["AI", "最新ニュース", "チップ"]');
  });

  it('empty lists, and values outside the allowed lists when configured', () => {
    const empty = variant(0, 'a.md', (t) => t.replace(/^categories:.*$/m, 'categories: []'));
    expect(byRule(check(empty, { rules }), 'front-matter/taxonomy')[0]?.message).toMatch(/空/);
    const config = { frontMatter: { allowedCategories: ['AI最新ニュース', '業界分析'] } };
    const [outside] = byRule(check(seed(0), { rules, config }), 'front-matter/taxonomy');
    expect(outside).toMatchObject({ line: 5 });
    expect(outside?.message).toMatch(/投資分析/);
    expect(byRule(check(seed(1), { rules, config }), 'front-matter/taxonomy')).toEqual([]);
  });
});

describe('bad input never breaks the front-matter rules', () => {
  it('empty file, no front matter, unterminated block, invalid YAML, a scalar front matter', () => {
    const inputs = ['', 'just text\n', '---\ntitle: x\n', '---\ntitle: [unclosed\n---\n\nBody\n', '---\njust a string\n---\n', '---\n---\n', '---\ntitle:\n  - a\n---\n'];
    for (const input of inputs) {
      const findings = check(parsePost('_posts/2025-01-01-x.md', input), { rules });
      expect(findings.filter((f) => f.message.includes('internal error')), JSON.stringify(input)).toEqual([]);
    }
  });

  it('a title line just under the front-matter size limit is still checked (linear regexes)', () => {
    const title = '「' + 'あ'.repeat(40_000);
    const findings = check(parsePost('a.md', `---\ntitle: "${title}"\nexcerpt: "${'a'.repeat(20_000)}"\n---\n\n${'い'.repeat(1000)}\n`), { rules });
    expect(byRule(findings, 'front-matter/title-unbalanced')).toHaveLength(1);
    expect(byRule(findings, 'front-matter/title-length')).toHaveLength(1);
  });

  it('a 1 MB front matter is refused as a whole, at its lines, instead of parsed', () => {
    const title = '「' + 'あ'.repeat(1_000_000);
    const findings = check(parsePost('a.md', `---\ntitle: "${title}"\n---\n\n${'い'.repeat(1000)}\n`), { rules });
    // The front matter is refused (error); its 1M-character line also switches the post to CommonMark (warning).
    expect(byRule(findings, 'front-matter/readable')).toMatchObject([
      { line: 1, endLine: 3, severity: 'error' },
      { line: 2, endLine: 2, severity: 'warning' },
    ]);
    expect(byRule(findings, 'front-matter/title-unbalanced')).toEqual([]);
  });
});
