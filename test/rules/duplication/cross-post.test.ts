import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPosts, readPost } from '../../../src/lint/run.js';
import { InMemoryCorpus } from '../../../src/analysis/corpus/summary.js';
import { checkPost } from '../../../src/lint/check.js';
import { fingerprint } from '../../../src/lint/fingerprint.js';
import { parsePost } from '../../../src/post/parse.js';
import { crossPostDuplicationRules } from '../../../src/rules/duplication/index.js';
import { byRule, check, CLEAN_EN, config, fixture, hasShared, seed, SEEDS } from '../../helpers.js';

const names = readdirSync(join(__dirname, '../../fixtures/corpus/_posts')).sort();
const posts = names.map((n) => fixture(`corpus/_posts/${n}`));
const post = (name: string) => posts.find((p) => p.path.endsWith(name))!;
const others = (name: string) => posts.filter((p) => !p.path.endsWith(name));
const run = (name: string, input = {}) => check(post(name), { rules: crossPostDuplicationRules, corpus: others(name), config: input });

describe('cross-post duplication rules on real corpus excerpts', () => {
  it('near-duplicate-post: a republished post is an error naming the original and the similarity', () => {
    const findings = run('2025-10-12-1-nedo-republished.md');
    const near = byRule(findings, 'duplication/near-duplicate-post');
    expect(near).toHaveLength(1);
    // Anchored at the title, the line that names the post.
    expect(near[0]).toMatchObject({ severity: 'error', line: 3, category: 'duplication' });
    expect(near[0]!.message).toMatch(/corpus\/_posts\/2025-10-09-3-nedoai\.md と 8\d% 一致/);
    expect(near[0]!.related).toEqual([{ path: 'corpus/_posts/2025-10-09-3-nedoai.md', line: 3, endLine: 3, label: expect.stringMatching(/^similar post/) }]);
    // The whole-post finding is not repeated passage by passage.
    expect(byRule(findings, 'duplication/shared-passage')).toEqual([]);
  });

  it('near-duplicate-post: below the error threshold it is a warning; under the warning threshold nothing', () => {
    expect(byRule(run('2025-10-12-1-nedo-republished.md', { corpus: { nearDuplicateError: 0.95 } }), 'duplication/near-duplicate-post')[0]!.severity).toBe('warning');
    expect(byRule(run('2025-10-12-1-nedo-republished.md', { corpus: { nearDuplicate: 0.95, nearDuplicateError: 0.99 } }), 'duplication/near-duplicate-post')).toEqual([]);
  });

  it('shared-passage: reports the copied lines here and there', () => {
    const [finding, ...rest] = byRule(run('2025-10-15-1-cpo-followup.md'), 'duplication/shared-passage');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 13, endLine: 17, severity: 'warning' });
    expect(finding!.related).toEqual([{ path: 'corpus/_posts/2025-09-15-2-aicpo.md', line: 16, endLine: 20, label: 'same passage' }]);
    expect(byRule(run('2025-10-15-1-cpo-followup.md', { corpus: { passageMinChars: 5000 } }), 'duplication/shared-passage')).toEqual([]);
  });

  it('duplicate-title: the real pair of regenerated "Nvidiaの可能性とは？" posts', () => {
    const [finding] = byRule(run('2025-09-23-1-nvidia.md'), 'duplication/duplicate-title');
    // Same title, but two news items (different summaries and bodies): likely, not proven, so a warning.
    expect(finding).toMatchObject({ severity: 'warning', line: 3, endLine: 3 });
    expect(finding!.message).toContain('corpus/_posts/2025-09-20-2-nvidia.md');
    // Same title but different text: not a near duplicate.
    expect(byRule(run('2025-09-23-1-nvidia.md'), 'duplication/near-duplicate-post')).toEqual([]);
    // The earlier post is the original: it is not reported.
    expect(byRule(run('2025-09-20-2-nvidia.md'), 'duplication/duplicate-title')).toEqual([]);
  });

  it('names the other post with its URL when the site gives a permalink pattern (English messages too)', () => {
    const findings = run('2025-09-23-1-nvidia.md', { language: 'en', site: { permalink: '/:year/:month/:title/', baseUrl: 'https://blog.example' } });
    expect(byRule(findings, 'duplication/duplicate-title')[0]!.message).toContain(
      'corpus/_posts/2025-09-20-2-nvidia.md (https://blog.example/2025/09/2-nvidia/)',
    );
  });

  it('finds nothing when the corpus holds only the post itself', () => {
    expect(check(post('2025-10-12-1-nedo-republished.md'), { rules: crossPostDuplicationRules })).toEqual([]);
  });

  it('the index is built once per corpus object', () => {
    const corpus = new InMemoryCorpus(posts);
    const cfg = config();
    const first = checkPost(posts[0]!, { config: cfg, rules: crossPostDuplicationRules, corpus });
    // A post added to the same corpus object later is not seen: the memo is per object, by design.
    corpus.add(parsePost('late.md', posts[0]!.text));
    expect(checkPost(posts[0]!, { config: cfg, rules: crossPostDuplicationRules, corpus })).toEqual(first);
  });

  it('seeds: distinct posts raise no cross-post finding among themselves', () => {
    const seeds = SEEDS.map((_, i) => seed(i));
    const { findings } = checkPosts(seeds, config(), [], crossPostDuplicationRules);
    expect(findings).toEqual([]);
  });

  it.runIf(hasShared)('clean-en: no error or warning among the 102 Jekyll posts; the templated release-note pairs are info (needs ../shared)', () => {
    const files = readdirSync(CLEAN_EN).filter((f) => /\.(md|markdown)$/.test(f));
    const clean = files.map((f) => readPost(join(CLEAN_EN, f), `clean-en/${f}`));
    expect(clean.length).toBeGreaterThan(100);
    const { findings } = checkPosts(clean, config(), [], crossPostDuplicationRules);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // Series, not copies: 1.0.4/1.1.2 were announced the same day with the same text (both reported, as
    // neither came first), and the 4.0 beta1 notes repeat most of the earlier alpha1 notes (reported on
    // the later one only).
    expect(findings.map((f) => `${f.path.replace('clean-en/', '')} ${f.rule} ${f.severity}`).sort()).toEqual([
      '2013-07-25-jekyll-1-0-4-released.markdown duplication/near-duplicate-post info',
      '2013-07-25-jekyll-1-1-2-released.markdown duplication/near-duplicate-post info',
      '2019-08-04-jekyll-4-0-0-pre-beta1-released.markdown duplication/near-duplicate-post info',
    ]);
    expect(findings[0]!.message).toMatch(/same series/);
  });
});

