import type { Writable } from 'node:stream';
import type { CpuSample } from '../core/cpu-sample.js';

/** Where a command writes and what it runs in: the process in `bin.ts`, buffers in tests. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** Standard output is a terminal (colours). */
  isTty: boolean;
  /** Standard error is a terminal (a progress line for long runs). */
  stderrIsTty?: boolean;
  /**
   * Settles once standard output has passed on what `stdout` queued (at once when nothing waits). A long
   * report is written piece by piece while the posts are checked: a pipe takes 64 KB and Node queues the
   * rest in memory, and a check that runs in one thread never returns to the event loop that writes the
   * queue, so the whole report (38 MB of JSON on a 2,800-post corpus, 80 MB as strings) would wait in
   * memory until the end. The report's writer waits here between pieces instead.
   */
  drained?: () => Promise<void> | undefined;
  /** The machine's CPU times when the process started (the bin samples them before loading the CLI): `--jobs auto` measures the load from there. */
  cpuAtStart?: CpuSample;
}

/** The process's own streams and working directory (the installed command). */
export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    stderrIsTty: Boolean(process.stderr.isTTY),
    drained: () => drained(process.stdout),
  };
}

/**
 * Undefined when `stream` has nothing queued beyond its high-water mark; else a promise that settles when
 * it drains, or closes or fails (a reader that went away: whatever the stream does about that stays as
 * it was, the writer only stops waiting).
 */
export function drained(stream: Writable): Promise<void> | undefined {
  if (!stream.writableNeedDrain) return undefined;
  return new Promise((settle) => {
    const done = (): void => {
      stream.off('drain', done).off('close', done).off('error', done);
      settle();
    };
    stream.on('drain', done).on('close', done).on('error', done);
  });
}
