import { describe, expect, it } from 'vitest';
import { compareFindings, localeOrder, type Finding } from '../../src/core/finding.js';
import { allRules } from '../../src/rules/index.js';

const sign = (n: number): number => Math.sign(n);

describe('localeOrder', () => {
  it('orders every pair of rule ids as localeCompare does', () => {
    const ids = allRules.map((rule) => rule.id);
    expect(ids.length).toBeGreaterThan(40);
    for (const a of ids) for (const b of ids) expect(sign(localeOrder(a, b)), `${a} / ${b}`).toBe(sign(a.localeCompare(b)));
  });

  it('orders every pair of plain keys up to three characters as localeCompare does', () => {
    const alphabet = ['a', 'b', 'z', '0', '9', '-', '/'];
    const keys = [''];
    for (let length = 1; length <= 3; length++) {
      for (const key of keys.filter((k) => k.length === length - 1)) for (const c of alphabet) keys.push(key + c);
    }
    expect(keys.length).toBe(1 + 7 + 49 + 343);
    for (const a of keys) for (const b of keys) expect(sign(localeOrder(a, b)), `${a} / ${b}`).toBe(sign(a.localeCompare(b)));
  });

  it('leaves other strings to the locale', () => {
    // Case and non-ASCII: the locale's order, not the UTF-16 units' (`B` < `a` by units).
    expect(sign(localeOrder('a', 'B'))).toBe(-1);
    expect(sign(localeOrder('_posts/b.md', '_posts/A.md'))).toBe(sign('_posts/b.md'.localeCompare('_posts/A.md')));
    expect(localeOrder('_posts/日本.md', '_posts/日本.md')).toBe(0);
  });
});

describe('compareFindings', () => {
  const finding = (path: string, line: number, rule: string): Finding =>
    ({ path, line, endLine: line, rule, severity: 'warning', message: '' }) as unknown as Finding;

  it('sorts by path, line, then rule id', () => {
    const findings = [finding('b.md', 1, 'a/x'), finding('a.md', 2, 'a/x'), finding('a.md', 2, 'a/w'), finding('a.md', 1, 'z/z')];
    expect(findings.sort(compareFindings).map((f) => `${f.path}:${f.line}:${f.rule}`)).toEqual(['a.md:1:z/z', 'a.md:2:a/w', 'a.md:2:a/x', 'b.md:1:a/x']);
  });
});
