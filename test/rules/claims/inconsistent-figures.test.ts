import { describe, expect, it } from 'vitest';
import inconsistent from '../../../src/rules/claims/inconsistent-figures.js';
import { byRule, check, fixture, seed } from '../../helpers.js';

describe('claims/inconsistent-figures', () => {
  it('warns when one subject has two values in different paragraphs, naming the other place', () => {
    const findings = byRule(check(fixture('claims/inconsistent.md'), { rules: [inconsistent] }), 'claims/inconsistent-figures');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 10, severity: 'warning', related: [{ line: 8 }] });
    expect(findings[0]!.message).toContain('40%');
    expect(findings[0]!.message).toContain('30%');
  });

  it('leaves contrasts inside one paragraph and the seeds alone', () => {
    const findings = byRule(check(fixture('claims/inconsistent.md'), { rules: [inconsistent] }), 'claims/inconsistent-figures');
    expect(findings.some((f) => f.line === 12)).toBe(false);
    for (const n of [0, 1, 2, 3, 4]) expect(check(seed(n), { rules: [inconsistent] })).toEqual([]);
  });
});
