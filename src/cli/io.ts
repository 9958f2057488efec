/** Where a command writes and what it runs in: the process in `bin.ts`, buffers in tests. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** Standard output is a terminal (colours). */
  isTty: boolean;
  /** Standard error is a terminal (a progress line for long runs). */
  stderrIsTty?: boolean;
}

/** The process's own streams and working directory (the installed command). */
export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
}
