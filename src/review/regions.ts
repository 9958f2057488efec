import type { Finding } from '../core/finding.js';
import type { FileFixpoint, FixedLine } from '../lint/fix-until-stable.js';

/** A contiguous change: original lines `start..end` become `lines` (never a pure insertion: it is widened). */
export interface Region {
  start: number;
  end: number;
  lines: string[];
  by: Finding[];
}

/** The changes of one file, in original line numbers, each with the findings that caused it. */
export function regions(fixpoint: FileFixpoint, original: readonly string[]): Region[] {
  const out: Region[] = [];
  let next = 1;
  let pending: FixedLine[] = [];
  const flush = (upTo: number) => {
    if (upTo < next && pending.length === 0) return;
    const by = new Set<Finding>(pending.flatMap((l) => l.by));
    for (let l = next; l <= upTo; l++) for (const f of fixpoint.removedBy.get(l) ?? []) by.add(f);
    let region: Region = { start: next, end: upTo, lines: pending.map((l) => l.text), by: [...by] };
    if (region.start > region.end) {
      // A pure insertion: widen to the line before (or after, at the top) so it is a replaceable range.
      region =
        region.start > 1
          ? { ...region, start: region.start - 1, end: region.start - 1, lines: [original[region.start - 2]!, ...region.lines] }
          : { ...region, start: 1, end: 1, lines: [...region.lines, original[0] ?? ''] };
    }
    if (original.slice(region.start - 1, region.end).join('\n') !== region.lines.join('\n')) out.push(region);
  };
  for (const line of fixpoint.lines) {
    if (line.origin === null) {
      pending.push(line);
      continue;
    }
    flush(line.origin - 1);
    pending = [];
    next = line.origin + 1;
  }
  flush(original.length);
  return out;
}
