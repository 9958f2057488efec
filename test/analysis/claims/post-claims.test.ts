import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsOf, hasSource, hasTemplateOpener, headlineClaims } from '../../../src/analysis/claims/post-claims.js';
import { maskMarkdown } from '../../../src/post/mask.js';
import { parsePost } from '../../../src/post/parse.js';
import { markdownTree } from '../../../src/post/markdown-tree.js';
import { fixture, realPostSources, seed } from '../../helpers.js';

/** The claim whose text is `text` on `line`, with its position checked against the file itself. */
function claimAt(n: number, line: number, text: string) {
  const post = seed(n);
  const claim = claimsOf(post).claims.find((c) => c.line === line && c.text === text);
  expect(claim, `${text} on line ${line} of seed ${n}`).toBeDefined();
  const column = post.lines.line(line).indexOf(text) + 1;
  expect(claim).toMatchObject({ column, endLine: line, endColumn: column + text.length });
  expect(post.text.slice(claim!.offset, claim!.endOffset)).toBe(text);
  return claim!;
}

describe('claimsOf: the seeds’ numbers at their exact place', () => {
  it('000', () => {
    expect(claimAt(0, 8, '20%')).toMatchObject({ place: 'excerpt', kind: 'percent', value: 20, statistic: true });
    expect(claimAt(0, 12, '20%')).toMatchObject({ place: 'body', statistic: true });
    expect(claimAt(0, 40, '300%')).toMatchObject({ kind: 'percent', value: 300 });
    expect(claimAt(0, 20, '20年')).toMatchObject({ kind: 'count', statistic: false });
  });

  it('001, 002, 003, 004', () => {
    expect(claimAt(1, 41, '75%以上')).toMatchObject({ qualifier: 'atLeast', after: expect.stringMatching(/^の企業や開発者/) });
    expect(claimAt(1, 41, '75%以上').before).toMatch(/より$/);
    expect(claimAt(2, 8, '2.5倍')).toMatchObject({ place: 'excerpt', kind: 'multiple', value: 2.5 });
    expect(claimAt(2, 20, '300%').after).toMatch(/^の見直し/);
    expect(claimAt(2, 28, '75%以上').value).toBe(75);
    expect(claimAt(3, 14, '2倍')).toMatchObject({ kind: 'multiple', value: 2 });
    expect(claimAt(4, 3, '倍増')).toMatchObject({ place: 'title', kind: 'multiple', value: 2 });
    expect(claimAt(4, 30, '75%以上')).toMatchObject({ place: 'body' });
  });

  it('never reads the front matter date or product names as claims', () => {
    for (const n of [0, 1, 2, 3, 4]) {
      const { claims } = claimsOf(seed(n));
      expect(claims.filter((c) => c.line === 4)).toEqual([]);
      // Trainium2, H100, Inf2, GPT-2 are skipped; `Maia 100` is read as a bare number, never a statistic.
      expect(claims.some((c) => c.text === '2')).toBe(false);
      expect(claims.filter((c) => c.text === '100').every((c) => c.kind === 'number' && !c.statistic)).toBe(true);
    }
  });

  it('takes the headline from the title/excerpt, else from the lead (003: 2倍 on line 14)', () => {
    expect(headlineClaims(seed(0)).map((c) => [c.line, c.text])).toEqual([[8, '20%']]);
    expect(headlineClaims(seed(4)).map((c) => c.line)).toEqual([3, 8]);
    const lead = headlineClaims(seed(3));
    expect(lead[0]).toMatchObject({ line: 14, text: '2倍', place: 'body' });
    expect(lead.every((c) => c.text === '2倍' && c.line <= 16)).toBe(true);
    expect(headlineClaims(seed(1))).toEqual([]);
  });

  it('knows which paragraphs have a source', () => {
    const { units, hasSourceAnywhere } = claimsOf(fixture('claims/sourced.md'));
    expect(hasSourceAnywhere).toBe(true);
    const linked = units.filter((u) => u.place === 'body' && hasSource(u)).map((u) => u.line);
    expect(linked).toEqual([9, 13, 15]);
    expect(claimsOf(seed(0)).hasSourceAnywhere).toBe(false);
  });
});

describe('maskMarkdown', () => {
  it('blanks code, link destinations, URLs and images, keeping offsets and link text', () => {
    const text = '---\ntitle: t\n---\n\nSee [20% faster](https://x.com/75%) and `50%` or https://a.b/30% ![3x](i.png)[^1].\n\n[^1]: 2024\n';
    const post = parsePost('x.md', text);
    const masked = maskMarkdown(post.text, markdownTree(post));
    expect(masked.text.length).toBe(text.length);
    const line = masked.text.split('\n')[4]!;
    expect(line).toContain(' 20% faster ');
    expect(line).not.toMatch(/75%|50%|30%|3x|\^1/);
    expect(masked.sources.length).toBe(3); // the link, the bare URL (a GFM autolink) and the footnote reference
    expect(claimsOf(post).claims.map((c) => c.text)).toEqual(['20%']);
  });
});

describe('hasTemplateOpener', () => {
  const opener = (text: string) => text.includes('{%') || text.includes('{{');
  it('answers as the two searches for `{%` and `{{` did, on every unit of real posts and on generated strings', () => {
    let openers = 0;
    for (const { path, text } of realPostSources()) {
      for (const unit of claimsOf(parsePost(path, text)).units) {
        for (const source of [unit.source, unit.block?.text ?? '']) {
          if (opener(source)) openers++;
          expect(hasTemplateOpener(source), path).toBe(opener(source));
        }
      }
    }
    expect(openers).toBeGreaterThan(0);
    const tags = fc.array(fc.constantFrom('{', '}', '%', '{%', '%}', '{{', '}}', 'a', ' ', '\n', '　', '{a'), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(fc.property(fc.oneof(tags, fc.string({ maxLength: 6 })), (text) => hasTemplateOpener(text) === opener(text)));
  });
});
