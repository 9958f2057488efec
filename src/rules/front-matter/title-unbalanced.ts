import { defineRule } from '../rule.js';
import { analyzeTitle, titleFix } from '../../analysis/front-matter.js';

/** Unbalanced 「」『』（）“” or straight quotes in the title: usually a title cut off or mangled. */
export default defineRule({
  id: 'front-matter/title-unbalanced',
  category: 'front-matter',
  defaultSeverity: 'error',
  description: {
    en: 'Brackets and quotes in the title are balanced (「」『』（）"").',
    ja: 'タイトルの括弧・引用符（「」『』（）""）が対応していること。',
  },
  messages: {
    unclosed: {
      en: 'title opens `{{char}}` and never closes it; the title is probably cut off: complete or remove it',
      ja: 'タイトルの「{{char}}」が閉じられていません。タイトルが途中で切れている可能性があります。補うか削除してください',
    },
    unclosedWithSuggestion: {
      en: 'title opens `{{char}}` and never closes it; the title is probably cut off (the body line it came from is suggested)',
      ja: 'タイトルの「{{char}}」が閉じられていません。タイトルが途中で切れている可能性があります（本文の元の行を修正案にしています）',
    },
    unopened: {
      en: 'title closes `{{char}}` that was never opened; add the opening mark or remove it',
      ja: 'タイトルの「{{char}}」に対応する開き括弧がありません。開き括弧を補うか削除してください',
    },
  },
  evidence: {
    error: 'A bracket or quote of the title (「」『』（）“” or straight quotes) is opened and never closed, or closed and never opened: the title was cut or mangled. The fix is the body’s first heading-like line when it starts the same way.',
  },
  examples: {
    valid: [
      {
        name: 'a title whose brackets close',
        source: 'ai-blog-system test/fixtures/seeds/003 (MIT)',
        text: '---\ntitle: "AmazonのAIチップ「Trainium2」は、AI開発に何をもたらすのか？"\n---\n\n本文です。\n',
      },
    ],
    invalid: [
      {
        name: 'a title cut inside a character after an opening bracket: the body headline is offered',
        source: 'ai-blog-system _posts/2025-09-18-1-penskegoogle-ai.md lines 1-12 (MIT)',
        text: '---\nlayout: post\ntitle: "「Penske対Google AI訴訟：その真\uFFFD"\ndate: 2025-09-18 08:39:41 +0000\n---\n\n「Penske対Google AI訴訟：著作権の嵐は、AIの未来をどう変えるのか？」\n',
        findings: [{ line: 3, severity: 'error' }],
        output: '---\nlayout: post\ntitle: "「Penske対Google AI訴訟：著作権の嵐は、AIの未来をどう変えるのか？」"\ndate: 2025-09-18 08:39:41 +0000\n---\n\n「Penske対Google AI訴訟：著作権の嵐は、AIの未来をどう変えるのか？」\n',
      },
    ],
  },
  check({ post }) {
    const title = analyzeTitle(post);
    if (!title?.unbalanced) return [];
    const { char, kind, offset } = title.unbalanced;
    const fix = titleFix(post, title);
    const strippedAt = title.value.indexOf(title.stripped);
    const column = strippedAt >= 0 ? strippedAt + offset : -1;
    const valueColumn = title.entry.valueStart - post.lines.startOf(title.entry.line) + 1;
    const quoted = /^["']/.test(title.entry.valueSource) ? 1 : 0;
    return [
      {
        line: title.entry.line,
        endLine: title.entry.endLine,
        ...(column >= 0 && title.entry.line === title.entry.endLine && title.entry.valueSource.length === title.value.length + 2 * quoted
          ? { column: valueColumn + quoted + column, endColumn: valueColumn + quoted + column + 1 }
          : {}),
        messageId: kind !== 'unclosed' ? 'unopened' : fix ? 'unclosedWithSuggestion' : 'unclosed',
        data: { char },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
