import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal, type Journal } from '../../src/queue/journal.js';
import { Redis } from 'ioredis';
import { diffFiles, FakeGitHub, git, type FakePullFile } from '../fake-github/server.js';
import { pullRequestPayload, startApp, TestRepo, type TestApp, serveWebhooks, signedPost } from './harness.js';
import { DEFECTIVE } from './posts.js';

/**
 * The load scenario shared by test/github/load.test.ts (bounded, asserted) and bench/soak.ts (figures):
 * the App behind its real HTTP webhook endpoint (Probot's middleware, signed deliveries) and the fake
 * GitHub on loopback. Each pull request gets several pushes; each push moves the head on the fake at once
 * and its delivery arrives after a random delay, some much later (out of order). With `instances: 2` and a
 * Redis URL, two Apps share a Redis journal and lock, as two processes would.
 */

export interface LoadOptions {
  prs: number;
  pushesPerPr: number;
  /** Milliseconds between two pushes of a pull request. */
  pushGapMs?: number;
  /** Share of deliveries held back 200-500 ms (arriving after newer ones). */
  lateShare?: number;
  instances?: number;
  redisUrl?: string;
  concurrency?: number;
  seed?: number;
  /** Log level of the Apps (default warn). */
  level?: string;
}

export interface DeliveryRecord {
  pr: number;
  push: number;
  sha: string;
  sentAt: number;
  answeredAt: number;
  status: number;
}

export interface LoadResult {
  fake: FakeGitHub;
  apps: TestApp[];
  deliveries: DeliveryRecord[];
  /** Per pull request: its heads in push order. */
  heads: Map<number, string[]>;
  startedAt: number;
  endedAt: number;
  problems: string[];
  figures: {
    deliveries: number;
    seconds: number;
    deliveriesPerSecond: number;
    answerP50: number;
    answerP95: number;
    reviewP50: number;
    reviewP95: number;
    runs: number;
    superseded: number;
    reviews: number;
    requests: number;
  };
  cleanup: () => Promise<void>;
}

const OWNER = 'Codertocat';
const REPO = 'Hello-World';
const FULL = `${OWNER}/${REPO}`;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Every push of every pull request as one `git fast-import` (a process per commit would be slow). */
function buildBranches(repo: TestRepo, first: number, prs: number, pushes: number): string[][] {
  const lines: string[] = [];
  const when = 1_767_225_600;
  for (let i = first; i < first + prs; i++) {
    for (let k = 1; k <= pushes; k++) {
      const content = Buffer.from(DEFECTIVE(i * 100 + k));
      lines.push(`commit refs/heads/pr${i}`, `committer Test <test@example.com> ${when + i * 100 + k} +0000`, 'data 3', `p${k}`);
      if (k === 1) lines.push('from refs/heads/main^0');
      lines.push(`M 100644 inline _posts/2024-01-01-pr${i}-push${k}.md`, `data ${content.length}`, content.toString());
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: `${lines.join('\n')}\n` });
  const shas: string[][] = [];
  for (let i = first; i < first + prs; i++) shas.push(git(repo.dir, ['rev-list', '--reverse', `main..pr${i}`]).trim().split('\n'));
  return shas;
}



export interface LoadEnv {
  fake: FakeGitHub;
  apps: TestApp[];
  repo: TestRepo;
  servers: { server: Server; url: string }[];
  nextPr: number;
  cleanup: () => Promise<void>;
}

