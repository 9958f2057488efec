import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/lint/fix.js';

describe('applyFixes', () => {
  it('replaces and deletes whole lines, keeping line endings and the final newline', () => {
    const input = 'a\r\nb\r\nc\r\nd\r\n';
    const result = applyFixes(input, [
      { line: 2, endLine: 2, replacement: 'B' },
      { line: 3, endLine: 4, replacement: '' },
    ]);
    expect(result.output).toBe('a\r\nB\r\n');
    expect(result.applied).toHaveLength(2);
    expect(result.skipped).toEqual([]);
  });

  it('keeps a BOM and skips overlapping, out-of-range and no-op fixes', () => {
    const input = '\ufeffone\ntwo\nthree';
    const result = applyFixes(input, [
      { line: 1, endLine: 2, replacement: 'x' },
      { line: 2, endLine: 3, replacement: 'y' },
      { line: 9, endLine: 9, replacement: 'z' },
      { line: 3, endLine: 3, replacement: 'three' },
    ]);
    expect(result.output).toBe('\ufeffx\nthree');
    expect(result.skipped.map((s) => s.reason)).toEqual(['overlap', 'no-change', 'out-of-range']);
  });

  it('inserts several lines in place of one', () => {
    expect(applyFixes('a\nb\n', [{ line: 1, endLine: 1, replacement: 'a1\na2' }]).output).toBe('a1\na2\nb\n');
  });
});
