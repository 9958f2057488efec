import { describe, expect, it } from 'vitest';
import { parsePost } from '../../src/post/parse.js';
import nearDuplicatePost from '../../src/rules/duplication/near-duplicate-post.js';
import { byRule, check } from '../helpers.js';

// ai-blog-system _posts/2025-10-09-3-nedoai.md lines 1-20 (MIT), as the rule's own example quotes it.
const original = nearDuplicatePost.examples!.invalid[0]!.corpus![0]!;

describe('a post that copies an earlier post whole, title included', () => {
  it('keeps the error on the post beside the finding on its title (a title finding never hides a whole-post one)', () => {
    // The pipeline published the same article again two days later: same title, same body.
    const copy = parsePost('_posts/2025-10-11-1-nedoai.md', original.text.replace('date: 2025-10-09 04:37:28 +0000', 'date: 2025-10-11 04:37:28 +0000'));
    const findings = check(copy, { corpus: [parsePost(original.path, original.text)] });
    const post = byRule(findings, 'duplication/near-duplicate-post');
    const title = byRule(findings, 'duplication/duplicate-title');
    expect(post).toHaveLength(1);
    expect(post[0]).toMatchObject({ line: 3, severity: 'error' });
    expect(title).toHaveLength(1);
    expect(title[0]!.line).toBe(3);
  });
});
