import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { allRules } from '../../src/rules/index.js';
import { FIXTURES, SEEDS } from '../helpers.js';

// The five seeds of the ai-blog-system blog (MIT): duplicated sections, cut titles, pasted figures.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'er-timing-'));
  mkdirSync(join(dir, '_posts'));
  SEEDS.forEach((seed, i) => copyFileSync(join(FIXTURES, 'seeds', seed), join(dir, '_posts', `2025-12-2${i}-seed.md`)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['check', '--no-site', '--format', 'json', ...args, '_posts'], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: dir, isTty: false });
  return { code, stdout, stderr };
}

/** The rows of the Markdown table under `header` in `text`: first cell, and the time in the second. */
function rows(text: string, header: string): Map<string, number> {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  expect(start, header).toBeGreaterThanOrEqual(0);
  const out = new Map<string, number>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [name, ms] = line.split('|').slice(1, 3).map((cell) => cell.trim());
    out.set(name!, Number(ms));
  }
  return out;
}

describe('check --timing', () => {
  it('reports the same findings, and where the time went on stderr', async () => {
    const plain = await check('--jobs', '1');
    const timed = await check('--timing', '--jobs', '2');
    expect(JSON.parse(plain.stdout).findings.length).toBeGreaterThan(0);
    expect(timed.stdout).toBe(plain.stdout);
    expect(timed.code).toBe(plain.code);

    const phases = rows(timed.stderr, 'Phase');
    expect([...phases.keys()].map((name) => name.split(':')[0])).toEqual(['first pass', 'second pass']);
    const rules = rows(timed.stderr, 'Rule');
    // The ten slowest, then the total over every rule that ran (all are on by default).
    expect(rules.size).toBe(11);
    const total = rules.get(`(all ${allRules.length} rules)`)!;
    const slowest = [...rules].slice(0, 10);
    for (const [id, ms] of slowest) {
      expect(allRules.some((rule) => rule.id === id), id).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(total);
    }
    expect(slowest.map(([, ms]) => ms)).toEqual(slowest.map(([, ms]) => ms).sort((a, b) => b - a));
    // The duplication analysis is shared by the duplication rules: worked out once per post.
    const analyses = timed.stderr.split('\n').filter((line) => line.startsWith('| duplication |'));
    expect(analyses).toHaveLength(1);
    expect(analyses[0]!.trim().endsWith(`| ${SEEDS.length} |`)).toBe(true);
  });

  it('prints nothing of it without the flag', async () => {
    expect((await check()).stderr).toBe('');
  });
});
