import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/index.js';

// Every rule documents itself (remark-lint's and ESLint's rule docs): what each level needs, and examples
// that are also its tests (`examples.test.ts` runs them). A rule without them fails here, by name.
describe('rule metadata', () => {
  for (const rule of allRules) {
    describe(rule.id, () => {
      it('states the evidence for its default severity and for every severity its examples show', () => {
        const evidence = rule.evidence ?? {};
        const shown = new Set([rule.defaultSeverity]);
        for (const ruleCase of rule.examples?.invalid ?? []) for (const f of ruleCase.findings) shown.add(f.severity ?? rule.defaultSeverity);
        for (const severity of shown) expect(evidence[severity]?.trim(), `evidence.${severity}`).toBeTruthy();
      });

      it('has valid and invalid examples', () => {
        expect(rule.examples?.valid.length ?? 0, 'valid examples').toBeGreaterThan(0);
        expect(rule.examples?.invalid.length ?? 0, 'invalid examples').toBeGreaterThan(0);
      });
    });
  }
});
