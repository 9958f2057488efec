import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { checkPosts } from '../../src/lint/run.js';
import { fixUntilStable, MAX_FIX_PASSES, splitLines } from '../../src/lint/fix-until-stable.js';
import { parsePost } from '../../src/post/parse.js';
import type { Post } from '../../src/post/post.js';
import { defineRule } from '../../src/rules/rule.js';
import { seed } from '../helpers.js';

const config = defaultConfig();

/**
 * A cross-post rule for the test: deletes the first body line that another post of the corpus also
 * has, one per check, so removing several takes several passes and each pass needs the other posts.
 */
const sharedLine = defineRule({
  id: 'test/shared-line',
  category: 'duplication',
  defaultSeverity: 'warning',
  description: { en: 'a line another post also has', ja: '他の記事と同じ行' },
  messages: { shared: { en: 'shared', ja: '共有' } },
  check({ post, corpus }) {
    const elsewhere = new Set<string>();
    for (const other of corpus.summaries()) {
      if (other.path !== post.path) for (const line of splitLines(other.blobText())) if (line.trim()) elsewhere.add(line);
    }
    for (let line = post.bodyLine; line <= post.lines.count; line++) {
      const text = post.lines.line(line);
      if (text.trim() && elsewhere.has(text)) return [{ line, messageId: 'shared', fix: { line, endLine: line, replacement: '' } }];
    }
    return [];
  },
});

// Two lines of seed 000 (test/fixtures/seeds, nullponull/ai-blog-system, MIT), pasted into two posts.
const BOILERPLATE = ['**技術的な視点から深掘りしてみよう。**', '### 過去20年、AIとクラウドの進化を傍らで見てきたからこそ'];
const post = parsePost('_posts/2025-01-01-a.md', ['---', 'title: A', '---', 'はじめに。', ...BOILERPLATE, 'おわりに。', ''].join('\n'));
const other = parsePost('_posts/2025-01-02-b.md', ['---', 'title: B', '---', ...BOILERPLATE, ''].join('\n'));

describe('fixUntilStable (the one fix pipeline: check --fix, suggestions, rule tester)', () => {
  it('re-checks every pass with the caller’s corpus context, so cross-post fixes settle like the first check', () => {
    const recheck = (posts: Post[]) => checkPosts(posts, config, [other], [sharedLine]).findings;
    const first = recheck([post]);
    expect(first).toHaveLength(1);
    const seen: string[][] = [];
    const result = fixUntilStable([post], first, (posts) => {
      seen.push(posts.map((p) => p.text));
      return recheck(posts);
    });
    expect(result.texts.get(post.path)).toBe('---\ntitle: A\n---\nはじめに。\nおわりに。\n');
    expect(result.passes).toBe(2);
    expect(result.applied).toBe(2);
    expect(result.unstable).toBe(false);
    expect(result.findings).toEqual([]);
    // Each re-check saw the text the previous pass wrote.
    expect(seen[0]).toEqual(['---\ntitle: A\n---\nはじめに。\n' + BOILERPLATE[1] + '\nおわりに。\n']);
    // Without the other posts the second shared line is never seen: the App's old later passes.
    const alone = fixUntilStable([post], first, (posts) => checkPosts(posts, config, [], [sharedLine]).findings);
    expect(alone.texts.get(post.path)).toContain(BOILERPLATE[1]);
  });

  it('tracks where each final line came from, and which findings removed the original ones', () => {
    const result = fixUntilStable([post], checkPosts([post], config, [other], [sharedLine]).findings, (posts) =>
      checkPosts(posts, config, [other], [sharedLine]).findings,
    );
    const file = result.files.get(post.path)!;
    expect(file.changed).toBe(true);
    expect(file.lines.map((l) => l.origin)).toEqual([1, 2, 3, 4, 7]);
    expect([...file.removedBy.keys()]).toEqual([5, 6]);
    // The second pass's finding has an identity key against the text it was found in.
    expect(result.laterKeys.size).toBe(1);
  });

  it('fixes a real seed in several passes with every rule, and the result is stable', () => {
    // Seed 001: its later passes find what the first pass's fixes reveal. (Seed 000 now converges in one:
    // its cut title's heading is reported as the title repeated in the first pass.)
    const post = seed(1);
    const recheck = (posts: Post[]) => checkPosts(posts, config).findings;
    const result = fixUntilStable([post], recheck([post]), recheck);
    expect(result.passes).toBeGreaterThanOrEqual(2);
    const again = recheck([parsePost(post.path, result.texts.get(post.path)!)]);
    expect(again.filter((f) => f.fix)).toEqual(result.findings.filter((f) => f.fix));
    expect(fixUntilStable(result.posts, result.findings, recheck).passes).toBe(0);
    expect(result.files.get(post.path)!.lines.map((l) => l.text).join('\n') + '\n').toBe(result.texts.get(post.path));
  });

  it('stops after MAX_FIX_PASSES and says so when a fix never settles', () => {
    const grows = defineRule({
      id: 'test/grows',
      category: 'truncation',
      defaultSeverity: 'warning',
      description: { en: 'always', ja: '常に' },
      messages: { grows: { en: 'x', ja: 'x' } },
      check: ({ post }) => [{ line: 1, messageId: 'grows', fix: { line: 1, endLine: 1, replacement: `${post.lines.line(1)}x` } }],
    });
    const recheck = (posts: Post[]) => checkPosts(posts, config, [], [grows]).findings;
    const result = fixUntilStable([post], recheck([post]), recheck);
    expect(result.unstable).toBe(true);
    expect(result.passes).toBe(MAX_FIX_PASSES);
    expect(result.texts.get(post.path)!.split('\n')[0]).toBe('---' + 'x'.repeat(MAX_FIX_PASSES));
  });
});
