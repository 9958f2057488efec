import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../../src/lint/fix.js';
import pasted from '../../../src/rules/claims/pasted-statistic.js';
import { byRule, check, seed } from '../../helpers.js';
import { parsePost } from '../../../src/post/parse.js';

const SEEDS = [0, 1, 2, 3, 4].map(seed);
const NO_SUBSTITUTIONS = { claims: { substitutions: {} } };

function run(n: number, options: { config?: object; alone?: boolean } = {}) {
  const post = SEEDS[n]!;
  return byRule(check(post, { rules: [pasted], corpus: options.alone ? [] : SEEDS, config: options.config ?? {} }), 'claims/pasted-statistic');
}

function fixedLine(n: number, line: number, config?: object) {
  const finding = run(n, { config }).find((f) => f.line === line)!;
  expect(finding.fix).toMatchObject({ line, endLine: line });
  return applyFixes(SEEDS[n]!.text, [finding.fix!]).output.split('\n')[line - 1]!;
}

describe('claims/pasted-statistic on the seeds', () => {
  for (const [label, config] of [
    ['default substitutions', undefined],
    ['substitutions emptied', NO_SUBSTITUTIONS],
  ] as const) {
    describe(label, () => {
      it('001:41 より75%以上の企業や開発者 → より多くの企業や開発者', () => {
        const finding = run(1, { config }).find((f) => f.line === 41)!;
        expect(finding.severity).toBe('error');
        expect(finding.column).toBe(SEEDS[1]!.lines.line(41).indexOf('75%以上') + 1);
        expect(fixedLine(1, 41, config)).toContain('より多くの企業や開発者が使えるように');
      });

      it('002:20 アーキテクチャの300%の見直し → 大幅な見直し; 002:28 より75%以上の企業 → より多くの企業', () => {
        expect(fixedLine(2, 20, config)).toContain('アーキテクチャの大幅な見直しを示唆');
        expect(fixedLine(2, 28, config)).toContain('より多くの企業が自社のデータに');
      });

      it('000:40 顧客への300%の価値提供 → 大幅な価値提供', () => {
        expect(fixedLine(0, 40, config)).toContain('顧客への大幅な価値提供に繋がる');
      });

      it('004:30 75%以上の企業 (recurring in 001 and 002) → 多くの企業', () => {
        const line = fixedLine(4, 30, config);
        expect(line).toContain('AWSを利用する多くの企業にとっても');
        expect(line).not.toContain('75%');
      });
    });
  }

  it('finds the grammatical cases without substitutions and without a corpus', () => {
    const lines = (n: number) => run(n, { config: NO_SUBSTITUTIONS, alone: true }).map((f) => f.line);
    expect(lines(0)).toEqual([40]);
    expect(lines(1)).toEqual([41]);
    expect(lines(2)).toEqual([20, 28]);
    // 004's 75%以上の企業 has no pasted grammar: only recurrence or a substitution finds it.
    expect(lines(4)).toEqual([]);
    expect(run(4, { alone: true }).map((f) => f.line)).toEqual([30]);
  });

  it('explains the grammar in the message', () => {
    const message = run(1, { config: { ...NO_SUBSTITUTIONS, language: 'en' } }).find((f) => f.line === 41)!.message;
    expect(message).toContain('"75%以上の" → "多くの"');
    expect(message).toContain('より');
  });

  it('uses a maintainer substitution (年率25%以上の成長 → 高い成長) and fixes several figures of one line at once', () => {
    const text = ['---', 'title: "t"', '---', '', 'AI市場は年率25%以上の成長を続け、アーキテクチャの300%の見直しが進む。', ''].join('\n');
    const post = parsePost('x.md', text);
    const findings = byRule(check(post, { rules: [pasted] }), 'claims/pasted-statistic');
    expect(findings).toHaveLength(1);
    expect(applyFixes(text, [findings[0]!.fix!]).output.split('\n')[4]).toBe('AI市場は高い成長を続け、アーキテクチャの大幅な見直しが進む。');
    const none = byRule(check(post, { rules: [pasted], config: NO_SUBSTITUTIONS }), 'claims/pasted-statistic');
    expect(applyFixes(text, [none[0]!.fix!]).output.split('\n')[4]).toBe('AI市場は年率25%以上の成長を続け、アーキテクチャの大幅な見直しが進む。');
  });

  it('leaves real comparisons alone (前年より20%増加, 調査により96%の組織)', () => {
    const text = ['---', 'title: "t"', '---', '', '売上は前年より20%増加した。調査により96%の組織が導入済みと判明した。', ''].join('\n');
    expect(byRule(check(parsePost('x.md', text), { rules: [pasted], config: NO_SUBSTITUTIONS }), 'claims/pasted-statistic')).toEqual([]);
  });
});
