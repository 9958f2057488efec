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
  messages: {
    markdown: {
      en: 'title starts with Markdown `{{mark}}`, which front matter shows literally; remove it',
      ja: 'タイトルが Markdown 記法「{{mark}}」で始まっています（そのまま表示されます）。記法を削除してください',
    },
    markdownWithSuggestion: {
      en: 'title starts with Markdown `{{mark}}`, which front matter shows literally; remove it (see the suggested title)',
      ja: 'タイトルが Markdown 記法「{{mark}}」で始まっています（そのまま表示されます）。記法を削除してください（修正案を参照）',
    },
  },
  evidence: {
    error: 'The title value starts with a Markdown mark (`#` headings, `**`, `__`, a backtick, `>`): themes print front matter as plain text, so the mark shows.',
  },
  examples: {
    valid: [
      {
        name: 'a plain title',
        source: 'prometheus/docs blog, 2019-01-28-subquery-support.md (Apache-2.0)',
        path: 'blog/posts/2019-01-28-subquery-support.md',
        text: '---\ntitle: Subquery Support\ncreated_at: 2019-01-28\nkind: article\nauthor_name: Ganesh Vernekar\n---\n\n## Introduction\n',
      },
    ],
    invalid: [
      {
        name: 'a heading mark leaked into a cut title: the body heading is offered',
        source: 'ai-blog-system seed 000 (test/fixtures/seeds, MIT)',
        path: '_posts/2025-12-30-amazon-ai-chip.md',
        text: '---\nlayout: post\ntitle: "# Amazonが示すAIチップ進化の新"\ndate: 2025-12-30 16:44:49 +0000\n---\n\n## Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？\n',
        findings: [{ line: 3, severity: 'error', message: 'タイトルが Markdown 記法「#」' }],
        output: '---\nlayout: post\ntitle: "Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？"\ndate: 2025-12-30 16:44:49 +0000\n---\n\n## Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？\n',
      },
    ],
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
        messageId: fix ? 'markdownWithSuggestion' : 'markdown',
        data: { mark },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
