import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { createApp, type AppOptions } from '../../src/github/app.js';
import { MemoryJournal, type Journal } from '../../src/queue/journal.js';
import type { JobQueue } from '../../src/queue/queue.js';
import type { RunOutcome, RunReport } from '../../src/review/run.js';
import { afterEach, beforeEach } from 'vitest';
import { APP_SLUG, FakeGitHub, git } from '../fake-github/server.js';

const require = createRequire(import.meta.url);
// Probot's Octokit throttles writes to one per second (Bottleneck minTime); the same limiter without the
// spacing keeps the real throttling and retry logic (secondary rate limits, retry-after) and fast tests.
const Bottleneck = require('bottleneck/light.js') as { new (o?: object): object; Group: new (o?: object) => object };
class FastBottleneck extends (Bottleneck as unknown as new (o?: object) => object) {
  constructor(options: object = {}) {
    super({ ...options, minTime: 0 });
  }
  static Group = class extends (Bottleneck.Group as unknown as new (o?: object) => object) {
    constructor(options: object = {}) {
      super({ ...options, minTime: 0 });
    }
  };
}

export const SECRET = 'webhook-secret-for-tests';
let privateKey: string | undefined;
/** The App's private key in tests (generated once per worker). */
export function key(): string {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return privateKey;
}

/** A scratch git repository with deterministic commits. */
export class TestRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'er-repo-'));
  private tick = 0;

  constructor(branch = 'main') {
    this.git(['init', '-q', '-b', branch]);
  }

  git(args: string[]): string {
    this.tick++;
    const date = `2026-01-01T00:${String(Math.floor(this.tick / 60) % 60).padStart(2, '0')}:${String(this.tick % 60).padStart(2, '0')}Z`;
    process.env.GIT_AUTHOR_DATE = date;
    process.env.GIT_COMMITTER_DATE = date;
    return git(this.dir, ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args]);
  }

  /** Writes files (string = content, null = delete, {symlink}) and commits on the current branch; returns the SHA. */
  commit(files: Record<string, string | null | { symlink: string }>, message = 'change'): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      rmSync(full, { force: true });
      if (content === null) continue;
      mkdirSync(dirname(full), { recursive: true });
      if (typeof content === 'string') writeFileSync(full, content);
      else symlinkSync(content.symlink, full);
    }
    this.git(['add', '-A']);
    this.git(['commit', '-q', '--allow-empty', '-m', message]);
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  checkout(branch: string, create = false): void {
    this.git(['checkout', '-q', ...(create ? ['-b'] : []), branch]);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface TestApp {
  probot: Probot;
  runs: RunReport[];
  logs: Record<string, unknown>[];
  /** The app's review queue (set once the app is loaded). */
  queue?: JobQueue;
  /** Loads the App into another Probot (e.g. behind the HTTP middleware) with the same journal and hooks. */
  appOptions: AppOptions;
}

export interface StartOptions {
  appSlug?: string | null;
  load?: boolean;
  journal?: Journal;
  /** Bounds on one run. */
  budget?: AppOptions['budget'];
  /** The BullMQ queue on this Redis instead of a journal (several instances). */
  redis?: AppOptions['redis'];
  queue?: AppOptions['queue'];
  recover?: boolean;
  /** Log level (default info). */
  level?: string;
  /** The base-branch index (default: a file store in a fresh temporary directory). */
  corpus?: AppOptions['corpus'];
  /** Reviews in the review thread, as the App's process runs them (`review/thread.ts`). */
  reviewThread?: boolean;
}

/** Fast client backoff for tests (the policy is the same; only the waits are shorter). */
export const TEST_CLIENT = { backoffMs: (n: number) => 20 * n };

export async function startApp(fake: FakeGitHub, options: StartOptions = {}): Promise<TestApp> {
  const runs: RunReport[] = [];
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const probot = new Probot({
    appId: 1,
    privateKey: key(),
    secret: SECRET,
    baseUrl: fake.url,
    log: pino({ level: options.level ?? 'info' }, stream),
    // Probot passes its own throttle options per instance, so the defaults merge them rather than replace.
    Octokit: ProbotOctokit.defaults((instance: Record<string, any>) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
      ...instance,
      throttle: { ...instance.throttle, Bottleneck: FastBottleneck, retryAfterBaseValue: 5 },
      retry: { ...instance.retry, retryAfterBaseValue: 5 },
    })),
  });
  const testApp: TestApp = { probot, runs, logs, appOptions: {} };
  testApp.appOptions = {
    ...(options.appSlug === null ? {} : { appSlug: options.appSlug ?? APP_SLUG }),
    onRun: (r) => runs.push(r),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.redis ? { redis: options.redis } : { journal: options.journal ?? new MemoryJournal(), redis: false as const }),
    client: TEST_CLIENT,
    queue: { retryDelayMs: () => 50, ...options.queue },
    ...(options.recover === undefined ? {} : { recover: options.recover }),
    onQueue: (q) => (testApp.queue = q),
    corpus: options.corpus ?? { dir: mkdtempSync(join(tmpdir(), 'er-corpus-')), env: {} },
    ...(options.reviewThread ? { reviewThread: true } : {}),
  };
  if (options.load !== false) await probot.load(createApp(testApp.appOptions));
  return testApp;
}

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXAMPLES = require('@octokit/webhooks-examples') as { name: string; examples: Payload[] }[];

