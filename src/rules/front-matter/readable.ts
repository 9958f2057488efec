import { defineRule } from '../rule.js';
import type { ParseProblem } from '../../post/post.js';

/**
 * One message per kind of problem. The English text is the reader's own description (`{{problem}}`: it
 * names the parser's error or the limit that was hit); the Japanese one says what the kind means.
 */
const MESSAGES = {
  invalidUtf8: { en: '{{problem}}', ja: 'ファイルが正しい UTF-8 ではありません（不正なバイトを置換しました）' },
  binary: { en: '{{problem}}', ja: 'バイナリファイルのようです。チェックしていません' },
  empty: { en: '{{problem}}', ja: 'ファイルが空です' },
  noFrontMatter: { en: '{{problem}}', ja: 'フロントマターがありません（ファイルが --- で始まっていません）' },
  unterminatedFrontMatter: { en: '{{problem}}', ja: 'フロントマターが閉じられていません（2 つ目の --- 行がありません）' },
  yaml: { en: '{{problem}}', ja: 'フロントマターの YAML が不正です: {{problem}}' },
  tooLarge: { en: '{{problem}}', ja: 'ファイルがサイズ上限を超えています。チェックしていません' },
  markupFlood: { en: '{{problem}}', ja: '1 つの段落に強調・リンク記号が多すぎるため、その段落のインライン Markdown は解析していません' },
  longLine: { en: '{{problem}}', ja: '極端に長い行があるため、この記事の表・脚注・URL の自動リンク（GFM）は解析していません' },
} as const;

const MESSAGE_IDS: Record<ParseProblem['kind'], keyof typeof MESSAGES> = {
  'invalid-utf8': 'invalidUtf8',
  binary: 'binary',
  empty: 'empty',
  'no-front-matter': 'noFrontMatter',
  'unterminated-front-matter': 'unterminatedFrontMatter',
  yaml: 'yaml',
  'too-large': 'tooLarge',
  'markup-flood': 'markupFlood',
  'long-line': 'longLine',
};

/** Turns what the reader could not read (no front matter, bad YAML, bad bytes…) into findings at their line. */
export default defineRule({
  id: 'front-matter/readable',
  category: 'front-matter',
  defaultSeverity: 'error',
  description: { en: 'The post can be read: UTF-8 text with valid front matter.', ja: '投稿が読めること（UTF-8、正しいフロントマター）。' },
  messages: MESSAGES,
  evidence: {
    error: 'The file cannot be read as a post: bytes that are not UTF-8, a binary or over-large file, no front matter, front matter without its closing `---`, or YAML/TOML/JSON the parser rejects.',
    warning: 'The post was read, but one paragraph with a flood of emphasis or link marks, or an extremely long line, was left unparsed: the other rules see less of it.',
  },
  examples: {
    valid: [{ name: 'front matter closed by its second ---', source: 'vim-jp.org _posts/blog/2018-03-12-recent-changes.md lines 1-7 (CC BY 4.0)', text: '---\nlayout: post\ncategory: blog\ntitle: 最近追加された機能\n---\n\n最近追加された機能について説明します。\n' }],
    invalid: [
      {
        name: 'front matter never closed',
        source: 'ai-blog-system seed 004 lines 1-5 and 12, the closing line removed for the case (MIT)',
        text: '---\nlayout: post\ntitle: \"Amazon Bedrock、自社製チップで性能倍増、何が変わるのか？\"\ndate: 2025-12-17 20:38:36 +0000\ncategories: [\"投資分析\"]\n\nAmazon Bedrock、自社製チップで性能倍増、何が変わるのか？\n',
        findings: [{ line: 1, severity: 'error' }],
      },
    ],
  },
  check({ post }) {
    return post.problems.map((problem) => ({
      line: problem.line,
      endLine: problem.endLine ?? problem.line,
      ...(problem.kind === 'markup-flood' || problem.kind === 'long-line' ? { severity: 'warning' as const } : {}),
      messageId: MESSAGE_IDS[problem.kind],
      data: { problem: problem.message },
    }));
  },
});
