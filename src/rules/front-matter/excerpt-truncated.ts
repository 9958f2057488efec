import { defineRule } from '../rule.js';
import { analyzeExcerpt, excerptFix } from '../../analysis/front-matter.js';

/** The excerpt is the start of a body sentence cut inside a word. */
export default defineRule({
  id: 'front-matter/excerpt-truncated',
  category: 'front-matter',
  defaultSeverity: 'warning',
  description: {
    en: 'The excerpt is not cut off mid-word.',
    ja: '抜粋が語の途中で切れていないこと。',
  },
  check({ post, config }) {
    const excerpt = analyzeExcerpt(post, config);
    if (!excerpt?.truncatedFrom) return [];
    const fix = excerptFix(post, excerpt);
    const { line } = excerpt.truncatedFrom;
    return [
      {
        line: excerpt.entry.line,
        endLine: excerpt.entry.endLine,
        message: {
          en: `excerpt is cut off mid-word: it is the start of the paragraph at line ${line}; use the whole sentence`,
          ja: `抜粋が語の途中で切れています（${line} 行目の段落の途中まで）。文の最後まで入れてください`,
        },
        related: [{ path: post.path, line, endLine: line, label: 'full sentence' }],
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