/** A real delivery from @octokit/webhooks-examples, adapted only in the fields the test needs. */
export function pullRequestPayload(
  action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review',
  o: { owner: string; repo: string; number: number; headSha: string; defaultBranch: string; fork?: string; draft?: boolean; sender?: { login: string; type: string } },
): Payload {
  const all = EXAMPLES.find((e) => e.name === 'pull_request')!.examples;
  const payload = structuredClone(all.find((e) => e.action === action && e.installation) ?? all.find((e) => e.installation)!) as Payload;
  payload.action = action;
  payload.number = o.number;
  payload.repository.name = o.repo;
  payload.repository.full_name = `${o.owner}/${o.repo}`;
  payload.repository.owner.login = o.owner;
  payload.repository.default_branch = o.defaultBranch;
  payload.repository.html_url = `https://github.com/${o.owner}/${o.repo}`;
  const pr = payload.pull_request;
  pr.number = o.number;
  pr.draft = o.draft ?? false;
  pr.head.sha = o.headSha;
  if (o.fork) {
    pr.head.repo = { ...structuredClone(payload.repository), full_name: o.fork, name: o.fork.split('/')[1], fork: true };
    pr.head.repo.owner = { ...pr.head.repo.owner, login: o.fork.split('/')[0] };
    pr.head.label = `${o.fork.split('/')[0]}:pr`;
  }
  if (o.sender) payload.sender = { ...payload.sender, ...o.sender };
  return payload;
}

export function checkRunRerequestedPayload(o: { owner: string; repo: string; headSha: string; defaultBranch: string; pulls: number[] }): Payload {
  const all = EXAMPLES.find((e) => e.name === 'check_run')!.examples;
  const payload = structuredClone(all.find((e) => e.action === 'rerequested')!) as Payload;
  payload.check_run.name = 'editorial-review';
  payload.check_run.head_sha = o.headSha;
  payload.check_run.pull_requests = o.pulls.map((number) => ({ number, id: number, url: '', head: { ref: 'pr', sha: o.headSha, repo: {} }, base: { ref: o.defaultBranch, sha: o.headSha, repo: {} } }));
  payload.repository.name = o.repo;
  payload.repository.full_name = `${o.owner}/${o.repo}`;
  payload.repository.owner.login = o.owner;
  payload.repository.default_branch = o.defaultBranch;
  return payload;
}

/**
 * A comment in a pull request's conversation (`issue_comment.created`), from the real example delivery;
 * GitHub marks a pull request's issue with `issue.pull_request`.
 */
