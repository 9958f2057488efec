import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { progressLine } from '../../src/cli/progress.js';

import { applyFixes } from '../../src/lint/fix.js';
import type { Finding } from '../../src/core/finding.js';
import { FIXTURES, SEEDS } from '../helpers.js';

/** Adopting the reviewer on a blog that already has findings: baseline, --max-warnings, progress, rdjson. */
async function run(args: string[], cwd: string, stderrIsTty = false) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTty: false, stderrIsTty });
  return { code, stdout, stderr };
}

function blog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'er-adopt-'));
  mkdirSync(join(dir, '_posts'));
  for (const name of SEEDS) copyFileSync(join(FIXTURES, 'seeds', name), join(dir, '_posts', name.replace(/\.txt$/, '.md')));
  return dir;
}

const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: Finding[] }).findings;
const SEED2 = `_posts/${SEEDS[2].replace(/\.txt$/, '.md')}`;

describe('--baseline', () => {
  it('reports only what is new: line moves do not bring known findings back; a new defect and a second copy are new', async () => {
    const dir = blog();
    const all = findingsOf((await run(['check', '--format', 'json', '_posts'], dir)).stdout);
    expect(all.length).toBeGreaterThan(50);

    const written = await run(['check', '--baseline', '.editorial-review-baseline.json', '--write-baseline', '_posts'], dir);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`baseline: ${all.length} finding(s) written to .editorial-review-baseline.json`);
    const file = JSON.parse(readFileSync(join(dir, '.editorial-review-baseline.json'), 'utf8'));
    expect(file.findings).toHaveLength(all.length);
    expect(file.findings[0]).toEqual({ path: expect.stringMatching(/^_posts\//), rule: expect.any(String), fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), line: expect.any(Number), message: expect.any(String) });

    const clean = await run(['check', '--format', 'json', '--baseline', '.editorial-review-baseline.json', '_posts'], dir);
    expect([clean.code, findingsOf(clean.stdout)]).toEqual([0, []]);
    expect(clean.stderr).toContain(`baseline: ${all.length} known finding(s) not shown`);

    // Three lines inserted under the front matter of seed 002 move every finding below them.
    const path = join(dir, SEED2);
    const text = readFileSync(path, 'utf8');
    const fmEnd = text.indexOf('\n---\n', 4) + 5;
    writeFileSync(path, `${text.slice(0, fmEnd)}\nA new opening paragraph written by hand for this test.\n\n${text.slice(fmEnd)}`);
    expect(findingsOf((await run(['check', '--format', 'json', '--baseline', '.editorial-review-baseline.json', '_posts'], dir)).stdout)).toEqual([]);

    // A generation marker left in a new place is new, and so is the same marker a second time.
    writeFileSync(path, `${readFileSync(path, 'utf8')}\n---END---\n`);
    const fresh = findingsOf((await run(['check', '--format', 'json', '--baseline', '.editorial-review-baseline.json', '_posts'], dir)).stdout);
    expect(fresh.map((f) => f.rule)).toContain('truncation/generation-marker');
    expect(fresh.every((f) => f.path === SEED2)).toBe(true);
  });

  it('paths are relative to the baseline file, so it works from another directory', async () => {
    const dir = blog();
    await run(['check', '--baseline', 'ci/baseline.json', '--write-baseline', '_posts'], dir);
    const fromPosts = await run(['check', '--format', 'json', '--baseline', '../ci/baseline.json', '.'], join(dir, '_posts'));
    expect([fromPosts.code, findingsOf(fromPosts.stdout)]).toEqual([0, []]);
  });

  it('a fixed finding is counted as stale; an unreadable or foreign baseline is exit 2', async () => {
    const dir = blog();
    await run(['check', '--baseline', 'b.json', '--write-baseline', '_posts'], dir);
    await run(['check', '--fix', SEED2], dir);
    const after = await run(['check', '--baseline', 'b.json', '_posts'], dir);
    expect(after.stderr).toMatch(/baseline entr(y|ies) no longer found \(fixed\): rewrite it with --write-baseline/);
    writeFileSync(join(dir, 'other.json'), '{"version": 2}');
    expect(await run(['check', '--baseline', 'other.json', '_posts'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('not an editorial-review baseline') });
    expect(await run(['check', '--baseline', 'missing.json', '_posts'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('ENOENT') });
    expect(await run(['check', '--write-baseline', '_posts'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--write-baseline needs --baseline FILE') });
  });
});

describe('--max-warnings', () => {
  it('fails the run when more warnings than allowed remain; usage errors exit 2', async () => {
    const dir = blog();
    // Errors made info (a severity set in the config applies to every report of the rule), so only warnings can fail the run.
    const findings = findingsOf((await run(['check', '--format', 'json', SEED2], dir)).stdout);
    const errorRules = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))];
    writeFileSync(join(dir, 'c.yml'), `rules:\n${errorRules.map((r) => `  ${r}: info`).join('\n')}\n`);
    const warnings = findingsOf((await run(['check', '--config', 'c.yml', '--format', 'json', SEED2], dir)).stdout).filter((f) => f.severity === 'warning').length;
    expect(warnings).toBeGreaterThan(0);
    expect((await run(['check', '--config', 'c.yml', '--max-warnings', String(warnings), SEED2], dir)).code).toBe(0);
    const over = await run(['check', '--config', 'c.yml', '--max-warnings', String(warnings - 1), SEED2], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain(`${warnings} warning(s), more than --max-warnings ${warnings - 1}`);
    expect((await run(['check', '--max-warnings', 'many', SEED2], dir)).code).toBe(2);
  });
});

describe('progress on a terminal', () => {
  it('draws after half a second, at most every 100 ms, and erases itself', () => {
    let out = '';
    let t = 0;
    const p = progressLine((s) => (out += s), () => t);
    p.update('checking', 1, 300);
    expect(out).toBe('');
    t = 600;
    p.update('checking', 100, 300);
    t = 650;
    p.update('checking', 150, 300);
    t = 720;
    p.update('checking', 300, 300);
    p.done();
    expect(out).toBe('\r\u001b[Kchecking 100/300 posts\r\u001b[Kchecking 300/300 posts\r\u001b[K');
  });

  it('nothing on stderr when it is not a terminal; stdout stays one JSON document either way', async () => {
    const dir = blog();
    const piped = await run(['check', '--format', 'json', '_posts'], dir, false);
    expect(piped.stderr).toBe('');
    const tty = await run(['check', '--format', 'json', '_posts'], dir, true);
    expect(findingsOf(tty.stdout)).toEqual(findingsOf(piped.stdout));
    expect(tty.stderr.replace(/\r\u001b\[K(reading|checking) \d+\/\d+ posts/g, '')).toMatch(/^(\r\u001b\[K)?$/);
  });
});

describe('--format rdjson (reviewdog)', () => {
  it('one DiagnosticResult: byte columns, rule code with its documentation, line-wise suggestions equal to --fix', async () => {
    const dir = blog();
    const { stdout } = await run(['check', '--format', 'rdjson', SEED2], dir);
    const result = JSON.parse(stdout) as {
      source: { name: string };
      severity: string;
      diagnostics: { message: string; severity: string; code: { value: string; url: string }; location: { path: string; range: { start: { line: number; column?: number }; end: { line: number; column?: number } } }; suggestions?: { range: { start: { line: number; column?: number }; end: { line: number; column?: number } }; text: string }[] }[];
    };
    const findings = findingsOf((await run(['check', '--format', 'json', SEED2], dir)).stdout);
    expect(result.source.name).toBe('editorial-review');
    expect(result.severity).toBe('ERROR');
    expect(result.diagnostics).toHaveLength(findings.length);
    const text = readFileSync(join(dir, SEED2), 'utf8');
    const lines = text.split('\n');
    for (const [i, d] of result.diagnostics.entries()) {
      const f = findings[i]!;
      expect(d.code.value).toBe(f.rule);
      expect(d.code.url).toMatch(/^https:\/\/github\.com\/.+\/docs\/rules\/[a-z-]+\/[a-z-]+\.md$/); // the rule's documentation (config `ruleDocs`)
      expect(d.severity).toBe(f.severity.toUpperCase());
      expect(d.location).toMatchObject({ path: SEED2, range: { start: { line: f.line }, end: { line: f.endLine } } });
      if (f.column !== undefined) {
        // UTF-8 bytes before the column = bytes of the UTF-16 prefix.
        expect(d.location.range.start.column).toBe(Buffer.byteLength(lines[f.line - 1]!.slice(0, f.column - 1)) + 1);
      }
      if (f.fix) {
        expect(d.suggestions).toEqual([{ range: { start: { line: f.fix.line }, end: { line: f.fix.endLine } }, text: f.fix.replacement }]);
      } else {
        expect(d.suggestions).toBeUndefined();
      }
    }
    // A Japanese line: the byte column differs from the UTF-16 one.
    expect(result.diagnostics.some((d, i) => d.location.range.start.column !== undefined && d.location.range.start.column !== findings[i]!.column)).toBe(true);
    // Applied line-wise, the suggestions are the fixes.
    const suggested = result.diagnostics.flatMap((d) => d.suggestions ?? []).map((s) => ({ line: s.range.start.line, endLine: s.range.end.line, replacement: s.text }));
    expect(applyFixes(text, suggested).output).toBe(applyFixes(text, findings.filter((f) => f.fix).map((f) => f.fix!)).output);
  });
});
