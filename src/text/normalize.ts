/**
 * Text normalisation shared by the comparison rules: full-width → half-width (NFKC), one kind of each
 * punctuation mark, no whitespace (Japanese has none between words, and regenerated copies differ in
 * spacing), no Markdown emphasis marks.
 */
const PUNCTUATION_VARIANTS: [RegExp, string][] = [
  [/[‐‑‒–—―ー−]/g, 'ー'],
  [/[“”„‟″]/g, '"'],
  [/[‘’‚‛′]/g, "'"],
  [/[、，]/g, ','],
  [/[。．]/g, '.'],
  [/[・･]/g, '・'],
  [/[…‥]/g, '...'],
];

export function normalizeForComparison(text: string): string {
  let out = text.normalize('NFKC');
  for (const [pattern, replacement] of PUNCTUATION_VARIANTS) out = out.replace(pattern, replacement);
  return out.replace(/[*_`#>]+/g, '').replace(/\s+/g, '').toLowerCase();
}

/** NFKC and collapsed whitespace, for display-preserving comparisons (titles, excerpts). */
export function normalizeLoose(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
