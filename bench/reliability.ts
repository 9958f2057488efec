/**
 * Reliability figures of the App's own process (`src/github/server.ts`) against the fake GitHub on loopback:
 *   npm run bench:reliability -- large [--posts 3000] [--deadline 600] [--cpu-prof DIR]   webhook answer times while a large PR is reviewed, review time, RSS
 *     (`--cpu-prof DIR`: the App process writes a V8 CPU profile per thread into DIR, to see what holds its event loop)
 *   npm run bench:reliability -- outage [--scale 60]      GitHub 502 for 10 minutes, the default retry schedule; both divided by --scale
 *   npm run bench:reliability -- redis                    Redis killed for 10 s, then Redis flushed, under 2 instances, 30 PRs each
 * Each scenario ends within a stated bound (`--deadline` seconds for `large`; for the streams, the outage plus
 * the settle time, after which a PR without its review is reported, not waited for). Figures are printed
 * with the load average of the machine; the small versions of each scenario are asserted in test/github/*.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { FakeGitHub } from '../test/fake-github/server.js';
import { deliveryStream, type StreamOptions } from '../test/github/chaos.js';
import { FULL, OWNER, pullRequestPayload, REPO, SECRET, signedPost, TestRepo } from '../test/github/harness.js';
import { percentile } from '../test/github/load.js';
import { DEFECTIVE } from '../test/github/posts.js';
import { spawnApp, workDir } from '../test/github/process.js';

const args = process.argv.slice(2);
const scenario = args[0] ?? 'large';
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

/** The prober of `large`: a signed delivery every 100 ms, each answer time (or failure) posted back; 'stop' ends it. */
const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac, randomUUID } = require('node:crypto');
const { url, body, secret } = workerData;
let stopped = false;
parentPort.on('message', () => (stopped = true));
(async () => {
  while (!stopped) {
    const t = performance.now();
    try {
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': 'sha256=' + createHmac('sha256', secret).update(body).digest('hex') } });
      await res.arrayBuffer();
      parentPort.postMessage({ ms: performance.now() - t });
    } catch (error) {
      parentPort.postMessage({ failure: String(error.cause ?? error) });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.exit(0);
})();
`;

const load = () => `load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`;

async function large(posts: number, deadlineS: number, cpuProfDir?: string): Promise<void> {
  const fake = await new FakeGitHub().start();
  const repo = new TestRepo('main');
  repo.commit({ 'README.md': '# blog\n' });
  repo.checkout('pr', true);
  // One commit with every post (fast-import: a process per file would be slow).
  const lines: string[] = ['commit refs/heads/pr', 'committer Test <test@example.com> 1767225600 +0000', 'data 5', 'large', 'from refs/heads/pr^0'];
  for (let i = 0; i < posts; i++) {
    const content = Buffer.from(DEFECTIVE(i));
    lines.push(`M 100644 inline _posts/2024-01-01-p${i}.md`, `data ${content.length}`, content.toString());
  }
  execFileSync('git', ['fast-import', '--quiet', '--force'], { cwd: repo.dir, input: `${lines.join('\n')}\n` });
  repo.git(['reset', '-q', '--hard', 'pr']);
  fake.addRepo(FULL, repo.dir, 'main');
  const pull = fake.setPull(FULL, 1, 'main', 'pr');
  fake.warm(FULL, ['main', pull.headSha]);
  const dir = workDir();
  const app = await spawnApp(fake, { cwd: dir.dir, env: { LOG_LEVEL: 'info' }, ...(cpuProfDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] } : {}) });
  const base = app.rss();
  let peak = base;
  const answers: number[] = [];
  const payload = pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' });
  const started = Date.now();
  // This process serves the fake GitHub, whose own pauses must not count as the App's: the prober runs
  // in a worker thread (its own event loop); this process's delay is printed beside.
  const ownDelay = monitorEventLoopDelay({ resolution: 10 });
  ownDelay.enable();
  await signedPost(app.url, 'pull_request', payload, SECRET, randomUUID());
  // While the review runs: a signed delivery every 100 ms (another repository's PR, ignored after recording) and RSS samples.
  const failures: string[] = [];
  let exited = false;
  void app.exited.then(() => (exited = true));
  const prober = new Worker(PROBER, { eval: true, workerData: { url: app.url, body: JSON.stringify({ ...payload, action: 'closed' }), secret: SECRET } });
  prober.on('message', (m: { ms?: number; failure?: string }) => (m.ms !== undefined ? answers.push(m.ms) : failures.push(m.failure ?? '?')));
  const sampler = setInterval(() => {
    if (!exited) peak = Math.max(peak, app.rss());
  }, 100);
  const probe = {
    stop: async () => {
      clearInterval(sampler);
      const ended = new Promise((r) => prober.once('exit', r));
      prober.postMessage('stop');
      await ended;
    },
  };
  const deadline = Date.now() + deadlineS * 1000;
  while (fake.checkRuns.length === 0 && Date.now() < deadline && !exited) await new Promise((r) => setTimeout(r, 200));
  if (exited) console.log(`the App process exited during the run:\n${app.output.slice(-30).join('\n')}`);
  if (failures.length) console.log(`${failures.length} probe deliveries failed, e.g. ${failures[0]}`);
  const reviewed = Date.now() - started;
  await probe.stop();
  ownDelay.disable();
  const check = fake.checkRuns[0]?.output.summary ?? '';
  const review = fake.reviews[0]?.body ?? '';
  const partial = /(\d+ of \d+ [^:.]*)/.exec(check)?.[1] ?? /(\d+ of \d+ [^:.]*)/.exec(review)?.[1];
  if (process.env.BENCH_DEBUG) console.log(check.slice(0, 2000));
  const outcome = fake.checkRuns.length > 0 ? `check run after ${(reviewed / 1000).toFixed(1)} s` : `NO check run within the ${deadlineS} s deadline`;
  console.log(
    `large PR, ${posts} posts: ${outcome} (${fake.reviews.length} review, ${fake.comments.length} comments${partial ? `; partial: ${partial}` : ''}); ` +
      `webhook answers during the run: ${answers.length} (${failures.length} probes unanswered: a connection reset counts as a miss), p50 ${percentile(answers, 50).toFixed(0)} ms, p99 ${percentile(answers, 99).toFixed(0)} ms, max ${Math.max(...answers).toFixed(0)} ms; ` +
      `RSS ${Math.round(base / 2 ** 20)} MB at start, peak ${Math.round(peak / 2 ** 20)} MB; ` +
      `the benchmark's own event-loop delay (fake GitHub; the prober has its own thread) p99 ${(ownDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(ownDelay.max / 1e6).toFixed(0)} ms; ${load()}`,
  );
  // A profile is written when the process exits normally (SIGTERM: the App's own shutdown).
  app.kill(cpuProfDir ? 'SIGTERM' : 'SIGKILL');
  await app.exited;
  dir.remove();
  repo.remove();
  await fake.stop();
}

