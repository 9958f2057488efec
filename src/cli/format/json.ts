import type { Finding } from '../../core/finding.js';
import { REPORT_CLOSING, REPORT_OPENING, reportItems, type EncodedFindings } from '../../core/finding-json.js';

/** Exactly one JSON document with the finding contract; other tools and our benchmarks parse it. */
export function formatJson(findings: readonly Finding[]): string {
  return [...jsonPieces(findings)].join('');
}

/** Findings per piece of `jsonPieces`: pieces of ~0.5 MB. */
const FINDINGS_PER_PIECE = 1000;

/**
 * The document `formatJson` gives (`JSON.stringify({ findings }, null, 2)` and a line break), in pieces
 * written one after the other: a whole site's findings (50,000: 27 MB of JSON, twice that as a JS
 * string) are never one string.
 */
export function jsonPieces(findings: readonly Finding[]): Generator<string> {
  return jsonPiecesOf([findings]);
}

/** A group of findings: as objects, or written already by the thread that checked the post (`EncodedFindings`). */
export type ReportGroup = readonly Finding[] | EncodedFindings;

/**
 * `jsonPieces` of the findings of several groups in order (each post's, as a check settles them), read one
 * group at a time: a report written while the posts are checked.
 */
export function* jsonPiecesOf(groups: Iterable<ReportGroup>): Generator<string> {
  const report = new JsonReport();
  for (const group of groups) yield* report.add(group);
  yield* report.end();
}

/** `jsonPiecesOf` of groups that come asynchronously (the check pool's posts as their workers finish them). */
export async function* jsonPiecesOfAsync(groups: AsyncIterable<ReportGroup>): AsyncGenerator<string> {
  const report = new JsonReport();
  for await (const group of groups) yield* report.add(group);
  yield* report.end();
}

/** The pieces of one report, made as its findings are added. */
class JsonReport {
  private written = 0;
  private piece: Finding[] = [];

  *add(group: ReportGroup): Generator<string> {
    if (!Array.isArray(group)) {
      yield* this.addEncoded(group as EncodedFindings);
      return;
    }
    for (const finding of group as readonly Finding[]) {
      if (this.written === 0) yield OPENING;
      this.piece.push(finding);
      this.written++;
      if (this.piece.length === FINDINGS_PER_PIECE) yield this.flush();
    }
  }

  /** Findings written already: the piece so far goes first, then their text as it stands. */
  private *addEncoded(encoded: EncodedFindings): Generator<string> {
    if (encoded.count === 0) return;
    if (this.written === 0) yield OPENING;
    if (this.piece.length > 0) yield this.flush();
    yield this.written === 0 ? encoded.items : `,\n${encoded.items}`;
    this.written += encoded.count;
  }

  *end(): Generator<string> {
    if (this.written === 0) {
      yield `${JSON.stringify({ findings: [] }, null, 2)}\n`;
      return;
    }
    if (this.piece.length > 0) yield this.flush();
    yield `${CLOSING}\n`;
  }

  /**
   * One `JSON.stringify` per piece, of the piece wrapped as the document wraps it: its findings come out
   * exactly as they stand in the whole document (indented two levels, one `,\n` apart), between the
   * wrapper's opening and closing lines, which are cut off. (Stringifying each finding and re-indenting it
   * cost a string and a `replaceAll` per finding.)
   */
  private flush(): string {
    const items = reportItems(this.piece);
    const text = this.written === this.piece.length ? items : `,\n${items}`;
    this.piece = [];
    return text;
  }
}

const OPENING = REPORT_OPENING;
const CLOSING = REPORT_CLOSING;
