import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../../../src/lint/fix.js';
import { parsePost } from '../../../src/post/parse.js';
import { frontMatterRules } from '../../../src/rules/front-matter/index.js';
import { SEEDS, byRule, check, seed, seedPath } from '../../helpers.js';

const rules = frontMatterRules;
const at = (n: number, rule: string, line: number) => byRule(check(seed(n), { rules }), rule).filter((f) => f.line === line);

describe('front-matter rules on the seeds (issue 2, "Done when")', () => {
  it('000 line 3: leading "# " and cut mid-word, both fixed with the heading at line 12', () => {
    const heading = 'Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？';
    const markdown = at(0, 'front-matter/title-markdown', 3);
    const truncated = at(0, 'front-matter/title-truncated', 3);
    expect(markdown).toHaveLength(1);
    expect(truncated).toHaveLength(1);
    expect(truncated[0]!.severity).toBe('error');
    expect(truncated[0]!.related?.[0]?.line).toBe(12);
    for (const finding of [...markdown, ...truncated]) {
      expect(finding.fix).toEqual({ line: 3, endLine: 3, replacement: `title: "${heading}"` });
    }
  });

  it('002 line 3: unclosed 「, fixed with the heading-like first body line 12', () => {
    const [finding] = at(2, 'front-matter/title-unbalanced', 3);
    expect(finding?.severity).toBe('error');
    expect(finding?.column).toBe(9); // the 「 inside `title: "「…`
    const line12 = readFileSync(seedPath(2), 'utf8').split('\n')[11]!;
    expect(finding?.fix).toEqual({ line: 3, endLine: 3, replacement: `title: "${line12}"` });
  });

  it('excerpt findings at line 8: template (000/002/004), Markdown (004), equal to the title (001/003)', () => {
    for (const n of [0, 2, 4]) expect(at(n, 'front-matter/excerpt-template', 8)).toHaveLength(1);
    expect(at(4, 'front-matter/excerpt-markdown', 8)).toHaveLength(1);
    for (const n of [1, 3]) expect(at(n, 'front-matter/excerpt-equals-title', 8)).toHaveLength(1);
    for (const n of [0, 1, 3]) expect(at(n, 'front-matter/excerpt-markdown', 8)).toHaveLength(0);
    // The suggested excerpt is the body's first sentence, never the title.
    const [equal] = at(3, 'front-matter/excerpt-equals-title', 8);
    expect(equal?.fix?.replacement).toBe('excerpt: "いやぁ、先日のAmazonの発表、皆さんもうチェックしました？「Trainium2」、AIチップの性能が「2倍」ですって。"');
    const [template] = at(0, 'front-matter/excerpt-template', 8);
    expect(template?.fix?.replacement).toBe('excerpt: "AmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？"');
    // Two excerpt findings on one line offer the same fix.
    const fixes = check(seed(4), { rules }).filter((f) => f.line === 8).map((f) => f.fix);
    expect(new Set(fixes.map((f) => JSON.stringify(f))).size).toBe(1);
  });

  it('reading_time at 002 and 003 line 9 with the recomputed value as the fix', () => {
    const [r2] = at(2, 'front-matter/reading-time', 9);
    const [r3] = at(3, 'front-matter/reading-time', 9);
    expect(r2?.fix).toEqual({ line: 9, endLine: 9, replacement: 'reading_time: 27' });
    expect(r3?.fix).toEqual({ line: 9, endLine: 9, replacement: 'reading_time: 44' });
    for (const n of [0, 1, 4]) expect(at(n, 'front-matter/reading-time', 9)).toHaveLength(0);
  });

  describe('--fix on a temporary copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-seeds-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('removes every fixed front-matter finding, and a second --fix changes nothing', () => {
      for (const name of SEEDS) {
        const file = join(dir, name);
        writeFileSync(file, readFileSync(join(seedPath(0), '..', name)));
        const before = check(parsePost(name, readFileSync(file, 'utf8')), { rules });
        const fixed = before.filter((f) => f.fix);
        const first = applyFixes(readFileSync(file, 'utf8'), fixed.map((f) => f.fix!));
        expect(first.skipped.filter((s) => s.reason !== 'overlap' && s.reason !== 'no-change')).toEqual([]);
        writeFileSync(file, first.output);

        const after = check(parsePost(name, readFileSync(file, 'utf8')), { rules });
        for (const finding of fixed) {
          expect(after.filter((f) => f.rule === finding.rule && f.line === finding.line), `${name} ${finding.rule}`).toEqual([]);
        }
        const second = applyFixes(first.output, after.filter((f) => f.fix).map((f) => f.fix!));
        expect(second.applied, name).toEqual([]);
        expect(second.output).toBe(first.output);
      }
    });
  });

  it('CRLF and a BOM change neither lines nor fixes, and the fixed file keeps them', () => {
    const text = readFileSync(seedPath(0), 'utf8');
    const crlf = '\ufeff' + text.replace(/\n/g, '\r\n');
    const plain = check(seed(0), { rules }).map((f) => [f.rule, f.line, f.fix?.replacement]);
    const findings = check(parsePost('seeds/000.txt', crlf), { rules });
    expect(findings.map((f) => [f.rule, f.line, f.fix?.replacement])).toEqual(plain);
    const output = applyFixes(crlf, findings.filter((f) => f.fix).map((f) => f.fix!)).output;
    expect(output.startsWith('\ufeff---\r\n')).toBe(true);
    expect(output.split('\r\n')[2]).toBe('title: "Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？"');
    expect(check(parsePost('seeds/000.txt', output), { rules }).filter((f) => f.fix)).toEqual([]);
  });
});
