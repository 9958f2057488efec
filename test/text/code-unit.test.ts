import { describe, expect, it } from 'vitest';
import { codeAt } from '../../src/text/code-unit.js';

describe('codeAt', () => {
  it('is charCodeAt inside the text and -1 past either end', () => {
    const text = 'a漢😀';
    for (let i = 0; i < text.length; i++) expect(codeAt(text, i)).toBe(text.charCodeAt(i));
    for (const i of [-2, -1, text.length, text.length + 1]) expect(codeAt(text, i)).toBe(-1);
    expect(codeAt('', 0)).toBe(-1);
  });
});
