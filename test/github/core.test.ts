import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { Finding } from '../../src/core/finding.js';
import { escapeMarkdown, fenced, fenceFor, markersIn } from '../../src/review/markdown.js';
import { hunkContaining, parsePatch } from '../../src/review/patch.js';
import { findingKeys, planReview, type PlanInput, type ReviewedFile } from '../../src/review/plan.js';
import { parsePost } from '../../src/post/parse.js';

// A real GitHub patch shape: two hunks, a deletion, a context line, no newline at the end.
const PATCH = [
  '@@ -1,4 +1,5 @@',
  ' ---',
  '-title: old',
  '+title: "# Heading as title"',
  '+date: 2025-01-01',
  ' ---',
  ' ',
  '@@ -20,3 +21,4 @@ Some context',
  ' line 21',
  '+line 22 added',
  '+line 23 added',
  ' line 24',
  '\\ No newline at end of file',
].join('\n');

describe('parsePatch', () => {
  it('gives the RIGHT-side line range of each hunk and its added lines', () => {
    const hunks = parsePatch(PATCH);
    expect(hunks).toEqual([
      { start: 1, end: 5, added: [2, 3] },
      { start: 21, end: 24, added: [22, 23] },
    ]);
    expect(hunkContaining(hunks, 2, 5)).toBe(hunks[0]);
    expect(hunkContaining(hunks, 5, 21)).toBeUndefined(); // across hunks: not one comment
    expect(hunkContaining(hunks, 10, 10)).toBeUndefined(); // between hunks
  });

  it('a deletion-only hunk has no RIGHT-side line; no patch means nothing commentable', () => {
    expect(parsePatch('@@ -3,2 +2,0 @@\n-a\n-b')).toEqual([]);
    expect(parsePatch(undefined)).toEqual([]);
    expect(parsePatch('@@ -0,0 +1 @@\n+only line')).toEqual([{ start: 1, end: 1, added: [1] }]);
  });
});

describe('markdown safety', () => {
  it('a post cannot ping people or inject HTML through our text', () => {
    const text = escapeMarkdown('ask @octocat and @github/security <img src=x onerror=alert(1)> & more');
    expect(text).not.toMatch(/@[a-z]/);
    expect(text).not.toContain('<img');
    expect(text).toContain('&lt;img');
  });

  it('a suggestion fence is longer than any backtick run in the replacement', () => {
    expect(fenceFor('plain')).toBe('```');
    expect(fenceFor('a ``` b ```` c')).toBe('`````');
    const block = fenced('suggestion', '```js\ncode\n```');
    expect(block.startsWith('````suggestion\n')).toBe(true);
    expect(block.endsWith('\n````')).toBe(true);
    expect(fenced('suggestion', '')).toBe('```suggestion\n```');
  });
});

const TEXT = ['---', 'title: "# Heading as title"', 'date: 2025-01-01', '---', '', ...Array.from({ length: 20 }, (_, i) => `line ${i + 6}`)].join('\n') + '\n';

function finding(partial: Partial<Finding> & Pick<Finding, 'line'>): Finding {
  return { path: '_posts/a.md', rule: 'test/rule', category: 'front-matter', severity: 'error', endLine: partial.line, message: 'msg', ...partial };
}

function input(findings: Finding[], extra: Partial<PlanInput> = {}, file: Partial<ReviewedFile> = {}): PlanInput {
  const post = parsePost('_posts/a.md', TEXT);
  return {
    headSha: 'a'.repeat(40),
    files: [{ path: '_posts/a.md', status: 'modified', hunks: parsePatch(PATCH), hasPatch: true, post, ...file }],
    findings,
    config: configSchema.parse({}),
    previousComments: [],
    previousBodyKeys: new Set(),
    changedPaths: new Set(['_posts/a.md']),
    ...extra,
  };
}

