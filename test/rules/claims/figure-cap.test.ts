import { describe, expect, it } from 'vitest';
import { MAX_CLAIMS_PER_POST, claimsOf } from '../../../src/analysis/claims/post-claims.js';
import { parsePost } from '../../../src/post/parse.js';
import { byRule, check, seed } from '../../helpers.js';

describe('figures read per post are bounded', () => {
  it('stops reading after the cap and says where, as a warning', () => {
    const paragraphs = Array.from({ length: 120 }, (_, i) => `売上は${Array.from({ length: 20 }, (_, j) => `${i + j}%`).join('、')}増えた。`);
    const post = parsePost('_posts/2025-01-01-figures.md', `---\ntitle: "数値だらけ"\n---\n\n${paragraphs.join('\n\n')}\n`);
    const { claims, cappedAtLine } = claimsOf(post);
    expect(claims).toHaveLength(MAX_CLAIMS_PER_POST);
    // 20 figures per paragraph, one paragraph every 2 lines from line 5: figure 2001 is in paragraph 101.
    expect(cappedAtLine).toBe(5 + 2 * 100);
    const notice = byRule(check(post), 'claims/unsourced').filter((f) => f.message.includes(String(MAX_CLAIMS_PER_POST)));
    expect(notice).toMatchObject([{ line: 205, severity: 'warning' }]);
  });

  it('never touches a real post', () => {
    for (const n of [0, 1, 2, 3, 4]) expect(claimsOf(seed(n)).cappedAtLine).toBeUndefined();
  });
});
