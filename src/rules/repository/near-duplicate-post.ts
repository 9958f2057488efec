import { defineRule, SPECIFICITY, type Report } from '../rule.js';
import { getEntry } from '../../post/front-matter.js';
import { compare, describe, exactSimilarity, percent, publishedOrder, relatedPost, seriesOrTranslation } from '../../analysis/corpus/compare.js';

/** Two posts of one series are copies only when their bodies are the same but for a word or two. */
const SERIES_COPY = 0.98;

/**
 * The whole post is a near copy of another post of the repository (MinHash/LSH candidates over
 * 5-character shingles, confirmed by exact Jaccard). A republished article under a new name. The later
 * post is the copy; posts of one series (release notes of two versions, same-day patch releases) share
 * their template by design and are info unless their bodies are the same.
 */
export default defineRule({
  id: 'repository/near-duplicate-post',
  category: 'duplication',
  defaultSeverity: 'warning',
  crossPost: true,
  specificity: SPECIFICITY.unfinishedParagraph,
  description: {
    en: 'The post is a near duplicate of another post of the blog.',
    ja: '記事全体がブログ内の別の記事とほぼ重複しています。',
  },
  evidence: {
    error: `The body is a near copy (Jaccard ≥ repository.nearDuplicateError) of an earlier post of another title template, or the same body (≥ ${SERIES_COPY}) as an earlier post of its series.`,
    warning: 'The body is similar (Jaccard ≥ repository.nearDuplicate) to an earlier post that is not of its series.',
    info: 'The body is similar to an earlier post of the same series (titles equal once version numbers are masked) or in another language: the series template, a translation.',
  },
  check({ post, repository, config }) {
    if (repository.size < 2 || !post.frontMatter) return [];
    const options = config.repository;
    const { result, analysis } = compare(post, repository, config);
    // The title names the post: a comment there reads as "this post", and the App can anchor it.
    const line = getEntry(post.frontMatter, 'title')?.line ?? post.frontMatter.startLine;
    const reports: Report[] = [];
    for (const candidate of result.nearDuplicates) {
      const similarity = exactSimilarity(analysis, post, candidate.path, options.shingle) ?? candidate.similarity;
      if (similarity < options.nearDuplicate) continue;
      if (publishedOrder(analysis, post, candidate.path) < 0) continue; // the earlier post is the original
      const other = describe(analysis, candidate.path, config);
      const related = [relatedPost(analysis, candidate.path, `similar post (${percent(similarity)})`)];
      if (seriesOrTranslation(analysis, post, candidate.path) && similarity < SERIES_COPY) {
        // A templated announcement of another version is deliberate: worth a look, not a defect.
        reports.push({
          line,
          severity: 'info',
          message: {
            en: `This post is ${percent(similarity)} the same text as ${other}, an earlier post of the same series or in another language; check that it says what is new in this one rather than repeating the earlier post.`,
            ja: `この記事は同じシリーズ（または別言語版）の以前の記事 ${other} と本文が ${percent(similarity)} 一致しています。前の記事の繰り返しではなく、今回の新しい内容が書かれているか確認してください。`,
          },
          related,
        });
        continue;
      }
      reports.push({
        line,
        severity: similarity >= options.nearDuplicateError ? 'error' : 'warning',
        message: {
          en: `This post is ${percent(similarity)} similar to ${other}, published earlier (Jaccard similarity of the text); do not republish an article under a new name — update the existing post or rewrite this one.`,
          ja: `この記事は以前の記事 ${other} と ${percent(similarity)} 一致しています（本文の Jaccard 類似度）。同じ記事を別名で再掲せず、既存の記事を更新するか、この記事を書き直してください。`,
        },
        related,
      });
    }
    return reports;
  },
});
