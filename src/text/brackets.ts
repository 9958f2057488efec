/** Opening → closing pairs that must balance within a title or a paragraph. */
export const BRACKET_PAIRS: Record<string, string> = {
  '「': '」',
  '『': '』',
  '（': '）',
  '(': ')',
  '【': '】',
  '［': '］',
  '[': ']',
  '〔': '〕',
  '《': '》',
  '〈': '〉',
  '“': '”',
};

const CLOSING = new Map(Object.entries(BRACKET_PAIRS).map(([open, close]) => [close, open]));

export interface BracketProblem {
  /** The unmatched character and its offset in the string. */
  char: string;
  offset: number;
  kind: 'unclosed' | 'unopened';
}

/**
 * First unbalanced bracket or quote, or null. Straight double quotes count as balanced when even.
 * Linear: one pass with a stack.
 */
export function findUnbalancedBracket(text: string): BracketProblem | null {
  const stack: { char: string; offset: number }[] = [];
  let straightQuotes = 0;
  let lastStraightQuote = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      straightQuotes++;
      lastStraightQuote = i;
    } else if (c in BRACKET_PAIRS) {
      stack.push({ char: c, offset: i });
    } else if (CLOSING.has(c)) {
      const open = CLOSING.get(c)!;
      const top = stack[stack.length - 1];
      if (top && top.char === open) stack.pop();
      else if (c === ')' || c === ']') continue; // "1)" list markers and stray brackets in prose are common.
      else return { char: c, offset: i, kind: 'unopened' };
    }
  }
  const unclosed = stack[0];
  if (unclosed) return { char: unclosed.char, offset: unclosed.offset, kind: 'unclosed' };
  if (straightQuotes % 2 === 1) return { char: '"', offset: lastStraightQuote, kind: 'unclosed' };
  return null;
}
