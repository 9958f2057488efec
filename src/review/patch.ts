/**
 * A file's unified-diff patch as GitHub gives it (`GET /pulls/{n}/files` → `patch`): which lines of the new
 * file a review comment may be anchored to. GitHub accepts a RIGHT-side comment on any added or context line
 * of a hunk; a multi-line comment (`start_line..line`) must stay inside one hunk.
 */
export interface Hunk {
  /** First and last line of the new file covered by the hunk (inclusive); the RIGHT-side lines are contiguous. */
  start: number;
  end: number;
  /** Lines the PR added or changed (the `+` lines); the others in start..end are context. */
  added: number[];
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses a patch into its hunks; an unparsable patch yields no hunks (every finding then goes to annotations). */
export function parsePatch(patch: string | undefined | null): Hunk[] {
  if (!patch) return [];
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let next = 0;
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const header = HUNK_HEADER.exec(line);
    if (header) {
      const start = Number(header[1]);
      const count = header[2] === undefined ? 1 : Number(header[2]);
      current = count > 0 ? { start, end: start + count - 1, added: [] } : undefined;
      if (current) hunks.push(current);
      next = start;
      continue;
    }
    if (!current) continue;
    const kind = line[0];
    if (kind === '+') {
      current.added.push(next);
      next++;
    } else if (kind === ' ' || (kind === undefined && next <= current.end)) {
      next++;
    }
    // '-' lines are LEFT-side only; '\' is "\ No newline at end of file".
  }
  return hunks;
}

/** The hunk that holds every line of `from..to`, if one does. */
export function hunkContaining(hunks: readonly Hunk[], from: number, to: number): Hunk | undefined {
  return hunks.find((h) => from >= h.start && to <= h.end);
}

