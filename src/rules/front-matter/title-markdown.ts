import { defineRule } from '../rule.js';
import { analyzeTitle, titleFix } from '../../analysis/front-matter.js';

/** `title: "# Foo"` / `"**Foo**"` / "`Foo`": front matter is not rendered as Markdown. */
export default defineRule({
  id: 'front-matter/title-markdown',
  category: 'front-matter',
  defaultSeverity: 'error',
  description: {
    en: 'The title does not start with Markdown (`# `, `**`, backticks): it would show literally.',
    ja: 'タイトルが Markdown 記法（`# `、`**`、バッククォート）で始まっていないこと（そのまま表示されるため）。',
  },
  check({ post }) {
    const title = analyzeTitle(post);
    if (!title?.leadingMarkdown) return [];
    const mark = /^\s*(#{1,6}|\*\*|__|`|>)/.exec(title.value)?.[1] ?? '#';
    const fix = titleFix(post, title);
    return [
      {
        line: title.entry.line,
        endLine: title.entry.endLine,
        message: {
          en: `title starts with Markdown \`${mark}\`, which front matter shows literally; remove it${fix ? ' (see the suggested title)' : ''}`,
          ja: `タイトルが Markdown 記法「${mark}」で始まっています（そのまま表示されます）。記法を削除してください${fix ? '（修正案を参照）' : ''}`,
        },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
