import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figureBound, readFigures } from '../../../src/analysis/claims/extract.js';
import { MAX_CLAIMS_PER_POST, bodyPercentClaims, claimsOf, type Claim } from '../../../src/analysis/claims/post-claims.js';
import { parsePost } from '../../../src/post/parse.js';
import { itOnEveryRealPost } from '../../helpers.js';

/**
 * The first pass reads only the units where a percentage can be (`bodyPercentClaims`, for the figure
 * phrases of the summary): it must give the body's percentages of the full claims, claim for claim, on every
 * real post (the seeds and the site bundle's head, ai-blog-system, MIT; clean-en, MIT; the vim-jp posts,
 * CC BY 4.0; the Prometheus posts, Apache-2.0) and on made-up posts at the claims cap.
 */
const bodyPercent = (claims: Claim[]) => claims.filter((c) => c.kind === 'percent' && c.place === 'body');

function expectSamePercentages(path: string, text: string): number {
  const full = bodyPercent(claimsOf(parsePost(path, text)).claims);
  expect(bodyPercentClaims(parsePost(path, text)), path).toEqual(full);
  return full.length;
}

/** The bound and the percentage cue of `figureBound` hold for what the reader reads from `text`. */
function expectBoundHolds(text: string, where: string): void {
  const { figures } = readFigures(text);
  const { max, percent } = figureBound(text, 0, text.length);
  expect(max, where).toBeGreaterThanOrEqual(figures.length);
  if (figures.some((f) => f.kind === 'percent')) expect(percent, where).toBe(true);
}

describe('claims: the body’s percentages read alone (the summary’s figure phrases)', () => {
  itOnEveryRealPost('are those of the full claims', expectSamePercentages, { real: 10, siteHead: 3000 });

  it('are those of the full claims at the cap: none past it, every one before it', () => {
    const many = (figure: string, n: number) => Array.from({ length: n }, (_, i) => `${figure.replace('N', String(i + 1))}`).join('、');
    // The figures of the first paragraph (no percentage there) reach the cap before the second's 75%.
    const capped = `---\ntitle: t\n---\n\n${many('N件', MAX_CLAIMS_PER_POST + 5)}\n\n75%以上の企業が導入した。\n`;
    expect(claimsOf(parsePost('capped.md', capped)).cappedAtLine).toBe(5);
    expect(expectSamePercentages('capped.md', capped)).toBe(0);
    // Just under the cap, and percentages past it in one paragraph.
    expectSamePercentages('under.md', `${many('N件', MAX_CLAIMS_PER_POST - 2)}\n\n75%以上の企業、20%の成長。\n`);
    expectSamePercentages('percentages.md', `${many('N%の企業', MAX_CLAIMS_PER_POST + 3)}\n`);
    // Figures in the front matter count first.
    expectSamePercentages('front.md', `---\ntitle: ${many('N人', 10)}\nexcerpt: 3割\n---\n\n${many('N社', MAX_CLAIMS_PER_POST - 10)}\n\n30%の企業\n`);
  });

  it('are those of the full claims in nested blocks, code, tables and every spelling of a percentage', () => {
    const post = [
      '# 3割の企業',
      '',
      '- a 10%の企業\n  - b ２０％の企業\n\n  c 30 percent of users',
      '> e 40パーセントの企業\n> - f 5 per cent of people\n> - g 3〜5割の企業',
      '1. h `50%` 役割と割引 20 PCT of companies\n\n   ｉ ６０ｐｃｔ of users',
      '| 表 | 値 |\n|---|---|\n| 三割の人 | 1.5兆円 |',
      '```\n99%\n```',
      '{% include x.html value="10%" %} 5 million割 3M割 10%',
      '[^1]: 80%の企業',
    ].join('\n\n');
    expect(expectSamePercentages('nested.md', post)).toBeGreaterThan(8);
  });

  // Pieces next to what makes a figure and a percentage, the full-width forms included.
  const piece = fc.constantFrom(
    '20', '２０', '%', '％', '割', '役割', '三割', '十五割', '3〜5割', ' million', 'million', 'M', '万', '千', 'パーセント', 'パー', 'パ',
    ' percent', 'percent', ' per cent', 'per　cent', ' pct', 'PCT', 'ｐｃｔ', 'Ｐｅｒｃｅｎｔ', 'p', 'pe', 'per', 'twice as', 'twice the', 'doubled',
    'halving', 'tripled', 'quadrupled', 'ｔｗｉｃｅ ａｓ', '倍増', '半減', '2倍', '#1', 'No.1', '$3.2B', '¥100', '2025年12月30日', '1.0.3', ' ',
    '　', 'の企業', '〜', '-', ' to ', 'から', 'x', 'あ', '漢',
  );
  it('counts at least the figures and sees every percentage, on generated text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 2 })), { maxLength: 12 }), (parts) => {
        expectBoundHolds(parts.join(''), JSON.stringify(parts.join('')));
      }),
      { numRuns: 3000 },
    );
  });
});
