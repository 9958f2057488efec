import { describe, expect, it } from 'vitest';
import { dedupeFindings } from '../../src/lint/dedupe.js';
import type { Finding } from '../../src/core/finding.js';

const finding = (rule: string, category: Finding['category'], line: number, endLine: number, fix?: Finding['fix']): Finding => ({
  path: 'p.md', rule, category, severity: 'error', line, endLine, message: rule, ...(fix ? { fix } : {}),
});

describe('findings inside a copy a duplication fix deletes', () => {
  const copy = finding('duplication/collapsed-article', 'duplication', 10, 10, { line: 9, endLine: 10, replacement: '' });
  const heading = finding('artifacts/inline-heading', 'artifacts', 10, 10, { line: 10, endLine: 10, replacement: 'a\n\n## b' });
  const claim = finding('claims/unsourced', 'claims', 10, 10);

  it('are dropped, unless their rule keeps them; a kept one loses its fix (the deletion covers its lines)', () => {
    const out = dedupeFindings([
      { finding: copy, specificity: 0 },
      { finding: heading, specificity: 0, keptInDeletedCopies: true },
      { finding: claim, specificity: 0 },
    ]);
    expect(out.map((f) => f.rule)).toEqual(['duplication/collapsed-article', 'artifacts/inline-heading']);
    expect(out[1]!.fix).toBeUndefined();
  });
});
