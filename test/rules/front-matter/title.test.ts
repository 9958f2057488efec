import { describe, expect, it } from 'vitest';
import { parsePost } from '../../../src/post/parse.js';
import titleMarkdown from '../../../src/rules/front-matter/title-markdown.js';
import titleTruncated from '../../../src/rules/front-matter/title-truncated.js';
import titleUnbalanced from '../../../src/rules/front-matter/title-unbalanced.js';
import titleLength from '../../../src/rules/front-matter/title-length.js';
import { frontMatterRules } from '../../../src/rules/front-matter/index.js';
import { applyFixes } from '../../../src/lint/fix.js';
import { byRule, check, fixture, seed } from '../../helpers.js';

const titleRules = [titleMarkdown, titleTruncated, titleUnbalanced, titleLength];

describe('front-matter/title-markdown', () => {
  it('strips `**` and converges with the truncation fix (cut inside a character)', () => {
    const post = fixture('front-matter/title-markdown-cut-in-character.md');
    const findings = check(post, { rules: titleRules });
    const expected = 'title: "スペイン発AI会計Kabilio、400万€調達の真意とは？その技術が会計業界に何をもたらすのか"';
    expect(byRule(findings, 'front-matter/title-markdown')[0]?.fix?.replacement).toBe(expected);
    const truncated = byRule(findings, 'front-matter/title-truncated')[0];
    expect(truncated?.severity).toBe('error');
    expect(truncated?.fix?.replacement).toBe(expected);
  });

  it('does not fire on plain titles', () => {
    for (const n of [1, 2, 3, 4]) expect(byRule(check(seed(n), { rules: titleRules }), 'front-matter/title-markdown')).toEqual([]);
  });

  it('strips Markdown alone when no body line completes the title', () => {
    const post = parsePost('_posts/2025-01-01-x.md', '---\ntitle: "**Plain bold title here**"\n---\n\nBody text that is something else entirely.\n');
    const [finding] = byRule(check(post, { rules: titleRules }), 'front-matter/title-markdown');
    expect(finding?.fix?.replacement).toBe('title: "Plain bold title here"');
  });
});

describe('front-matter/title-truncated', () => {
  it('finds a title cut mid-word even when the pipeline dropped kana (デー流通 ← データ流通)', () => {
    const post = fixture('front-matter/title-dropped-kana.md');
    const [finding] = byRule(check(post, { rules: titleRules }), 'front-matter/title-truncated');
    expect(finding?.line).toBe(3);
    expect(finding?.severity).toBe('error');
    expect(finding?.fix?.replacement).toBe('title: "医療AI分野におけるデータ流通とプラットフォームの進化"');
  });

  it('a prefix of the heading-like first line that stops where the heading goes on after a comma is a warning; the label goes', () => {
    const post = fixture('front-matter/title-label-prefix.md');
    const findings = check(post, { rules: titleRules });
    const [finding] = byRule(findings, 'front-matter/title-truncated');
    expect(finding?.severity).toBe('warning');
    expect(finding?.fix?.replacement).toBe('title: "NiCEとCognigy、その買収の真意は？CX AIの未来を読み解く"');
    expect(byRule(findings, 'front-matter/title-markdown')[0]?.fix).toEqual(finding?.fix);
  });

  it('a title cut inside a character takes the heading-like first line that starts the same way', () => {
    const post = fixture('front-matter/title-cut-in-character.md');
    const [finding] = byRule(check(post, { rules: titleRules }), 'front-matter/title-truncated');
    expect(finding?.severity).toBe('error');
    expect(finding?.fix?.replacement).toBe('title: "OpenAIの新型AIデバイス、その「遅延」の真意とは？未来のインターフェースが拓く可能性。"');
  });

  it('a title ending with ":" is a warning without a fix', () => {
    const [finding] = byRule(check(fixture('front-matter/title-ends-colon.md'), { rules: titleRules }), 'front-matter/title-truncated');
    expect(finding?.severity).toBe('warning');
    expect(finding?.fix).toBeUndefined();
  });

  it('complete titles and titles that merely differ from the first line are not reported', () => {
    for (const n of [1, 2, 3, 4]) expect(byRule(check(seed(n), { rules: titleRules }), 'front-matter/title-truncated')).toEqual([]);
    const post = parsePost('a.md', '---\ntitle: "Jekyll 3.5.0 Released"\n---\n\nJekyll 3.5.0 Released with a new feature and many fixes, as the first paragraph of a long post says.\n');
    expect(byRule(check(post, { rules: titleRules }), 'front-matter/title-truncated')).toEqual([]);
  });
});

describe('front-matter/title-unbalanced', () => {
  it('reports an unclosed 「 without a fix when the first line is not a title', () => {
    const [finding] = byRule(check(fixture('front-matter/title-unbalanced-no-fix.md'), { rules: titleRules }), 'front-matter/title-unbalanced');
    expect(finding?.severity).toBe('error');
    expect(finding?.fix).toBeUndefined();
  });

  it('reports a closing bracket never opened, and balanced titles not at all', () => {
    const post = parsePost('a.md', '---\ntitle: "AIの未来』を読む"\n---\n\n本文です。\n');
    expect(byRule(check(post, { rules: titleRules }), 'front-matter/title-unbalanced')[0]?.message).toMatch(/開き括弧/);
    for (const n of [0, 1, 3, 4]) expect(byRule(check(seed(n), { rules: titleRules }), 'front-matter/title-unbalanced')).toEqual([]);
  });
});

describe('front-matter/title-length', () => {
  it('a 9-character Japanese title (minimum 10) is advice (info); Latin bounds for English', () => {
    const [finding] = byRule(check(fixture('front-matter/title-short.md'), { rules: titleRules }), 'front-matter/title-length');
    expect(finding?.severity).toBe('info');
    expect(finding?.message).toMatch(/9 文字/);
    const en = parsePost('a.md', '---\ntitle: "Jekyll 1.0.0 Released"\n---\n\nBody.\n');
    expect(byRule(check(en, { rules: titleRules }), 'front-matter/title-length')).toEqual([]);
    const long = parsePost('a.md', `---\ntitle: "${'word '.repeat(25).trim()}"\n---\n\nBody.\n`);
    expect(byRule(check(long, { rules: titleRules }), 'front-matter/title-length')[0]?.message).toMatch(/very long \(124 characters/);
  });

  it('bounds come from the config', () => {
    const post = fixture('front-matter/title-short.md');
    const config = { frontMatter: { titleLength: { cjk: { min: 5, max: 60 }, latin: { min: 15, max: 100 } } } };
    expect(byRule(check(post, { rules: titleRules, config }), 'front-matter/title-length')).toEqual([]);
  });
});

describe('title fixes converge', () => {
  it('every fixture: one fix per title line, and a second pass finds nothing to fix', () => {
    const names = ['title-dropped-kana', 'title-markdown-cut-in-character', 'title-label-prefix', 'title-cut-in-character', 'title-unbalanced-no-fix', 'title-ends-colon'];
    for (const name of names) {
      const post = fixture(`front-matter/${name}.md`);
      const findings = check(post, { rules: frontMatterRules }).filter((f) => f.fix);
      const onTitle = findings.filter((f) => f.line === 3);
      expect(new Set(onTitle.map((f) => f.fix!.replacement)).size, name).toBeLessThanOrEqual(1);
      const output = applyFixes(post.text, findings.map((f) => f.fix!)).output;
      const again = check(parsePost(post.path, output), { rules: frontMatterRules }).filter((f) => f.fix);
      expect(applyFixes(output, again.map((f) => f.fix!)).output, name).toBe(output);
    }
  });
});
