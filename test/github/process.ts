import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterEach, beforeEach, expect } from 'vitest';
import { QUEUE } from '../../src/queue/bullmq.js';
import { markersIn } from '../../src/review/markdown.js';
import { FakeGitHub } from '../fake-github/server.js';
import { FULL, key, OWNER, pullRequestPayload, REPO, SECRET, signedPost, TestRepo } from './harness.js';
import { DEFECTIVE } from './posts.js';

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
  /** Options for node itself (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
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
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', TSX, join(ROOT, 'src', 'github', 'server.ts')], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  // Starting takes a few seconds (tsx compiles the sources); a loaded machine can take ten times that.
  const timer = setTimeout(() => failed(new Error(`the App did not start within 120 s:\n${output.join('\n')}`)), 120_000);
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

/**
 * Resolves when `predicate` holds (checked every 50 ms), or fails after `timeoutMs` naming `what`. The
 * default is long (a loaded machine is slow); a test that passes never waits for it.
 */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Delivery ids an App process recorded in its file journal (`.editorial-review/journal.jsonl` under `dir`)
 * and has not finished: read without writing (opening a `FileJournal` would compact the file under the
 * running process). Empty: the process has nothing left to run, so waiting for it proves that no further
 * review can come, where a fixed sleep would only hope so.
 */
export function journalPending(dir: string): string[] {
  let text = '';
  try {
    text = readFileSync(join(dir, '.editorial-review', 'journal.jsonl'), 'utf8');
  } catch {
    return [];
  }
  const pending = new Set<string>();
  for (const line of text.split('\n')) {
    try {
      const record = JSON.parse(line) as { add?: { id: string }; done?: string };
      if (record.add) pending.add(record.add.id);
      if (record.done) pending.delete(record.done);
    } catch {
      // blank, or torn by a kill mid-write
    }
  }
  return [...pending];
}

/** Jobs waiting, running or waiting for a retry in the BullMQ queue of the Apps under `prefix` (0: nothing left to run). */
export async function queuedJobs(redisUrl: string, prefix: string): Promise<number> {
  const queue = new Queue(QUEUE, { connection: { url: redisUrl, maxRetriesPerRequest: 1 }, prefix });
  try {
    const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  } finally {
    await queue.close();
  }
}

export interface ProcessFixture {
  fake: FakeGitHub;
  repo: TestRepo;
  /** The test's working directory: App processes started without `cwd` share it (the journal survives restarts). */
  work: ReturnType<typeof workDir>;
  /** Starts an App process (killed after the test); `cwd: 'own'` gives it a working directory of its own. */
  start(env?: Record<string, string | undefined>, cwd?: 'own' | string): Promise<AppProcess>;
  /** Points PR #1 at the `pr` branch and returns its `opened` delivery. */
  opened(): Record<string, unknown>;
  /** Reviews published (not PENDING). */
  published(): FakeGitHub['reviews'];
}

/**
 * The App-process tests' fixture, fresh for each test: a fake GitHub with OWNER/REPO whose `pr` branch adds
 * two defective posts; every App process started through it is SIGKILLed afterwards and its directory removed.
 */
export function useAppProcesses(): ProcessFixture {
  const apps: AppProcess[] = [];
  const dirs: ReturnType<typeof workDir>[] = [];
  const f = {
    async start(env: Record<string, string | undefined> = {}, cwd?: 'own' | string): Promise<AppProcess> {
      let dir = cwd ?? f.work.dir;
      if (cwd === 'own') {
        const own = workDir();
        dirs.push(own);
        dir = own.dir;
      }
      const app = await spawnApp(f.fake, { cwd: dir, env });
      apps.push(app);
      return app;
    },
    opened(): Record<string, unknown> {
      const pull = f.fake.setPull(FULL, 1, 'main', 'pr');
      return pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' });
    },
    published: () => f.fake.reviews.filter((r) => r.event !== 'PENDING'),
  } as ProcessFixture;
  beforeEach(async () => {
    f.fake = await new FakeGitHub().start();
    f.repo = new TestRepo('main');
    f.work = workDir();
    dirs.push(f.work);
    f.repo.commit({ 'README.md': '# blog\n' });
    f.repo.checkout('pr', true);
    f.repo.commit({ '_posts/a.md': DEFECTIVE(1), '_posts/b.md': DEFECTIVE(2) });
    f.fake.addRepo(FULL, f.repo.dir, 'main');
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) {
      app.kill('SIGKILL');
      await app.exited;
    }
    await f.fake.stop();
    f.repo.remove();
    for (const d of dirs.splice(0)) d.remove();
  });
  return f;
}

/**
 * Points of a run where a test SIGKILLs the App process (the request that reaches GitHub then, and a fault
 * on it). The review is created PENDING, then submitted (`/events`): a kill between the two leaves a
 * PENDING review of the run's, which its take-over deletes.
 */
export const KILL_POINTS: { name: string; at: (method: string, path: string) => boolean; fault?: Parameters<FakeGitHub['inject']>[0] }[] = [
  { name: 'on the first GitHub request (token)', at: (_m, p) => p.endsWith('/access_tokens') },
  { name: 'while reading the posts', at: (m, p) => m === 'GET' && p.includes('/contents/_posts/') },
  { name: 'as the review is sent (not stored)', at: (m, p) => m === 'POST' && p.endsWith('/reviews'), fault: { method: 'POST', path: '/reviews', status: 0, reset: 'before' } },
  { name: 'after GitHub stored the review PENDING, before it was submitted', at: (m, p) => m === 'POST' && p.endsWith('/reviews'), fault: { method: 'POST', path: '/reviews', status: 0, reset: 'after' } },
  { name: 'after GitHub published the review, before the check run', at: (m, p) => m === 'POST' && p.endsWith('/events'), fault: { method: 'POST', path: '/events', status: 0, reset: 'after' } },
];

/**
 * One SIGKILL case: `first` is killed when its run reaches `point`; then `next()` starts the process that
 * must take the job over. Resolves once a review and a check run are on GitHub; the caller waits until
 * nothing is left to run and asserts there is exactly one review.
 */
export async function killAndTakeOver(f: ProcessFixture, point: (typeof KILL_POINTS)[number], first: AppProcess, next: () => Promise<AppProcess>): Promise<void> {
  if (point.fault) f.fake.inject(point.fault);
  let killed = false;
  f.fake.onRequest = (method, path) => {
    if (!killed && point.at(method, path)) {
      killed = true;
      first.kill('SIGKILL');
    }
  };
  const answer = await signedPost(first.url, 'pull_request', f.opened(), SECRET, 'd-kill');
  if (answer.status !== 202) throw new Error(`the delivery was answered ${answer.status}`);
  await first.exited;
  if (!killed) throw new Error(`the run never reached "${point.name}"`);
  f.fake.onRequest = undefined;
  await next();
  await until(() => f.published().length >= 1 && f.fake.checkRuns.length >= 1, 'the review after the kill');
}

/** After a crash and a take-over: no call GitHub would refuse, one published review, each finding in it once. */
export function expectOneReviewAfterTakeOver(f: ProcessFixture): void {
  expect(f.fake.violations).toEqual([]);
  expect(f.published()).toHaveLength(1);
  const keys = f.fake.comments.flatMap((c) => markersIn(c.body));
  expect(keys.length).toBeGreaterThan(0);
  expect(new Set(keys).size).toBe(keys.length);
}
