/**
 * One self-overwriting progress line on a terminal's standard error (`checking 120/1176 posts`), drawn
 * only once a run has lasted half a second and at most every 100 ms, and erased when the run ends, so a
 * quick check prints nothing extra and piped output is never touched (the caller only uses it on a TTY).
 */
export interface Progress {
  update(phase: string, done: number, total: number): void;
  done(): void;
}

export function progressLine(write: (s: string) => void, now: () => number = () => performance.now(), delayMs = 500, everyMs = 100): Progress {
  const started = now();
  let last = -Infinity;
  let drawn = false;
  return {
    update(phase, done, total) {
      const t = now();
      if (t - started < delayMs || (t - last < everyMs && done < total)) return;
      last = t;
      drawn = true;
      write(`\r\u001b[K${phase} ${done}/${total} posts`);
    },
    done() {
      if (drawn) write('\r\u001b[K');
    },
  };
}
