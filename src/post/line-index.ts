/**
 * Maps offsets to 1-based lines and back. Lines end at \n, \r\n or a lone \r, as in micromark, so
 * CRLF files and multi-byte text give the same line numbers as GitHub shows.
 */
export class LineIndex {
  /** Offset where each line starts; starts[0] is line 1. */
  private readonly starts: number[];
  /** Offset where each line's content ends (before its line ending). */
  private readonly ends: number[];

  /** `carriageReturn`: whether `text` holds a `\r`, where the caller knows it already. */
  constructor(
    private readonly text: string,
    carriageReturn = text.includes('\r'),
  ) {
    const starts = [0];
    const ends: number[] = [];
    if (carriageReturn) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */ || c === 13 /* \r */) {
          ends.push(i);
          if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    } else {
      // Only `\n` (nearly every post): found by indexOf, several times faster than a loop over every character.
      for (let eol = text.indexOf('\n'); eol >= 0; eol = text.indexOf('\n', eol + 1)) {
        ends.push(eol);
        starts.push(eol + 1);
      }
    }
    ends.push(text.length);
    this.starts = starts;
    this.ends = ends;
  }

  /** Number of lines; a file ending with a newline has an empty last line that GitHub does not show. */
  get count(): number {
    return this.starts.length;
  }

  /** The text of line `line` (1-based) without its line ending. */
  line(line: number): string {
    const i = line - 1;
    if (i < 0 || i >= this.starts.length) return '';
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  /** Lines `from..to` (inclusive) joined with "\n". */
  slice(from: number, to: number): string {
    const out: string[] = [];
    for (let l = from; l <= to; l++) out.push(this.line(l));
    return out.join('\n');
  }

  startOf(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
  }

  endOf(line: number): number {
    return this.ends[Math.min(Math.max(line, 1), this.ends.length) - 1]!;
  }

  /** 1-based line containing `offset`. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column (UTF-16 units) of `offset` on its line. */
  columnAt(offset: number): number {
    return offset - this.starts[this.lineAt(offset) - 1]! + 1;
  }

  /** The longest line: its 1-based number and length (UTF-16 units). */
  longestLine(): { line: number; length: number } {
    let best = { line: 1, length: 0 };
    for (let i = 0; i < this.starts.length; i++) {
      const length = this.ends[i]! - this.starts[i]!;
      if (length > best.length) best = { line: i + 1, length };
    }
    return best;
  }

  isBlank(line: number): boolean {
    return this.line(line).trim() === '';
  }
}
