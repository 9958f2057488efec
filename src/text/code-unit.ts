/**
 * The UTF-16 code unit of `text` at `i`, -1 past either end (where `charCodeAt` gives NaN; neither is any
 * character). For readers that look at the characters around a position, past the ends of their text too:
 * V8 deoptimises compiled code the first time a `charCodeAt` call site reads past the end (then each
 * comparison the first time it meets NaN), and recompiles it, once per call site. On the site head the
 * figure reader (`readUnit`, `readNumeric`) was compiled 4–5 times per thread for it, 20–50 ms each.
 */
export const codeAt = (text: string, i: number): number => (i >= 0 && i < text.length ? text.charCodeAt(i) : -1);
