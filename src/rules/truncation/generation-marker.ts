import { defineRule, SPECIFICITY, type Report } from '../rule.js';
import { findMarkers, stripMarkers } from '../../text/markers.js';
import { markersOf } from '../../analysis/markers.js';
import { deletionFix } from '../../analysis/duplication.js';

/**
 * Text a generator leaves behind (`---END---`, `<|endoftext|>` …; `truncation.markers`), alone on a line
 * (fix: delete the line and the blank line before it) or glued to text (fix: the line without the marker).
 * Code blocks are skipped.
 */
export default defineRule({
  id: 'truncation/generation-marker',
  category: 'truncation',
  defaultSeverity: 'error',
  specificity: SPECIFICITY.generationMarker,
  description: {
    en: 'A generation marker (such as ---END---) was left in the post.',
    ja: '生成マーカー（---END--- など）が記事に残っている。',
  },
  evidence: {
    error: 'A configured marker (`truncation.markers`, default `---END---`, `<|endoftext|>` and the like) outside code.',
  },
  examples: {
    valid: [
      { name: 'a marker inside a code block is an example, not a leftover', text: '---\ntitle: x\n---\n\n```\n---END---\n```\n' },
      { name: 'a thematic break is not a marker', text: '---\ntitle: x\n---\n\nOne.\n\n---\n\nTwo.\n' },
    ],
    invalid: [
      {
        name: 'alone under a paragraph: the line goes, with its blank line',
        source: 'ai-blog-system 2025-09-09 NTT post (MIT)',
        text: '---\ntitle: x\n---\n\n変化を恐れず、新しい可能性に挑戦する企業こそが、この激動の時代を勝ち抜いていくと、私は確信しています。\n---END---\n',
        findings: [{ line: 6, severity: 'error', message: '---END---' }],
        output: '---\ntitle: x\n---\n\n変化を恐れず、新しい可能性に挑戦する企業こそが、この激動の時代を勝ち抜いていくと、私は確信しています。\n',
      },
      {
        name: 'glued to text: the text stays',
        source: 'ai-blog-system 2025-09-09 NTT post (MIT)',
        text: '---\ntitle: x\n---\n\n---END--- 私たちに求められるのは、この大きな変化の波を冷静に見極めることです。\n',
        findings: [{ line: 5 }],
        output: '---\ntitle: x\n---\n\n私たちに求められるのは、この大きな変化の波を冷静に見極めることです。\n',
      },
    ],
  },
  check({ post, config }) {
    const pattern = markersOf(post, config);
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
