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

const OPEN_CODES = new Set(Object.keys(BRACKET_PAIRS).map((open) => open.charCodeAt(0)));
const CLOSE_CODES = new Map(Object.entries(BRACKET_PAIRS).map(([open, close]) => [close.charCodeAt(0), open.charCodeAt(0)]));

/**
 * By code unit: 1 where `findUnbalancedBracket` looks further (`"`, the brackets of BRACKET_PAIRS and the
 * code units between them: `"` to `)`, `[` to `]`, `“` `”`, `〈` to `〕`, `（` to `］`), 0 elsewhere. One table
 * load per character instead of a chain of range tests: the scan reads every prose paragraph of every
 * post (site head: 116 → 60 ms in a loop over its paragraphs).
 */
export const BRACKET_SCAN = new Uint8Array(0x10000).fill(1, 0x22, 0x2a).fill(1, 0x5b, 0x5e).fill(1, 0x201c, 0x201e).fill(1, 0x3008, 0x3016).fill(1, 0xff08, 0xff3e);

export interface BracketProblem {
  /** The unmatched character and its offset in the string. */
  char: string;
  offset: number;
  kind: 'unclosed' | 'unopened';
}

const EYES = new Set([0x3a, 0x3b]); // : ;
const AFTER_FACE = /[\s)]|$/u;

/** `(:` and `:(`: a smiley's mouth, not a bracket (a space, `)` or the end follows it). */
function isEmoticon(text: string, i: number): boolean {
  if (EYES.has(text.charCodeAt(i + 1))) return AFTER_FACE.test(text.charAt(i + 2));
  return EYES.has(text.charCodeAt(i - 1)) && AFTER_FACE.test(text.charAt(i + 1)) && (i < 2 || /\s/u.test(text.charAt(i - 2)));
}

/**
 * First unbalanced bracket or quote, or null. Straight double quotes count as balanced when even.
 * Linear: one pass with a stack.
 */
export function findUnbalancedBracket(text: string): BracketProblem | null {
  // Char codes, not one-character strings: this runs over every paragraph of every post.
  const stack: number[] = [];
  let straightQuotes = 0;
  let lastStraightQuote = -1;
  for (let i = nextBracketCandidate(text, 0); i < text.length; i = nextBracketCandidate(text, i + 1)) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      straightQuotes++;
      lastStraightQuote = i;
    } else if (OPEN_CODES.has(c)) {
      if (c === 0x28 && isEmoticon(text, i)) continue;
      stack.push(i);
    } else {
      const open = CLOSE_CODES.get(c);
      if (open === undefined) continue;
      // Read only within the stack: a read past an array's end deoptimised the compiled loop (twice per thread).
      if (stack.length > 0 && text.charCodeAt(stack[stack.length - 1]!) === open) stack.pop();
      else if (c === 0x29 || c === 0x5d) continue; // "1)" list markers and stray brackets in prose are common.
      else return { char: text[i]!, offset: i, kind: 'unopened' };
    }
  }
  if (stack.length > 0) return { char: text[stack[0]!]!, offset: stack[0]!, kind: 'unclosed' };
  if (straightQuotes % 2 === 1) return { char: '"', offset: lastStraightQuote, kind: 'unclosed' };
  return null;
}

/**
 * The first offset at or after `from` whose code unit `findUnbalancedBracket` reads further (`BRACKET_SCAN`),
 * or the text's length. A function of its own: V8 compiled the whole scan before its rare branches (a
 * bracket closed or unopened, the result) had run, deoptimised it at each of them (7 compiles, 5 deopts
 * in a check of the site head) and ran the last version at ~9.5 ns a character; this loop has no branch
 * left to learn.
 */
function nextBracketCandidate(text: string, from: number): number {
  const length = text.length;
  let i = from;
  while (i < length && BRACKET_SCAN[text.charCodeAt(i)] === 0) i++;
  return i;
}
