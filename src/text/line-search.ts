/** What `linesMatching` reads of a line index (post/line-index's `LineIndex`). */
interface Lines {
  readonly count: number;
  startOf(line: number): number;
  endOf(line: number): number;
  lineAt(offset: number): number;
}

/**
 * The lines (1-based, ascending, from `fromLine` on) of `text` that hold a match of `search` (a global
 * pattern), `lines` being the text's line index: the text is searched for the next match from the end of
 * the last line found, instead of every line sliced and tried alone (most lines of a post have none, and a
 * slice and a regex call per line cost more than the search). The same lines as trying each line alone when
 * no match of `search` can hold a line break (`\n`, `\r`) and none depends on the characters around it (no
 * anchor, look-around or `\b`): a match then lies within one line, and one lies there whatever surrounds it.
 */
export function linesMatching(text: string, lines: Lines, search: RegExp, fromLine = 1): number[] {
  const found: number[] = [];
  if (fromLine > lines.count) return found;
  search.lastIndex = lines.startOf(fromLine);
  while (search.test(text)) {
    const line = lines.lineAt(search.lastIndex - 1);
    found.push(line);
    search.lastIndex = lines.endOf(line);
  }
  return found;
}
