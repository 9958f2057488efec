import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../../src/lint/fix.js';
import { parsePost } from '../../../src/post/parse.js';
import unsourced from '../../../src/rules/claims/unsourced.js';
import { byRule, check, fixture, seed } from '../../helpers.js';
import { ruleTester } from '../../rule-tester.js';

const SEEDS = [0, 1, 2, 3, 4].map(seed);
const allSeeds = () => SEEDS;

/** Runs the rule on seed n with every seed in the corpus (as the CLI does for a directory). */
function onSeed(n: number, config = {}) {
  const seeds = allSeeds();
  return byRule(check(seeds[n]!, { rules: [unsourced], corpus: seeds, config }), 'claims/unsourced');
}

describe('claims/unsourced on the seeds', () => {
  it('000: the headline 20% (excerpt, body) has no source anywhere: one error where the body states it', () => {
    const errors = onSeed(0).filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    // Line 12 is a heading (it announces the figure); line 14 states it, and a citation goes there.
    expect(errors[0]).toMatchObject({ line: 14 });
    expect(errors[0]!.message).toContain('20%');
    expect(errors[0]!.related?.map((r) => r.line)).toContain(8);
  });

  it('002: the headline 2.5倍 with no source', () => {
    const errors = onSeed(2).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.line, f.message.includes('2.5倍')])).toEqual([[12, true]]);
    expect(errors[0]!.related?.map((r) => r.line)).toContain(8);
  });

  it('003: no figure in title or excerpt: the lead figure 2倍 is the headline', () => {
    const errors = onSeed(3).filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 14 });
    expect(errors[0]!.message).toContain('2倍');
  });

  it('leadParagraphs: 0 takes the headline from title and excerpt only (003 then has no headline error)', () => {
    const findings = onSeed(3, { claims: { leadParagraphs: 0 } });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // The lead figure is still an unsourced figure, reported at paragraph level; nothing says it is a
    // statistic about the world (a market, a survey, a share of companies), so it is advice.
    expect(findings.find((f) => f.line === 14)?.severity).toBe('info');
  });

  it('004: the headline 性能倍増 (title, excerpt) and the unsourced 75%以上 of line 30', () => {
    const findings = onSeed(4);
    const error = findings.find((f) => f.severity === 'error')!;
    expect(error).toMatchObject({ line: 14 });
    expect(error.message).toContain('倍増');
    expect(error.related?.map((r) => r.line)).toEqual(expect.arrayContaining([3, 8]));
    const warning = findings.find((f) => f.severity === 'warning' && f.line === 30)!;
    expect(warning.message).toContain('75%以上');
    expect(warning.fix).toBeUndefined(); // footnotePlaceholder is off by default
  });

  it('001: no headline figure (the lead has only 20年以上), and pasted 75%以上 is no claim to source', () => {
    expect(onSeed(1).filter((f) => f.line === 41)).toEqual([]);
    expect(onSeed(1).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('claims/unsourced and sources', () => {
  it('reports nothing on figures whose paragraph links a source, or with a footnote', () => {
    const post = fixture('claims/sourced.md');
    expect(byRule(check(post, { rules: [unsourced] }), 'claims/unsourced')).toEqual([]);
  });

  it('counts the paragraph before as the source within sourceWindow, not beyond', () => {
    const post = fixture('claims/english.md');
    expect(byRule(check(post, { rules: [unsourced] }), 'claims/unsourced')).toEqual([]);
    const strict = byRule(check(post, { rules: [unsourced], config: { claims: { sourceWindow: 0 } } }), 'claims/unsourced');
    expect(strict.map((f) => f.line)).toEqual([10]);
    expect(strict[0]!.message).toContain('"40%"');
    expect(strict[0]!.severity).toBe('warning');
  });

  it('never reports numbers in code, URLs, template tags, versions, ordinals or dates', () => {
    const post = fixture('claims/exclusions.md');
    expect(check(post).filter((f) => f.category === 'claims')).toEqual([]);
  });
});

describe('claims/unsourced footnote placeholder', () => {
  it('offers one whole-paragraph fix: reference in the sentence, definition after the paragraph', () => {
    const seeds = allSeeds();
    const findings = byRule(
      check(seeds[4]!, { rules: [unsourced], corpus: seeds, config: { claims: { footnotePlaceholder: true } } }),
      'claims/unsourced',
    );
    const warning = findings.find((f) => f.line === 30)!;
    expect(warning.fix).toMatchObject({ line: 30, endLine: 30 });
    const lines = warning.fix!.replacement.split('\n');
    expect(lines[0]).toContain('75%以上の企業にとっても、大きなメリットとなるはずです[^source-30]。');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('[^source-30]: TODO: source of "75%以上" (URL, publisher, date)');

    const { output } = applyFixes(seeds[4]!.text, [warning.fix!]);
    const fixed = parsePost(seeds[4]!.path, output);
    expect(fixed.blocks.some((b) => b.type === 'footnoteDefinition')).toBe(true);
    const after = byRule(check(fixed, { rules: [unsourced] }), 'claims/unsourced');
    // The post now has a source: no headline error, and line 30 is sourced.
    expect(after.filter((f) => f.line === 30 || f.severity === 'error')).toEqual([]);
  });
});

ruleTester(unsourced, {
  invalid: [
    {
      name: 'a figure in a line that announces the section is reported where the prose states it',
      path: '_posts/2025-09-03-1-084227.md',
      text:
        '---\ntitle: "AI市場の行方"\n---\n\n' +
        '#**AI市場は2032年までに1.7兆ドル規模へ急成長、ハードウェア投資が80%を占める見込み。**-投資分析レポート\n\n' +
        'AI市場は、2032年までに1.7兆ドル規模へと飛躍的な成長を遂げると予想されます。この成長の約80%がAIハードウェアへの投資によって占められる見込みです。\n\n' +
        '[出典](https://example.com/report)\n',
      findings: [{ line: 7, severity: 'warning', message: '1.7兆ドル' }],
      source: 'ai-blog-system _posts/2025-09-03-1-084227.md lines 11 and 15 (MIT), shortened; the link added so no headline error',
    },
  ],
});
