/**
 * GFM autolink literals (bare `http(s)://` URLs, `www.` links, emails) found in a raw inline string the way
 * micromark-extension-gfm-autolink-literal 2.1 finds them, so that markdown-it (which has no such
 * construct: linkify follows other rules) can give micromark's post model for posts that hold them.
 * Each function below is one of the extension's tokenizers (`dev/lib/syntax.js`), state for state, on
 * UTF-16 code units as micromark reads them; `end` is where the inline content ends (micromark's eof).
 * `src/post/markdown-it-model.ts` decides where a literal may start (text that no other construct took)
 * and falls back to micromark when one would cross markdown-it's other constructs.
 */

/** The code before the first character of an inline content (micromark's `previous` there is eof). */
export const CONTENT_START = -1;

const isAsciiAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiAlphanumeric = (c: number): boolean => isAsciiAlpha(c) || (c >= 48 && c <= 57);
/** `markdownLineEndingOrSpace`: micromark's line endings and tabs are negative codes; here they are raw. */
const isLineEndingOrSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const isAsciiControl = (c: number): boolean => c < 32 || c === 127;
const UNICODE_WHITESPACE = /\s/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;
const isUnicodeWhitespace = (c: number): boolean => UNICODE_WHITESPACE.test(String.fromCharCode(c));
const isUnicodePunctuation = (c: number): boolean => UNICODE_PUNCTUATION.test(String.fromCharCode(c));
/** `gfmAtext`: what an email's local part is made of. */
export const isEmailAtext = (c: number): boolean => c === 43 || c === 45 || c === 46 || c === 95 || isAsciiAlphanumeric(c);

/** `previousEmail`, `previousProtocol`, `previousWww`: may a literal of that kind start after `previous`? */
export const emailMayFollow = (previous: number): boolean => previous !== 47 && !isEmailAtext(previous);
export const protocolMayFollow = (previous: number): boolean => !isAsciiAlpha(previous);
export const wwwMayFollow = (previous: number): boolean =>
  // eof, ( * _ [ ] ~, line endings and spaces
  previous === CONTENT_START || previous === 40 || previous === 42 || previous === 95 || previous === 91 || previous === 93 || previous === 126 || isLineEndingOrSpace(previous);

/** Thrown where the raw scan cannot stand for micromark (see `wwwLiteral`). */
export class LiteralUndecided extends Error {}

/** The end of the email literal starting at `at` (an atext character), or -1. */
export function emailLiteral(src: string, at: number, end: number): number {
  let i = at;
  while (i < end && isEmailAtext(src.charCodeAt(i))) i++;
  if (i >= end || src.charCodeAt(i) !== 64) return -1;
  i++;
  let dot = false;
  let data = false;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 46) {
      // A dot followed by an alphanumeric is part of the domain, else it ends it (a trail).
      if (i + 1 < end && isAsciiAlphanumeric(src.charCodeAt(i + 1))) {
        dot = true;
        i++;
        continue;
      }
      break;
    }
    if (c === 45 || c === 95 || isAsciiAlphanumeric(c)) {
      data = true;
      i++;
      continue;
    }
    break;
  }
  // Domain not empty, with a dot, ending in an alphabetical (the character consumed last).
  return data && dot && isAsciiAlpha(src.charCodeAt(i - 1)) ? i : -1;
}

/** The end of the `www.` literal starting at `at` (a `w` or `W`), or -1. */
export function wwwLiteral(src: string, at: number, end: number): number {
  for (let k = 0; k < 3; k++) {
    const c = at + k < end ? src.charCodeAt(at + k) : -1;
    if (c !== 87 && c !== 119) return -1;
  }
  if (at + 3 >= end || src.charCodeAt(at + 3) !== 46) return -1;
  // micromark links `www` in `www. x` but nothing in `www.` at the end of the content; markdown-it's
  // content is trimmed of the spaces micromark may still see there.
  if (at + 4 >= end) throw new LiteralUndecided();
  const domainEnd = domain(src, at, end);
  return domainEnd < 0 ? -1 : path(src, domainEnd, end);
}

