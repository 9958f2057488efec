/**
 * Text the App writes into GitHub Markdown. Messages quote the post, and a post is untrusted: it must not
 * be able to ping people (`@team`), inject HTML or break out of a suggestion block.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Escapes text for a Markdown paragraph. Messages quote the post, so the text is hostile:
 * - outside code spans: HTML is shown, not rendered (`&`, `<`, `>`); `@mention` cannot notify anyone (a
 *   zero-width space after `@`, as Dependabot and Renovate do); `[`, `]` and `\` are backslash-escaped so
 *   no link or image can be formed;
 * - code spans (backtick runs closed by a run of the same length, as CommonMark reads them) are kept as
 *   they are: nothing inside one renders or pings. Escaping every backslash outside them makes GitHub see
 *   exactly the same code spans as this function does.
 * Line breaks become spaces (no block-level Markdown: headings, lists, fences, tables).
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  let out = '';
  let textStart = 0;
  const escapeText = (t: string) =>
    t
      .replace(/\\/g, '\\\\')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[[\]]/g, (c) => `\\${c}`)
      .replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
  // Backtick runs, and for each length the runs of that length in order: a run's closing run is the next
  // one of the same length (a pointer per length only moves forward: linear time on any input).
  const runs: { at: number; length: number }[] = [];
  for (let i = 0; i < flat.length; ) {
    if (flat.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    let n = 0;
    while (flat.charCodeAt(i + n) === 96) n++;
    runs.push({ at: i, length: n });
    i += n;
  }
  const byLength = new Map<number, number[]>();
  runs.forEach((r, k) => {
    const list = byLength.get(r.length);
    if (list) list.push(k);
    else byLength.set(r.length, [k]);
  });
  const pointer = new Map<number, number>();
  for (let k = 0; k < runs.length; k++) {
    const open = runs[k]!;
    if (open.at < textStart) continue; // inside a code span already emitted
    const list = byLength.get(open.length)!;
    let p = pointer.get(open.length) ?? 0;
    while (p < list.length && list[p]! <= k) p++;
    pointer.set(open.length, p);
    if (p >= list.length) continue; // an unmatched run is literal text
    const close = runs[list[p]!]!;
    out += escapeText(flat.slice(textStart, open.at)) + flat.slice(open.at, close.at + close.length);
    textStart = close.at + close.length;
  }
  return out + escapeText(flat.slice(textStart));
}

/**
 * A file name (chosen by whoever opened the pull request) as plain Markdown text: escaped like any text,
 * and every character that could start a link, emphasis, a code span or a table cell is backslash-escaped,
 * so `a](https://evil)[b.md` stays text.
 */
export function escapePath(path: string): string {
  return path
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]()!|#~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

/** A code span that the text cannot close (a backtick run longer than any inside); nothing in it renders or pings. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  let longest = 0;
  let run = 0;
  for (let i = 0; i < flat.length; i++) {
    if (flat.charCodeAt(i) === 96) longest = Math.max(longest, ++run);
    else run = 0;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
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
