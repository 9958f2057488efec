/**
 * Where a check spends its time (`check --timing`), as ESLint's `TIMING=1` reports it: each rule's own
 * time, and each shared analysis' (`post.memo`) apart, since the rules share them. A rule's time includes
 * the analyses it asked for first; an analysis' time includes the analyses it asked for first. So the two
 * tables overlap: read them as "what turning this rule off would save at most" and "what this analysis
 * costs whichever rule asks". Times are wall-clock in the one thread that checks (`--timing` runs in one).
 */
export class CheckTimes {
  readonly rules = new Map<string, number>();
  readonly analyses = new Map<string, { milliseconds: number; count: number }>();
  readonly phases = new Map<string, number>();

  rule(id: string, milliseconds: number): void {
    this.rules.set(id, (this.rules.get(id) ?? 0) + milliseconds);
  }

  /** Bound, to be a `Memo`'s recorder. */
  readonly analysis = (name: string, milliseconds: number): void => {
    const entry = this.analyses.get(name);
    if (entry) {
      entry.milliseconds += milliseconds;
      entry.count++;
    } else this.analyses.set(name, { milliseconds, count: 1 });
  };

  phase(name: string, milliseconds: number): void {
    this.phases.set(name, (this.phases.get(name) ?? 0) + milliseconds);
  }

  /** Times `work` as the phase `name`. */
  time<T>(name: string, work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.phase(name, performance.now() - start);
    }
  }

  /**
   * The report: the phases, then the `top` slowest rules and analyses (all with `top` Infinity), each a
   * Markdown table with its share of the rules' total.
   */
  report(top = 10): string[] {
    const lines: string[] = [];
    if (this.phases.size > 0) {
      lines.push('| Phase | Time (ms) |', '|:--|--:|');
      for (const [name, ms] of this.phases) lines.push(`| ${name} | ${ms.toFixed(1)} |`);
      lines.push('');
    }
    const ruleTotal = [...this.rules.values()].reduce((sum, ms) => sum + ms, 0);
    const share = (ms: number) => (ruleTotal > 0 ? `${((100 * ms) / ruleTotal).toFixed(1)}%` : '-');
    lines.push(`| Rule | Time (ms) | Relative |`, '|:--|--:|--:|');
    for (const [id, ms] of slowest(this.rules, (ms) => ms, top)) lines.push(`| ${id} | ${ms.toFixed(1)} | ${share(ms)} |`);
    lines.push(`| (all ${this.rules.size} rules) | ${ruleTotal.toFixed(1)} | 100% |`, '');
    lines.push('| Shared analysis | Time (ms) | Relative | Computed |', '|:--|--:|--:|--:|');
    for (const [name, { milliseconds, count }] of slowest(this.analyses, (a) => a.milliseconds, top)) {
      lines.push(`| ${name} | ${milliseconds.toFixed(1)} | ${share(milliseconds)} | ${count} |`);
    }
    return lines;
  }
}

function slowest<V>(map: ReadonlyMap<string, V>, time: (value: V) => number, top: number): [string, V][] {
  return [...map].sort((a, b) => time(b[1]) - time(a[1]) || (a[0] < b[0] ? -1 : 1)).slice(0, top);
}
