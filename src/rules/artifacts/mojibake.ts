import { defineRule, type Report } from '../rule.js';
import { findDoubleEncoded, repairDoubleEncoded } from '../../text/mojibake.js';
import { linesMatching } from '../../text/line-search.js';
import { analyzeTitle } from '../../analysis/front-matter.js';
import { clip, codeRanges, insideRanges } from '../../analysis/blocks.js';

const REPLACEMENT = '\uFFFD';
/**
 * A character of U+FFFD or of the double encoding's Windows-1252 pieces: a line without one holds neither.
 * The lines that have one are found by searching the post's text (`linesMatching`); ~40 % of the site
 * head's lines have none.
 */
export const SUSPECT = /[\u0080-\u00ff\u2013-\u2122\u0152-\u0192\u02c6\u02dc\uFFFD]/gu;

/**
 * Broken characters anywhere in the file, front matter included: U+FFFD (text cut inside a multi-byte
 * character, or bytes that were not UTF-8) and UTF-8 read as Windows-1252 and saved again (`Ã©`,
 * `ã‚¢`, `â€™`). A title that only ends in U+FFFD is `front-matter/title-truncated`'s (it offers the
 * heading the title was cut from); code is skipped (a post about encodings shows examples there).
 */
export default defineRule({
  id: 'artifacts/mojibake',
  category: 'artifacts',
  defaultSeverity: 'error',
  keptInDeletedCopies: true,
  description: {
    en: 'Broken characters: U+FFFD or UTF-8 that was decoded as Windows-1252 (Ã©, ã‚¢, â€™).',
    ja: '文字化け（U+FFFD、または UTF-8 を Windows-1252 として読み直した「Ã©」「ã‚¢」など）。',
  },
  messages: {
    lostText: { en: 'Mojibake: {{what}}. Restore the lost text from the source.', ja: '文字化け: {{what}}。元の文章から失われた部分を復元してください。' },
    decodable: { en: 'Mojibake: {{what}}. The fix decodes it.', ja: '文字化け: {{what}}。修正案で元の文字に戻せます。' },
  },
  evidence: {
    error: 'U+FFFD outside code, or a run of characters that maps back to valid multi-byte UTF-8: at least two characters, or one of three or more bytes (all of Japanese).',
    warning: 'A single two-byte character decodes (`Ã©` in an otherwise clean line): real text almost never has it, but one pair is thin evidence.',
  },
  examples: {
    valid: [
      { name: 'accented words and Japanese as written', text: '---\ntitle: Café naïve résumé\n---\n\nPrix: 100 €, 30 °C ± 2 — « ça va » „Fuß“ SÃO PAULO.\n\n日本語の記事です。\n' },
      { name: 'an encoding example in code', text: '---\ntitle: Debugging encodings\n---\n\nA broken file shows `cafÃ©` or `\uFFFD` instead of café.\n' },
    ],
    invalid: [
      {
        name: 'a paragraph cut inside a character',
        source: 'ai-blog-system 2025-10-01 post (MIT)',
        text: '---\ntitle: x\n---\n\n河南省は、中国の中原に位置する広大な省です。あなたも感じているかもしれません\uFFFD\n',
        findings: [{ line: 5, severity: 'error', message: 'U+FFFD' }],
      },
      {
        name: 'Japanese read as Windows-1252: the fix decodes it',
        text: '---\ntitle: x\n---\n\næ—¥æœ¬èªžã\u0081®è¨˜äº‹ã\u0081§ã\u0081™ã€‚\n',
        findings: [{ line: 5, severity: 'error' }],
        output: '---\ntitle: x\n---\n\n日本語の記事です。\n',
      },
      {
        name: 'English smart quotes in the excerpt',
        text: '---\ntitle: Release notes\nexcerpt: "Itâ€™s the â€œfastestâ€\u009D release yet"\n---\n\nText.\n',
        findings: [{ line: 3, severity: 'error' }],
        output: '---\ntitle: Release notes\nexcerpt: "It’s the “fastest” release yet"\n---\n\nText.\n',
      },
      {
        name: 'one accented letter: a warning',
        text: '---\ntitle: Notes\n---\n\nWe met at the cafÃ© near the office.\n',
        findings: [{ line: 5, severity: 'warning' }],
        output: '---\ntitle: Notes\n---\n\nWe met at the café near the office.\n',
      },
    ],
  },
  check({ post }) {
    const code = codeRanges(post);
    const title = analyzeTitle(post);
    const reports: Report[] = [];
    for (const line of linesMatching(post.text, post.lines, SUSPECT)) {
      const text = post.lines.line(line);
      const lineStart = post.lines.startOf(line);
      const isTitle = title !== null && title.entry.line <= line && line <= title.entry.endLine;
      const runs = findDoubleEncoded(text).filter((r) => !insideRanges(code, lineStart + r.start));
      const broken: number[] = [];
      for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) {
        if (insideRanges(code, lineStart + i)) continue;
        broken.push(i);
      }
      // The title cut inside its last character: the truncated-title rule reports and fixes it.
      const titleCut = isTitle && title.cutInCharacter;
      const ownBroken = titleCut ? broken.filter((i) => text.slice(i + 1).replace(/["']\s*$/u, '').replace(/\uFFFD/gu, '').trim() !== '') : broken;
      if (runs.length === 0 && ownBroken.length === 0) continue;
      const decoded = runs.reduce((n, r) => n + [...r.decoded].length, 0);
      const strong = ownBroken.length > 0 || decoded >= 2 || runs.some((r) => r.longest >= 3);
      const first = Math.min(...runs.map((r) => r.start), ...ownBroken);
      const last = Math.max(...runs.map((r) => r.end), ...ownBroken.map((i) => i + 1));
      const parts: { en: string[]; ja: string[] } = { en: [], ja: [] };
      if (ownBroken.length > 0) {
        parts.en.push(`U+FFFD (a character cut in half or bytes that were not UTF-8) after "${clip(text.slice(Math.max(0, ownBroken[0]! - 20), ownBroken[0]!), 20)}"`);
        parts.ja.push(`U+FFFD（文字の途中での切断、または UTF-8 でないバイト）が「${clip(text.slice(Math.max(0, ownBroken[0]! - 20), ownBroken[0]!), 20)}」の後に`);
      }
      if (runs.length > 0) {
        const pairs = runs.slice(0, 3).map((r) => `${text.slice(r.start, r.end)} → ${r.decoded}`).join(', ');
        parts.en.push(`UTF-8 read as Windows-1252 (${pairs})`);
        parts.ja.push(`UTF-8 を Windows-1252 として読んだ文字化け（${pairs}）`);
      }
      const report: Report = {
        line,
        column: first + 1,
        endColumn: last + 1,
        severity: strong ? 'error' : 'warning',
        messageId: ownBroken.length > 0 ? 'lostText' : 'decodable',
        data: { what: { en: parts.en.join('; '), ja: parts.ja.join('。') } },
      };
      // Only the double encoding can be undone; what U+FFFD replaced is lost.
      if (runs.length > 0) report.fix = { line, endLine: line, replacement: repairDoubleEncoded(text, runs) };
      reports.push(report);
    }
    return reports;
  },
});
