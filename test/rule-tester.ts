import { describe, expect, it } from 'vitest';
import { runRuleCase } from '../src/lint/rule-tester.js';
import type { InvalidRuleCase, Rule, RuleCase, RuleExamples } from '../src/rules/rule.js';

function caseName(ruleCase: RuleCase): string {
  return ruleCase.name ?? ruleCase.text.replace(/^---[\s\S]*?\n---\n/, '').replace(/\s+/g, ' ').trim().slice(0, 60);
}

/**
 * RuleTester: every `valid` case yields no finding of the rule; every `invalid` case yields exactly the
 * listed findings (line, and end line / severity / message text where given), its fixes give `output`
 * (no fix at all when `output` is absent), and fixing `output` again changes nothing.
 * Runs the rule's own `examples` and any extra cases a test file adds.
 */
export function ruleTester(rule: Rule, extra: Partial<RuleExamples> = {}): void {
  const valid = [...(rule.examples?.valid ?? []), ...(extra.valid ?? [])];
  const invalid = [...(rule.examples?.invalid ?? []), ...(extra.invalid ?? [])];
  describe(rule.id, () => {
    it('has cases', () => {
      expect(valid.length + invalid.length).toBeGreaterThan(0);
    });
    for (const ruleCase of valid) {
      it(`valid: ${caseName(ruleCase)}`, () => {
        const { findings } = runRuleCase(rule, ruleCase);
        expect(findings.map((f) => `${f.line}: ${f.severity} ${f.message}`)).toEqual([]);
      });
    }
    for (const ruleCase of invalid) {
      it(`invalid: ${caseName(ruleCase)}`, () => assertInvalid(rule, ruleCase));
    }
  });
}

function assertInvalid(rule: Rule, ruleCase: InvalidRuleCase): void {
  const result = runRuleCase(rule, ruleCase);
  expect(result.findings.length, result.findings.map((f) => `${f.line}: ${f.message}`).join('\n')).toBe(ruleCase.findings.length);
  ruleCase.findings.forEach((expected, i) => {
    const actual = result.findings[i]!;
    expect(actual.line).toBe(expected.line);
    if (expected.endLine !== undefined) expect(actual.endLine).toBe(expected.endLine);
    if (expected.severity !== undefined) expect(actual.severity).toBe(expected.severity);
    if (expected.message !== undefined) expect(actual.message).toContain(expected.message);
  });
  if (ruleCase.output === undefined) {
    expect(result.findings.filter((f) => f.fix).map((f) => f.fix)).toEqual([]);
  } else {
    expect(result.output).toBe(ruleCase.output);
    expect(result.unstable).toBe(false);
    // A second fix run on the fixed file changes nothing.
    expect(runRuleCase(rule, { ...ruleCase, text: result.output }).output).toBe(result.output);
  }
}
