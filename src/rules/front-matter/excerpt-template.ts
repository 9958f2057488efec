import { defineRule } from '../rule.js';
import { analyzeExcerpt, excerptFix } from '../../analysis/front-matter.js';

/** Boilerplate a generator left in the excerpt (`frontMatter.excerptTemplates`). */
export default defineRule({
  id: 'front-matter/excerpt-template',
  category: 'front-matter',
  defaultSeverity: 'warning',
  description: {
    en: 'The excerpt is not template boilerplate (e.g. "…について詳細に分析します。").',
    ja: '抜粋がテンプレートの定型文（「…について詳細に分析します。」など）でないこと。',
  },
  check({ post, config }) {
    const excerpt = analyzeExcerpt(post, config);
    if (!excerpt?.template) return [];
    const fix = excerptFix(post, excerpt);
    return [
      {
        line: excerpt.entry.line,
        endLine: excerpt.entry.endLine,
        message: {
          en: `excerpt is template boilerplate (matches /${excerpt.template}/); write a real summary${fix ? ' (the first sentence of the body is suggested)' : ''}`,
          ja: `抜粋がテンプレートの定型文のままです（/${excerpt.template}/ に一致）。記事の要約を書いてください${fix ? '（本文の最初の文を修正案にしています）' : ''}`,
        },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