describe('the old repository/* ids still name these rules', () => {
  it('a disable comment naming the old family or an old id switches them off', () => {
    const republished = readFileSync(join(__dirname, '../../fixtures/corpus/_posts/2025-10-12-1-nedo-republished.md'), 'utf8');
    const name = 'corpus/_posts/2025-10-12-1-nedo-republished.md';
    const others = posts.filter((p) => p.path !== name);
    const run = (text: string) => check(parsePost(name, text), { rules: crossPostDuplicationRules, corpus: others });
    expect(byRule(run(republished), 'duplication/near-duplicate-post')).toHaveLength(1);
    expect(run(`${republished}\n<!-- editorial-review-disable-file repository -->\n`)).toEqual([]);
    expect(run(`${republished}\n<!-- editorial-review-disable-file repository/near-duplicate-post -->\n`)).toEqual([]);
  });

  it('fingerprints hash the first id, so comments and baselines made before the rename still match', () => {
    const lines = parsePost('a.md', '---\ntitle: x\n---\n\nbody\n').lines;
    const at = { path: 'a.md', line: 2, endLine: 2 };
    expect(fingerprint({ ...at, rule: 'duplication/shared-passage' }, lines)).toBe(fingerprint({ ...at, rule: 'repository/shared-passage' }, lines));
    expect(fingerprint({ ...at, rule: 'duplication/exact-repeat' }, lines)).not.toBe(fingerprint({ ...at, rule: 'duplication/shared-passage' }, lines));
  });
});
