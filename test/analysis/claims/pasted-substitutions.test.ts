import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePasted, type PastedOptions } from '../../../src/analysis/claims/pasted.js';
import { emptyCorpus } from '../../../src/analysis/corpus/summary.js';
import { parsePost } from '../../../src/post/parse.js';
import { itOnEveryRealPost } from '../../helpers.js';

/**
 * The pasted-figure detector searches a body unit for a configured substitution only when the post text
 * holds the phrase's key character (or a full-width form of it) in the unit's span. It must find what the
 * search of every unit finds, on every real post (the seeds and the site bundle's head, ai-blog-system,
 * MIT; clean-en, MIT; the vim-jp posts, CC BY 4.0; the Prometheus posts, Apache-2.0) and on generated posts,
 * with the default phrases (key `%`) and phrases keyed by a digit, a letter, `¥`, kana and kanji.
 */
const OPTIONS: PastedOptions[] = [
  { substitutions: { '300%の': '大幅な', '75%以上の企業': '多くの企業', '年率25%以上の成長': '高い成長' }, recurringMinPosts: 2 },
  {
    substitutions: { '２０２５年': 'ことし', 'の企業': 'x', AI: '人工知能', '¥1': '一円', 'ｔｅ': 'T', 'の 企業': 'y', '  ': 'blank', '1.5': 'one and a half' },
    recurringMinPosts: 2,
  },
];

function expectSameDetections(path: string, text: string): number {
  let compared = 0;
  for (const options of OPTIONS) {
    const expected = computePasted(parsePost(path, text), options, emptyCorpus(), false);
    expect(computePasted(parsePost(path, text), options, emptyCorpus()), path).toEqual(expected);
    compared += expected.length;
  }
  return compared;
}

describe('claims: the key-character gate of the substitution search', () => {
  itOnEveryRealPost('finds what searching every unit finds', expectSameDetections, { real: 100, siteHead: 10_000 });

  const piece = fc.constantFrom(
    '300%の', '300％の', '３００％の', '75%以上の企業', '年率25%以上の成長', '2025年', '２０２５年', 'の企業', 'の　企業', 'の 企業', 'AI', 'ＡＩ',
    '¥1', '￥１', 'te', 'ｔｅ', '1.5', '１．５', '%', '％', ' ', '　', '\n', '\n\n', '- ', '> ', '1. ', '`300%の`', '`AI`', '{% x %}', '{{ 75%以上の企業 }}',
    '[75%以上の企業](https://example.com/300%の)', '<b>AI</b>', '**', '_', 'の', '企業', '年', '3', '0', '.', 'あ',
  );
  it('finds what searching every unit finds, on generated posts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 2 })), { maxLength: 16 }), (parts) => {
        expectSameDetections('generated.md', `---\ntitle: t\n---\n\n${parts.join('')}\n`);
      }),
      { numRuns: 2000 },
    );
  });
});
