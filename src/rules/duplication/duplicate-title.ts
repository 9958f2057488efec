import type { Severity } from '../../core/finding.js';
import { getEntry } from '../../post/front-matter.js';
import { defineRule, ruleOptions, SPECIFICITY, type Report } from '../rule.js';
import { compare, describe, exactSimilarity, MAX_TOPIC_SHARING, publishedOrder, relatedPost, seriesOrTranslation } from '../../analysis/corpus/compare.js';

/**
 * Another post has the same title (after NFKC, case, trailing punctuation and Markdown marks are
 * ignored). The later post is the repeat: the earlier one, the original, is not reported. A title a
 * numbered series reuses (`Vim Magazine 3 月号` of two years, when the site also has `4 月号`) is info.
 */
export default defineRule({
  id: 'duplication/duplicate-title',
  category: 'duplication',
  defaultSeverity: 'error',
  options: ruleOptions('corpus', 'nearDuplicate', 'passageMinChars', 'passageMinChunkChars', 'passageMaxPosts', 'shingle').and('site', 'permalink', 'baseUrl'),
  crossPost: true,
  comparesPosts: true,
  specificity: SPECIFICITY.nearCopy,
  description: {
    en: 'An earlier post of the blog has the same title.',
    ja: 'ブログ内に同じタイトルの以前の記事があります。',
  },
  messages: {
    sameSeriesTitle: {
      en: 'The title is the same as that of {{others}}, an earlier issue of the same series; consider adding the year or number that tells them apart.',
      ja: 'タイトルが同じシリーズの以前の記事 {{others}} と同じです。区別できるよう年や号数を入れることを検討してください。',
    },
    sameTitle: {
      en: 'The title is the same as that of {{others}}, published earlier; readers and search engines cannot tell them apart — give this post a distinct title (or update the existing post instead).',
      ja: 'タイトルが以前の記事 {{others}} と同じです。読者にも検索エンジンにも区別できないため、別のタイトルにしてください（または既存の記事を更新してください）。',
    },
  },
  evidence: {
    error: 'The same title as an earlier post, and the same topic too: the bodies are near duplicates, or both posts have the same summary, which at most two other posts share (more is a template).',
    warning: 'The same title as an earlier post that is not of one numbered series with it.',
    info: 'The same title as an earlier post of one numbered series (the same issue number of another year): a periodic title.',
  },
  examples: {
    valid: [
      {
        name: 'the earlier of two posts with one title is the original',
        path: '_posts/2012-03-21-vim_charity_financial_results.md',
        text: '---\ntitle: Vim チャリティー決算報告\n---\n\n2011 年のチャリティーの決算を報告します。\n',
        corpus: [{ path: '_posts/2013-01-24-vim_charity_financial_results.md', text: '---\ntitle: Vim チャリティー決算報告\n---\n\n2012 年のチャリティーの決算を報告します。\n' }],
        source: 'vim-jp.org _posts/blog (CC BY 4.0), titles only; bodies written for the test',
      },
    ],
    invalid: [
      {
        name: 'a later post repeats an earlier title and its summary',
        path: '_posts/2025-09-02-1-021710.md',
        text: '---\ntitle: "マルチモーダルAI技術が急進展"\nexcerpt: "マルチモーダルAIの新モデル発表について詳しく解説します。"\n---\n\n本文です。\n',
        corpus: [
          {
            path: '_posts/2025-08-31-2-000123.md',
            text: '---\ntitle: "マルチモーダルAI技術が急進展"\nexcerpt: "マルチモーダルAIの新モデル発表について詳しく解説します。"\n---\n\n別の本文です。\n',
          },
        ],
        findings: [{ line: 2, severity: 'error' }],
        source: 'ai-blog-system _posts (MIT), titles of 2025-08-31-2-000123 / 2025-09-02-1-021710; excerpt and bodies shortened',
      },
      {
        name: 'a monthly issue title reused in another year is info',
        path: '_posts/vimmagazine/2013-03-31-vimmagazine.md',
        text: '---\ntitle: Vim Magazine 3 月号\n---\n\n3 月号です。\n',
        corpus: [
          { path: '_posts/vimmagazine/2012-03-31-vimmagazine.md', text: '---\ntitle: Vim Magazine 3 月号\n---\n\n前の年の 3 月号です。\n' },
          { path: '_posts/vimmagazine/2012-04-30-vimmagazine.md', text: '---\ntitle: Vim Magazine 4 月号\n---\n\n4 月号です。\n' },
        ],
        findings: [{ line: 2, severity: 'info' }],
        source: 'vim-jp.org _posts/vimmagazine (CC BY 4.0), titles only; bodies written for the test',
      },
    ],
  },
  check({ post, options, corpus }) {
    const entry = getEntry(post.frontMatter, 'title');
    if (!entry || corpus.size < 2) return [];
    const { result, analysis } = compare(post, corpus, options);
    const earlier = result.sameTitle.filter((path) => publishedOrder(analysis, post, path) >= 0);
    if (earlier.length === 0) return [];
    const severityFor = (path: string): Severity => {
      if (seriesOrTranslation(analysis, post, path)) return 'info';
      // The same summary decides without the bodies' exact similarity (both texts shingled: the costlier test).
      const sameSummary = result.sameExcerpt.includes(path) && result.sameExcerpt.length <= MAX_TOPIC_SHARING;
      if (sameSummary) return 'error';
      return (exactSimilarity(analysis, post, path, options.shingle) ?? 0) >= options.nearDuplicate ? 'error' : 'warning';
    };
    const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
    const severity = earlier.map(severityFor).reduce((a, b) => (rank[b] > rank[a] ? b : a));
    const others = earlier.map((p) => describe(analysis, p, options)).join(', ');
    const report: Report = {
      line: entry.line,
      endLine: entry.endLine,
      severity,
      messageId: severity === 'info' ? 'sameSeriesTitle' : 'sameTitle',
      data: { others },
      related: earlier.map((p) => relatedPost(analysis, p, 'same title')),
    };
    return [report];
  },
});
