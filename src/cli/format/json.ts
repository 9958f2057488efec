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
  let written = 0;
  let piece: string[] = [];
  const flush = (): string => {
    const text = `${written === piece.length ? '    ' : ',\n    '}${piece.join(',\n    ')}`;
    piece = [];
    return text;
  };
  for (const findings of groups) {
    for (const finding of findings) {
      if (written === 0) yield '{\n  "findings": [\n';
      // Each finding as JSON.stringify lays it out, two levels deep (string values hold no raw line break).
      piece.push(JSON.stringify(finding, null, 2).replaceAll('\n', '\n    '));
      written++;
      if (piece.length === FINDINGS_PER_PIECE) yield flush();
    }
  }
  if (written === 0) {
    yield `${JSON.stringify({ findings: [] }, null, 2)}\n`;
    return;
  }
  if (piece.length > 0) yield flush();
  yield '\n  ]\n}\n';
}
