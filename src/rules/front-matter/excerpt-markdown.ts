import { defineRule } from '../rule.js';
import { analyzeExcerpt, excerptFix } from '../../analysis/front-matter.js';

/** `**bold**`, `# ` or backticks in the excerpt show literally on index pages and in feeds. */
export default defineRule({
  id: 'front-matter/excerpt-markdown',
  category: 'front-matter',
  defaultSeverity: 'warning',
  description: {
    en: 'The excerpt holds no Markdown (`**`, `#`, backticks): it is shown as plain text.',
    ja: '抜粋に Markdown 記法（`**`、`#`、バッククォート）が含まれないこと（そのまま表示されるため）。',
  },
  check({ post, config }) {
    const excerpt = analyzeExcerpt(post, config);
    if (!excerpt?.markdown) return [];
    const fix = excerptFix(post, excerpt);
    return [
      {
        line: excerpt.entry.line,
        endLine: excerpt.entry.endLine,
        message: {
          en: 'excerpt contains Markdown (`**`, `#` or backticks), which index pages and feeds show literally; remove the marks',
          ja: '抜粋に Markdown 記法（`**`、`#`、バッククォート）が含まれています。一覧やフィードではそのまま表示されるので削除してください',
        },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
