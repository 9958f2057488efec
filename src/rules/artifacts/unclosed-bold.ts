import { defineRule, SPECIFICITY, type Report } from '../rule.js';
import { codeSpans, insideRanges } from '../../analysis/blocks.js';

/** A run of two or three asterisks that may open or close strong emphasis (`***` is strong + emphasis). */
const RUN = /(?<![*\\])\*{2,3}(?!\*)/gu;

interface Run {
  start: number;
  end: number;
}

/**
 * Runs that can be emphasis: not inside code, not between two word characters (`2**10`), not surrounded
 * by spaces (`a ** b`): those are literal in every Markdown dialect.
 */
function emphasisRuns(source: string): Run[] {
  const code = codeSpans(source);
  const runs: Run[] = [];
  for (const m of source.matchAll(RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (insideRanges(code, start)) continue;
    const before = source[start - 1] ?? ' ';
    const after = source[end] ?? ' ';
    if (/\s/u.test(before) && /\s/u.test(after)) continue;
    if (/[A-Za-z0-9]/u.test(before) && /[A-Za-z0-9]/u.test(after)) continue;
    runs.push({ start, end });
  }
  return runs;
}

/**
 * An odd number of `**` in a paragraph or heading: one of them has no partner, and the reader sees the
 * asterisks. Counting (rather than asking a CommonMark parser whether they paired) follows the Markdown
 * the blogs use: kramdown pairs `**「強調」**です`, which CommonMark's flanking rules leave unpaired, so
 * an even count is never reported. Fix: when the block has a single run, drop it (the text stays).
 */
export default defineRule({
  id: 'artifacts/unclosed-bold',
  category: 'artifacts',
  defaultSeverity: 'error',
  keptInDeletedCopies: true,
  specificity: SPECIFICITY.unclosedBold,
  description: {
    en: 'Bold markup (**) opened and never closed in a paragraph or heading.',
    ja: '段落や見出しの中で太字（**）が閉じられていない。',
  },
  messages: {
    unclosed: {
      en: '{{count}} "**" in this {{type}}: one is never closed, so the asterisks show as text. Close the bold where it should end, or remove the stray "**".',
      ja: 'この{{type}}に「**」が{{count}}個あり、閉じられていないものがあります（アスタリスクがそのまま表示されます）。太字を閉じるか、余分な「**」を削除してください。',
    },
  },
  evidence: {
    error: 'An odd number of `**` runs in one paragraph or heading, outside code, not between word characters and not surrounded by spaces.',
  },
  examples: {
    valid: [
      { name: 'bold around Japanese brackets (kramdown pairs them)', text: '---\ntitle: x\n---\n\n**「強調」**です。\n' },
      { name: 'exponent and code', text: '---\ntitle: x\n---\n\nPython writes 2**10 as `2 ** 10` or `x**`.\n' },
      { name: 'bold across a soft line break', text: '---\ntitle: x\n---\n\nThis is **bold\nacross lines** and fine.\n' },
    ],
    invalid: [
      {
        name: 'a bold lead cut off before the end marker: the asterisks go',
        source: 'ai-blog-system 2025-10-05 post (MIT)',
        text: '---\ntitle: x\n---\n\n最後に、エネルギー効率を意識したAI開発です。\n\n**社会全体\n',
        findings: [{ line: 7, severity: 'error', message: '**' }],
        output: '---\ntitle: x\n---\n\n最後に、エネルギー効率を意識したAI開発です。\n\n社会全体\n',
      },
      {
        name: 'English: three runs, one unpaired, no fix',
        text: '---\ntitle: x\n---\n\nThe **first** change is **second one.\n',
        findings: [{ line: 5 }],
      },
    ],
  },
  check({ post }) {
    const reports: Report[] = [];
    for (const block of post.blocks) {
      if (block.type !== 'paragraph' && block.type !== 'heading') continue;
      if (!block.source.includes('**')) continue;
      const runs = emphasisRuns(block.source);
      if (runs.length % 2 === 0) continue;
      const lastRun = runs[runs.length - 1]!;
      const at = block.startOffset + lastRun.start;
      const line = post.lines.lineAt(at);
      const report: Report = {
        line: block.line,
        endLine: block.endLine,
        column: post.lines.columnAt(block.startOffset + runs[0]!.start),
        messageId: 'unclosed',
        data: { count: runs.length, type: { en: block.type, ja: block.type === 'heading' ? '見出し' : '段落' } },
      };
      if (runs.length === 1) {
        const text = post.lines.line(line);
        const col = at - post.lines.startOf(line);
        report.fix = { line, endLine: line, replacement: text.slice(0, col) + text.slice(col + lastRun.end - lastRun.start) };
      }
      reports.push(report);
    }
    return reports;
  },
});
