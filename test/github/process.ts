import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeGitHub } from '../fake-github/server.js';
import { key, SECRET } from './harness.js';

/**
 * The App as users run it: its own process (`src/github/server.ts`, what `npm start` runs from `dist/`),
 * configured by environment variables only, pointed at the fake GitHub on loopback. Its JSON log lines are
 * collected; it can be sent SIGTERM or SIGKILL and started again on the same working directory (journal).
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = import.meta.resolve('tsx');

export interface AppProcess {
  proc: ChildProcess;
  /** The webhook endpoint. */
  url: string;
  base: string;
  /** Every stdout/stderr line, as written. */
  output: string[];
  /** Parsed JSON log lines. */
  logs: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resident set size in bytes, from /proc. */
  rss(): number;
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnOptions {
  /** Working directory (its `.editorial-review/` holds the journal and the index cache); default a new temporary one. */
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** A scratch working directory for App processes; removed by the returned function. */
export function workDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'er-proc-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function spawnApp(fake: FakeGitHub, options: SpawnOptions = {}): Promise<AppProcess> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'er-proc-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_ID: '1',
    PRIVATE_KEY: key(),
    WEBHOOK_SECRET: SECRET,
    GITHUB_API_URL: fake.url,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    // Fast test backoff inside a run; the queue's schedule is set per test.
    REVIEW_RETRY_BASE_MS: '200',
    REVIEW_RETRY_MAX_MS: '2000',
    // Reconciliation reads GitHub's delivery log; the tests that exercise it switch it on.
    RECONCILE: 'off',
    ...options.env,
  })) {
    if (v !== undefined) env[k] = v;
  }
  const proc = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src', 'github', 'server.ts')], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // A test that times out or a worker that ends never leaves an App process behind.
  const reap = () => proc.kill('SIGKILL');
  process.once('exit', reap);
  proc.once('exit', () => process.off('exit', reap));
  const output: string[] = [];
  const logs: Record<string, unknown>[] = [];
  let listening: (url: string) => void;
  let failed: (error: Error) => void;
  const ready = new Promise<string>((resolve, reject) => {
    listening = resolve;
    failed = reject;
  });
  const collect = (chunk: Buffer, rest: { text: string }) => {
    rest.text += chunk.toString();
    const lines = rest.text.split('\n');
    rest.text = lines.pop()!;
    for (const line of lines) {
      output.push(line);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'editorial-review: listening') listening(String(entry.url));
      } catch {
        // not JSON
      }
    }
  };
  const out = { text: '' };
  const err = { text: '' };
  proc.stdout!.on('data', (c: Buffer) => collect(c, out));
  proc.stderr!.on('data', (c: Buffer) => collect(c, err));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    proc.once('exit', (code, signal) => {
      failed(new Error(`the App exited before listening (${code ?? signal}):\n${output.join('\n')}`));
      resolve({ code, signal, at: Date.now() });
    }),
  );
  const timer = setTimeout(() => failed(new Error(`the App did not start within 30 s:\n${output.join('\n')}`)), 30_000);
  const base = await ready.finally(() => clearTimeout(timer));
  return {
    proc,
    base,
    url: `${base}/api/github/webhooks`,
    output,
    logs,
    exited,
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
    kill: (signal = 'SIGKILL') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    },
  };
}

/** Resolves when `predicate` holds (checked every 50 ms), or fails after `timeoutMs` naming `what`. */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
