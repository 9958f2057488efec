import { defineRule, ruleOptions, SPECIFICITY, type Report } from '../rule.js';
import { findMarkers, OUTPUT_LABEL, stripMarkers } from '../../text/markers.js';
import type { Post } from '../../post/post.js';
import { markersOf } from '../../analysis/markers.js';
import { deletionFix } from '../../analysis/duplication.js';

/** Heading marks and bold that may open the headline line before the label (`## タイトル：…`, `**Title:** …`). */
const LINE_OPENER = /^[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*)?/u;

/**
 * The body's first line, when it opens with the label of a requested output format (`タイトル：…`):
 * the generator's answer template around the headline. Only the first top-level block, one line, with
 * text after the label; the fix keeps the line without the label.
 */
function labelledHeadline(post: Post): Report | null {
  const first = post.blocks.find((b) => b.ancestors.length === 0 && b.type !== 'html' && b.type !== 'thematicBreak');
  if (!first || (first.type !== 'paragraph' && first.type !== 'heading') || first.line !== first.endLine) return null;
  const source = post.lines.line(first.line);
  const opener = LINE_OPENER.exec(source)?.[0] ?? '';
  const label = OUTPUT_LABEL.exec(source.slice(opener.length));
  if (!label) return null;
  const rest = source.slice(opener.length + label[0].length);
  // `**タイトル：** 見出し`: the bold closed right after the label goes with it.
  const boldLabel = opener.endsWith('**') && rest.startsWith('**');
  const replacement = boldLabel ? opener.slice(0, -2) + rest.slice(2).trimStart() : opener + rest;
  if (replacement.replace(/[#*\s]/gu, '') === '') return null;
  const shown = label[0].trim();
  return {
    line: first.line,
    endLine: first.line,
    severity: 'warning',
    messageId: 'formatLabel',
    data: { label: shown },
    fix: { line: first.line, endLine: first.line, replacement },
  };
}

/**
 * Text a generator leaves behind (`---END---`, `<|endoftext|>` …; `truncation.markers`), alone on a line
 * (fix: delete the line and the blank line before it) or glued to text (fix: the line without the marker);
 * and the label of its output format in front of the headline (`タイトル：…`; fix: the line without it).
 * Code blocks are skipped.
 */
export default defineRule({
  id: 'truncation/generation-marker',
  category: 'truncation',
  defaultSeverity: 'error',
  options: ruleOptions('truncation', 'markers'),
  specificity: SPECIFICITY.generationMarker,
  description: {
    en: 'A generation marker (such as ---END---) was left in the post.',
    ja: '生成マーカー（---END--- など）が記事に残っている。',
  },
  messages: {
    formatLabel: {
      en: "The headline opens with “{{label}}”, the label of the generator's output format; delete the label.",
      ja: '見出しが出力形式のラベル「{{label}}」で始まっています。ラベルを削除してください。',
    },
    marker: { en: 'Generation marker “{{marker}}” left in the post; delete it.', ja: '生成マーカー「{{marker}}」が残っています。削除してください。' },
  },
  evidence: {
    error: 'A configured marker (`truncation.markers`, default `---END---`, `<|endoftext|>` and the like) outside code.',
    warning:
      'The body’s first line, a one-line paragraph or heading in the headline’s place, opens with the label of an output format (`タイトル：`, `見出し：`, "Title:", "Headline:") followed by text: the generator answered its template. A warning, as a human post could open with a labelled line.',
  },
  examples: {
    valid: [
      { name: 'a marker inside a code block is an example, not a leftover', text: '---\ntitle: x\n---\n\n```\n---END---\n```\n' },
      { name: 'a thematic break is not a marker', text: '---\ntitle: x\n---\n\nOne.\n\n---\n\nTwo.\n' },
      {
        name: 'a label inside the text, not in front of the headline',
        source: 'prometheus.io blog 2016-05-01 interview post (Apache-2.0), adapted: a labelled line after the opening',
        text: '---\ntitle: Interview with ShowMax\n---\n\n*This is the second in a series of interviews with users of Prometheus.*\n\nTitle: the talk we gave at PromCon\n',
      },
    ],
    invalid: [
      {
        name: 'the output format’s label in front of the headline',
        source: 'ai-blog-system _posts/2025-11-30-1-ai-article-update.md @99132f7e lines 3 and 12 (MIT)',
        text: '---\ntitle: "タイトル：その真意は？"\n---\n\nタイトル：OpenAIの影に潜む9600億ドルの負債：その真意は何を意味するのか？\n\n20年間この業界をウォッチしてきた。\n',
        findings: [{ line: 5, severity: 'warning', message: 'タイトル：' }],
        output: '---\ntitle: "タイトル：その真意は？"\n---\n\nOpenAIの影に潜む9600億ドルの負債：その真意は何を意味するのか？\n\n20年間この業界をウォッチしてきた。\n',
      },
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
  check({ post, options }) {
    const reports: Report[] = [];
    const labelled = labelledHeadline(post);
    if (labelled) reports.push(labelled);
    const pattern = markersOf(post, options);
    if (!pattern) return reports;
    const bodyStart = post.lines.startOf(post.bodyLine);
    const code = post.blocks.filter((b) => b.type === 'code');
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
        messageId: 'marker',
        data: { marker: match.text },
        fix: alone ? deletionFix(post, line, line) : { line, endLine: line, replacement: (source.match(/^[ \t]*/u)?.[0] ?? '') + rest.trim() },
      });
    }
    return reports;
  },
});
