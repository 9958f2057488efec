import { describe, expect, it } from 'vitest';
import hype from '../../../src/rules/claims/hype.js';
import { byRule, check, fixture, seed } from '../../helpers.js';

describe('claims/hype', () => {
  it('reports the default words as info at their exact column', () => {
    const findings = byRule(check(seed(0), { rules: [hype] }), 'claims/hype');
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[14, 'info']]);
    const line = seed(0).lines.line(14);
    expect(findings[0]!.column).toBe(line.indexOf('ゲームチェンジャー') + 1);
    expect(findings[0]!.message).toContain('ゲームチェンジャー');
  });

  it('matches English whole words, case-insensitively', () => {
    const findings = byRule(check(fixture('claims/english.md'), { rules: [hype] }), 'claims/hype');
    expect(findings.map((f) => f.message.match(/"([^"]+)"/)![1]).sort()).toEqual(['game-changer', 'guaranteed', 'revolutionary']);
  });

  it('uses the configured list', () => {
    const config = { claims: { hype: ['深掘り'] } };
    const findings = byRule(check(seed(1), { rules: [hype], config }), 'claims/hype');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.message.includes('深掘り'))).toBe(true);
    expect(check(seed(0), { rules: [hype], config: { claims: { hype: [] } } })).toEqual([]);
  });
});
