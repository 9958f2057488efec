import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../../src/lint/fix.js';
import { parsePost } from '../../../src/post/parse.js';
import { allRules } from '../../../src/rules/index.js';
import { truncationRules } from '../../../src/rules/truncation/index.js';
import { check, fixture, seed } from '../../helpers.js';

function ja(body: string) {
  return parsePost('_posts/2024-01-01-x.md', `---\ntitle: "テスト"\n---\n\n${body}`);
}
const S1 = 'このモデルは大規模な学習データを使って訓練されており、多くの言語で高い性能を示している。';
const S2 = '開発者はこれまでと同じ手順でモデルを呼び出せるため、移行の負担は小さいと考えられる。';

describe('truncation rules', () => {
  it('a paragraph cut mid-sentence is reported; headings, lists, bold pseudo-headings and link lines are not', () => {
    const body = `${S1.slice(0, 30)}\n\n## 見出しには句点がない\n\n* 箇条書きの項目にも句点がない場合がある\n\n**太字だけの疑似見出しも対象外である**\n\n[リンクだけの行はどこかへのリンクです](https://example.com)\n\n${S2}\n`;
    const findings = check(ja(body), { rules: truncationRules });
    expect(findings.map((f) => [f.rule, f.line, f.severity])).toEqual([['truncation/unfinished-paragraph', 5, 'error']]);
  });

  it('the last paragraph cut off on a particle is the post ending mid-sentence', () => {
    // `…移行の`: the cut leaves a particle that needs its noun; `…移行` alone would be a noun ending (体言止め).
    const findings = check(ja(`${S1}\n\n${S2.slice(0, 26)}\n`), { rules: truncationRules });
    expect(findings.map((f) => [f.rule, f.line, f.severity])).toEqual([['truncation/post-ends-mid-sentence', 7, 'error']]);
  });

  it('seed 001 137/140: the split paragraph is joined, dropping the repeated character', () => {
    const post = seed(1);
    const split = check(post, { rules: truncationRules }).find((f) => f.rule === 'truncation/split-paragraph' && f.line === 137)!;
    expect(split.endLine).toBe(140);
    expect(split.fix!.line).toBe(137);
    expect(split.fix!.endLine).toBe(140);
    expect(split.fix!.replacement).toContain('Trainiumインスタンスが使われていれば、開発者は');
    expect(split.fix!.replacement).not.toContain('\n');
  });

  it('markers: alone under a paragraph the fix deletes only the marker line; glued the text stays', () => {
    const post = fixture('duplication/glued-marker.md');
    const markers = check(post, { rules: truncationRules }).filter((f) => f.rule === 'truncation/generation-marker');
    expect(markers.map((f) => f.line)).toEqual([16, 18]);
    expect(markers[0]!.fix).toEqual({ line: 16, endLine: 16, replacement: '' });
    expect(markers[1]!.fix!.replacement).toMatch(/^私たちに求められるのは/);
    const output = applyFixes(post.text, markers.map((f) => f.fix!)).output;
    expect(output).not.toContain('---END---');
    expect(output).toContain('この激動の時代を勝ち抜');
  });

  it('a marker inside a code block is left alone', () => {
    const findings = check(ja(`${S1}\n\n\`\`\`\n---END---\n\`\`\`\n`), { rules: truncationRules });
    expect(findings.filter((f) => f.rule === 'truncation/generation-marker')).toEqual([]);
  });

  it('configured markers are added to the defaults; `replace: true` drops the defaults', () => {
    const text = ja(`${S1}\n\n[[STOP]]\n\n${S2}\n---END---\n`);
    const added = check(text, { rules: truncationRules, config: { truncation: { markers: ['\\[\\[STOP\\]\\]'] } } });
    expect(added.filter((f) => f.rule === 'truncation/generation-marker').map((f) => f.line)).toEqual([7, 10]);
    const replaced = check(text, { rules: truncationRules, config: { truncation: { markers: { replace: true, patterns: ['\\[\\[STOP\\]\\]'] } } } });
    expect(replaced.filter((f) => f.rule === 'truncation/generation-marker').map((f) => f.line)).toEqual([7]);
  });

  it('an unbalanced bracket is a warning', () => {
    const findings = check(ja(`「この発表は重要だ、と彼は言った。\n\n${S2}\n`), { rules: truncationRules });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['truncation/unbalanced-brackets', 'warning']]);
  });

  it('a truncated paragraph that is also a truncated copy is one duplication finding', () => {
    const findings = check(ja(`${S1}\n\n${S2}\n\n${S1.slice(0, 30)}\n\n${S2}です。\n`), { rules: allRules }).filter(
      (f) => f.category === 'truncation' || f.category === 'duplication',
    );
    const at9 = findings.filter((f) => f.line <= 9 && 9 <= f.endLine);
    expect(at9.map((f) => f.rule)).toEqual(['duplication/repeated-run']);
  });

  it('English: a sentence cut off at the end of the post', () => {
    const post = parsePost('x.md', '---\ntitle: x\n---\n\nThe release fixes two bugs in the incremental regeneration of pages.\n\nWe would like to thank everyone who\n');
    expect(check(post, { rules: truncationRules }).map((f) => f.rule)).toEqual(['truncation/post-ends-mid-sentence']);
  });
});
