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
        message:
          kind === 'unclosed'
            ? {
                en: `title opens \`${char}\` and never closes it; the title is probably cut off${fix ? ' (the body line it came from is suggested)' : ': complete or remove it'}`,
                ja: `タイトルの「${char}」が閉じられていません。タイトルが途中で切れている可能性があります${fix ? '（本文の元の行を修正案にしています）' : '。補うか削除してください'}`,
              }
            : {
                en: `title closes \`${char}\` that was never opened; add the opening mark or remove it`,
                ja: `タイトルの「${char}」に対応する開き括弧がありません。開き括弧を補うか削除してください`,
              },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
