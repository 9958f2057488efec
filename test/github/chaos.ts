import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { FakeGitHub } from '../fake-github/server.js';
import { FULL, OWNER, pullRequestPayload, REPO, SECRET, TestRepo } from './harness.js';
import { DEFECTIVE } from './posts.js';
import { journalPending, queuedJobs, spawnApp, until, workDir, type AppProcess } from './process.js';

/**
 * Dependency failures during a stream of deliveries, against the App's own processes: a private
 * redis-server (killed and restarted, or flushed), GitHub answering 502 for a period, an App process
 * killed. GitHub's side is the fake, which delivers the webhooks itself (signed, logged in its delivery
 * log) so reconciliation can find what failed. Shared by test/github/reconcile.test.ts (small, asserted)
 * and bench/reliability.ts (the durations, figures printed).
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server of its own on loopback (AOF on, so a restart after a kill keeps what was written). */
export class PrivateRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'er-redis-'));
  proc?: ChildProcess;
  constructor(readonly port: number) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir], { stdio: 'ignore' });
    this.proc = proc;
    const reap = () => proc.kill('SIGKILL');
    process.once('exit', reap);
    proc.once('exit', () => process.off('exit', reap));
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    await until(async () => {
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        probe.disconnect();
        return false;
      }
    }, 'redis-server to start', 60_000);
    probe.disconnect();
  }
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }
  async flush(): Promise<void> {
    const c = new Redis(this.url);
    await c.flushall();
    await c.quit();
  }
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface StreamOptions {
  instances: number;
  prs: number;
  /** Milliseconds between two deliveries. */
  gapMs: number;
  /** What happens during the stream, started after `at` ms. */
  fault: 'redis-down' | 'redis-flush' | 'github-502' | 'app-down';
  at: number;
  /** How long the fault lasts (ms). */
  durationMs: number;
  /** Reconciliation interval and settle time of the Apps (ms). */
  reconcileMs: number;
  /** The queue's retry schedule (ms), compressed for a test. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Time allowed for every PR to get its review after the fault ends. */
  settleTimeoutMs: number;
}

export interface StreamResult {
  answers: number[];
  /** PRs without exactly one review on their head. */
  problems: string[];
  reviews: number;
  redeliveries: number;
  /** Milliseconds from the end of the fault until the last PR had its review. */
  recoveryMs: number;
  fake: FakeGitHub;
}

const PREFIX = 'er-chaos';

/**
 * Waits until nothing more can happen, instead of sleeping and hoping: the Apps' queues are empty, then
 * every App has run a reconciliation pass since, every redelivery GitHub was asked for has been made, and
 * the queues are empty again. A second review or a late redelivery would land before this returns.
 */
async function quiet(fake: FakeGitHub, apps: number, idle: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const passes = () => fake.log.filter((r) => r.route === 'GET /app/hook/deliveries').length;
  const asked = () => fake.log.filter((r) => r.route === 'POST /app/hook/deliveries/{delivery_id}/attempts').length;
  const redelivered = () => fake.webhookAttempts.filter((a) => a.redelivery).length;
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(0, deadline - Date.now());
  await until(idle, 'the Apps to finish their jobs', left()).catch(() => undefined);
  const before = passes();
  await until(() => passes() >= before + apps, 'a reconciliation pass of every App', left()).catch(() => undefined);
  await until(async () => redelivered() >= asked() && (await idle()), 'the redeliveries asked for to be run', left()).catch(() => undefined);
}

