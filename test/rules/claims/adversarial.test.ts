import { describe, expect, it } from 'vitest';
import { parsePost } from '../../../src/post/parse.js';
import { claimsRules } from '../../../src/rules/claims/index.js';
import { check } from '../../helpers.js';

/**
 * A post whose body is one 200 kB line made of `unit` repeated (every unit yields a figure or an
 * unclosed construct; bench/claims.ts shows the cost grows linearly with the length).
 */
function hugeLine(unit: string): ReturnType<typeof parsePost> {
  const body = unit.repeat(Math.ceil(200_000 / unit.length));
  return parsePost('huge.md', `---\ntitle: "t"\n---\n\n${body}\n`);
}

describe('claims rules on adversarial single-line posts (linear regexes, no quadratic grouping)', () => {
  it('pasted figures everywhere: one report for the line, with one fix rewriting all of them', () => {
    const post = hugeLine('より75%以上の企業、');
    const findings = check(post, { rules: claimsRules }).filter((f) => f.rule === 'claims/pasted-statistic');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.fix!.replacement.startsWith('より多くの企業、より多くの企業、')).toBe(true);
    expect(findings[0]!.fix!.replacement).not.toContain('75%');
  });

  it('separators, template openers and brackets without end', () => {
    for (const unit of ['1,', '1〜', '{%', '[^', '](', '`', '300%の見直し', 'より']) {
      const findings = check(hugeLine(unit), { rules: claimsRules });
      expect(Array.isArray(findings)).toBe(true);
      expect(findings.every((f) => f.rule.startsWith('claims/') && !f.message.includes('internal error'))).toBe(true);
    }
  });
});