export function issueCommentPayload(o: { owner: string; repo: string; number: number; defaultBranch: string; body: string; user: { login: string; type?: string } }): Payload {
  const all = EXAMPLES.find((e) => e.name === 'issue_comment')!.examples;
  const payload = structuredClone(all.find((e) => e.action === 'created' && e.installation)!) as Payload;
  payload.repository.name = o.repo;
  payload.repository.full_name = `${o.owner}/${o.repo}`;
  payload.repository.owner.login = o.owner;
  payload.repository.default_branch = o.defaultBranch;
  payload.repository.html_url = `https://github.com/${o.owner}/${o.repo}`;
  payload.issue.number = o.number;
  const api = `https://api.github.com/repos/${o.owner}/${o.repo}/pulls/${o.number}`;
  payload.issue.pull_request = { url: api, html_url: `https://github.com/${o.owner}/${o.repo}/pull/${o.number}`, diff_url: `${api}.diff`, patch_url: `${api}.patch`, merged_at: null };
  payload.comment.body = o.body;
  payload.comment.user = { ...payload.comment.user, login: o.user.login, type: o.user.type ?? 'User' };
  payload.sender = { ...payload.sender, login: o.user.login, type: o.user.type ?? 'User' };
  return payload;
}

/** Delivers through `probot.receive` (the handler only queues), then waits for the queue to settle. */
export async function deliver(app: TestApp, name: 'pull_request' | 'check_run' | 'issue_comment', payload: Payload, id = `delivery-${Math.random().toString(36).slice(2)}`): Promise<void> {
  await app.probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
  await app.queue?.idle();
}


export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const FULL = `${OWNER}/${REPO}`;

/** What each App test gets: a fake GitHub, a test repository on `main`, and an App pointed at them. */
export interface GitHubFixture {
  fake: FakeGitHub;
  repo: TestRepo;
  app: TestApp;
}

export async function setUpGitHub(options: StartOptions = {}): Promise<GitHubFixture> {
  const fake = await new FakeGitHub().start();
  const repo = new TestRepo('main');
  return { fake, repo, app: await startApp(fake, options) };
}

export async function tearDownGitHub({ fake, repo }: Pick<GitHubFixture, 'fake' | 'repo'>): Promise<void> {
  await fake.stop();
  repo.remove();
}

/**
 * A fresh fixture for every test of the file: set up before each test and handed to `bind` (which assigns
 * the file's own variables), torn down after it.
 */
export function useGitHub(bind: (fixture: GitHubFixture) => void, options: StartOptions = {}): void {
  let fixture: GitHubFixture | undefined;
  beforeEach(async () => bind((fixture = await setUpGitHub(options))));
  afterEach(async () => {
    if (fixture) await tearDownGitHub(fixture);
  });
}

/** The outcome of the App's last run, which must be a review (otherwise the test fails naming what it was). */
export function lastReview(app: TestApp): Extract<RunOutcome, { kind: 'reviewed' }> {
  const outcome = app.runs.at(-1)!.outcome;
  if (outcome.kind !== 'reviewed') throw new Error(`not reviewed: ${outcome.kind}`);
  return outcome;
}

export type PayloadOptions = Partial<Parameters<typeof pullRequestPayload>[1]>;

/** Points PR #number of OWNER/REPO at the test repository's `pr` branch; returns the delivery for `action`. */
export function pullRequestPush(
  { fake, repo }: Pick<GitHubFixture, 'fake' | 'repo'>,
  action: Parameters<typeof pullRequestPayload>[0] = 'opened',
  number = 1,
  extra: PayloadOptions = {},
): Payload {
  if (!fake.repos.has(FULL)) fake.addRepo(FULL, repo.dir, 'main');
  const pull = fake.setPull(FULL, number, 'main', 'pr', extra.draft ? { draft: true } : {});
  return pullRequestPayload(action, { owner: OWNER, repo: REPO, number, headSha: pull.headSha, defaultBranch: 'main', ...extra });
}

/** The App behind Probot's real webhook middleware on a loopback port. */
export async function serveWebhooks(app: TestApp): Promise<{ server: Server; url: string }> {
  const middleware = await createNodeMiddleware(createApp(app.appOptions), { probot: app.probot });
  const server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks` };
}

export async function signedPost(url: string, event: string, payload: unknown, secret = SECRET, id: string = randomUUID()): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': id,
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  });
}

export { APP_SLUG };
