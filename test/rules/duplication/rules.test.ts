import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../../src/lint/fix.js';
import { parsePost } from '../../../src/post/parse.js';
import { duplicationRules } from '../../../src/rules/duplication/index.js';
import { check } from '../../helpers.js';

const A = 'The build now caches the rendered layouts between runs, which makes large sites regenerate much faster.';
const B = 'Plugins can hook into the new cache through a documented API that stays stable across minor versions.';
const C = 'Themes keep working unchanged, because the cache is invalidated whenever a layout file changes on disk.';

function post(body: string) {
  return parsePost('_posts/2024-01-01-x.md', `---\ntitle: "Faster builds"\n---\n\n${body}`);
}
function run(body: string) {
  return check(post(body), { rules: duplicationRules });
}

describe('duplication rules on small posts', () => {
  it('an exact repeat is reported once, and its fix deletes it with the blank line above', () => {
    const text = `${A}\n\n${B}\n\n${A}\n`;
    const findings = run(text);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['duplication/exact-repeat', 9]]);
    expect(findings[0]!.fix).toEqual({ line: 8, endLine: 9, replacement: '' });
    expect(findings[0]!.related![0]!.line).toBe(5);
  });

  it('short stock lines are never compared', () => {
    expect(run(`Thanks!\n\n${A}\n\nThanks!\n\n---\n\n${B}\n\n---\n`)).toEqual([]);
  });

  it('a near repeat (a few words changed) is an error with a fix; a looser one a warning without', () => {
    const near = A.replace('much faster', 'far faster'); // Jaccard 0.84
    const error = run(`${A}\n\n${B}\n\n${near}\n`);
    expect(error.map((f) => [f.rule, f.severity])).toEqual([['duplication/near-repeat', 'error']]);
    expect(error[0]!.fix).toBeDefined();
    const loose = A.replace('much faster', 'a lot quicker'); // Jaccard 0.76
    const warning = run(`${A}\n\n${B}\n\n${loose}\n`);
    expect(warning.map((f) => [f.rule, f.severity])).toEqual([['duplication/near-repeat', 'warning']]);
    expect(warning[0]!.fix).toBeUndefined();
  });

  it('a prefix of an earlier paragraph is a truncated copy', () => {
    const findings = run(`${A}\n\n${B}\n\n${B.slice(0, 60)}\n`);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['duplication/truncated-copy', 9]]);
  });

  it('consecutive copies form one run whose single fix leaves the post as written once', () => {
    const source = `${A}\n\n${B}\n\n${C}\n\n${A}\n\n${B}\n\n${C.slice(0, 50)}\n`;
    const findings = run(source);
    expect(findings.map((f) => [f.rule, f.line, f.endLine])).toEqual([['duplication/repeated-run', 11, 15]]);
    const full = `---\ntitle: "Faster builds"\n---\n\n${source}`;
    expect(applyFixes(full, [findings[0]!.fix!]).output).toBe(`---\ntitle: "Faster builds"\n---\n\n${A}\n\n${B}\n\n${C}\n`);
  });

  it('the title as first line or first heading, never a different heading', () => {
    expect(run(`Faster builds\n\n${A}\n`).map((f) => f.rule)).toEqual(['duplication/title-repeated']);
    expect(run(`# Faster Builds\n\n${A}\n`).map((f) => f.rule)).toEqual(['duplication/title-repeated']);
    expect(run(`# What changed\n\n${A}\n`)).toEqual([]);
  });

  it('a paragraph concatenating earlier paragraphs is a collapsed article', () => {
    const findings = run(`${A}\n\n${B}\n\n${C}\n\n${A} ${B} ${C}\n`);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['duplication/collapsed-article', 11]]);
  });

  it('Japanese text compares across width and punctuation variants', () => {
    const ja = 'ＡＷＳは、SageMakerという包括的な機械学習プラットフォームを提供している。開発者はチップの違いを意識しない。';
    const variant = 'AWSは，SageMakerという包括的な機械学習プラットフォームを提供している．開発者はチップの違いを意識しない．';
    const findings = run(`${ja}\n\n${B}\n\n${variant}\n`);
    expect(findings.map((f) => f.rule)).toEqual(['duplication/exact-repeat']);
  });
});
