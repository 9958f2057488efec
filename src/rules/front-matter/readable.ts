import { defineRule } from '../rule.js';
import type { ParseProblem } from '../../post/post.js';

const JA: Record<ParseProblem['kind'], string> = {
  'invalid-utf8': 'ファイルが正しい UTF-8 ではありません（不正なバイトを置換しました）',
  binary: 'バイナリファイルのようです。チェックしていません',
  empty: 'ファイルが空です',
  'no-front-matter': 'フロントマターがありません（ファイルが --- で始まっていません）',
  'unterminated-front-matter': 'フロントマターが閉じられていません（2 つ目の --- 行がありません）',
  yaml: 'フロントマターの YAML が不正です',
  'too-large': 'ファイルがサイズ上限を超えています。チェックしていません',
  'markup-flood': '1 つの段落に強調・リンク記号が多すぎるため、その段落のインライン Markdown は解析していません',
  'long-line': '極端に長い行があるため、この記事の表・脚注・URL の自動リンク（GFM）は解析していません',
};

/** Turns what the reader could not read (no front matter, bad YAML, bad bytes…) into findings at their line. */
export default defineRule({
  id: 'front-matter/readable',
  category: 'front-matter',
  defaultSeverity: 'error',
  description: { en: 'The post can be read: UTF-8 text with valid front matter.', ja: '投稿が読めること（UTF-8、正しいフロントマター）。' },
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
      message: {
        en: problem.message,
        ja: problem.kind === 'yaml' ? `${JA.yaml}: ${problem.message}` : JA[problem.kind],
      },
    }));
  },
});
