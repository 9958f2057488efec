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
export function* jsonPieces(findings: readonly Finding[]): Generator<string> {
  if (findings.length === 0) {
    yield `${JSON.stringify({ findings: [] }, null, 2)}\n`;
    return;
  }
  yield '{\n  "findings": [\n';
  for (let i = 0; i < findings.length; i += FINDINGS_PER_PIECE) {
    const piece = findings
      .slice(i, i + FINDINGS_PER_PIECE)
      // Each finding as JSON.stringify lays it out, two levels deep (string values hold no raw line break).
      .map((finding) => JSON.stringify(finding, null, 2).replaceAll('\n', '\n    '))
      .join(',\n    ');
    yield `${i === 0 ? '    ' : ',\n    '}${piece}`;
  }
  yield '\n  ]\n}\n';
}
