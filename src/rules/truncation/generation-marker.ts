import { defineRule, type Report } from '../../engine/rule.js';
import { findMarkers, markerPattern, stripMarkers } from '../../text/markers.js';
import { deletionFix } from '../duplication/analysis.js';

/**
 * Text a generator leaves behind (`---END---`, `<|endoftext|>` …; `truncation.markers`), alone on a line
 * (fix: delete the line and the blank line before it) or glued to text (fix: the line without the marker).
 * Code blocks are skipped.
 */
export default defineRule({
  id: 'truncation/generation-marker',
  category: 'truncation',
  defaultSeverity: 'error',
  specificity: 25,
  description: {
    en: 'A generation marker (such as ---END---) was left in the post.',
    ja: '生成マーカー（---END--- など）が記事に残っている。',
  },
  check({ post, config }) {
    const pattern = markerPattern(config.truncation.markers);
    if (!pattern) return [];
    const bodyStart = post.lines.startOf(post.bodyLine);
    const code = post.blocks.filter((b) => b.type === 'code');
    const reports: Report[] = [];
    let lastLine = 0;
    for (const match of findMarkers(post.text.slice(bodyStart), pattern)) {
      const offset = bodyStart + match.offset;
      if (code.some((b) => b.startOffset <= offset && offset < b.endOffset)) continue;
      const line = post.lines.lineAt(offset);
      if (line === lastLine) continue;
      lastLine = line;
      const source = post.lines.line(line);
      const rest = stripMarkers(source, pattern);
      const alone = rest.trim() === '';
      reports.push({
        line,
        endLine: line,
        column: post.lines.columnAt(offset),
        endColumn: post.lines.columnAt(offset) + match.length,
        message: {
          en: `Generation marker “${match.text}” left in the post; delete it.`,
          ja: `生成マーカー「${match.text}」が残っています。削除してください。`,
        },
        fix: alone ? deletionFix(post, line, line) : { line, endLine: line, replacement: (source.match(/^[ \t]*/u)?.[0] ?? '') + rest.trim() },
      });
    }
    return reports;
  },
});