/** The long-lived part: the fake GitHub, the App(s) behind their HTTP endpoints, one git repository. */
export async function createLoadEnv(options: Pick<LoadOptions, 'instances' | 'redisUrl' | 'concurrency' | 'level'> = {}): Promise<LoadEnv> {
  const repo = new TestRepo('main');
  repo.commit({ 'README.md': '# blog\n' });
  const fake = await new FakeGitHub().start();
  fake.addRepo(FULL, repo.dir, 'main');
  fake.warm(FULL, ['main']);
  const instances = options.instances ?? 1;
  const dirs: string[] = [];
  const redis = options.redisUrl ? [new Redis(options.redisUrl)] : undefined;
  const prefix = `editorial-review-load-${randomUUID()}`;
  const apps: TestApp[] = [];
  const servers: { server: Server; url: string }[] = [];
  for (let n = 0; n < instances; n++) {
    let journal: Journal | undefined;
    if (!redis) {
      const dir = mkdtempSync(join(tmpdir(), 'er-load-'));
      dirs.push(dir);
      journal = new FileJournal(join(dir, 'journal.jsonl'));
    }
    const app = await startApp(fake, {
      load: false,
      ...(journal ? { journal } : { redis: { redisUrl: options.redisUrl!, prefix } }),
      level: options.level ?? 'warn',
      queue: { retryDelayMs: () => 100, ...(options.concurrency ? { concurrency: options.concurrency } : {}) },
    });
    apps.push(app);
    servers.push(await serveWebhooks(app));
  }
  const cleanup = async () => {
    for (const s of servers) await new Promise<void>((r) => s.server.close(() => r()));
    for (const a of apps) await a.queue!.shutdown(1000);
    if (redis) {
      const keys = await redis[0]!.keys(`${prefix}*`);
      if (keys.length) await redis[0]!.del(...keys);
      await Promise.all(redis.map((c) => c.quit()));
    }
    await fake.stop();
    repo.remove();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  };
  return { fake, apps, repo, servers, nextPr: 1, cleanup };
}

/** One load scenario in a fresh environment (torn down by `cleanup`). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const env = await createLoadEnv(options);
  const result = await runRound(env, options);
  return { ...result, cleanup: env.cleanup };
}

/**
 * One round on a long-lived environment: `prs` new pull requests, `pushesPerPr` pushes each. The fake's
 * records of earlier rounds are cleared first, so what stays in memory between rounds is the App's.
 */
