import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFoldedNumbers, readFigures } from '../../../src/analysis/claims/extract.js';
import { claimsOf } from '../../../src/analysis/claims/post-claims.js';
import { foldWidth } from '../../../src/analysis/claims/width.js';
import { parsePost } from '../../../src/post/parse.js';
import { itOnEveryRealPost } from '../../helpers.js';

/**
 * The figure reader looks for its anchors only at characters that can start one (a pre-scan by code
 * unit) instead of running the anchor regex at every character: it must read the same figures, with the
 * same spans and values, as the regex alone. Held on every scanned unit of real posts (the seeds and the
 * site bundle's head, ai-blog-system, MIT; clean-en, MIT; the vim-jp posts, CC BY 4.0; the Prometheus
 * posts, Apache-2.0) and on generated strings made of the characters around the anchors.
 */
function expectSameFigures(text: string, where: string): number {
  const folded = foldWidth(text);
  const expected = extractFoldedNumbers(folded, Infinity, false);
  expect(extractFoldedNumbers(folded), where).toEqual(expected);
  // Read unfolded until a character folds: the same folded text and figures, with or without a limit.
  expect(readFigures(text), where).toEqual({ folded, figures: expected });
  for (const limit of [0, 1, 2]) {
    expect(readFigures(text, limit), `${where} (limit ${limit})`).toEqual({ folded, figures: extractFoldedNumbers(folded, limit, false) });
  }
  return expected.length;
}

function figuresOfPost(path: string, source: string): number {
  let figures = 0;
  for (const unit of claimsOf(parsePost(path, source)).units) {
    expect(unit.folded, path).toBe(foldWidth(unit.source));
    figures += expectSameFigures(unit.source, `${path}:${unit.line}`);
  }
  return figures;
}


describe('claims: the anchor pre-scan of the figure reader', () => {
  itOnEveryRealPost('reads the figures the anchor regex reads', figuresOfPost, { real: 100, siteHead: 10_000 });

  // Pieces next to each anchor's first characters, anchors and not.
  const piece = fc.constantFrom(
    '20%', '２０％', '3〜5割', '1兆5000億円', '$3.2B', 'US$5', '¥100', '€3', '£2', '#1', '#1040', 'a#1', 'No.1', 'No. 2',
    'twice as', 'twice the', 'doubled', 'redoubled', '_doubled', 'halving', 'tripled', 'quadrupled', 'double the', 'the', 'do', 'h',
    '倍増', '2倍増', '数倍増', '半減', '三倍', '十五割', '一般', '二十', '九割', 'H100', 'v1.2', '1.0.3', '2025年12月30日', '12月',
    '2025-12-30', '5G', '8B', ' million', ' users', '-', ' to ', 'から', 'x', 'N', 'U', 'S$', ' ', '\n', 'あ', '漢', 'q', 't', 'd',
    // Characters foldWidth changes, next to where a figure's reader looks ahead.
    '　', '％', '＄', '￥', '＋', '－', '．', '，', '／', '０', '１２', 'Ｂ', 'ｘ', 'Ｘ', 'ｍｉｌｌｉｏｎ', '　ｔｏ　', 'ｖ', 'ｕｓｅｒｓ', '～', '〜', 'ｔｗｉｃｅ ａｓ',
  );
  it('reads the same figures as the anchor regex on generated text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 2 })), { maxLength: 12 }), (parts) => {
        expectSameFigures(parts.join(''), JSON.stringify(parts.join('')));
      }),
      { numRuns: 3000 },
    );
  });
});
