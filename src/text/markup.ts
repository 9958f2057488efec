/**
 * Lines that CommonMark reads as paragraph text but that the site's Markdown dialect or template engine
 * treats as markup. Jekyll's Markdown is kramdown: attribute lists (`{: .class}`, `{:toc}`, `{:#id}`),
 * attribute list definitions (`{:name: …}`), extensions (`{::comment}`, `{::options …/}`), abbreviations
 * (`*[HTML]: …`); Liquid tags and output (`{% … %}`, `{{ … }}`); Hugo shortcodes (`{{< … >}}`,
 * `{{% … %}}`); MDX module lines (`import … from …`, `export …`) and JSX element lines (`<Callout …>`).
 */
const KRAMDOWN_ATTRIBUTES = /^[ \t]*\{:[^}\n]*\}[ \t]*$/u;
const KRAMDOWN_EXTENSION = /^[ \t]*\{::?\/?[a-z]*[^}\n]*\}/u;
const ABBREVIATION = /^[ \t]*\*\[[^\]\n]+\]:/u;
const TEMPLATE_LINE = /^[ \t]*(?:\{%.*%\}|\{\{.*\}\})[ \t]*$/u;
const MDX_MODULE = /^(?:import[ \t]+(?:[\w*{}, \t$]+[ \t]+from[ \t]+)?["'][^"']+["'];?|export[ \t]+(?:default[ \t]+|const[ \t]+|let[ \t]+|function[ \t]+|\{)).*$/u;
const JSX_LINE = /^[ \t]*<\/?[A-Z][\w.]*(?:[ \t][^<>]*)?\/?>[ \t]*$/u;

/** True when the line is markup of the site's Markdown dialect or template engine, not text a reader sees. */
export function isMarkupLine(line: string, prescan = true): boolean {
  if (line.trim() === '') return false;
  if (prescan && !mayBeMarkupLine(line)) return false;
  return (
    KRAMDOWN_ATTRIBUTES.test(line) ||
    KRAMDOWN_EXTENSION.test(line) ||
    ABBREVIATION.test(line) ||
    TEMPLATE_LINE.test(line) ||
    MDX_MODULE.test(line) ||
    JSX_LINE.test(line)
  );
}

/**
 * False when no pattern of `isMarkupLine` can match: each is anchored at the line's start, and after its
 * optional spaces and tabs wants `{` (kramdown, Liquid, Hugo), `*` (`*[` an abbreviation) or `<` (JSX), or
 * the line opens with `import` or `export` (MDX). Almost no line of a post does: the six patterns are not
 * tried on it (every line of every paragraph is asked).
 */
function mayBeMarkupLine(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first === 0x69 || first === 0x65) return true; // i, e
  let i = 0;
  while (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09) i++;
  const c = line.charCodeAt(i);
  return c === 0x7b || c === 0x2a || c === 0x3c; // { * <
}

// A sign-off under the text: `-- Yukihiro Nakadaira`, `— The Jekyll team`, `*Written by …*`, `_Translated by …_`,
// `(翻訳: …)`, `文責: …`.
const DASH_SIGNATURE = /^[ \t]*(?:--|—|―|－－|~~?)[ \t]*\S.{0,60}$/u;
const EMPHASIZED_LINE = /^[ \t]*(?:\*{1,2}|_{1,2})[^*_\n]{1,100}(?:\*{1,2}|_{1,2})[ \t]*$/u;
const CREDIT = /^[ \t]*[（(]?(?:翻訳|訳|文責|原文|原典|written by|translated by|posted by)[ \t]*[:：]?[ \t]*\S.{0,80}$/iu;

/** True when the line is a sign-off or a credit rather than a sentence of the text. */
export function isSignatureLine(line: string): boolean {
  return DASH_SIGNATURE.test(line) || EMPHASIZED_LINE.test(line) || CREDIT.test(line);
}

/** Each pattern, its replacement, and literals of which every match contains one (the pattern runs only then). */
const INLINE_PATTERNS: [RegExp, string, readonly string[]][] = [
  [/!\[([^\]\n]*)\]\([^)\n]*\)/gu, '$1', ['![']], // image: its alt text
  [/\[([^\]\n]*)\]\([^)\n]*\)/gu, '$1', ['](']], // link: its text
  [/\[([^\]\n]+)\]\[[^\]\n]*\]/gu, '$1', ['][']], // reference link
  [/\[\^[^\]\n]+\]/gu, '', ['[^']], // footnote call
  [/\\([!-/:-@[-`{-~])/gu, '$1', ['\\']], // backslash escape
  [/\{:[^}\n]*\}/gu, '', ['{:']], // kramdown span attributes
  [/\{%[^%\n]*%\}/gu, '', ['{%']], // Liquid tag
  [/<\/?[A-Za-z][^<>\n]*>/gu, '', ['<']], // HTML tag
  // Emphasis markers (a single `_` is left alone: `_config.yml` is more common in posts than `_word_`).
  [/(\*\*|__|\*|~~)(?=\s|$|[^\p{L}\p{N}*])/gu, '', ['*', '__', '~~']], // closing emphasis
  [/(^|\s|[^\p{L}\p{N}*])(\*\*|__|\*|~~)/gu, '$1', ['*', '__', '~~']], // opening emphasis
];

/** Markdown source of inline text reduced to what a reader sees (for judging how a sentence ends). */
export function plainInline(source: string): string {
  let out = source;
  for (const [pattern, replacement, needs] of INLINE_PATTERNS) if (needs.some((literal) => out.includes(literal))) out = out.replace(pattern, replacement);
  return out;
}
