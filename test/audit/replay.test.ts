import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAudit, weekOf } from '../../src/audit/replay.js';
import { crossPostDuplicationRules } from '../../src/rules/duplication/index.js';
import { main } from '../../src/cli/main.js';
import { config, FIXTURES } from '../helpers.js';
import { TempRepo } from './helpers.js';

const fx = (name: string) => readFileSync(join(FIXTURES, 'corpus/_posts', name), 'utf8');
const nedo = fx('2025-10-09-3-nedoai.md');
const republished = fx('2025-10-12-1-nedo-republished.md');
const nvidia = fx('2025-09-20-2-nvidia.md');

// Deterministic: only the cross-post rules, so other families landing does not change the figures.
const repo = new TempRepo();
repo.write('_posts/2025-10-09-nedo.md', nedo);
const c1 = repo.commit('add nedo', '2025-10-09T10:00:00Z', 'bot');
repo.write('_posts/2025-10-12-nedo-again.md', republished);
repo.write('README.md', 'not a post');
const c2 = repo.commit('add republished copy', '2025-10-12T10:00:00Z', 'bot');
repo.write('_posts/2025-10-12-nedo-again.md', nvidia.replace('Nvidiaの可能性とは？', 'Nvidiaの次の一手'));
const c3 = repo.commit('rewrite the copy', '2025-10-14T16:00:00Z', 'human');
repo.git(['mv', '_posts/2025-10-09-nedo.md', '_posts/2025-10-09-nedo-renamed.md']);
const c4 = repo.commit('rename', '2025-10-15T10:00:00Z', 'human');
const cpo = fx('2025-09-15-2-aicpo.md');
// Published after the post whose title it repeats (its own date moved too: the later post is the repeat).
repo.write(
  '_posts/2025-10-20-same-title.md',
  cpo.replace(/^title: .*$/m, 'title: "Nvidiaの次の一手"').replace(/^date: .*$/m, 'date: 2025-10-20 10:00:00 +0000'),
);
const c5 = repo.commit('add same title', '2025-10-20T10:00:00Z', 'bot');
repo.remove('_posts/2025-10-20-same-title.md');
const c6 = repo.commit('delete it', '2025-10-21T10:00:00Z', 'human');
afterAll(() => repo.cleanup());

describe('runAudit (history replay)', () => {
  const report = runAudit({ repo: repo.dir, config: config(), rules: crossPostDuplicationRules });
  const byCommit = new Map(report.commits.map((c) => [c.sha, c]));

  it('replays every commit oldest first and checks only the posts each one changed', () => {
    expect(report.commits.map((c) => c.sha)).toEqual([c1, c2, c3, c4, c5, c6]);
    expect(report.commits.map((c) => c.postsChecked)).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('attributes the near duplicate to the commit that added the copy and the fix to the rewrite, with time to fix', () => {
    expect(byCommit.get(c2)!.introduced.map((d) => d.rule)).toEqual(['duplication/near-duplicate-post']);
    const [fixed] = byCommit.get(c3)!.fixed;
    expect(fixed).toMatchObject({ rule: 'duplication/near-duplicate-post', introducedBy: c2, hoursToFix: 54 });
  });

  it('a rename keeps the defects of the file lineage (nothing new, nothing fixed)', () => {
    expect(byCommit.get(c4)).toMatchObject({ introduced: [], fixed: [] });
  });

  it('a deleted post takes its open defects with it: removed, not fixed', () => {
    expect(byCommit.get(c5)!.introduced.map((d) => d.rule)).toEqual(['duplication/duplicate-title']);
    expect(byCommit.get(c6)).toMatchObject({ fixed: [], removedWithPost: 1 });
  });

  it('totals per rule, per author and per week add up', () => {
    const near = report.totals.byRule.find((r) => r.rule === 'duplication/near-duplicate-post')!;
    expect(near).toMatchObject({ introduced: 1, fixed: 1, open: 0, medianHoursToFix: 54 });
    expect(report.totals).toMatchObject({ commits: 6, introduced: 2, fixed: 1, open: 0, removedWithPost: 1 });
    expect(report.totals.byAuthor.find((a) => a.author === 'bot')).toMatchObject({ commits: 3, introduced: 2, fixed: 0 });
    expect(report.totals.byAuthor.find((a) => a.author === 'human')).toMatchObject({ commits: 3, introduced: 0, fixed: 1 });
    expect(report.weekly).toEqual([
      { week: '2025-10-06', byFamily: { duplication: 1 } },
      { week: '2025-10-13', byFamily: {} },
      { week: '2025-10-20', byFamily: { duplication: 1 } },
    ]);
  });

  it('--since starts from a baseline whose defects are not attributed', () => {
    const since = runAudit({ repo: repo.dir, config: config(), rules: crossPostDuplicationRules, since: '2025-10-13T00:00:00Z' });
    expect(since.baseline).toBe(c2);
    // At the baseline the copy carries the near-duplicate finding; the original, published first, does not.
    expect(since.baselineDefects).toBe(1);
    expect(since.commits.map((c) => c.sha)).toEqual([c3, c4, c5, c6]);
    expect(since.commits[0]!.fixed[0]).toMatchObject({ introducedBy: null, hoursToFix: null });
    // The renamed original is re-checked: it never carried the finding, so nothing is fixed there.
    expect(since.commits[1]!.fixed).toEqual([]);
  });

  it('weeks start on Monday (UTC)', () => {
    expect(weekOf('2025-10-12T23:00:00+09:00')).toBe('2025-10-06');
    expect(weekOf('2025-10-13T00:00:00Z')).toBe('2025-10-13');
  });

  it('the CLI writes JSON, and rejects a missing repository', async () => {
    let out = '';
    let err = '';
    const io = { stdout: (s: string) => (out += s), stderr: (s: string) => (err += s), cwd: process.cwd(), isTty: false };
    expect(await main(['audit', '--repo', repo.dir, '--quiet'], io)).toBe(0);
    const json = JSON.parse(out) as { totals: { commits: number } };
    expect(json.totals.commits).toBe(6);
    expect(await main(['audit', '--repo', join(repo.dir, 'nope')], io)).toBe(2);
    expect(err).toContain('not a git repository');
    expect(await main(['audit'], io)).toBe(2);
  });
});
