/**
 * Text the App writes into GitHub Markdown. Messages quote the post, and a post is untrusted: it must not
 * be able to ping people (`@team`), inject HTML or break out of a suggestion block.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Escapes text for a Markdown paragraph: HTML is shown, not rendered; `@mention` and `#123`-style
 * references cannot notify anyone (a zero-width space after `@`, as Dependabot and Renovate do).
 * Backtick code spans written by our own messages are kept.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/\r\n|\r|\n/g, ' ');
}

/** Text for a table cell: escaped, with `|` escaped too. */
export function escapeCell(text: string): string {
  return escapeMarkdown(text).replace(/\|/g, '\\|');
}

/** A code fence longer than any run of backticks in `content` (at least three), so it cannot be closed early. */
export function fenceFor(content: string): string {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < content.length; i++) {
    if (content.charCodeAt(i) === 96 /* ` */) {
      run++;
      if (run > longest) longest = run;
    } else {
      run = 0;
    }
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A fenced block: ```suggestion / ```text. The content is verbatim (inside a fence nothing pings or renders). */
export function fenced(info: string, content: string): string {
  const fence = fenceFor(content);
  return content === '' ? `${fence}${info}\n${fence}` : `${fence}${info}\n${content}\n${fence}`;
}

const MARKER = /<!-- editorial-review:fp=([0-9a-f]{16}(?::\d+)?) -->/g;

/** The hidden fingerprint a comment (or a review body, for findings outside the diff) carries. */
export function marker(key: string): string {
  return `<!-- editorial-review:fp=${key} -->`;
}

/** Every fingerprint key hidden in a comment or review body written by the App. */
export function markersIn(body: string | null | undefined): string[] {
  if (!body) return [];
  return [...body.matchAll(MARKER)].map((m) => m[1]!);
}

/** Trims a Markdown text to GitHub's limits (65,536 characters for bodies and check-run summaries). */
export function clip(text: string, max = 65_000): string {
  if (text.length <= max) return text;
  const note = '\n\n… (truncated)';
  return text.slice(0, max - note.length) + note;
}
