import { describe, expect, it } from 'vitest';
import { parsePost } from '../../../src/post/parse.js';
import implausible from '../../../src/rules/claims/implausible.js';
import { byRule, check, fixture, seed } from '../../helpers.js';

const rule = (post: ReturnType<typeof seed>) => byRule(check(post, { rules: [implausible] }), 'claims/implausible');
const body = (line: string) => parsePost('x.md', `---\ntitle: "t"\n---\n\n${line}\n`);

describe('claims/implausible', () => {
  it('000:40 顧客への300%の価値提供 and 002:20 アーキテクチャの300%の見直し are errors at the figure', () => {
    const a = rule(seed(0));
    expect(a.map((f) => [f.line, f.severity])).toEqual([[40, 'error']]);
    expect(a[0]!.column).toBe(seed(0).lines.line(40).indexOf('300%') + 1);
    expect(a[0]!.endColumn).toBe(a[0]!.column! + 4);
    expect(rule(seed(2)).map((f) => f.line)).toEqual([20]);
    expect(rule(seed(1))).toEqual([]);
  });

  it('flags shares, rates and reductions over 100%, not growth', () => {
    expect(rule(body('導入により300%のコスト削減を実現した。'))).toHaveLength(1);
    expect(rule(body('市場シェアは120%に達した。'))).toHaveLength(1);
    expect(rule(body('150%の企業が導入した。'))).toHaveLength(1);
    expect(rule(body('売上は300%の成長を遂げた。'))).toEqual([]);
    expect(rule(body('売上が前年比150%増となった。'))).toEqual([]);
    expect(rule(body('80%のコスト削減を実現した。'))).toEqual([]);
  });

  it('reads English: a 150% cut of memory use', () => {
    const findings = rule(fixture('claims/english.md'));
    expect(findings.map((f) => f.line)).toEqual([10]);
    expect(check(fixture('claims/english.md'), { rules: [implausible], config: { language: 'en' } })[0]!.message).toContain('reduction');
  });
});
