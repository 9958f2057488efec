import { defineRule, ruleOptions, SPECIFICITY, type Report } from '../rule.js';
import { normalizeForComparison } from '../../text/normalize.js';
import { overlap, shingleHashes } from '../../text/shingles.js';
import { analyzeDuplication, deletionFix, type Unit } from '../../analysis/duplication.js';
import { analyzeTitle } from '../../analysis/front-matter.js';

/** Equal to the title, nearly equal, or equal to the title the post means (`TitleAnalysis.suggestion`). */
type How = 'equal' | 'near' | 'intended';

/**
 * The title (front matter `title`) repeated as the first line of the body or as the first heading: the
 * layout already shows the title, so readers see it twice.
 *
 * Severity by how the repeat is made. A generation pipeline pastes the title into the body as its first
 * line — a plain or bold line, or a level-1 heading, the page's own title element — and no writer means
 * to open with a second copy of the page title (error). Human authors often restate the title as the
 * opening section heading (`### VimConf 2018 のライトニングトークの募集を開始します` on vim-jp.org): redundant
 * where the layout shows the title, but a choice of structure (warning).
 */
export default defineRule({
  id: 'duplication/title-repeated',
  category: 'duplication',
  defaultSeverity: 'error',
  options: ruleOptions('duplication', 'minChars', 'ngram', 'nearError', 'nearWarning', 'containment').and('truncation', 'markers'),
  specificity: SPECIFICITY.exactCopy,
  description: {
    en: 'The title is repeated as the first line of the body or as the first heading.',
    ja: 'タイトルが本文の1行目または最初の見出しで繰り返されている。',
  },
  messages: {
    fullTitle: {
      en: 'The {{where}} is the post title in full, which the front-matter title was cut from; mend the title with it, then delete this line (the layout shows the title).',
      ja: '{{where}}は記事タイトルの全文で、front matter のタイトルはそこから切れたものです。この行でタイトルを直し、この行は削除してください（タイトルはレイアウトが表示します）。',
    },
    headingRepeatsTitle: {
      en: 'The first heading repeats the post title, which the layout already shows; delete the heading.',
      ja: '最初の見出しが記事タイトルの繰り返しです（タイトルはレイアウトが表示します）。見出しを削除してください。',
    },
    lineRepeatsTitle: {
      en: 'The first line of the body repeats the post title, which the layout already shows; delete it.',
      ja: '本文の1行目が記事タイトルの繰り返しです（タイトルはレイアウトが表示します）。削除してください。',
    },
  },
  evidence: {
    error: 'The first line of the body, as a paragraph, a bold line or a level-1 heading, equals the title once normalised: the title pasted into the body.',
    warning:
      'The first heading, at level 2 or deeper, equals the title once normalised: human authors restate the title as the opening section heading. Or the first line is the title in full while the front-matter title was cut from it (the title analysis proposes this line as the title — cut inside a word or a phrase, after an opened bracket — and the line begins with every character of the title): once the title is mended, the line repeats it. A title cut inside a character (U+FFFD) or given a template’s ending does not stand in the line, so it is left to the title rules.',
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
      {
        name: 'a shorter title of its own, not cut from the first sentence',
        path: '_posts/blog/2018-03-12-recent-changes.md',
        text: '---\nlayout: blog\ncategory: blog\ntitle: 最近追加された機能\n---\n\n最近追加された機能について説明します。\n',
        source: 'vim-jp.org _posts/blog/2018-03-12-recent-changes.md lines 1-7 (CC BY 4.0)',
      },
      {
        name: 'a title cut inside a character is a broken title (the title rules report it), not a repeat',
        path: '_posts/2025-10-02-1-gartnerai15.md',
        text: '---\ntitle: "GartnerのAIエージェント導入15%\uFFFD"\n---\n\nGartnerのAIエージェント導入15%予測、その数字の裏に何が隠されているのか？\n\n本文です。\n',
        source: 'ai-blog-system _posts/2025-10-02-1-gartnerai15.md @e62daefc lines 3 and 12 (MIT)',
      },
    ],
    invalid: [
      {
        name: 'the first line is the title in full, which the front-matter title was cut from',
        path: '_posts/2025-09-12-2-ai-article-update.md',
        text: '---\ntitle: "ソフトバンクと東大が描く「x"\n---\n\nソフトバンクと東大が描く「xIPF」の真意とは？データ連携が拓く未来への問いかけ。\n\n本文です。\n',
        findings: [{ line: 5, severity: 'warning', message: '全文' }],
        output: '---\ntitle: "ソフトバンクと東大が描く「x"\n---\n\n本文です。\n',
        source: 'ai-blog-system _posts/2025-09-12-2-ai-article-update.md @bb2c490f lines 3 and 12 (MIT), shortened',
      },
      {
        name: 'the title pasted as the first line of the body',
        path: '_posts/2025-10-20-1-eu-ai.md',
        text: '---\ntitle: "EU AI法案、その真意はどこにあるのか？"\n---\n\nEU AI法案、その真意はどこにあるのか？\n\n皆さん、EU AI法案の採択、正直なところどう感じていますか？\n',
        findings: [{ line: 5, severity: 'error' }],
        output: '---\ntitle: "EU AI法案、その真意はどこにあるのか？"\n---\n\n皆さん、EU AI法案の採択、正直なところどう感じていますか？\n',
        source: 'ai-blog-system _posts/2025-10-20-1-eu-ai.md lines 3, 12, 14 (MIT), shortened',
      },
      {
        name: 'a human author restating the title as the opening section heading is a warning',
        path: '_posts/blog/2018-09-10-vimconf2018-CFP-open-for-LT-ja.md',
        text: '---\nlayout: blog\ncategory: blog\ntitle: "VimConf 2018 のライトニングトークの募集を開始します"\n---\n\n### VimConf 2018 のライトニングトークの募集を開始します\n\nただいま(2018年9月10日)より、VimConf 2018 のライトニングトーク(LT)の募集を開始します。\n',
        findings: [{ line: 7, severity: 'warning' }],
        output: '---\nlayout: blog\ncategory: blog\ntitle: "VimConf 2018 のライトニングトークの募集を開始します"\n---\n\nただいま(2018年9月10日)より、VimConf 2018 のライトニングトーク(LT)の募集を開始します。\n',
        source: 'vim-jp.org _posts/blog/2018-09-10-vimconf2018-CFP-open-for-LT-ja.md lines 1-9 (CC BY 4.0)',
      },
      {
        name: 'the title repeated as the first heading (level 2)',
        path: '_posts/2025-09-09-3-cliplineai.md',
        text: '---\ntitle: "ClipLine、サービス業AIエージェントで現場革新"\n---\n\n## ClipLine、サービス業AIエージェントで現場革新\n\n### 概要\nClipLine株式会社は、サービス業の人手不足と業務複雑化に対応します。\n',
        findings: [{ line: 5, severity: 'warning' }],
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
  check({ post, options }) {
    const title = post.frontMatter?.data['title'];
    if (typeof title !== 'string' || title.trim() === '') return [];
    const titleNorm = normalizeForComparison(title);
    if (titleNorm === '') return [];
    const { units } = analyzeDuplication(post, options);
    // Equal once normalised: the title twice. Nearly equal: one of the two was edited (often the title,
    // rewritten by a template, while the body keeps the headline), so which to keep is the author's call.
    // The title the post means, when the front-matter one was cut from or broken off a heading-like first
    // line: that line is the title in full, and repeats it once the title is mended.
    // Only a line that holds the title's own words, all of them (`…「x` in `…「xIPF」の真意とは？`), repeats it;
    // a title cut inside a character (U+FFFD) or given another ending by a template is a broken title,
    // which the title rules report, not a repeat.
    const analysis = analyzeTitle(post);
    const strippedNorm = analysis ? normalizeForComparison(analysis.stripped) : '';
    const intended = analysis?.suggestion;
    const intendedNorm = intended && strippedNorm !== '' && normalizeForComparison(intended).startsWith(strippedNorm) ? normalizeForComparison(intended) : '';
    const sameness = (unit: Unit): How | null => {
      if (unit.role === 'link') return null;
      if (unit.norm === titleNorm) return 'equal';
      if (intendedNorm !== '' && unit.norm === intendedNorm) return 'intended';
      if (titleNorm.length < 12 || unit.norm.length > titleNorm.length * 1.3) return null;
      const n = options.ngram;
      return overlap(shingleHashes(titleNorm, n), shingleHashes(unit.norm, n)).jaccard >= 0.9 ? 'near' : null;
    };
    const first = units.find((u) => !u.markerOnly);
    const firstHeading = units.find((u) => u.block.type === 'heading');
    const reports: Report[] = [];
    const report = (unit: Unit, asHeading: boolean, how: How): void => {
      reports.push({
        line: unit.line,
        endLine: unit.endLine,
        ...(how === 'near'
          ? { severity: 'info' as const }
          : how === 'intended' || (asHeading && (unit.block.depth ?? 1) >= 2)
            ? { severity: 'warning' as const }
            : {}),
        ...(how === 'intended'
          ? { messageId: 'fullTitle', data: { where: asHeading ? { en: 'first heading', ja: '最初の見出し' } : { en: 'first line of the body', ja: '本文の1行目' } } }
          : { messageId: asHeading ? 'headingRepeatsTitle' : 'lineRepeatsTitle' }),
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
