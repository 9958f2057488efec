import { defineRule, SPECIFICITY, type Report } from '../rule.js';
import { codeRanges, insideRanges } from '../../analysis/blocks.js';
import { linesMatching } from '../../text/line-search.js';

/**
 * Grounding and citation markup of chat tools, which no blog renders: Gemini's `[cite: 12]` /
 * `[cite_start]`, ChatGPT's `【4†source】`, `:contentReference[oaicite:0]{index=0}`,
 * `[oai_citation:1‡example.com](…)` and `turn0search0` references (with or without their private-use
 * brackets `\uE200cite\uE202…\uE201`). Each is specific to the tool that emits it: none is prose.
 */
const TAG =
  /\[cite(?:_start|_end)?(?:\s*:[^\]\n]*)?\](?![(:[])|【\d+(?::\d+)?†[^】\n]{0,80}】|:?contentReference\[oaicite:\d+\](?:\{index=\d+\})?|\[oai_citation(?::\d+)?(?:‡[^\]\n]*)?\](?:\([^)\s]*\))?|(?<![\p{L}\p{N}])\uE200?(?:cite|filecite|navlist|image_group|entity)?\uE202?turn\d+(?:search|news|view|fetch|file|image|product|academia|forecast|finance|sports|calculator|time)\d+(?![\p{L}\p{N}])(?:\uE202turn\d+[a-z]+\d+)*\uE201?|[\uE200-\uE202]/gu;

/**
 * A word or character every tag holds one of: the lines without are not read (`linesMatching` finds those
 * with one by searching the post's text; no match holds a line break or looks around itself).
 */
export const MAY_HOLD_TAG = /cite|†|oaicite|oai_citation|turn\d|[\uE200-\uE202]/gu;

/** The line with the tags removed, and the spaces they leave behind tidied. */
function withoutTags(line: string, tags: readonly { start: number; end: number }[]): string {
  let out = '';
  let last = 0;
  for (const t of tags) {
    out += line.slice(last, t.start);
    last = t.end;
  }
  out += line.slice(last);
  const indent = line.match(/^[ \t]*/u)?.[0] ?? '';
  return (
    indent +
    out
      .slice(indent.length)
      .replace(/[ \t]{2,}/gu, ' ')
      .replace(/[ \t]+(?=[.,;:!?。、，．！？）)\]」』])/gu, '')
      .trimEnd()
  );
}

export default defineRule({
  id: 'artifacts/citation-tag',
  category: 'artifacts',
  defaultSeverity: 'error',
  keptInDeletedCopies: true,
  specificity: SPECIFICITY.citationTag,
  description: {
    en: 'A chat tool’s grounding or citation tag ([cite: …], 【4†source】, oaicite, turn0search0) left in the post.',
    ja: 'チャットツールの出典タグ（[cite: …]、【4†source】、oaicite、turn0search0 など）が記事に残っている。',
  },
  messages: {
    citationTag: {
      en: 'Citation tag of a chat tool left in the text{{listed}}: readers see it as is. Remove it, and link the real source if the sentence needs one.',
      ja: 'チャットツールの出典タグが本文に残っています{{listed}}。そのまま表示されます。削除し、必要なら実際の出典へのリンクを付けてください。',
    },
  },
  evidence: {
    error: 'A tag in the exact syntax one chat tool emits for its grounding references, outside code. None of them is Markdown or prose.',
  },
  examples: {
    valid: [
      { name: 'a tag shown as code in a post about the tools', text: '---\ntitle: Gemini citations\n---\n\nGemini marks its sources with `[cite: 1]` tags.\n' },
      { name: 'a footnote and a Markdown link are real citations', text: '---\ntitle: x\n---\n\nThe study found a 12% drop.[^1] See [the report](https://example.com).\n\n[^1]: Example 2024.\n' },
      { name: 'a word that only starts like a reference', text: '---\ntitle: x\n---\n\nTurn0 and return0search1 are not references.\n' },
      { name: 'a link whose text is "cite"', text: '---\ntitle: x\n---\n\nPlease [cite](https://example.com/cite) this work as shown, or use [cite]: the reference.\n' },
    ],
    invalid: [
      {
        name: 'Gemini grounding tag with a note from the model',
        source: 'written after the issue report of the ai-blog-system pipeline (MIT)',
        text: '---\ntitle: x\n---\n\n市場規模は2030年までに5倍に拡大すると見られています[cite: 12 - この数値は仮定のものです]。\n',
        findings: [{ line: 5, severity: 'error', message: 'cite' }],
        output: '---\ntitle: x\n---\n\n市場規模は2030年までに5倍に拡大すると見られています。\n',
      },
      {
        name: 'ChatGPT source markers and contentReference',
        text: '---\ntitle: The state of WebGPU\n---\n\nChrome shipped WebGPU in version 113 【4†source】. Firefox followed in 2025 :contentReference[oaicite:1]{index=1}.\n\nSafari is next citeturn0search3.\n',
        findings: [
          { line: 5, severity: 'error' },
          { line: 7, severity: 'error' },
        ],
        output: '---\ntitle: The state of WebGPU\n---\n\nChrome shipped WebGPU in version 113. Firefox followed in 2025.\n\nSafari is next.\n',
      },
    ],
  },
  check({ post }) {
    const code = codeRanges(post);
    const reports: Report[] = [];
    for (const line of linesMatching(post.text, post.lines, MAY_HOLD_TAG, post.bodyLine)) {
      const text = post.lines.line(line);
      const lineStart = post.lines.startOf(line);
      const tags: { start: number; end: number; text: string }[] = [];
      for (const m of text.matchAll(TAG)) {
        if (insideRanges(code, lineStart + m.index)) continue;
        tags.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
      }
      if (tags.length === 0) continue;
      const shown = tags.map((t) => t.text.replace(/[\uE200-\uE202]/gu, '')).filter((t) => t !== '');
      const listed = [...new Set(shown)].slice(0, 3).join(' ');
      reports.push({
        line,
        column: tags[0]!.start + 1,
        endColumn: tags[tags.length - 1]!.end + 1,
        messageId: 'citationTag',
        data: { listed: listed ? { en: ` (${listed})`, ja: `（${listed}）` } : '' },
        fix: { line, endLine: line, replacement: withoutTags(text, tags) },
      });
    }
    return reports;
  },
});
