import { defineRule, SPECIFICITY, type Report } from '../rule.js';
import { normalizeForComparison } from '../../text/normalize.js';
import { overlap, shingleHashes } from '../../text/shingles.js';
import { analyzeDuplication, deletionFix, type Unit } from '../../analysis/duplication.js';

/**
 * The title (front matter `title`) repeated as the first line of the body or as the first heading: the
 * layout already shows the title, so readers see it twice.
 */
export default defineRule({
  id: 'duplication/title-repeated',
  category: 'duplication',
  defaultSeverity: 'error',
  specificity: SPECIFICITY.exactCopy,
  description: {
    en: 'The title is repeated as the first line of the body or as the first heading.',
    ja: 'タイトルが本文の1行目または最初の見出しで繰り返されている。',
  },
  evidence: {
    error: 'The first line of the body or the first heading equals the title once normalised.',
    info: 'It nearly equals the title (Jaccard ≥ 0.9): one of the two was edited, so which to keep is the author\'s call.',
  },
  examples: {
    valid: [
      {
        name: 'a first sentence about the title is not the title',
        path: '_posts/blog/2013-07-06-vim_7.4a_ready_for_beta_testing.md',
        text: '---\ntitle: Vim 7.4a ベータ版リリース\n---\n\nVim 7.4a ベータ版がリリースされました。\n',
        source: 'vim-jp.org _posts/blog/2013-07-06-vim_7.4a_ready_for_beta_testing.md (CC BY 4.0), title and first line',
      },
    ],
    invalid: [
      {
        name: 'the title repeated as the first heading',
        path: '_posts/2025-09-09-3-cliplineai.md',
        text: '---\ntitle: "ClipLine、サービス業AIエージェントで現場革新"\n---\n\n## ClipLine、サービス業AIエージェントで現場革新\n\n### 概要\nClipLine株式会社は、サービス業の人手不足と業務複雑化に対応します。\n',
        findings: [{ line: 5, severity: 'error' }],
        output: '---\ntitle: "ClipLine、サービス業AIエージェントで現場革新"\n---\n\n### 概要\nClipLine株式会社は、サービス業の人手不足と業務複雑化に対応します。\n',
        source: 'ai-blog-system _posts/2025-09-09-3-cliplineai.md lines 3-14 (MIT), the title without its leading #',
      },
      {
        name: 'a headline that differs from a rewritten title is advice',
        path: '_posts/2025-09-22-2-ai-article-update.md',
        text: '---\ntitle: "日本郵船のAI配船最適化、その真意は？海運業界の未来をどう変えるの？"\n---\n\n日本郵船のAI配船最適化、その真意は？海運業界の未来をどう変えるのか\n\nおや、日本郵船がAIで配船最適化ですか。\n',
        findings: [{ line: 5, severity: 'info' }],
        output: '---\ntitle: "日本郵船のAI配船最適化、その真意は？海運業界の未来をどう変えるの？"\n---\n\nおや、日本郵船がAIで配船最適化ですか。\n',
        source: 'ai-blog-system _posts/2025-09-22-2-ai-article-update.md lines 3-14 (MIT), shortened',
      },
    ],
  },
  check({ post, config }) {
    const title = post.frontMatter?.data['title'];
    if (typeof title !== 'string' || title.trim() === '') return [];
    const titleNorm = normalizeForComparison(title);
    if (titleNorm === '') return [];
    const { units } = analyzeDuplication(post, config);
    // Equal once normalised: the title twice. Nearly equal: one of the two was edited (often the title,
    // rewritten by a template, while the body keeps the headline), so which to keep is the author's call.
    const sameness = (unit: Unit): 'equal' | 'near' | null => {
      if (unit.role === 'link') return null;
      if (unit.norm === titleNorm) return 'equal';
      if (titleNorm.length < 12 || unit.norm.length > titleNorm.length * 1.3) return null;
      const n = config.duplication.ngram;
      return overlap(shingleHashes(titleNorm, n), shingleHashes(unit.norm, n)).jaccard >= 0.9 ? 'near' : null;
    };
    const first = units.find((u) => !u.markerOnly);
    const firstHeading = units.find((u) => u.block.type === 'heading');
    const reports: Report[] = [];
    const report = (unit: Unit, asHeading: boolean, how: 'equal' | 'near'): void => {
      reports.push({
        line: unit.line,
        endLine: unit.endLine,
        ...(how === 'near' ? { severity: 'info' as const } : {}),
        message: asHeading
          ? {
              en: 'The first heading repeats the post title, which the layout already shows; delete the heading.',
              ja: '最初の見出しが記事タイトルの繰り返しです（タイトルはレイアウトが表示します）。見出しを削除してください。',
            }
          : {
              en: 'The first line of the body repeats the post title, which the layout already shows; delete it.',
              ja: '本文の1行目が記事タイトルの繰り返しです（タイトルはレイアウトが表示します）。削除してください。',
            },
        fix: deletionFix(post, unit.line, unit.endLine),
      });
    };
    const firstHow = first && (first.block.type === 'paragraph' || first.block.type === 'heading') ? sameness(first) : null;
    const headingHow = firstHeading ? sameness(firstHeading) : null;
    if (first && firstHow) report(first, first.block.type === 'heading', firstHow);
    else if (firstHeading && headingHow) report(firstHeading, true, headingHow);
    return reports;
  },
});
