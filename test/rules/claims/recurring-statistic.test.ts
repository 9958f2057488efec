import { describe, expect, it } from 'vitest';
import { checkPost } from '../../../src/lint/check.js';
import { InMemoryRepository, type Repository } from '../../../src/post/repository.js';
import type { Post } from '../../../src/post/post.js';
import { Memo } from '../../../src/core/memo.js';
import recurring from '../../../src/rules/claims/recurring-statistic.js';
import { byRule, check, config, seed } from '../../helpers.js';

const SEEDS = [0, 1, 2, 3, 4].map(seed);

describe('claims/recurring-statistic', () => {
  it('finds 75%以上の企業 in 001, 002 and 004 when the seeds are checked together, listing the others', () => {
    const expected: Record<number, [number, number[]]> = { 1: [41, [2, 4]], 2: [28, [1, 4]], 4: [30, [1, 2]] };
    for (const [n, [line, others]] of Object.entries(expected)) {
      const findings = byRule(check(SEEDS[+n]!, { rules: [recurring], others: SEEDS }), 'claims/recurring-statistic');
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ line, severity: 'warning' });
      expect(findings[0]!.message).toContain('75%以上の企業');
      expect(findings[0]!.related!.map((r) => r.path)).toEqual(others.map((o) => SEEDS[o]!.path));
      expect(findings[0]!.related!.map((r) => r.line)).toEqual(others.map((o) => expected[o]![0]));
    }
    expect(byRule(check(SEEDS[0]!, { rules: [recurring], others: SEEDS }), 'claims/recurring-statistic')).toEqual([]);
  });

  it('needs recurringMinPosts other posts', () => {
    const two = [SEEDS[1]!, SEEDS[4]!];
    expect(check(SEEDS[4]!, { rules: [recurring], others: two })).toEqual([]);
    const loose = check(SEEDS[4]!, { rules: [recurring], others: two, config: { claims: { recurringMinPosts: 1 } } });
    expect(loose.map((f) => f.line)).toEqual([30]);
    expect(check(SEEDS[4]!, { rules: [recurring] })).toEqual([]);
  });

  it('reads the repository once however many posts are checked (per-repository memo)', () => {
    let reads = 0;
    const inner = new InMemoryRepository(SEEDS);
    const counting: Repository = {
      memo: new Memo(),
      get size() {
        return inner.size;
      },
      posts(): Iterable<Post> {
        reads++;
        return inner.posts();
      },
    };
    const cfg = config();
    for (let round = 0; round < 3; round++) for (const post of SEEDS) checkPost(post, { config: cfg, rules: [recurring], repository: counting });
    expect(reads).toBe(1);
  });
});