describe('planReview', () => {
  it('anchors inside a hunk with a suggestion; outside the diff goes to the body and annotations only', () => {
    const inside = finding({ line: 2, message: 'title starts with #', fix: { line: 2, endLine: 2, replacement: 'title: "Heading as title"' } });
    const multi = finding({ line: 22, endLine: 23, rule: 'test/multi' });
    const across = finding({ line: 5, endLine: 21, rule: 'test/across' });
    const outside = finding({ line: 10, rule: 'test/outside', severity: 'warning' });
    const plan = planReview(input([inside, multi, across, outside]));
    const comments = plan.review!.comments;
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatchObject({ path: '_posts/a.md', line: 2, side: 'RIGHT' });
    expect(comments[0]!.start_line).toBeUndefined();
    expect(comments[0]!.body).toContain('```suggestion\ntitle: "Heading as title"\n```');
    // Each comment names its rule and links to the rule's documentation (config `ruleDocs`).
    expect(comments[0]!.body).toContain('[`test/rule`](https://github.com/editorial-review/editorial-review/blob/main/docs/rules/test/rule.md)');
    expect(comments[1]).toMatchObject({ start_line: 22, line: 23, start_side: 'RIGHT' });
    expect(plan.review!.body).toContain('test/across');
    expect(plan.review!.body).toContain('test/outside');
    expect(plan.annotations.map((a) => a.title).sort()).toEqual(['test/across', 'test/multi', 'test/outside', 'test/rule']);
    expect(plan.checkRun.conclusion).toBe('failure');
    expect(plan.stats).toMatchObject({ comments: 2, suggestions: 1, outsideDiff: 2 });
  });

  it('never suggests the current text, and overlapping fixes give one suggestion (as the fix engine would)', () => {
    const same = finding({ line: 22, rule: 'test/same', fix: { line: 22, endLine: 22, replacement: 'line 22' } });
    const a = finding({ line: 2, endLine: 3, rule: 'test/a', fix: { line: 2, endLine: 3, replacement: 'x' } });
    const b = finding({ line: 3, rule: 'test/b', fix: { line: 3, endLine: 3, replacement: 'y' } });
    const plan = planReview(input([same, a, b]));
    const bodies = plan.review!.comments.map((c) => c.body);
    expect(bodies.filter((body) => body.includes('```suggestion'))).toHaveLength(1);
    expect(bodies.find((body) => body.includes('test/same'))).not.toContain('```suggestion');
    expect(bodies.find((body) => body.includes('test/b'))).toContain('overlapping another suggestion');
  });

  it('caps comments and summarises the rest with a count; neutral conclusion when configured', () => {
    const many = [2, 3, 21, 22, 23, 24].map((line) => finding({ line, rule: `test/r${line}` }));
    const plan = planReview(
      input(many, { config: configSchema.parse({ review: { maxComments: 2, conclusionOnErrors: 'neutral', requestChangesOnErrors: true } }) }),
    );
    expect(plan.review!.event).toBe('REQUEST_CHANGES');
    expect(plan.review!.comments).toHaveLength(2);
    expect(plan.review!.body).toContain('4 more findings not shown as comments (limit 2');
    expect(markersIn(plan.review!.body)).toHaveLength(4);
    expect(plan.checkRun.conclusion).toBe('neutral');
  });

  it('does not repeat a finding already commented (same text, other line) and minimises comments whose finding is gone', () => {
    const f = finding({ line: 22, rule: 'test/kept' });
    const [key] = findingKeys([f], new Map([['_posts/a.md', parsePost('_posts/a.md', TEXT)]]));
    const previousComments = [
      { key: key!, path: '_posts/a.md', nodeId: 'KEPT' },
      { key: '0123456789abcdef', path: '_posts/a.md', nodeId: 'GONE' },
      { key: 'fedcba9876543210', path: '_posts/removed-from-pr.md', nodeId: 'VANISHED' },
    ];
    const plan = planReview(input([f], { previousComments }));
    expect(plan.review).toBeNull();
    expect(plan.minimize.sort()).toEqual(['GONE', 'VANISHED']);
    // The fingerprint ignores the line number: the same text moved down keeps its key.
    const moved = parsePost('_posts/a.md', TEXT.replace('---\n\n', '---\n\nnew line\n'));
    expect(findingKeys([{ ...f, line: 23, endLine: 23 }], new Map([['_posts/a.md', moved]]))).toEqual([key]);
  });

  it('a file without a patch yields annotations and body lines, never comments; escaping applies to messages', () => {
    const f = finding({ line: 2, message: 'cc @octocat <b>bold</b>' });
    const plan = planReview(input([f], {}, { hunks: [], hasPatch: false, note: 'GitHub shows no diff for this file (too large)' }));
    expect(plan.review!.comments).toEqual([]);
    expect(plan.review!.body).toContain('@\u200boctocat &lt;b&gt;');
    expect(plan.checkRun.output.summary).toContain('GitHub shows no diff');
  });
});
