import { describe, expect, it } from 'vitest';
import { checkPost } from '../../../src/lint/check.js';
import type { Corpus, PostSummary } from '../../../src/analysis/corpus/corpus.js';
import { InMemoryCorpus } from '../../../src/analysis/corpus/summary.js';
import type { Post } from '../../../src/post/post.js';
import { Memo } from '../../../src/core/memo.js';
import recurring from '../../../src/rules/claims/recurring-statistic.js';
import pasted from '../../../src/rules/claims/pasted-statistic.js';
import { parsePost } from '../../../src/post/parse.js';
import { byRule, check, config, seed } from '../../helpers.js';

const SEEDS = [0, 1, 2, 3, 4].map(seed);

describe('claims/recurring-statistic', () => {
  it('leaves 75%以上の企業 (001, 002, 004) to claims/pasted-statistic, which rewrites it to the plain wording', () => {
    for (const [n, line] of [[1, 41], [2, 28], [4, 30]] as const) {
      const findings = check(SEEDS[n]!, { rules: [recurring, pasted], corpus: SEEDS });
      expect(byRule(findings, 'claims/recurring-statistic')).toEqual([]);
      const fix = byRule(findings, 'claims/pasted-statistic').find((f) => f.line === line)?.fix;
      expect(fix?.replacement).toContain('多くの企業');
    }
  });

  // The shape of `62%の企業`, a precise figure that recurs in ai-blog-system posts; sentences written for the test.
  const precise = [
    'In practice, 62% of companies expect a return of more than 100% on their agents.',
    'Today 62% of companies run at least one pilot.',
    'By next year 62% of companies will have changed their plans.',
  ].map((body, i) => parsePost(`_posts/2025-10-0${1 + i}-1-agents.md`, `---\ntitle: t${i}\n---\n\n${body}\n`));

  it('lists the other posts in related; a precise figure gets no fix', () => {
    const findings = byRule(check(precise[0]!, { rules: [recurring], corpus: precise }), 'claims/recurring-statistic');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 5, severity: 'warning' });
    expect(findings[0]!.related!.map((r) => [r.path, r.line])).toEqual([[precise[1]!.path, 5], [precise[2]!.path, 5]]);
    expect(findings[0]!.fix).toBeUndefined();
  });

  it('needs recurringMinPosts other posts', () => {
    const two = [precise[0]!, precise[1]!];
    expect(check(precise[0]!, { rules: [recurring], corpus: two })).toEqual([]);
    const loose = check(precise[0]!, { rules: [recurring], corpus: two, config: { claims: { recurringMinPosts: 1 } } });
    expect(loose.map((f) => f.line)).toEqual([5]);
    expect(check(precise[0]!, { rules: [recurring] })).toEqual([]);
  });

  it('reads the corpus once however many posts are checked (per-corpus memo)', () => {
    let reads = 0;
    const inner = new InMemoryCorpus(SEEDS);
    const counting: Corpus = {
      memo: new Memo(),
      get size() {
        return inner.size;
      },
      summaries(): Iterable<PostSummary> {
        reads++;
        return inner.summaries();
      },
    };
    const cfg = config();
    for (let round = 0; round < 3; round++) for (const post of SEEDS) checkPost(post, { config: cfg, rules: [recurring], corpus: counting });
    expect(reads).toBe(1);
  });
});
