import { describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fake-github/server.js';
import { deliver, pullRequestPush, setUpGitHub, tearDownGitHub, type GitHubFixture, type StartOptions } from './harness.js';
import { DEFECTIVE } from './posts.js';

/**
 * The per-run budget (changed posts, bytes, seconds): beyond it the App reviews what fits and says, in the
 * review and the check run, what it left out; it never fails or hangs on a large pull request.
 */

async function prWith(posts: number, budget: StartOptions['budget']): Promise<GitHubFixture> {
  const fixture = await setUpGitHub({ budget });
  fixture.repo.commit({ 'README.md': '# blog\n' });
  fixture.repo.checkout('pr', true);
  fixture.repo.commit(Object.fromEntries(Array.from({ length: posts }, (_, i) => [`_posts/2024-01-01-p${i}.md`, DEFECTIVE(i)])));
  await deliver(fixture.app, 'pull_request', pullRequestPush(fixture));
  return fixture;
}

const text = (fake: FakeGitHub) => ({ review: fake.reviews[0]?.body ?? '', check: fake.checkRuns[0]?.output.summary ?? '' });

describe('the per-run budget', () => {
  it('over the changed-posts budget: the first posts are reviewed, the review and the check run say how many were not', async () => {
    const f = await prWith(5, { maxPosts: 3 });
    try {
      expect(f.fake.violations).toEqual([]);
      expect(new Set(f.fake.comments.map((c) => c.path)).size).toBe(3);
      const { review, check } = text(f.fake);
      expect(review).toContain('**Partial review**');
      expect(review).toContain('2 of 5 changed posts were not reviewed');
      expect(check).toContain('2 of 5 changed posts were not reviewed');
    } finally {
      await tearDownGitHub(f);
    }
  });

  it('over the bytes budget: the posts read so far are reviewed, the rest are named as not read', async () => {
    const f = await prWith(12, { maxBytes: 1 });
    try {
      const { review } = text(f.fake);
      expect(review).toMatch(/\d+ of 12 changed posts were not read: the review reads at most 1 bytes/);
      expect(f.fake.comments.length).toBeGreaterThan(0);
    } finally {
      await tearDownGitHub(f);
    }
  });

  it('over the time budget: the check stops, what was checked is reviewed, the rest is named', async () => {
    const f = await prWith(6, { maxSeconds: 1e-9 });
    try {
      expect(f.fake.violations).toEqual([]);
      const { check } = text(f.fake);
      expect(check).toContain('6 of 6 posts were not checked');
      expect(f.fake.checkRuns).toHaveLength(1);
    } finally {
      await tearDownGitHub(f);
    }
  });
});
