import { describe, expect, it } from 'vitest';
import { publishedAt, SeriesIndex, titleTemplate } from '../../../src/analysis/corpus/series.js';

// Titles of real posts: vim-jp.org `_posts/` (CC BY 4.0), Jekyll `docs/_posts/` (MIT), the Prometheus
// blog (Apache-2.0) and ai-blog-system `_posts/` (MIT).
const corpus = (titles: string[]): SeriesIndex => {
  const index = new SeriesIndex();
  for (const t of titles) index.add(t);
  return index;
};

describe('titleTemplate', () => {
  it('masks version and issue numbers, and folds a list of them into one mask', () => {
    expect(titleTemplate('Vim Magazine 3 月号')).toBe(titleTemplate('Vim Magazine 12 月号'));
    expect(titleTemplate('Jekyll 4.0.0.pre.alpha1 Released')).toBe(titleTemplate('Jekyll 4.0.0.pre.beta1 Released'));
    expect(titleTemplate('MacOSX 10.6/10.7/10.8 7.3.633 リリース')).toBe(titleTemplate('MacOSX 10.7/10.8 7.3.756 リリース'));
    expect(titleTemplate('マルチモーダルAI技術が急進展')).toBe('マルチモーダルai技術が急進展');
  });

  it('stays linear on a long run of letters', () => {
    expect(titleTemplate(`${'a'.repeat(200_000)}1`)).toBe('\u0000');
  });
});

describe('SeriesIndex.sameSeries', () => {
  const index = corpus(['Vim Magazine 3 月号', 'Vim Magazine 4 月号', 'AI市場、前年比200%の急成長']);

  it('two versions, two months, two platforms lists of one release note are one series', () => {
    expect(index.sameSeries('Jekyll 1.0.4 Released', 'Jekyll 1.1.2 Released')).toBe(true);
    expect(index.sameSeries('Windows 32ビット 7.3.715 リリース', 'Windows 32ビット/64ビット 7.3.725 リリース')).toBe(true);
    expect(index.sameSeries('VimConf 2025 Small の登壇者を募集します', 'VimConf 2024 の登壇者を募集します')).toBe(true);
  });

  it('a pre-release and the release of one version are one series', () => {
    expect(index.sameSeries('Vim 7.4a ベータ版リリース', 'Vim 7.4 released!')).toBe(true);
    expect(index.sameSeries('Prometheus 3.0 Beta Released', 'Announcing Prometheus 3.0')).toBe(true);
    expect(index.sameSeries('Announcing Prometheus 3.0', 'Prometheus 3.0 in production')).toBe(false);
  });

  it('one title twice is a series only when the corpus has its template with other numbers', () => {
    expect(index.sameSeries('Vim Magazine 3 月号', 'Vim Magazine 3 月号')).toBe(true);
    expect(index.sameSeries('AI市場、前年比200%の急成長', 'AI市場、前年比200%の急成長')).toBe(false);
    expect(index.sameSeries('マルチモーダルAI技術が急進展', 'マルチモーダルAI技術が急進展')).toBe(false);
  });

  it('titles without numbers are never a series', () => {
    expect(index.sameSeries('Nvidiaの可能性とは？', 'Nvidiaの次の一手')).toBe(false);
  });
});

describe('publishedAt', () => {
  it('reads the front-matter date with its offset, else the file name', () => {
    expect(publishedAt('_posts/x.md', { date: '2025-10-21 20:37:10 +0000' })).toBe(Date.UTC(2025, 9, 21, 20, 37, 10));
    expect(publishedAt('_posts/x.md', { date: '2025-10-22 05:37:10 +0900' })).toBe(Date.UTC(2025, 9, 21, 20, 37, 10));
    expect(publishedAt('blog/posts/2016-03-03-custom-alertmanager-templates.md', { title: 'x' })).toBe(Date.UTC(2016, 2, 3));
    expect(publishedAt('about.md', undefined)).toBeNull();
  });
});
