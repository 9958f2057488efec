/**
 * Whole-text searches for ASCII characters in a post (a `\r`, a tab, a NUL, a pipe, delimiters…), made in the
 * UTF-8 bytes the post was decoded from where the caller has them. Most posts are Japanese: their strings are
 * two-byte, where V8's `indexOf` stops at every character that merely shares a byte with the one sought (most
 * hiragana share one with `_`, `[`, `]` or `` ` ``) and tests every character for a NUL; in the bytes, an
 * ASCII character is its own byte and no other character holds that byte (UTF-8), so a search is one `memchr`.
 * Each pass over the site head's posts: the delimiter count 28 → 7 ms, the NUL search 14 → 3 ms.
 * `test/post/ascii-search.test.ts` holds the two searches to the same answers on every real post.
 */
export class AsciiSearch {
  /** What `includes` found: a parse asks for a `\r` thrice (line index, defusing, markdown-it's fallbacks), each a whole-text search. */
  private readonly found = new Map<string, boolean>();

  private constructor(
    private readonly text: string,
    private readonly bytes: Buffer | null,
  ) {}

  /** Searches `text` itself. */
  static inText(text: string): AsciiSearch {
    return new AsciiSearch(text, null);
  }

  /**
   * Searches `bytes`, the UTF-8 encoding of the text searched (a BOM before it changes no answer: its bytes are
   * not ASCII).
   */
  static inUtf8(bytes: Uint8Array): AsciiSearch {
    return new AsciiSearch('', Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /** Whether the text holds `ascii` (ASCII characters only). */
  includes(ascii: string): boolean {
    let found = this.found.get(ascii);
    if (found === undefined) {
      found = this.bytes === null ? this.text.includes(ascii) : this.bytes.includes(ascii, 0, 'latin1');
      this.found.set(ascii, found);
    }
    return found;
  }

  /** Whether the text holds more than `limit` characters that are one of `chars` (ASCII characters), in all. */
  countOver(chars: string, limit: number): boolean {
    let count = 0;
    const bytes = this.bytes;
    for (let k = 0; k < chars.length; k++) {
      if (bytes === null) {
        const char = chars[k]!;
        for (let at = this.text.indexOf(char); at >= 0; at = this.text.indexOf(char, at + 1)) if (++count > limit) return true;
      } else {
        const code = chars.charCodeAt(k);
        for (let at = bytes.indexOf(code); at >= 0; at = bytes.indexOf(code, at + 1)) if (++count > limit) return true;
      }
    }
    return false;
  }

  /**
   * Whether the text holds a task list check's shape, `/\[(?:[\t xX]|\r?\n|\r)\]/`: at each `[` found by a
   * search (posts hold few), where the regex is tried at every character (~2× the time). In the bytes, the
   * characters after a `[` are the same ASCII ones (any other character is bytes of 0x80 and over).
   */
  hasTaskCheck(): boolean {
    const bytes = this.bytes;
    if (bytes === null) return hasTaskCheck(this.text);
    for (let at = bytes.indexOf(91); at >= 0; at = bytes.indexOf(91, at + 1)) {
      // Past the end, a byte reads as undefined: no character code, as charCodeAt's NaN.
      const c: number | undefined = bytes[at + 1];
      const close = c === 13 && bytes[at + 2] === 10 ? at + 3 : at + 2;
      if ((c === 32 || c === 9 || c === 120 || c === 88 || c === 10 || c === 13) && bytes[close] === 93) return true;
    }
    return false;
  }
}

/** `AsciiSearch.hasTaskCheck` in a string. */
export function hasTaskCheck(text: string): boolean {
  for (let at = text.indexOf('['); at >= 0; at = text.indexOf('[', at + 1)) {
    const c = text.charCodeAt(at + 1);
    const close = c === 13 && text.charCodeAt(at + 2) === 10 ? at + 3 : at + 2;
    if ((c === 32 || c === 9 || c === 120 || c === 88 || c === 10 || c === 13) && text.charCodeAt(close) === 93) return true;
  }
  return false;
}
