import { defineRule, type Report } from '../rule.js';
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
  specificity: 40,
  description: {
    en: 'The title is repeated as the first line of the body or as the first heading.',
    ja: 'タイトルが本文の1行目または最初の見出しで繰り返されている。',
  },
  check({ post, config }) {
    const title = post.frontMatter?.data['title'];
    if (typeof title !== 'string' || title.trim() === '') return [];
    const titleNorm = normalizeForComparison(title);
    if (titleNorm === '') return [];
    const { units } = analyzeDuplication(post, config);
    const same = (unit: Unit): boolean => {
      if (unit.norm === titleNorm) return true;
      if (titleNorm.length < 12 || unit.norm.length > titleNorm.length * 1.3) return false;
      const n = config.duplication.ngram;
      return overlap(shingleHashes(titleNorm, n), shingleHashes(unit.norm, n)).jaccard >= 0.9;
    };
    const first = units.find((u) => !u.markerOnly);
    const firstHeading = units.find((u) => u.block.type === 'heading');
    const reports: Report[] = [];
    const report = (unit: Unit, asHeading: boolean): void => {
      reports.push({
        line: unit.line,
        endLine: unit.endLine,
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
    if (first && (first.block.type === 'paragraph' || first.block.type === 'heading') && same(first)) {
      report(first, first.block.type === 'heading');
    } else if (firstHeading && same(firstHeading)) {
      report(firstHeading, true);
    }
    return reports;
  },
});