/** The end of the `http://` or `https://` literal starting at `at` (an `h` or `H`), or -1. */
export function protocolLiteral(src: string, at: number, end: number): number {
  let i = at + 1;
  while (i < end && isAsciiAlpha(src.charCodeAt(i)) && i - at < 5) i++;
  if (i >= end || src.charCodeAt(i) !== 58) return -1;
  const protocol = src.slice(at, i).toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return -1;
  i++;
  if (i + 1 >= end || src.charCodeAt(i) !== 47 || src.charCodeAt(i + 1) !== 47) return -1;
  i += 2;
  if (i >= end) return -1;
  const c = src.charCodeAt(i);
  if (isAsciiControl(c) || isLineEndingOrSpace(c) || isUnicodeWhitespace(c) || isUnicodePunctuation(c)) return -1;
  const domainEnd = domain(src, i, end);
  return domainEnd < 0 ? -1 : path(src, domainEnd, end);
}

/** `tokenizeDomain`: the domain's end, or -1 (empty, or an underscore in its last two segments). */
function domain(src: string, at: number, end: number): number {
  let underscoreInLast = false;
  let underscoreInLastLast = false;
  let seen = false;
  let i = at;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 46 || c === 95) {
      if (isTrail(src, i, end)) break;
      if (c === 95) underscoreInLast = true;
      else {
        underscoreInLastLast = underscoreInLast;
        underscoreInLast = false;
      }
      i++;
      continue;
    }
    if (isLineEndingOrSpace(c) || isUnicodeWhitespace(c) || (c !== 45 && isUnicodePunctuation(c))) break;
    seen = true;
    i++;
  }
  return underscoreInLast || underscoreInLastLast || !seen ? -1 : i;
}

/** Characters that may be trailing punctuation in a path (checked with `isTrail`). */
const PATH_TRAIL_START = new Set([33, 34, 38, 39, 41, 42, 44, 46, 58, 59, 60, 63, 93, 95, 126]);

/** `tokenizePath`: where the path that starts at `at` ends (a path may be empty). */
function path(src: string, at: number, end: number): number {
  let open = 0;
  let close = 0;
  let i = at;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 40) {
      open++;
      i++;
      continue;
    }
    if (c === 41 && close < open) {
      close++;
      i++;
      continue;
    }
    if (PATH_TRAIL_START.has(c)) {
      if (isTrail(src, i, end)) return i;
      if (c === 41) close++;
      i++;
      continue;
    }
    if (isLineEndingOrSpace(c) || isUnicodeWhitespace(c)) return i;
    i++;
  }
  return i;
}

/** Plain trailing punctuation (`&` and `]` have rules of their own). */
const TRAIL = new Set([33, 34, 39, 41, 42, 44, 46, 58, 59, 63, 95, 126]);

/** `tokenizeTrail`: is `at` the start of trailing punctuation followed by an end (not part of the link)? */
function isTrail(src: string, at: number, end: number): boolean {
  let i = at;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (TRAIL.has(c)) {
      i++;
      continue;
    }
    if (c === 38) {
      // `&` + letters + `;` (a character reference) trails as a whole; anything else continues the URL.
      i++;
      if (i >= end || !isAsciiAlpha(src.charCodeAt(i))) return false;
      while (i < end && isAsciiAlpha(src.charCodeAt(i))) i++;
      if (i >= end || src.charCodeAt(i) !== 59) return false;
      i++;
      continue;
    }
    if (c === 93) {
      // `]` then an end, `(` or `[`: the end; else back to the trail.
      i++;
      if (i >= end) return true;
      const next = src.charCodeAt(i);
      if (next === 40 || next === 91 || isLineEndingOrSpace(next) || isUnicodeWhitespace(next)) return true;
      continue;
    }
    return c === 60 || isLineEndingOrSpace(c) || isUnicodeWhitespace(c);
  }
  return true;
}
