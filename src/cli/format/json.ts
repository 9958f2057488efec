import type { Finding } from '../../core/finding.js';

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

/**
 * `jsonPieces` of the findings of several groups in order (each post's, as a check settles them), read one
 * group at a time: a report written while the posts are checked.
 */
export function* jsonPiecesOf(groups: Iterable<readonly Finding[]>): Generator<string> {
  const report = new JsonReport();
  for (const findings of groups) yield* report.add(findings);
  yield* report.end();
}

/** `jsonPiecesOf` of groups that come asynchronously (the check pool's posts as their workers finish them). */
export async function* jsonPiecesOfAsync(groups: AsyncIterable<readonly Finding[]>): AsyncGenerator<string> {
  const report = new JsonReport();
  for await (const findings of groups) yield* report.add(findings);
  yield* report.end();
}

/** The pieces of one report, made as its findings are added. */
class JsonReport {
  private written = 0;
  private piece: string[] = [];

  *add(findings: readonly Finding[]): Generator<string> {
    for (const finding of findings) {
      if (this.written === 0) yield '{\n  "findings": [\n';
      // Each finding as JSON.stringify lays it out, two levels deep (string values hold no raw line break).
      this.piece.push(JSON.stringify(finding, null, 2).replaceAll('\n', '\n    '));
      this.written++;
      if (this.piece.length === FINDINGS_PER_PIECE) yield this.flush();
    }
  }

  *end(): Generator<string> {
    if (this.written === 0) {
      yield `${JSON.stringify({ findings: [] }, null, 2)}\n`;
      return;
    }
    if (this.piece.length > 0) yield this.flush();
    yield '\n  ]\n}\n';
  }

  private flush(): string {
    const text = `${this.written === this.piece.length ? '    ' : ',\n    '}${this.piece.join(',\n    ')}`;
    this.piece = [];
    return text;
  }
}