async function stream(name: string, o: StreamOptions): Promise<void> {
  const started = Date.now();
  const r = await deliveryStream(o);
  const failed = r.answers.filter((s) => s < 200 || s >= 300).length;
  const reviewed = r.problems.length === 0 ? `every PR reviewed once, the last ${(r.recoveryMs / 1000).toFixed(1)} s after the fault ended` : `problems: ${r.problems.join('; ')}`;
  console.log(`${name}: ${o.prs} PRs, ${failed} deliveries not answered 2xx, ${r.redeliveries} redeliveries; ${reviewed}; ${((Date.now() - started) / 1000).toFixed(0)} s in all; ${load()}`);
}

console.log(`${scenario}: starting; ${load()}`);
const textOption = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

if (scenario === 'large') await large(option('posts', 3000), option('deadline', 600), textOption('cpu-prof'));
else if (scenario === 'outage') {
  // The default schedule is 10 s doubling to 10 minutes; 10 minutes of 502. Both are divided by `scale`, so
  // the ratio of outage to backoff, which decides how long after the outage the review lands, is kept.
  const scale = option('scale', 60);
  const r = { retryBaseMs: 10_000 / scale, retryMaxMs: 600_000 / scale };
  await stream(`GitHub 502 for ${600 / scale} s (10 minutes / ${scale}), schedule ${r.retryBaseMs.toFixed(0)} ms doubling to ${r.retryMaxMs.toFixed(0)} ms`, {
    instances: 1,
    prs: 10,
    gapMs: 200,
    fault: 'github-502',
    at: 500,
    durationMs: 600_000 / scale,
    reconcileMs: 10_000,
    ...r,
    settleTimeoutMs: (2 * 600_000) / scale + 120_000,
  });
} else if (scenario === 'redis') {
  const common = { instances: 2, prs: 30, gapMs: 300, reconcileMs: 5000, retryBaseMs: 1000, retryMaxMs: 10_000, settleTimeoutMs: 180_000 };
  await stream('Redis killed for 10 s (AOF on), 2 instances', { ...common, fault: 'redis-down', at: 2000, durationMs: 10_000 });
  await stream('Redis flushed mid-stream, 2 instances', { ...common, fault: 'redis-flush', at: 4500, durationMs: 0 });
} else throw new Error(`unknown scenario ${scenario}`);
