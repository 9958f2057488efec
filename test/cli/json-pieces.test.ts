import { describe, expect, it } from 'vitest';
import { formatJson, jsonPieces, jsonPiecesOf, type ReportGroup } from '../../src/cli/format/json.js';
import { encodeFindings } from '../../src/core/finding-json.js';
import { checkPosts } from '../../src/lint/run.js';
import { config, seed } from '../helpers.js';

/**
 * `check --format json` writes its document in pieces (a whole site's 50,000 findings are never one
 * string): the pieces make exactly `JSON.stringify({ findings }, null, 2)`, on the findings of the five
 * ai-blog-system seeds (MIT; fixes, related locations, Japanese messages) and on more than one piece's worth.
 */
describe('jsonPieces', () => {
  const findings = checkPosts([0, 1, 2, 3, 4].map(seed), config()).findings;

  it('makes the one JSON document, byte for byte, with nothing, a few and thousands of findings', () => {
    expect(findings.some((f) => f.fix) && findings.some((f) => f.related)).toBe(true);
    const many = Array.from({ length: Math.ceil(2500 / findings.length) }, () => findings).flat();
    for (const list of [[], findings.slice(0, 1), findings, many]) {
      const expected = `${JSON.stringify({ findings: list }, null, 2)}\n`;
      expect([...jsonPieces(list)].join('')).toBe(expected);
      expect(formatJson(list)).toBe(expected);
    }
    expect([...jsonPieces(many)].length).toBeGreaterThan(3);
  });

  it('makes the same document from the findings in groups (one per post, as a streamed check gives them)', () => {
    const many = Array.from({ length: Math.ceil(2500 / findings.length) }, () => findings).flat();
    for (const list of [[], findings.slice(0, 1), findings, many]) {
      const groups: (typeof list)[] = [[]];
      for (const [i, finding] of list.entries()) (i % 7 === 3 ? groups.push([finding], []) : groups[groups.length - 1]!.push(finding));
      expect([...jsonPiecesOf(groups)].join('')).toBe(`${JSON.stringify({ findings: list }, null, 2)}\n`);
    }
  });

  it('makes the same document when some groups come written already (a worker\'s posts) and others as objects', () => {
    const many = Array.from({ length: Math.ceil(2500 / findings.length) }, () => findings).flat();
    for (const list of [[], findings.slice(0, 1), findings, many]) {
      const groups: ReportGroup[] = [];
      // Groups of 0 to 12 findings, every other one written by the worker; empty ones on both sides.
      for (let at = 0, n = 0; at <= list.length; at += n % 13, n++) {
        const group = list.slice(at, at + (n % 13));
        groups.push(n % 2 === 0 ? encodeFindings(group) : group);
      }
      expect(groups.reduce((sum, g) => sum + (Array.isArray(g) ? g.length : (g as ReturnType<typeof encodeFindings>).count), 0)).toBe(list.length);
      expect([...jsonPiecesOf(groups)].join('')).toBe(`${JSON.stringify({ findings: list }, null, 2)}\n`);
    }
    const counted = encodeFindings(findings);
    expect([counted.errors, counted.warnings]).toEqual([findings.filter((f) => f.severity === 'error').length, findings.filter((f) => f.severity === 'warning').length]);
  });
});
