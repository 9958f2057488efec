import { defineRule, ruleOptions } from '../rule.js';
import { analyzeExcerpt, excerptFix } from '../../analysis/front-matter.js';

/** `**bold**`, `# ` or backticks in the excerpt show literally on index pages and in feeds. */
export default defineRule({
  id: 'front-matter/excerpt-markdown',
  category: 'front-matter',
  defaultSeverity: 'warning',
  options: ruleOptions('frontMatter', 'excerptTemplates'),
  description: {
    en: 'The excerpt holds no Markdown (`**`, `#`, backticks): it is shown as plain text.',
    ja: '抜粋に Markdown 記法（`**`、`#`、バッククォート）が含まれないこと（そのまま表示されるため）。',
  },
  messages: {
    markdown: {
      en: 'excerpt contains Markdown (`**`, `#` or backticks), which index pages and feeds show literally; remove the marks',
      ja: '抜粋に Markdown 記法（`**`、`#`、バッククォート）が含まれています。一覧やフィードではそのまま表示されるので削除してください',
    },
  },
  evidence: {
    warning: 'The excerpt value holds `**`, `__`, a backtick or a `# ` heading mark; index pages and feeds print it as text. A warning: some themes render excerpts as Markdown.',
  },
  examples: {
    valid: [
      {
        name: 'a plain summary',
        source: 'ai-blog-system _posts/2025-09-12-2-k2-thinkai.md, the sentence its excerpt should have been (MIT)',
        text: '---\ntitle: x\nexcerpt: "あなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。"\n---\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。\n',
      },
    ],
    invalid: [
      {
        name: 'bold marks in a template excerpt: the first sentence of the body is offered',
        source: 'ai-blog-system _posts/2025-09-12-2-k2-thinkai.md lines 1-14, cut (MIT)',
        text: '---\nlayout: post\ntitle: "「K2 Think」が示すAIの新たな地"\nexcerpt: "**MBZUAI/G42、K2 Think発表**について詳細に分析します。"\n---\n\n「K2 Think」が示すAIの新たな地平：MBZUAIとG42の挑戦は何を変えるのか？\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。毎日どこかで新しい発表があり、正直なところ、その全てを追いかけるのは至難の業です。\n',
        findings: [{ line: 4, severity: 'warning', message: '抜粋に Markdown 記法' }],
        output: '---\nlayout: post\ntitle: "「K2 Think」が示すAIの新たな地"\nexcerpt: "あなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。"\n---\n\n「K2 Think」が示すAIの新たな地平：MBZUAIとG42の挑戦は何を変えるのか？\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。毎日どこかで新しい発表があり、正直なところ、その全てを追いかけるのは至難の業です。\n',
      },
    ],
  },
  check({ post, options }) {
    const excerpt = analyzeExcerpt(post, options);
    if (!excerpt?.markdown) return [];
    const fix = excerptFix(post, excerpt);
    return [
      {
        line: excerpt.entry.line,
        endLine: excerpt.entry.endLine,
        messageId: 'markdown',
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
