import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { findDirectives } from '../../src/lint/disable-comments.js';
import { parsePost } from '../../src/post/parse.js';
import { check, seedPath } from '../helpers.js';

/**
 * Seed 000 (ai-blog-system, MIT): its title leaks `#` (line 3), its excerpt is template text with an
 * unsourced 20% (stated at line 14, the excerpt in related), and line 40 holds a pasted statistic (「300%の見直し」). Each test inserts
 * directives and checks that exactly the named findings go.
 */
const SEED = readFileSync(seedPath(0), 'utf8');
const lines = SEED.split('\n');
const PASTED_LINE = 40;

function run(text: string) {
  return check(parsePost('_posts/2025-12-30-amazon.md', text)).map((f) => `${f.rule}@${f.line}`);
}

/** The seed with `insert` placed before 1-based line `at`. */
function withLines(at: number, ...insert: string[]): string {
  return [...lines.slice(0, at - 1), ...insert, ...lines.slice(at - 1)].join('\n');
}

describe('inline disable comments in the one check entry point', () => {
  const before = run(SEED);

  it('the seed has the findings the tests switch off', () => {
    expect(before).toEqual(expect.arrayContaining(['front-matter/title-markdown@3', 'claims/unsourced@14', `claims/pasted-statistic@${PASTED_LINE}`, `claims/implausible@${PASTED_LINE}`]));
  });

  it('disable-next-line with a rule id removes that rule on the next line only', () => {
    const after = run(withLines(PASTED_LINE, '<!-- editorial-review-disable-next-line claims/pasted-statistic -->'));
    expect(after).not.toContain(`claims/pasted-statistic@${PASTED_LINE + 1}`);
    expect(after).toContain(`claims/implausible@${PASTED_LINE + 1}`);
    expect(after.length).toBe(before.length - 1);
  });

  it('a family name, several names and a reason after ` -- `', () => {
    const family = run(withLines(PASTED_LINE, '<!-- editorial-review-disable-next-line claims -- checked against the press release -->'));
    expect(family.filter((f) => f.endsWith(`@${PASTED_LINE + 1}`))).toEqual([]);
    const two = run(withLines(PASTED_LINE, '<!-- editorial-review-disable-next-line claims/pasted-statistic, claims/implausible -->'));
    expect(two).toEqual(family);
  });

  it('disable … enable covers the lines between; without a name every rule', () => {
    const after = run(withLines(PASTED_LINE + 1, '<!-- editorial-review-enable -->').replace(lines[PASTED_LINE - 2]!, `<!-- editorial-review-disable -->\n${lines[PASTED_LINE - 2]}`));
    expect(after.filter((f) => f.startsWith('claims/') && /@4[01]$/.test(f))).toEqual([]);
    expect(after).toContain('front-matter/title-markdown@3');
  });

  it('in the front matter a YAML comment disables a line; disable-file the whole post', () => {
    const yaml = run(SEED.replace('title: "# Amazonが示すAIチップ進化の新"', 'title: "# Amazonが示すAIチップ進化の新" # editorial-review-disable-line front-matter/title-markdown'));
    expect(yaml).not.toContain('front-matter/title-markdown@3');
    expect(yaml).toContain('front-matter/title-truncated@3');
    const file = run(`${SEED}\n<!-- editorial-review-disable-file claims front-matter/title-markdown -->\n`);
    expect(file.filter((f) => f.startsWith('claims/') || f.startsWith('front-matter/title-markdown'))).toEqual([]);
    expect(file).toContain('front-matter/title-truncated@3');
  });

  it('a directive shown as an example (in a code block or inline code) is not a directive', () => {
    const fenced = withLines(PASTED_LINE, '```html', '<!-- editorial-review-disable -->', '```', '');
    expect(findDirectives(parsePost('a.md', fenced))).toEqual([]);
    const inline = withLines(PASTED_LINE, 'Write `<!-- editorial-review-disable -->` above a paragraph.', '');
    expect(findDirectives(parsePost('a.md', inline))).toEqual([]);
  });

  it('the CLI honours them, and --fix leaves the fix of a disabled finding unapplied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'er-disable-'));
    const text = withLines(PASTED_LINE, '<!-- editorial-review-disable-next-line claims/pasted-statistic -->');
    writeFileSync(join(dir, 'post.md'), text);
    let stdout = '';
    const io = { stdout: (s: string) => (stdout += s), stderr: () => {}, cwd: dir, isTty: false };
    await main(['check', '--format', 'json', 'post.md'], io);
    expect((JSON.parse(stdout) as { findings: { rule: string }[] }).findings.some((f) => f.rule === 'claims/pasted-statistic')).toBe(false);
    await main(['check', '--fix', 'post.md'], io);
    expect(readFileSync(join(dir, 'post.md'), 'utf8')).toContain('顧客への300%の');
    rmSync(dir, { recursive: true, force: true });
  });
});
