import { spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FIXTURES, SEEDS } from '../helpers.js';

/**
 * The SARIF the CLI writes, checked by Microsoft's own validator (`@microsoft/sarif-multitool-linux`,
 * `validate`) and, independently, against the SARIF 2.1.0 JSON Schema that package ships, with ajv. The
 * log covers what broke it before: a file outside the working directory (it used to be a `/`-rooted
 * URI, one SARIF1004 error per location), a Japanese file name, related locations and fixes.
 */
const require = createRequire(import.meta.url);
const MULTITOOL: string = require('@microsoft/sarif-multitool-linux');
const SCHEMA = join(dirname(MULTITOOL), 'sarif-2.1.0.json');

function runnable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return spawnSync(path, ['--version'], { timeout: 60_000 }).status === 0;
  } catch {
    return false;
  }
}
const canValidate = process.platform === 'linux' && runnable(MULTITOOL);
if (process.env.CI === 'true' && !canValidate) throw new Error(`CI must run ${MULTITOOL} (npm ci installs it)`);

let dir = '';
let sarifPath = '';
let sarif: {
  runs: {
    originalUriBaseIds: Record<string, { uri: string }>;
    tool: { driver: { rules: { id: string; name: string; helpUri: string }[] } };
    results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[]; relatedLocations?: unknown[]; fixes?: unknown[] }[];
  }[];
};

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'er-sarif-'));
  dir = join(root, 'blog');
  mkdirSync(join(dir, '_posts'), { recursive: true });
  copyFileSync(join(FIXTURES, 'seeds', SEEDS[2]), join(dir, '_posts', '2025-12-20-AIチップ.md'));
  // Outside the working directory: a sibling of it.
  mkdirSync(join(root, 'elsewhere'));
  copyFileSync(join(FIXTURES, 'seeds', SEEDS[0]), join(root, 'elsewhere', 'outside.md'));
  let stdout = '';
  await main(['check', '--format', 'sarif', '--corpus', join(FIXTURES, 'corpus', '_posts'), '_posts', '../elsewhere/outside.md', join(FIXTURES, 'corpus', '_posts', '2025-10-12-1-nedo-republished.md')], {
    stdout: (s) => (stdout += s),
    stderr: () => {},
    cwd: dir,
    isTty: false,
  });
  sarifPath = join(root, 'out.sarif');
  writeFileSync(sarifPath, stdout);
  sarif = JSON.parse(stdout);
});

describe('SARIF output', () => {
  it('covers the cases that matter: inside and outside the working directory, a Japanese name, related locations, fixes', () => {
    const results = sarif.runs[0]!.results;
    const locations = results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
    expect(locations).toContainEqual({ uri: '_posts/2025-12-20-AI%E3%83%81%E3%83%83%E3%83%97.md', uriBaseId: '%SRCROOT%' });
    expect(locations.some((l) => l.uri.startsWith('file:///') && l.uri.endsWith('/elsewhere/outside.md') && l.uriBaseId === undefined)).toBe(true);
    expect(locations.every((l) => !l.uri.startsWith('/'))).toBe(true);
    expect(sarif.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toMatch(/^file:\/\/\/.*\/blog\/$/);
    expect(results.some((r) => r.relatedLocations?.length)).toBe(true);
    expect(results.some((r) => r.fixes?.length)).toBe(true);
  });

  it('every rule has a Pascal-case name and a helpUri', () => {
    for (const rule of sarif.runs[0]!.tool.driver.rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(rule.helpUri).toMatch(/^https:\/\//);
    }
  });

  it('is valid against the SARIF 2.1.0 JSON Schema (ajv)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  });

  it.runIf(canValidate)("passes Microsoft's SARIF validator with no error and no warning", () => {
    const out = join(dirname(sarifPath), 'validation.sarif');
    const run = spawnSync(MULTITOOL, ['validate', sarifPath, '-o', out, '--level', 'Error', 'Warning', 'Note'], { timeout: 120_000, encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const results = (JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: { ruleId: string; level?: string; message: { text?: string } }[] }[] }).runs[0]!.results;
    const serious = results.filter((r) => (r.level ?? 'warning') !== 'note');
    expect(serious.map((r) => `${r.ruleId}: ${r.message.text}`)).toEqual([]);
    // Notes the log can honour: help URIs and rule names (SARIF2012).
    expect(results.filter((r) => r.ruleId === 'SARIF2012').map((r) => r.message.text)).toEqual([]);
  });
});
