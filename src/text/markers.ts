/**
 * Generation markers: text an LLM pipeline leaves behind (`---END---`, `<|endoftext|>` …). The patterns
 * come from the configuration (`truncation.markers`) and are matched as regular expressions; the defaults
 * are linear-time. Callers keep the compiled pattern (`analysis/markers.ts`: once per post).
 */

/** One global regular expression matching any of the patterns, or null when there is none (or it is invalid). */
export function markerPattern(patterns: readonly string[]): RegExp | null {
  const valid = patterns.filter((p) => {
    try {
      new RegExp(p, 'u');
      return p !== '';
    } catch {
      return false;
    }
  });
  return valid.length ? new RegExp(valid.map((p) => `(?:${p})`).join('|'), 'gu') : null;
}

export interface MarkerMatch {
  offset: number;
  length: number;
  text: string;
}

/** Every marker occurrence in `text`, in order. */
export function findMarkers(text: string, pattern: RegExp | null): MarkerMatch[] {
  if (!pattern) return [];
  const out: MarkerMatch[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    out.push({ offset: m.index, length: m[0].length, text: m[0] });
  }
  return out;
}

/** `text` with every marker removed. */
export function stripMarkers(text: string, pattern: RegExp | null): string {
  if (!pattern) return text;
  pattern.lastIndex = 0;
  return text.replace(pattern, '');
}

/** True when the line holds nothing but markers (and spaces). */
export function isMarkerOnly(line: string, pattern: RegExp | null): boolean {
  return pattern !== null && line.trim() !== '' && stripMarkers(line, pattern).trim() === '';
}

/**
 * The label of a requested output format that a generator leaves in front of the headline or the title
 * (`タイトル：…`, `見出し：…`, "Title: …"): part of the prompt's answer template, never of the text.
 */
export const OUTPUT_LABEL = /^(?:タイトル|見出し|記事タイトル|Title|Headline)[ \t]*[:：][ \t]*/iu;
