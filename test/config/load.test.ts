import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closest } from '../../src/config/did-you-mean.js';
import { ConfigError, parseExtendsTarget } from '../../src/config/load.js';
import { loadConfigFile, parseConfig, resolveConfig } from '../../src/lint/config.js';
import { DEFAULT_MARKERS } from '../../src/config/truncation.js';

function problems(text: string): string[] {
  try {
    parseConfig(text, 'cfg.yml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  return [];
}

function files(entries: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'er-config-'));
  for (const [path, text] of Object.entries(entries)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('rule ids', () => {
  it('a misspelt rule id is an error naming the key, its line and the rule meant', () => {
    expect(problems('language: ja\nrules:\n  front-matter/titel-markdown: off\n')).toEqual([
      'cfg.yml:3: `rules.front-matter/titel-markdown`: no rule is called "front-matter/titel-markdown"; did you mean `front-matter/title-markdown`? (`editorial-review rules` lists them)',
    ]);
  });

  it('a rule named without its family is pointed at the full id; a word unlike any id gets no guess', () => {
    const [byName, unlike] = problems('rules:\n  title-length: warning\n  spelling: off\n');
    expect(byName).toContain('cfg.yml:2: `rules.title-length`');
    expect(byName).toContain('did you mean `front-matter/title-length`?');
    expect(unlike).toContain('cfg.yml:3: `rules.spelling`: no rule is called "spelling" (');
  });

  it('an old id of a renamed rule configures the rule by its new id; the new id wins when both are set', () => {
    expect(problems('rules:\n  repository/near-duplicate-post: off\n')).toEqual([]);
    expect(parseConfig('rules:\n  repository/near-duplicate-post: off\n', 'cfg.yml').rules).toEqual({ 'duplication/near-duplicate-post': 'off' });
    const both = 'rules:\n  duplication/shared-passage: info\n  repository/shared-passage: off\n';
    expect(parseConfig(both, 'cfg.yml').rules).toEqual({ 'duplication/shared-passage': 'info' });
  });

  it('the old section name `repository:` is read as `corpus:`, problems shown where it was written; `corpus:` wins key by key', () => {
    expect(parseConfig('repository:\n  nearDuplicate: 0.6\n', 'cfg.yml').corpus.nearDuplicate).toBe(0.6);
    expect(problems('language: en\nrepository:\n  nearDuplicat: 0.6\n')).toEqual(['cfg.yml:3: `repository.nearDuplicat`: unknown key; did you mean `nearDuplicate`?']);
    const both = parseConfig('repository:\n  nearDuplicate: 0.6\n  shingle: 4\ncorpus:\n  nearDuplicate: 0.7\n', 'cfg.yml').corpus;
    expect([both.nearDuplicate, both.shingle]).toEqual([0.7, 4]);
  });

  it('every known id passes', () => {
    expect(problems('rules:\n  front-matter/title-markdown: off\n  claims/hype: error\n')).toEqual([]);
  });

  it('unknown option keys get the nearest known key', () => {
    expect(problems('duplication:\n  nearErorr: 0.5\n')).toEqual(['cfg.yml:2: `duplication.nearErorr`: unknown key; did you mean `nearError`?']);
  });

  it('every problem is listed, in line order', () => {
    const listed = problems('review:\n  maxComment: 3\nrules:\n  claims/hyp: off\nlanguage: fr\n');
    expect(listed.map((p) => p.split(': ')[0])).toEqual(['cfg.yml:2', 'cfg.yml:4', 'cfg.yml:5']);
  });

  it('did-you-mean: one swap of neighbours is one edit; a long distance is no suggestion', () => {
    expect(closest('titel', ['title', 'table'])).toBe('title');
    expect(closest('xyz', ['title'])).toBeUndefined();
  });
});

describe('regular expressions', () => {
  it('an invalid marker is reported with its key and line instead of being dropped', () => {
    expect(problems('truncation:\n  markers:\n    - "\\\\[END\\\\]"\n    - "(unclosed"\n')).toEqual([
      'cfg.yml:4: `truncation.markers.1`: invalid regular expression: /(unclosed/u: Unterminated group',
    ]);
  });

  it('a pattern that matches the empty string and an invalid excerpt template are errors too', () => {
    const listed = problems('truncation:\n  markers: ["x*"]\nfrontMatter:\n  excerptTemplates: ["a**"]\n');
    expect(listed[0]).toMatch(/^cfg\.yml:2: `truncation\.markers\.0`: the pattern \/x\*\/ matches the empty string/);
    expect(listed[1]).toMatch(/^cfg\.yml:4: `frontMatter\.excerptTemplates\.0`: invalid regular expression/);
  });

  it('markers are added to the defaults; `replace: true` uses only the given ones', () => {
    expect(parseConfig('truncation:\n  markers: ["===DONE==="]\n').truncation.markers).toEqual([...DEFAULT_MARKERS, '===DONE===']);
    expect(parseConfig('truncation:\n  markers: { replace: true, patterns: ["===DONE==="] }\n').truncation.markers).toEqual(['===DONE===']);
    expect(parseConfig('').truncation.markers).toEqual(DEFAULT_MARKERS);
    expect(problems('truncation:\n  markers: { replace: true, patterns: ["(x"] }\n')[0]).toMatch(/^cfg\.yml:2: `truncation\.markers\.patterns\.0`: invalid regular expression/);
  });
});

describe('_extends (organisation-wide defaults)', () => {
  it('the CLI reads a path relative to the extending file; keys set locally win, mappings merge key by key', async () => {
    const dir = files({
      'org/base.yml': 'language: ja\nrules:\n  claims/hype: error\n  front-matter/title-length: off\nreview:\n  maxComments: 5\n',
      'blog/.github/editorial-review.yml': '_extends: ../../org/base.yml\nrules:\n  claims/hype: off\nreview:\n  includeDrafts: true\n',
    });
    const config = await loadConfigFile(join(dir, 'blog/.github/editorial-review.yml'));
    expect(config.language).toBe('ja');
    expect(config.rules).toEqual({ 'claims/hype': 'off', 'front-matter/title-length': 'off' });
    expect(config.review).toMatchObject({ maxComments: 5, includeDrafts: true });
  });

  it('a problem in the extended file names that file and its line', async () => {
    const dir = files({ 'base.yml': 'language: ja\nrules:\n  claims/hpye: off\n', 'own.yml': '_extends: base.yml\n' });
    await expect(loadConfigFile(join(dir, 'own.yml'))).rejects.toThrow(`${join(dir, 'base.yml')}:3: \`rules.claims/hpye\`: no rule is called "claims/hpye"; did you mean \`claims/hype\`?`);
  });

  it('a missing file, a cycle and the App-only form are errors at the `_extends` line', async () => {
    const dir = files({
      'missing.yml': 'language: en\n_extends: nowhere.yml\n',
      'a.yml': '_extends: b.yml\n',
      'b.yml': '_extends: a.yml\n',
      'org.yml': '_extends: my-org/.github\n',
    });
    await expect(loadConfigFile(join(dir, 'missing.yml'))).rejects.toThrow(/missing\.yml:2: `_extends`: "nowhere\.yml" does not exist/);
    await expect(loadConfigFile(join(dir, 'a.yml'))).rejects.toThrow(/b\.yml:1: `_extends`: "a\.yml" extends this file again \(a cycle\)/);
    await expect(loadConfigFile(join(dir, 'org.yml'))).rejects.toThrow(/org\.yml:1: `_extends`: .*`owner\/repo` is read by the GitHub App/);
  });

  it('parseConfig alone (no reader) refuses `_extends` rather than ignoring it', () => {
    expect(problems('_extends: .github\n')[0]).toMatch(/^cfg\.yml:1: `_extends`: /);
  });

  it('the App form: `.github`, `repo`, `owner/repo`, `repo:path.yml`', () => {
    expect(parseExtendsTarget('.github')).toEqual({ repo: '.github', path: '.github/editorial-review.yml' });
    expect(parseExtendsTarget('acme/blog-settings:config/review.yml')).toEqual({ owner: 'acme', repo: 'blog-settings', path: 'config/review.yml' });
    expect(parseExtendsTarget('../x')).toBeNull();
    expect(parseExtendsTarget('repo:../../etc/passwd.yml')).toBeNull();
  });

  it('resolveConfig passes through a reader failure that is not a config problem (a 5xx is retried, not reported)', async () => {
    const boom = Object.assign(new Error('server error'), { status: 502 });
    await expect(resolveConfig({ source: 'x.yml', text: '_extends: .github\n' }, () => Promise.reject(boom))).rejects.toBe(boom);
  });
});
