import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CATEGORIES, SEVERITIES, type Finding } from '../../src/core/finding.js';
import { FIXTURES, SEEDS } from '../helpers.js';

async function run(args: string[], cwd = FIXTURES) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTty: false });
  return { code, stdout, stderr };
}

function seedsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'er-cli-'));
  for (const name of SEEDS) copyFileSync(join(FIXTURES, 'seeds', name), join(dir, name));
  return dir;
}

describe('editorial-review check', () => {
  it('prints exactly one JSON document with the finding contract and exits 1 on errors', async () => {
    const { code, stdout } = await run(['check', '--format', 'json', ...SEEDS.map((s) => `seeds/${s}`)]);
    expect(code).toBe(1);
    const { findings } = JSON.parse(stdout) as { findings: Finding[] };
    expect(findings.length).toBeGreaterThan(50);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['path', 'rule', 'category', 'severity', 'line', 'endLine', 'message']));
      expect(CATEGORIES).toContain(f.category);
      expect(SEVERITIES).toContain(f.severity);
      expect(f.endLine).toBeGreaterThanOrEqual(f.line);
    }
    // The seeds' headline defects, one per family, at their lines.
    const at = (seed: string, rule: string, line: number) =>
      findings.some((f) => f.path.includes(seed) && f.rule === rule && f.line === line);
    expect(at('000_', 'front-matter/title-markdown', 3)).toBe(true);
    expect(at('001_', 'duplication/repeated-run', 131)).toBe(true);
    expect(at('002_', 'truncation/generation-marker', 94)).toBe(true);
    expect(at('002_', 'claims/pasted-statistic', 28)).toBe(true);
  });

  it('prints text grouped per file with the suggested replacement and a summary', async () => {
    const { stdout } = await run(['check', 'seeds/000_30badf05d11e52dc.txt']);
    expect(stdout).toMatch(/^seeds\/000_30badf05d11e52dc\.txt:3  error  {3}front-matter\/title-markdown  /m);
    expect(stdout).toContain('    + title: "Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？"');
    expect(stdout).toMatch(/\d+ findings in 1 file \(\d+ errors, \d+ warnings, \d+ info\); \d+ with a suggested fix/);
  });

  it('prints SARIF 2.1.0 with rules, regions, fingerprints and fixes', async () => {
    const { stdout } = await run(['check', '--format', 'sarif', 'seeds/001_28157c3539ea115d.txt']);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const [runResult] = sarif.runs;
    expect(runResult.tool.driver.rules.length).toBeGreaterThan(30);
    const run0 = runResult.results.find((r: { ruleId: string }) => r.ruleId === 'duplication/repeated-run');
    expect(run0.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'seeds/001_28157c3539ea115d.txt', uriBaseId: '%SRCROOT%' },
      region: { startLine: 124, endLine: 128 },
    });
    expect(run0.partialFingerprints['editorialReview/v1']).toMatch(/^[0-9a-f]{16}$/);
    expect(run0.fixes[0].artifactChanges[0].replacements[0].deletedRegion.startLine).toBeGreaterThan(120);
    expect(runResult.tool.driver.rules[run0.ruleIndex].id).toBe('duplication/repeated-run');
  });

  it('--fix leaves only what needs a human, and a second --fix changes nothing', async () => {
    const dir = seedsCopy();
    const first = await run(['check', '--fix', '--format', 'json', ...SEEDS], dir);
    const after = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const remaining = (JSON.parse(first.stdout) as { findings: Finding[] }).findings;
    expect(remaining.filter((f) => f.fix)).toEqual([]);
    expect(after['001_28157c3539ea115d.txt']!.split('\n').length).toBeLessThan(125);
    expect(after['002_8d00008af39165bc.txt']).not.toContain('---END---');
    await run(['check', '--fix', ...SEEDS], dir);
    for (const [file, text] of Object.entries(after)) expect(readFileSync(join(dir, file), 'utf8')).toBe(text);
  });

  it('checks a broken file among good ones and still reports the others', async () => {
    const dir = seedsCopy();
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0, 1, 2, 0xff]));
    writeFileSync(join(dir, 'bad-yaml.md'), '---\ntitle: [unclosed\n---\nbody\n');
    const { stdout } = await run(['check', '--format', 'json', 'binary.md', 'bad-yaml.md', SEEDS[4]], dir);
    const { findings } = JSON.parse(stdout) as { findings: Finding[] };
    expect(findings.find((f) => f.path === 'binary.md')).toMatchObject({ rule: 'front-matter/readable', line: 1 });
    // The YAML error at the line where the parser gave up (the unclosed `[` runs to the end), and no
    // "missing key" noise for a front matter that could not be read.
    expect(findings.filter((f) => f.path === 'bad-yaml.md' && f.category === 'front-matter')).toMatchObject([
      { rule: 'front-matter/readable', line: 3, message: expect.stringMatching(/^Flow sequence .* end with a \]$/) },
    ]);
    expect(findings.some((f) => f.path === SEEDS[4] && f.rule === 'duplication/title-repeated')).toBe(true);
  });

  it('selects *.md and *.markdown in directories, explicit files whatever their extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'er-cli-'));
    mkdirSync(join(dir, '_posts'));
    copyFileSync(join(FIXTURES, 'seeds', SEEDS[4]), join(dir, '_posts', '2025-12-17-bedrock.md'));
    copyFileSync(join(FIXTURES, 'seeds', SEEDS[0]), join(dir, '_posts', 'notes.txt'));
    const { stdout } = await run(['check', '--format', 'json', '_posts'], dir);
    const paths = new Set((JSON.parse(stdout) as { findings: Finding[] }).findings.map((f) => f.path));
    expect([...paths]).toEqual(['_posts/2025-12-17-bedrock.md']);
  });

  it('exits 0 without error-level findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'er-cli-'));
    writeFileSync(
      join(dir, '2024-03-01-hello.md'),
      '---\nlayout: post\ntitle: "Hello from the new blog"\ndate: 2024-03-01 10:00:00 +0000\n---\n\nWe moved the blog to a new host. Everything should work as before.\n',
    );
    const { code, stdout } = await run(['check', '2024-03-01-hello.md'], dir);
    expect([code, stdout.trim()]).toEqual([0, 'No findings.']);
  });

  it.each([
    [['check'], /name the posts to check/],
    [['check', '--format', 'xml', 'x.md'], /--format must be text, json, sarif, rdjson/],
    [['check', 'no-such-file.md'], /no such file or no match: no-such-file\.md/],
    [['check', '--bogus', 'x.md'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exits 2 on usage errors: %j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 on an invalid config, naming the key and its line', async () => {
    const dir = seedsCopy();
    writeFileSync(join(dir, 'config.yml'), 'duplication:\n  nearErorr: 0.5\n');
    const { code, stderr } = await run(['check', '--config', 'config.yml', SEEDS[0]], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('config.yml:2: `duplication.nearErorr`: unknown key');
  });
});
