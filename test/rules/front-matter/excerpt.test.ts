import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePost } from '../../../src/post/parse.js';
import { frontMatterRules } from '../../../src/rules/front-matter/index.js';
import { byRule, check, fixture, seed, seedPath } from '../../helpers.js';

const rules = frontMatterRules;

/** Seed `n` with its front-matter line `line` replaced (a real post with one defect changed). */
function seedWith(n: number, line: number, replacement: string) {
  const lines = readFileSync(seedPath(n), 'utf8').split('\n');
  lines[line - 1] = replacement;
  return parsePost(`seeds/variant-${n}.txt`, lines.join('\n'));
}

describe('front-matter/excerpt-template', () => {
  it('matches the default templates and suggests the first real sentence (decimals stay whole)', () => {
    const findings = check(fixture('front-matter/excerpt-markdown-template.md'), { rules });
    const [template] = byRule(findings, 'front-matter/excerpt-template');
    expect(template?.line).toBe(8);
    expect(template?.fix?.replacement).toBe(
      'excerpt: "「また大型調達か」――正直なところ、Aidocが1.5億ドル（約220億円）もの資金を調達したというニュースを聞いて、私の最初の反応はそんなものだったよ。"',
    );
    // The Markdown finding on the same line offers the same fix.
    expect(byRule(findings, 'front-matter/excerpt-markdown')[0]?.fix).toEqual(template?.fix);
  });

  it('uses the configured list (an empty list turns it off)', () => {
    expect(byRule(check(seed(0), { rules, config: { frontMatter: { excerptTemplates: [] } } }), 'front-matter/excerpt-template')).toEqual([]);
    const custom = { frontMatter: { excerptTemplates: ['AIチップ'] } };
    expect(byRule(check(seed(1), { rules, config: custom }), 'front-matter/excerpt-template')).toHaveLength(1);
  });
});

describe('front-matter/excerpt-markdown', () => {
  it('strips `**` when the excerpt is otherwise fine', () => {
    const post = seedWith(1, 8, 'excerpt: "**AWSのAIチップ**自社開発の狙いと、NVIDIA依存からの脱却を読み解きます。"');
    const [finding] = byRule(check(post, { rules }), 'front-matter/excerpt-markdown');
    expect(finding?.fix?.replacement).toBe('excerpt: "AWSのAIチップ自社開発の狙いと、NVIDIA依存からの脱却を読み解きます。"');
  });
});

describe('front-matter/excerpt-equals-title', () => {
  it('suggests a body sentence that is neither the title nor the heading-like first line', () => {
    const [finding] = byRule(check(seed(1), { rules }), 'front-matter/excerpt-equals-title');
    expect(finding?.fix?.replacement).toMatch(/^excerpt: "「またか」――正直なところ、/);
    expect(finding?.fix?.replacement).not.toContain('その戦略を深掘りする');
  });
});

describe('front-matter/excerpt-truncated', () => {
  it('an excerpt cut mid-word from the first paragraph gets the whole sentence', () => {
    const post = seedWith(1, 8, 'excerpt: "「またか」――正直なところ、最初にAmazonとAWSがAIチップの自社開発を加速させ"');
    const findings = check(post, { rules });
    const [finding] = byRule(findings, 'front-matter/excerpt-truncated');
    expect(finding?.related?.[0]?.line).toBe(14);
    expect(finding?.fix?.replacement).toBe(
      'excerpt: "「またか」――正直なところ、最初にAmazonとAWSがAIチップの自社開発を加速させているというニュースを聞いた時、私の口からこぼれたのはそんな一言だったんだ。"',
    );
  });

  it('leaves alone excerpts that end a sentence or end with an ellipsis', () => {
    for (const excerpt of ['「またか」――正直なところ、最初にAmazonとAWSがAIチップの自社開発を加速させ…', 'AWSがAIチップの自社開発を加速させる理由を解説。']) {
      expect(byRule(check(seedWith(1, 8, `excerpt: "${excerpt}"`), { rules }), 'front-matter/excerpt-truncated')).toEqual([]);
    }
  });
});