/** Runs one scenario end to end and cleans up. */
export async function deliveryStream(o: StreamOptions): Promise<StreamResult> {
  const fake = await new FakeGitHub().start();
  const repo = new TestRepo('main');
  repo.commit({ 'README.md': '# blog\n' });
  fake.addRepo(FULL, repo.dir, 'main');
  const payloads: Record<string, unknown>[] = [];
  for (let n = 1; n <= o.prs; n++) {
    repo.checkout('main');
    repo.checkout(`pr${n}`, true);
    repo.commit({ [`_posts/2024-01-0${(n % 9) + 1}-pr${n}.md`]: DEFECTIVE(n) });
    const pull = fake.setPull(FULL, n, 'main', `pr${n}`);
    payloads.push(pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: n, headSha: pull.headSha, defaultBranch: 'main' }));
  }
  const redis = o.instances > 1 || o.fault.startsWith('redis') ? new PrivateRedis(await freePort()) : undefined;
  await redis?.start();
  const dirs = Array.from({ length: o.instances }, () => workDir());
  const env = {
    ...(redis ? { REDIS_URL: redis.url, EDITORIAL_REVIEW_REDIS_PREFIX: PREFIX } : {}),
    RECONCILE: 'on',
    RECONCILE_INTERVAL_MS: String(o.reconcileMs),
    RECONCILE_SETTLE_MS: String(Math.max(200, o.reconcileMs / 2)),
    REVIEW_RETRY_BASE_MS: String(o.retryBaseMs),
    REVIEW_RETRY_MAX_MS: String(o.retryMaxMs),
  };
  const apps: AppProcess[] = [];
  try {
    for (const d of dirs) apps.push(await spawnApp(fake, { cwd: d.dir, env }));
    // GitHub delivers to one URL (a load balancer in front of the instances): round robin here.
    let next = 0;
    const balancer = await import('node:http').then(({ createServer: http }) =>
      http((req, res) => {
        const target = apps[next++ % apps.length]!;
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const headers: Record<string, string> = {};
          for (const name of ['content-type', 'x-github-event', 'x-github-delivery', 'x-hub-signature-256']) headers[name] = String(req.headers[name] ?? '');
          fetch(target.url, { method: 'POST', body: Buffer.concat(chunks), headers }).then(
            async (r) => res.writeHead(r.status).end(await r.text()),
            () => res.writeHead(502).end(),
          );
        });
      }),
    );
    await new Promise<void>((r) => balancer.listen(0, '127.0.0.1', r));
    fake.webhook = { url: `http://127.0.0.1:${(balancer.address() as { port: number }).port}/api/github/webhooks`, secret: SECRET };

    const started = Date.now();
    let faultEnded = Infinity;
    const fault = (async () => {
      await new Promise((r) => setTimeout(r, o.at));
      if (o.fault === 'redis-down') {
        await redis!.kill();
        await new Promise((r) => setTimeout(r, o.durationMs));
        await redis!.start();
      } else if (o.fault === 'redis-flush') {
        await redis!.flush();
      } else if (o.fault === 'github-502') {
        fake.inject({ status: 502, until: Date.now() + o.durationMs, path: '/repos/' });
        await new Promise((r) => setTimeout(r, o.durationMs));
      } else {
        const victim = apps[0]!;
        victim.kill('SIGKILL');
        await victim.exited;
        await new Promise((r) => setTimeout(r, o.durationMs));
        apps[0] = await spawnApp(fake, { cwd: dirs[0]!.dir, env });
      }
      faultEnded = Date.now();
    })();
    const answers: number[] = [];
    for (const payload of payloads) {
      answers.push(await fake.sendWebhook('pull_request', payload));
      await new Promise((r) => setTimeout(r, o.gapMs));
    }
    await fault;
    const reviewed = (n: number) => fake.reviews.some((r) => r.pull === n && r.event !== 'PENDING');
    await until(() => payloads.every((_, i) => reviewed(i + 1)), 'every PR reviewed', o.settleTimeoutMs).catch(() => undefined);
    const recoveryMs = Math.max(0, Math.max(...fake.reviews.map((r) => r.at)) - faultEnded);
    await quiet(fake, apps.length, async () => (redis ? (await queuedJobs(redis.url, PREFIX)) === 0 : dirs.every((d) => journalPending(d.dir).length === 0)), o.settleTimeoutMs);
    const problems: string[] = [];
    for (let n = 1; n <= o.prs; n++) {
      const head = fake.repos.get(FULL)!.pulls.get(n)!.headSha;
      const count = fake.reviews.filter((r) => r.pull === n && r.event !== 'PENDING' && r.commit_id === head).length;
      if (count !== 1) problems.push(`PR ${n}: ${count} reviews`);
    }
    problems.push(...fake.violations.slice(0, 5));
    balancer.close();
    void started;
    return { answers, problems, reviews: fake.reviews.length, redeliveries: fake.webhookAttempts.filter((a) => a.redelivery).length, recoveryMs, fake };
  } finally {
    if (process.env.CHAOS_DEBUG) for (const a of apps) console.log(a.output.filter((l) => !l.includes('webhook answered')).slice(-40).join('\n'));
    for (const a of apps) {
      a.kill('SIGKILL');
      await a.exited;
    }
    await redis?.stop();
    for (const d of dirs) d.remove();
    repo.remove();
    await fake.stop();
  }
}
