import { defineRule, type Report } from '../rule.js';
import { compare, describe, exactSimilarity, percent, relatedPost, titleOf } from '../../analysis/corpus/compare.js';

/** Titles equal once digits are ignored: posts of a numbered series (release notes, weekly reports). */
function sameSeries(a: string, b: string): boolean {
  const strip = (t: string): string => t.replace(/[0-9０-９.]+/g, '#');
  return a !== '' && b !== '' && strip(a) === strip(b);
}

/**
 * The whole post is a near copy of another post of the repository (MinHash/LSH candidates over
 * 5-character shingles, confirmed by exact Jaccard). A republished article under a new name.
 */
export default defineRule({
  id: 'repository/near-duplicate-post',
  category: 'duplication',
  defaultSeverity: 'warning',
  specificity: 10,
  description: {
    en: 'The post is a near duplicate of another post of the blog.',
    ja: '記事全体がブログ内の別の記事とほぼ重複しています。',
  },
  check({ post, repository, config }) {
    if (repository.size < 2 || !post.frontMatter) return [];
    const options = config.repository;
    const { result, analysis } = compare(post, repository, config);
    const reports: Report[] = [];
    for (const candidate of result.nearDuplicates) {
      const similarity = exactSimilarity(analysis, post, candidate.path, options.shingle) ?? candidate.similarity;
      if (similarity < options.nearDuplicate) continue;
      const other = describe(analysis, candidate.path, config);
      const series = sameSeries(titleOf(analysis, post.path), titleOf(analysis, candidate.path));
      if (series) {
        // A templated announcement of another version is deliberate: worth a look, not an error.
        reports.push({
          line: post.frontMatter.startLine,
          severity: 'warning',
          message: {
            en: `This post is ${percent(similarity)} the same text as ${other}, a post of the same numbered series; check that it says what is new in this one rather than repeating the earlier post.`,
            ja: `この記事は同じ連番シリーズの ${other} と本文が ${percent(similarity)} 一致しています。前の記事の繰り返しではなく、今回の新しい内容が書かれているか確認してください。`,
          },
          related: [relatedPost(analysis, candidate.path, `similar post (${percent(similarity)})`)],
        });
        continue;
      }
      reports.push({
        line: post.frontMatter.startLine,
        severity: similarity >= options.nearDuplicateError ? 'error' : 'warning',
        message: {
          en: `This post is ${percent(similarity)} similar to ${other} (Jaccard similarity of the text); do not republish an article under a new name — update the existing post or rewrite this one.`,
          ja: `この記事は ${other} と ${percent(similarity)} 一致しています（本文の Jaccard 類似度）。同じ記事を別名で再掲せず、既存の記事を更新するか、この記事を書き直してください。`,
        },
        related: [relatedPost(analysis, candidate.path, `similar post (${percent(similarity)})`)],
      });
    }
    return reports;
  },
});
