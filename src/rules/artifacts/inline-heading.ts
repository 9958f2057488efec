import { defineRule, SPECIFICITY, type Report } from '../rule.js';
import type { Post } from '../../post/post.js';
import { hasCjk } from '../../core/language.js';
import { codeSpans, insideRanges } from '../../analysis/blocks.js';

/**
 * An ATX heading glued into a line after a sentence end: `…です。## 次の章 本文…`. Markdown only reads
 * `#` as a heading at the start of a line, so the reader sees the hashes. A generator that lost its line
 * breaks leaves these; a person writing `C#` or `#123` has no space after the hash or no sentence end
 * before it.
 */
const INLINE_HEADING = /(?<=[。．！？!?.」』）)】])[ \t\u3000]*(#{1,6})[ \t]+(?=\S)/gu;
/** A numbered heading keeps its number: `### 1. 見出し`, `## 第2章 見出し`. */
const NUMBER = /^(?:\d+(?:\.\d+)*[.)、．]?|第\s*\d+\s*[章節部回]|[（(]\d+[)）])[ \t\u3000]+/u;

interface Split {
  /** Offset of the first hash in the line, and where the heading text starts / ends. */
  at: number;
  hashes: string;
  textStart: number;
  /** End of the heading text; -1 when it cannot be told from the prose after it. */
  textEnd: number;
}

function headingEnd(line: string, from: number): number {
  const rest = line.slice(from);
  const number = rest.match(NUMBER)?.[0].length ?? 0;
  const body = rest.slice(number);
  // A Japanese heading has no spaces: it ends at the first one. An English one cannot be told apart
  // from the sentence after it unless it runs to the end of the line.
  const space = body.search(/[ \t\u3000]/u);
  if (space < 0) return line.length;
  const heading = body.slice(0, space);
  if (hasCjk(heading)) return from + number + space;
  // A short rest with no sentence in it is the heading.
  return body.length <= 80 && !/[.!?。！？]/u.test(body) ? line.length : -1;
}

function splits(post: Post, line: number): Split[] {
  const text = post.lines.line(line);
  if (!text.includes('#')) return [];
  const code = codeSpans(text);
  const out: Split[] = [];
  for (const m of text.matchAll(INLINE_HEADING)) {
    const at = m.index + m[0].indexOf('#');
    if (at === 0 || insideRanges(code, at)) continue;
    const textStart = m.index + m[0].length;
    out.push({ at, hashes: m[1]!, textStart, textEnd: headingEnd(text, textStart) });
  }
  return out;
}

/** The line cut into: prose, blank line, heading, blank line, prose … (null when a heading's end is unknown). */
function splitLine(text: string, found: readonly Split[]): string | null {
  // A line of a list item or a quote: new blocks there need its markers and indentation too.
  if (/^(?:\s|[-*+]\s|\d+[.)]\s|>)/u.test(text)) return null;
  const parts: string[] = [];
  let last = 0;
  for (const s of found) {
    if (s.textEnd < 0) return null;
    const before = text.slice(last, s.at).trim();
    if (before) parts.push(before);
    parts.push(`${s.hashes} ${text.slice(s.textStart, s.textEnd).trim()}`);
    last = s.textEnd;
  }
  const after = text.slice(last).trim();
  if (after) parts.push(after);
  return parts.join('\n\n');
}

export default defineRule({
  id: 'artifacts/inline-heading',
  category: 'artifacts',
  defaultSeverity: 'error',
  keptInDeletedCopies: true,
  specificity: SPECIFICITY.inlineHeading,
  description: {
    en: 'A Markdown heading glued into a line after a sentence (…. ## Heading): it renders as plain hashes.',
    ja: '文の後ろに同じ行で続く見出し（…。## 見出し）。見出しにならず「##」がそのまま表示される。',
  },
  messages: {
    gluedHeading: {
      en: 'Heading "{{heading}}" is glued into the line{{more}}; Markdown shows the hashes as text. Put it on its own line, with a blank line before and after.',
      ja: '見出し「{{heading}}」が行の途中にあります{{more}}。見出しにならず「#」がそのまま表示されます。前後に空行を入れて独立した行にしてください。',
    },
  },
  evidence: {
    error: 'Outside code, a run of 1–6 `#` followed by a space and text, right after a sentence end (。！？.!? or a closing bracket) in the middle of a paragraph line.',
  },
  examples: {
    valid: [
      { name: 'C# and issue numbers', text: '---\ntitle: x\n---\n\nWe rewrote it in C#. #123 fixed the crash. See the #help channel.\n' },
      { name: 'a heading at the start of its line', text: '---\ntitle: x\n---\n\n本文です。\n\n## 次の章\n' },
      { name: 'hashes in inline code', text: '---\ntitle: x\n---\n\nWrite a heading as `Intro. ## Setup` in the template.\n' },
    ],
    invalid: [
      {
        name: 'collapsed Japanese article: each heading gets its own line',
        source: 'ai-blog-system 2025-11-03 post (MIT)',
        text: '---\ntitle: x\n---\n\n深く関わってくるからです。 ### 1. 中国の普及がもたらす真の衝撃：単なる数字の裏側 5億人という数字は、単に多くの人が使っているというだけではありません。 ### 2. 日本が直面する課題 正直なところ、状況は厳しい。\n',
        findings: [{ line: 5, severity: 'error', message: '###' }],
        output: '---\ntitle: x\n---\n\n深く関わってくるからです。\n\n### 1. 中国の普及がもたらす真の衝撃：単なる数字の裏側\n\n5億人という数字は、単に多くの人が使っているというだけではありません。\n\n### 2. 日本が直面する課題\n\n正直なところ、状況は厳しい。\n',
      },
      {
        name: 'English heading running to the end of the line',
        text: '---\ntitle: x\n---\n\nThat covers the setup. ## Configuring the exporter\n',
        findings: [{ line: 5 }],
        output: '---\ntitle: x\n---\n\nThat covers the setup.\n\n## Configuring the exporter\n',
      },
      {
        name: 'English heading followed by prose: where it ends is unknown, no fix',
        text: '---\ntitle: x\n---\n\nThat covers the setup. ## Configuring the exporter The exporter reads one file.\n',
        findings: [{ line: 5 }],
      },
    ],
  },
  check({ post }) {
    const reports: Report[] = [];
    for (const block of post.blocks) {
      if (block.type !== 'paragraph' || block.ancestors.includes('blockquote')) continue;
      for (let line = block.line; line <= block.endLine; line++) {
        const found = splits(post, line);
        if (found.length === 0) continue;
        const text = post.lines.line(line);
        const first = found[0]!;
        const headingText = first.textEnd > 0 ? text.slice(first.textStart, first.textEnd) : text.slice(first.textStart, first.textStart + 30);
        const more = found.length > 1 ? ` (+${found.length - 1})` : '';
        const replacement = splitLine(text, found);
        const report: Report = {
          line,
          column: first.at + 1,
          endColumn: (first.textEnd > 0 ? first.textEnd : text.length) + 1,
          messageId: 'gluedHeading',
          data: { heading: `${first.hashes} ${headingText.trim()}`, more },
        };
        if (replacement !== null) report.fix = { line, endLine: line, replacement };
        reports.push(report);
      }
    }
    return reports;
  },
});