export async function runRound(env: LoadEnv, options: LoadOptions): Promise<Omit<LoadResult, 'cleanup'>> {
  const { fake, apps, repo, servers } = env;
  fake.clearRecords();
  const random = rng(options.seed ?? 7);
  const pushes = options.pushesPerPr;
  const first = env.nextPr;
  env.nextPr += options.prs;
  const shas = buildBranches(repo, first, options.prs, pushes);
  // Each push's files as GitHub lists them, computed (and the trees read) before the clock starts.
  const files: FakePullFile[][][] = shas.map((list) => list.map((sha) => diffFiles(repo.dir, 'main', sha)));
  fake.warm(FULL, shas.flat());
  const fakeRepo = fake.repos.get(FULL)!;
  const runsBefore = apps.map((a) => ({ runs: a.queue!.stats.runs, accepted: a.queue!.stats.accepted, reports: a.runs.length }));
  const deliveries: DeliveryRecord[] = [];
  const heads = new Map<number, string[]>();
  const gap = options.pushGapMs ?? 120;
  const late = options.lateShare ?? 0.25;
  const startedAt = Date.now();
  const sends: Promise<void>[] = [];
  const timers: Promise<void>[] = [];
  let next = 0;
  for (let i = first; i < first + options.prs; i++) {
    const offset = random() * gap;
    for (let k = 1; k <= pushes; k++) {
      const at = offset + (k - 1) * gap;
      timers.push(
        new Promise<void>((resolve) =>
          setTimeout(() => {
            // The push: GitHub's head moves now.
            const sha = shas[i - first]![k - 1]!;
            const previous = fakeRepo.pulls.get(i);
            fakeRepo.pulls.set(i, { number: i, headSha: sha, heads: [...(previous?.heads ?? []), sha], baseRef: 'main', headRepo: FULL, draft: false, files: files[i - first]![k - 1]! });
            heads.set(i, [...(heads.get(i) ?? []), sha]);
            const delay = random() < late ? 200 + random() * 300 : random() * 60;
            const target = servers[next++ % servers.length]!;
            sends.push(
              new Promise<void>((r) => setTimeout(r, delay)).then(async () => {
                const payload = pullRequestPayload(k === 1 ? 'opened' : 'synchronize', { owner: OWNER, repo: REPO, number: i, headSha: sha, defaultBranch: 'main' });
                const record: DeliveryRecord = { pr: i, push: k, sha, sentAt: Date.now(), answeredAt: 0, status: 0 };
                deliveries.push(record);
                const res = await signedPost(target.url, 'pull_request', payload);
                await res.text();
                record.answeredAt = Date.now();
                record.status = res.status;
              }),
            );
            resolve();
          }, at),
        ),
      );
    }
  }
  await Promise.all(timers);
  await Promise.all(sends);
  // Every queue idle at once (with a shared lock, one may wait for the other).
  for (let round = 0; round < 100; round++) {
    await Promise.all(apps.map((a) => a.queue!.idle()));
    await new Promise((r) => setTimeout(r, 30));
    const busy = await Promise.all(apps.map(async (a) => (await a.queue!.pending()).length));
    if (busy.every((n) => n === 0)) break;
  }
  const endedAt = Math.max(...fake.reviews.map((r) => r.at), ...deliveries.map((d) => d.answeredAt));

  // The invariants.
  const problems: string[] = [];
  if (fake.violations.length) problems.push(...fake.violations.slice(0, 5));
  for (const d of deliveries) if (d.status !== 200) problems.push(`delivery ${d.pr}/${d.push} answered ${d.status}`);
  for (const a of apps) {
    const pending = await a.queue!.pending();
    if (pending.length) problems.push(`${pending.length} deliveries still in the journal`);
  }
  const accepted = apps.reduce((n, a, x) => n + a.queue!.stats.accepted - runsBefore[x]!.accepted, 0);
  if (accepted !== deliveries.length) problems.push(`accepted ${accepted} of ${deliveries.length} deliveries`);
  const reviewLatency: number[] = [];
  for (let i = first; i < first + options.prs; i++) {
    const list = heads.get(i)!;
    const final = list.at(-1)!;
    const published = fake.reviews.filter((r) => r.pull === i && r.event !== 'PENDING').sort((a, b) => a.id - b.id);
    const order = published.map((r) => list.indexOf(r.commit_id));
    for (let x = 1; x < order.length; x++) {
      if (order[x]! <= order[x - 1]!) problems.push(`PR ${i}: a review for push ${order[x]! + 1} was posted after one for push ${order[x - 1]! + 1}`);
    }
    const onFinal = published.filter((r) => r.commit_id === final);
    if (onFinal.length !== 1) problems.push(`PR ${i}: ${onFinal.length} reviews for the latest head`);
    else {
      const sent = deliveries.find((d) => d.pr === i && d.sha === final)!;
      reviewLatency.push(onFinal[0]!.at - sent.sentAt);
    }
    if (!fake.checkRuns.some((c) => c.head_sha === final)) problems.push(`PR ${i}: no check run on the latest head`);
  }
  // What the Apps said about the pull requests that broke an invariant: the failure message carries it (a flake on a loaded CI machine is read from there).
  const broken = new Set([...problems.join('\n').matchAll(/^PR (\d+):/gm)].map((m) => Number(m[1])));
  for (const i of broken) {
    problems.push(`PR ${i} pushes: ${heads.get(i)!.map((h) => h.slice(0, 12)).join(' ')}; deliveries: ${deliveries.filter((d) => d.pr === i).map((d) => `${d.push}@${d.sentAt - startedAt}`).join(' ')}`);
    for (const a of apps) {
      for (const entry of a.logs.filter((l) => new RegExp(`#${i}"|"pull":${i}[,}]`).test(JSON.stringify(l)))) {
        const { level, time, msg, ...rest } = entry;
        problems.push(`  ${Number(time) - startedAt} ms ${String(msg)} ${JSON.stringify(rest).slice(0, 300)}`);
      }
    }
  }
  const seconds = (endedAt - startedAt) / 1000;
  const answers = deliveries.map((d) => d.answeredAt - d.sentAt);
  const figures = {
    deliveries: deliveries.length,
    seconds,
    deliveriesPerSecond: deliveries.length / seconds,
    answerP50: percentile(answers, 50),
    answerP95: percentile(answers, 95),
    reviewP50: percentile(reviewLatency, 50),
    reviewP95: percentile(reviewLatency, 95),
    runs: apps.reduce((n, a, x) => n + a.queue!.stats.runs - runsBefore[x]!.runs, 0),
    superseded: apps.reduce((n, a, x) => n + a.runs.slice(runsBefore[x]!.reports).filter((r) => r.outcome.kind === 'superseded').length, 0),
    reviews: fake.reviews.length,
    requests: fake.requests().length,
  };
  // The App's run reports are figures only: drop them so the heap shows what the App itself keeps.
  for (const a of apps) a.runs.length = 0;
  return { fake, apps, deliveries, heads, startedAt, endedAt, problems, figures };
}
