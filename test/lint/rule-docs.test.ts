import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { defaultConfig } from '../../src/config/load.js';
import { RULE_DOCS_DIR, ruleDoc, ruleDocsFiles, type RuleDoc } from '../../src/lint/rule-docs.js';
import { allRules } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/rule.js';
import { FIXTURES } from '../helpers.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

async function run(args: string[], cwd = FIXTURES) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTty: false });
  return { code, stdout, stderr };
}

describe('rules documented from their own metadata', () => {
  it('every rule lives in src/rules/<id>.ts, as its default export, with a description in both languages', async () => {
    for (const rule of allRules) {
      const doc = ruleDoc(rule, defaultConfig());
      expect(existsSync(join(ROOT, doc.source)), doc.source).toBe(true);
      const module = (await import(join(ROOT, doc.source))) as { default: Rule };
      expect(module.default, rule.id).toBe(rule);
      expect(rule.description.en.trim(), rule.id).not.toBe('');
      expect(rule.description.ja.trim(), rule.id).not.toBe('');
      expect(doc.url).toBe(`https://github.com/editorial-review/editorial-review/blob/main/docs/rules/${rule.id}.md`);
      expect(doc.sourceUrl).toBe(`https://github.com/editorial-review/editorial-review/blob/main/src/rules/${rule.id}.ts`);
    }
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length);
  });

  it('`rules` prints the index of every rule, linking each to its documentation', async () => {
    const { code, stdout } = await run(['rules']);
    expect(code).toBe(0);
    for (const rule of allRules) expect(stdout).toContain(`| [\`${rule.id}\`](https://github.com/editorial-review/editorial-review/blob/main/docs/rules/${rule.id}.md) | ${rule.category} | ${rule.defaultSeverity} |`);
  });

  it('`rules ID` prints the page: evidence, options in effect, examples with their fixed output', async () => {
    const { code, stdout } = await run(['rules', 'truncation/generation-marker']);
    expect(code).toBe(0);
    expect(stdout).toContain('# truncation/generation-marker');
    expect(stdout).toContain('- **error**: A configured marker');
    expect(stdout).toContain('truncation:\n  markers:');
    expect(stdout).toContain('Source: ai-blog-system 2025-09-09 NTT post (MIT)');
    expect(stdout).toContain('#### alone under a paragraph: the line goes, with its blank line');
    expect(stdout).toContain('Fixed:\n\n```markdown\n---\ntitle: x\n---\n\n変化を恐れず');
    expect(stdout).toContain('### Not reported');
  });

  it('json, a configured docs base for links and SARIF helpUri, and usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'er-rules-'));
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/editorial-review.yml'), 'ruleDocs: "https://docs.example/rules/{id}.html"\ntruncation:\n  markers: ["@@END@@"]\n');
    writeFileSync(join(dir, 'post.md'), '---\ntitle: x\n---\n\nText.\n@@END@@\n');
    const json = await run(['rules', '--format', 'json', 'truncation/generation-marker'], dir);
    const doc = JSON.parse(json.stdout) as RuleDoc;
    expect(doc.url).toBe('https://docs.example/rules/truncation/generation-marker.html');
    expect(doc.options).toEqual({ truncation: { markers: expect.arrayContaining(['@@END@@']) } });
    expect(doc.examples.invalid.length).toBeGreaterThan(0);
    const all = JSON.parse((await run(['rules', '--format', 'json'], dir)).stdout) as RuleDoc[];
    expect(all.map((d) => d.id)).toEqual(allRules.map((r) => r.id));

    const sarif = JSON.parse((await run(['check', '--format', 'sarif', 'post.md'], dir)).stdout);
    const rules = sarif.runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    expect(rules.find((r) => r.id === 'truncation/generation-marker')!.helpUri).toBe('https://docs.example/rules/truncation/generation-marker.html');
    expect(rules.every((r) => r.helpUri === `https://docs.example/rules/${r.id}.html`)).toBe(true);

    expect((await run(['rules', 'no/such-rule'])).stderr).toContain('no such rule: no/such-rule');
    expect((await run(['rules', '--format', 'html'])).code).toBe(2);
    writeFileSync(join(dir, '.github/editorial-review.yml'), 'ruleDocs: "https://docs.example/rules"\n');
    expect((await run(['rules'], dir)).code).toBe(2); // the template must name {id}
  });
});

// ESLint's docs check: the committed pages are what the metadata gives, so a rule change that forgets
// `npm run docs:rules` fails here, and a page of a removed rule does not linger.
describe('docs/rules/ (written by `npm run docs:rules`)', () => {
  const files = ruleDocsFiles(allRules, defaultConfig());
  const dir = join(ROOT, RULE_DOCS_DIR);

  it('holds a page for every rule, as its metadata writes it (run `npm run docs:rules` when this fails)', () => {
    const stale = [...files].filter(([path, text]) => !existsSync(join(dir, path)) || readFileSync(join(dir, path), 'utf8') !== text).map(([path]) => path);
    expect(stale).toEqual([]);
  });

  it('holds nothing else', () => {
    const committed = readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => p.split(sep).join('/')).filter((p) => p.endsWith('.md'));
    expect(committed.filter((path) => !files.has(path))).toEqual([]);
  });

  it('each page is what `rules ID --format markdown` prints without a settings file', async () => {
    const dirWithoutConfig = mkdtempSync(join(tmpdir(), 'er-rules-'));
    for (const id of ['truncation/generation-marker', 'site/slug-poor']) {
      const { stdout } = await run(['rules', id, '--format', 'markdown'], dirWithoutConfig);
      expect(stdout).toBe(files.get(`${id}.md`));
    }
  });
});
