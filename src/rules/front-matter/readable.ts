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
