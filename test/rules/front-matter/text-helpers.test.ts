import { describe, expect, it } from 'vitest';
import { parseJekyllDate, parseJekyllPostName } from '../../../src/text/jekyll-date.js';
import { splitSentences } from '../../../src/text/sentence.js';
import { comparable, prefixOf, stripInlineMarkdown } from '../../../src/analysis/front-matter.js';

describe('Jekyll dates and post names', () => {
  it('keeps the date as written with its offset', () => {
    expect(parseJekyllDate('2025-12-30 16:44:49 +0000')).toMatchObject({ ymd: '2025-12-30', hour: 16, offsetMinutes: 0 });
    expect(parseJekyllDate('2013-05-06 02:12:52 +0200')?.offsetMinutes).toBe(120);
    expect(parseJekyllDate('2019-08-19 12:00:00 -05:00')?.offsetMinutes).toBe(-300);
    expect(parseJekyllDate('2023-01-29 18:30:22 2023 -0800')).toBeNull();
    expect(parseJekyllDate('2025-02-29')).toBeNull();
    expect(parseJekyllDate('2024-02-29')?.ymd).toBe('2024-02-29');
  });

  it('parses YYYY-MM-DD-slug.ext', () => {
    expect(parseJekyllPostName('2025-09-07-2-1132.md')).toEqual({ ymd: '2025-09-07', slug: '2-1132', ext: 'md', validDate: true });
    expect(parseJekyllPostName('000_30badf05d11e52dc.txt')).toBeNull();
  });
});

describe('sentences and title comparison', () => {
  it('splitSentences keeps decimals and quoted questions inside their sentence', () => {
    expect(splitSentences('Aidocが1.5億ドルを調達した。「本当か？」と思った。Version 2.0 is out! ok')).toEqual([
      'Aidocが1.5億ドルを調達した。',
      '「本当か？」と思った。',
      'Version 2.0 is out!',
      'ok',
    ]);
  });

  it('comparable drops voiced marks, Markdown and case; prefixOf tolerates a few dropped kana', () => {
    expect(comparable('**マルチモーダル AI**')).toBe(comparable('マルチモータル ai'));
    expect(stripInlineMarkdown('#**タイトル: NiCEとCognigy**')).toBe('NiCEとCognigy');
    const source = { text: '医療AI分野におけるデータ流通とプラットフォームの進化', line: 11, headingLike: true };
    expect(prefixOf('医療AI分野におけるデー流通とプラッ', source)?.midWord).toBe(true);
    expect(prefixOf('まったく別のタイトル', source)).toBeNull();
  });
});
