import { describe, expect, it } from 'vitest';
import headline from '../../../src/rules/claims/headline-unsupported.js';
import { byRule, check, fixture, seed } from '../../helpers.js';

const rule = (post: ReturnType<typeof seed>, language = 'ja' as 'ja' | 'en') =>
  byRule(check(post, { rules: [headline], config: { language } }), 'claims/headline-unsupported');

describe('claims/headline-unsupported', () => {
  it('finds nothing on the seeds: their headline figures are all stated in the body', () => {
    for (const n of [0, 1, 2, 3, 4]) expect(rule(seed(n))).toEqual([]);
  });

  it('names both places when the excerpt and the body disagree (25% vs 20%)', () => {
    const findings = rule(fixture('claims/headline-mismatch.md'), 'en');
    const mismatch = findings.find((f) => f.line === 5)!;
    expect(mismatch.severity).toBe('error');
    expect(mismatch.message).toContain('"25%"');
    expect(mismatch.message).toContain('"20%" (line 11)');
    expect(mismatch.related).toEqual([{ path: 'claims/headline-mismatch.md', line: 11, endLine: 11, label: 'body: 20%' }]);
  });

  it('reports a title figure the body never states (a title echo does not count)', () => {
    const findings = rule(fixture('claims/headline-mismatch.md'), 'en');
    const title = findings.find((f) => f.line === 3)!;
    expect(title.message).toContain('"3倍"');
    expect(title.message).toContain('never');
  });

  it('accepts the same figure in other forms (3x in the title, 3x in the body; 40%)', () => {
    expect(rule(fixture('claims/english.md'))).toEqual([]);
  });
});
