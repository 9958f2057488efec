import { execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { example, matchOperation, validate } from './openapi.js';

/**
 * A fake GitHub API on loopback: a real HTTP server on 127.0.0.1 (random port) whose every request and
 * response is validated against GitHub's OpenAPI description, serving repositories from real local git
 * repositories, and enforcing what mocks forget: 422 for a review comment outside the diff or across hunks,
 * pagination with Link headers, rate-limit headers, and scripted faults (403 secondary rate limit with
 * retry-after, 5xx).
 */

export const APP_SLUG = 'editorial-review';
export const BOT_LOGIN = `${APP_SLUG}[bot]`;

export interface FakePullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

export interface FakePull {
  number: number;
  headSha: string;
  /** Every head the PR had (a review may only be posted on one of them). */
  heads: string[];
  baseRef: string;
  headRepo: string;
  /** The head branch (default `pr`), in `headRepo`. */
  headRef?: string;
  /** A fork whose author allows edits by maintainers. */
  maintainerCanModify?: boolean;
  draft: boolean;
  files: FakePullFile[];
}

/** A comment in a pull request's conversation (issue comments API). */
export interface StoredIssueComment {
  id: number;
  repo: string;
  issue: number;
  body: string;
  user: string;
}

export interface FakeRepo {
  owner: string;
  name: string;
  gitDir: string;
  defaultBranch: string;
  pulls: Map<number, FakePull>;
}

export interface StoredComment {
  id: number;
  node_id: string;
  review_id: number;
  pull: number;
  path: string;
  line: number;
  start_line: number | null;
  body: string;
  commit_id: string;
  user: string;
  userType: 'Bot' | 'User';
  minimized: boolean;
}

export interface StoredReview {
  id: number;
  /** When it was stored (ms since epoch), for latency figures. */
  at: number;
  pull: number;
  body: string;
  event: string;
  commit_id: string;
  comments: number;
  user: string;
  userType: 'Bot' | 'User';
}

export interface StoredCheckRun {
  id: number;
  repo: string;
  name: string;
  head_sha: string;
  conclusion?: string;
  output: { title?: string; summary?: string };
  annotations: Record<string, unknown>[];
}

export interface LoggedRequest {
  method: string;
  /** The documented route (`GET /repos/{owner}/{repo}/pulls/{pull_number}/files`), or the raw path. */
  route: string;
  url: string;
  status: number;
}

export interface Fault {
  method?: string;
  /** Substring of the request path. */
  path?: string;
  /** HTTP status of the scripted answer (ignored for resets). */
  status: number;
  /**
   * `reset`: the connection is destroyed before the request is handled; `reset-after`: the request is
   * handled (e.g. the review is stored) and the connection destroyed instead of answering.
   */
  reset?: 'before' | 'after';
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
  /** The fault holds for every matching request until this time (ms since epoch), however many. */
  until?: number;
  /** Wait this long before answering (a slow or hanging GitHub); with status 0 the request is then handled normally. */
  delayMs?: number;
  /** Hold the request until this resolves (a POST still on its way while other things happen); with status 0 it is then handled normally. */
  holdUntil?: () => Promise<void>;
}

/** One attempt of a webhook delivery, as GitHub's delivery log keeps it (`GET /app/hook/deliveries`). */
export interface WebhookAttempt {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
}

export class FakeGitHub {
  readonly repos = new Map<string, FakeRepo>();
  /** The App's webhook deliveries, every attempt, oldest first (what GitHub's delivery log shows). */
  readonly webhookAttempts: WebhookAttempt[] = [];
  /** Where `sendWebhook` delivers and the secret it signs with (redeliveries go to the same place). */
  webhook?: { url: string; secret: string };
  private readonly webhookPayloads = new Map<string, { event: string; body: string }>();
  readonly reviews: StoredReview[] = [];
  readonly comments: StoredComment[] = [];
  readonly checkRuns: StoredCheckRun[] = [];
  readonly log: LoggedRequest[] = [];
  /** The blob SHAs asked for by each GraphQL blob query, in order (a warm index asks for none). */
  readonly blobQueries: string[][] = [];
  /** Answer git-trees requests with `truncated: true` (a repository over GitHub's listing limit). */
  truncateTrees = false;
  /** Comments in pull requests' conversations (the App's answers to `/editorial-review fix`). */
  readonly issueComments: StoredIssueComment[] = [];
  /** `login → permission` on every repository (`admin`, `write`, `read`); others are not collaborators (404). */
  readonly permissions = new Map<string, string>();
  /** Commits created through the Git Data API, in order. */
  readonly createdCommits: { repo: string; sha: string; author: string; message: string }[] = [];
  /**
   * After a branch moves through the API, this many reads of an affected pull request still show the old
   * head (GitHub updates pull requests asynchronously).
   */
  headLag = 0;
  private readonly laggingHeads = new Map<string, { move: () => void; remaining: number }>();
  /** Schema violations of requests or responses: a test asserts this stays empty. */
  readonly violations: string[] = [];
  private readonly faults: Fault[] = [];
  /** Installation tokens GitHub would accept (`expireTokens` revokes them all, as an expiry mid-run). */
  private readonly tokens = new Set<string>();
  /** Tokens that may only read (a workflow's GITHUB_TOKEN on a pull request from a fork). */
  private readonly readOnlyTokens = new Set<string>();
  /** Called for every request before it is handled (tests move a head or delete a file mid-run). */
  onRequest?: (method: string, path: string) => void;
  /** GitHub refuses (422) a review containing a comment this returns true for, though it anchors. */
  refuseComment?: (comment: Record<string, unknown>) => boolean;
  /** Pending reviews deleted through the API. */
  deletedReviews: number[] = [];
  private nextId = 1000;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: Error) => {
        this.violations.push(`fake server crashed on ${req.method} ${req.url}: ${error.stack}`);
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  addRepo(fullName: string, gitDir: string, defaultBranch: string): FakeRepo {
    const [owner, name] = fullName.split('/') as [string, string];
    const repo: FakeRepo = { owner, name, gitDir, defaultBranch, pulls: new Map() };
    this.repos.set(fullName, repo);
    return repo;
  }

  /** Opens (or, with the same number, pushes to) a pull request from git refs: files and patches as git diffs them. */
  setPull(fullName: string, number: number, base: string, head: string, extra: Partial<FakePull> = {}): FakePull {
    const repo = this.repos.get(fullName)!;
    const headSha = git(repo.gitDir, ['rev-parse', head]).trim();
    const previous = repo.pulls.get(number);
    const pull: FakePull = {
      number,
      headSha,
      heads: [...(previous?.heads ?? []), headSha],
      baseRef: base,
      headRepo: fullName,
      draft: false,
      files: diffFiles(repo.gitDir, base, headSha),
      ...extra,
    };
    repo.pulls.set(number, pull);
    return pull;
  }

  /** The next matching requests fail as scripted (each fault `times` times, default once). */
  inject(fault: Fault): void {
    this.faults.push({ times: fault.until === undefined ? 1 : Infinity, ...fault });
  }

  /** Requests, excluding installation-token creation (`withAuth` to include it). */
  requests(withAuth = false): LoggedRequest[] {
    return this.log.filter((r) => withAuth || !r.route.includes('/access_tokens'));
  }

  resetLog(): void {
    this.log.length = 0;
    this.blobQueries.length = 0;
  }

  /** Forgets the pull requests, reviews, comments, check runs, request log and cached git objects (soak rounds). */
  clearRecords(): void {
    this.reviews.length = 0;
    this.comments.length = 0;
    this.checkRuns.length = 0;
    this.log.length = 0;
    this.blobQueries.length = 0;
    this.deletedReviews = [];
    for (const repo of this.repos.values()) repo.pulls.clear();
    for (const key of [...this.trees.keys()]) if (/^[0-9a-f]{40}$/.test(key.split('\0')[1] ?? '')) this.trees.delete(key);
    this.blobs.clear();
  }

  /**
   * Delivers a webhook as GitHub does (signed, with a delivery guid, 10 s timeout) and records the attempt
   * in the delivery log. Resolves with the App's status (0: no answer).
   */
  async sendWebhook(event: string, payload: Record<string, unknown>, guid: string = randomUUID(), redelivery = false): Promise<number> {
    if (!this.webhook) throw new Error('no webhook configured');
    const body = redelivery ? this.webhookPayloads.get(guid)!.body : JSON.stringify(payload);
    this.webhookPayloads.set(guid, { event, body });
    const started = Date.now();
    let status = 0;
    try {
      const res = await fetch(this.webhook.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': guid,
          'x-hub-signature-256': `sha256=${createHmac('sha256', this.webhook.secret).update(body).digest('hex')}`,
        },
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    const parsed = JSON.parse(body) as { action?: string; installation?: { id: number }; repository?: { id: number } };
    this.webhookAttempts.push({
      id: this.nextId++,
      guid,
      delivered_at: new Date(started).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      redelivery,
      duration: (Date.now() - started) / 1000,
      status: status >= 200 && status < 300 ? 'OK' : status === 0 ? 'timed out' : `Invalid HTTP Response: ${status}`,
      status_code: status,
      event,
      action: parsed.action ?? null,
      installation_id: parsed.installation?.id ?? null,
      repository_id: parsed.repository?.id ?? null,
    });
    return status;
  }

  /**
   * A token as a workflow run gets it (`GITHUB_TOKEN`): read-only, as for a pull request from a fork, or
   * with the permissions the workflow grants.
   */
  issueToken(options: { readOnly?: boolean } = {}): string {
    const value = `ghs_workflow${this.nextId++}`;
    this.tokens.add(value);
    if (options.readOnly) this.readOnlyTokens.add(value);
    return value;
  }

  /** Every installation token issued so far stops working (401 Bad credentials), as when it expires. */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** Milliseconds spent answering (validation included), for the test's own diagnostics. */
  busyMs = 0;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    res.on('finish', () => (this.busyMs += performance.now() - started));
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}, route = url.pathname) => {
      this.log.push({ method, route, url: url.pathname + url.search, status });
      const payload = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(4999 - (this.log.length % 4999)),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-used': String(this.log.length),
        'x-ratelimit-resource': url.pathname === '/graphql' ? 'graphql' : 'core',
        'x-github-request-id': `FAKE:${this.log.length}`,
        ...headers,
      });
      res.end(payload);
    };

    // Octokit encodes `/` inside a path parameter (`contents/_posts%2Fa.md`): hooks and faults see it decoded.
    let decoded = url.pathname;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      // keep the raw path
    }
    this.onRequest?.(method, decoded);
    const fault = this.faults.find(
      (f) => (f.times ?? 0) > 0 && (f.until === undefined || Date.now() < f.until) && (!f.method || f.method === method) && (!f.path || decoded.includes(f.path)),
    );
    let resetAfter = false;
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.holdUntil) await fault.holdUntil();
      const slowOnly = Boolean(fault.delayMs || fault.holdUntil) && fault.status === 0 && !fault.reset;
      if (fault.reset === 'before') {
        this.log.push({ method, route: url.pathname, url: url.pathname + url.search, status: 0 });
        req.socket.destroy();
        return;
      }
      if (fault.reset === 'after') resetAfter = true;
      else if (!slowOnly) return send(fault.status, fault.body ?? { message: `fault ${fault.status}`, documentation_url: 'https://docs.github.com/rest' }, fault.headers);
    }
    const auth = req.headers.authorization;
    if (!auth) return send(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
    const token = /^token (.+)$/i.exec(auth)?.[1];
    if (token !== undefined && !this.tokens.has(token)) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });

    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw) : undefined;
    } catch {
      return send(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' });
    }

    if (token !== undefined && this.readOnlyTokens.has(token) && method !== 'GET' && url.pathname !== '/graphql') {
      return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    }
    if (url.pathname === '/graphql' && method === 'POST') return this.graphql(body, send);

    const matched = matchOperation(method, url.pathname);
    if (!matched) {
      this.violations.push(`undocumented or unexpected request: ${method} ${url.pathname}`);
      return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    }
    const { key, operation, params } = matched;
    const query = Object.fromEntries(url.searchParams);
    for (const p of operation.parameters) {
      if (p.in === 'query' && p.required && !(p.name in query)) this.violations.push(`${key}: missing query parameter ${p.name}`);
    }
    if (operation.requestBody && body !== undefined) {
      const errors = validate(operation.requestBody, body);
      if (errors.length) {
        this.violations.push(`${key} request: ${errors.join('; ')}`);
        return send(422, { message: 'Invalid request.', errors, documentation_url: 'https://docs.github.com/rest' }, {}, key);
      }
    }
    const [status, response, headers = {}] = this.route(key, params, query, body as Record<string, unknown>);
    const schema = operation.responses[String(status)]?.schema;
    if (schema && response !== undefined) {
      const errors = validate(schema, response);
      if (errors.length) this.violations.push(`${key} ${status} response: ${errors.join('; ')}`);
    } else if (status < 300 && !operation.responses[String(status)]) {
      this.violations.push(`${key}: undocumented status ${status}`);
    }
    if (resetAfter) {
      this.log.push({ method, route: key, url: url.pathname + url.search, status: 0 });
      req.socket.destroy();
      return;
    }
    send(status, response, headers, key);
  }

  private repo(params: Record<string, string>): FakeRepo | undefined {
    return this.repos.get(`${params.owner}/${params.repo}`);
  }

  private route(
    key: string,
    params: Record<string, string>,
    query: Record<string, string>,
    body: Record<string, unknown>,
  ): [number, unknown, Record<string, string>?] {
    const notFound: [number, unknown] = [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
    switch (key) {
      case 'GET /app': {
        const app = example('GET /app', '200');
        return [200, { ...app, slug: APP_SLUG, name: 'editorial-review' }];
      }
      case 'GET /app/hook/deliveries': {
        // Newest first, paginated with an opaque cursor in the Link header.
        const all = [...this.webhookAttempts].reverse();
        const perPage = Math.min(100, Number(query.per_page ?? 30));
        const start = query.cursor ? Number(query.cursor) : 0;
        const page = all.slice(start, start + perPage).map((a) => ({ ...a, throttled_at: null }));
        const headers: Record<string, string> = {};
        if (start + perPage < all.length) headers.link = `<${this.url}/app/hook/deliveries?per_page=${perPage}&cursor=${start + perPage}>; rel="next"`;
        return [200, page, headers];
      }
      case 'GET /app/hook/deliveries/{delivery_id}': {
        // One attempt with the request GitHub sent (headers and payload) and the App's answer.
        const attempt = this.webhookAttempts.find((a) => a.id === Number(params.delivery_id));
        const sent = attempt && this.webhookPayloads.get(attempt.guid);
        if (!attempt || !sent) return notFound;
        const template = example<Record<string, unknown>>(key, '200');
        return [
          200,
          {
            ...template,
            ...attempt,
            throttled_at: null,
            request: { headers: { 'X-GitHub-Delivery': attempt.guid, 'X-GitHub-Event': attempt.event, 'content-type': 'application/json' }, payload: JSON.parse(sent.body) as object },
            response: { headers: {}, payload: null },
          },
        ];
      }
      case 'POST /app/hook/deliveries/{delivery_id}/attempts': {
        const attempt = this.webhookAttempts.find((a) => a.id === Number(params.delivery_id));
        if (!attempt) return notFound;
        // GitHub answers at once and delivers again shortly after.
        setTimeout(() => void this.sendWebhook(attempt.event, {}, attempt.guid, true), 20);
        return [202, {}];
      }
      case 'POST /app/installations/{installation_id}/access_tokens': {
        const token = example(key, '201');
        const value = `ghs_fake${this.nextId++}`;
        this.tokens.add(value);
        return [201, { ...token, token: value, expires_at: new Date(Date.now() + 3600_000).toISOString() }];
      }
    }
    const repo = this.repo(params);
    if (!repo) return notFound;
    const pull = params.pull_number ? repo.pulls.get(Number(params.pull_number)) : undefined;
    if (params.pull_number && !pull) return notFound;
    switch (key) {
      case 'GET /repos/{owner}/{repo}/contents/{path}':
        return this.contents(repo, params.path!, query.ref ?? repo.defaultBranch);
      case 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}':
        return this.gitTree(repo, params.tree_sha!, query.recursive !== undefined);
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}': {
        const id = `${repo.owner}/${repo.name}#${pull!.number}`;
        const lag = this.laggingHeads.get(id);
        if (lag && lag.remaining-- <= 0) {
          this.laggingHeads.delete(id);
          lag.move();
        }
        return [200, this.pullJson(repo, repo.pulls.get(pull!.number)!)];
      }
      case 'GET /repos/{owner}/{repo}/pulls':
        return this.page([...repo.pulls.values()].map((p) => this.pullJson(repo, p)), query, `/repos/${repo.owner}/${repo.name}/pulls`);
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': {
        const template = example<Record<string, unknown>[]>(key, '200')[0]!;
        const files = pull!.files.slice(0, 3000).map((f) => {
          const out: Record<string, unknown> = { ...template, filename: f.filename, status: f.status, sha: '0'.repeat(40) };
          delete out.patch;
          if (f.patch !== undefined) out.patch = f.patch;
          if (f.previous_filename) out.previous_filename = f.previous_filename;
          return out;
        });
        return this.page(files, query, `/repos/${repo.owner}/${repo.name}/pulls/${pull!.number}/files`);
      }
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': {
        const template = example<Record<string, unknown>[]>(key, '200')[0]!;
        const list = this.comments
          .filter((c) => c.pull === pull!.number)
          .map((c) => ({
            ...template,
            id: c.id,
            node_id: c.node_id,
            pull_request_review_id: c.review_id,
            path: c.path,
            line: c.line,
            start_line: c.start_line,
            body: c.body,
            commit_id: c.commit_id,
            original_commit_id: c.commit_id,
            in_reply_to_id: undefined,
            user: { ...(template.user as object), login: c.user, type: c.userType },
          }));
        return this.page(list, query, `/repos/${repo.owner}/${repo.name}/pulls/${pull!.number}/comments`);
      }
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': {
        const template = example<Record<string, unknown>[]>(key, '200')[0]!;
        const list = this.reviews
          .filter((r) => r.pull === pull!.number)
          .map((r) => ({
            ...template,
            id: r.id,
            body: r.body,
            commit_id: r.commit_id,
            state: r.event === 'PENDING' ? 'PENDING' : r.event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : 'COMMENTED',
            user: { ...(template.user as object), login: r.user, type: r.userType },
          }));
        return this.page(list, query, `/repos/${repo.owner}/${repo.name}/pulls/${pull!.number}/reviews`);
      }
      case 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews':
        return this.createReview(pull!, body);
      case 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events': {
        // Submitting a PENDING review publishes it (and frees the user's one pending review per pull request).
        const review = this.reviews.find((r) => r.id === Number(params.review_id) && r.pull === pull!.number);
        if (!review) return notFound;
        const unprocessable = (why: string): [number, unknown] => [422, { message: 'Unprocessable Entity', errors: [why], documentation_url: 'https://docs.github.com/rest/pulls/reviews#submit-a-review-for-a-pull-request' }];
        if (review.event !== 'PENDING') return unprocessable('Can not submit a non-pending pull request review');
        const event = String(body.event);
        if (body.body !== undefined) review.body = String(body.body);
        if ((event === 'COMMENT' || event === 'REQUEST_CHANGES') && !review.body) return unprocessable(`Review body is required for ${event}`);
        review.event = event;
        review.at = Date.now();
        const template = example(key, '200');
        return [200, { ...template, id: review.id, body: review.body, commit_id: review.commit_id, state: event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : event === 'APPROVE' ? 'APPROVED' : 'COMMENTED' }];
      }
      case 'DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}': {
        const at = this.reviews.findIndex((r) => r.id === Number(params.review_id) && r.pull === pull!.number);
        if (at < 0) return notFound;
        const review = this.reviews[at]!;
        if (review.event !== 'PENDING') return [422, { message: 'Unprocessable Entity', errors: ['Can not delete a non-pending pull request review'], documentation_url: 'https://docs.github.com/rest' }];
        this.reviews.splice(at, 1);
        for (let i = this.comments.length - 1; i >= 0; i--) if (this.comments[i]!.review_id === review.id) this.comments.splice(i, 1);
        this.deletedReviews.push(review.id);
        const template = example(key, '200');
        return [200, { ...template, id: review.id, body: review.body, commit_id: review.commit_id, state: 'PENDING' }];
      }
      case 'POST /repos/{owner}/{repo}/check-runs': {
        if (!/^[0-9a-f]{40}$/.test(String(body.head_sha))) return [422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' }];
        const annotations = ((body.output as { annotations?: Record<string, unknown>[] } | undefined)?.annotations ?? []);
        if (annotations.length > 50) return [422, { message: 'Only 50 annotations are allowed per request', documentation_url: 'https://docs.github.com/rest' }];
        const run: StoredCheckRun = {
          id: this.nextId++,
          repo: `${repo.owner}/${repo.name}`,
          name: String(body.name),
          head_sha: String(body.head_sha),
          conclusion: body.conclusion as string | undefined,
          output: { ...(body.output as object) },
          annotations: [...annotations],
        };
        this.checkRuns.push(run);
        return [201, this.checkRunJson(key, '201', run)];
      }
      case 'GET /repos/{owner}/{repo}/collaborators/{username}/permission': {
        const permission = this.permissions.get(params.username!);
        if (permission === undefined) return notFound;
        const template = example(key, '200');
        return [200, { ...template, permission, role_name: permission, user: { ...(template.user as object), login: params.username, role_name: permission } }];
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        if (!repo.pulls.has(Number(params.issue_number))) return notFound;
        const id = this.nextId++;
        this.issueComments.push({ id, repo: `${repo.owner}/${repo.name}`, issue: Number(params.issue_number), body: String(body.body), user: BOT_LOGIN });
        const template = example(key, '201');
        return [201, { ...template, id, body: String(body.body), user: { ...(template.user as object), login: BOT_LOGIN, type: 'Bot' } }];
      }
      case 'GET /repos/{owner}/{repo}/git/commits/{commit_sha}':
        return this.gitCommit(repo, key, '200', params.commit_sha!);
      case 'POST /repos/{owner}/{repo}/git/trees':
        return this.createTree(repo, body);
      case 'POST /repos/{owner}/{repo}/git/commits':
        return this.createCommit(repo, body);
      case 'PATCH /repos/{owner}/{repo}/git/refs/{ref}':
        return this.updateRef(repo, params.ref!, body);
      case 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': {
        const run = this.checkRuns.find((r) => r.id === Number(params.check_run_id));
        if (!run) return notFound;
        const output = body.output as { title?: string; summary?: string; annotations?: Record<string, unknown>[] } | undefined;
        if ((output?.annotations?.length ?? 0) > 50) return [422, { message: 'Only 50 annotations are allowed per request', documentation_url: 'https://docs.github.com/rest' }];
        run.annotations.push(...(output?.annotations ?? []));
        return [200, this.checkRunJson(key, '200', run)];
      }
    }
    return notFound;
  }

  /** A commit as the Git Data API shows it. */
  private gitCommit(repo: FakeRepo, key: string, status: string, sha: string): [number, unknown] {
    let raw: string;
    try {
      raw = git(repo.gitDir, ['cat-file', 'commit', sha]);
    } catch {
      return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
    }
    const [header, ...message] = raw.split('\n\n');
    const field = (name: string) => [...header!.matchAll(new RegExp(`^${name} (.*)$`, 'gm'))].map((m) => m[1]!);
    const person = (line: string) => {
      const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line)!;
      return { name: m[1]!, email: m[2]!, date: new Date(Number(m[3]) * 1000).toISOString().replace(/\.000Z$/, 'Z') };
    };
    const base = `https://api.github.com/repos/${repo.owner}/${repo.name}/git`;
    const template = example(key, status);
    return [
      Number(status),
      {
        ...template,
        sha,
        url: `${base}/commits/${sha}`,
        html_url: `https://github.com/${repo.owner}/${repo.name}/commit/${sha}`,
        author: person(field('author')[0]!),
        committer: person(field('committer')[0]!),
        message: message.join('\n\n').replace(/\n$/, ''),
        tree: { sha: field('tree')[0]!, url: `${base}/trees/${field('tree')[0]!}` },
        parents: field('parent').map((p) => ({ sha: p, url: `${base}/commits/${p}`, html_url: `https://github.com/${repo.owner}/${repo.name}/commit/${p}` })),
      },
    ];
  }

  /** A tree from `base_tree` with entries replaced, added (`content` or `sha`) or removed (`sha: null`), written into the real repository. */
  private createTree(repo: FakeRepo, body: Record<string, unknown>): [number, unknown] {
    const index = mkdtempSync(join(tmpdir(), 'fake-gh-index-'));
    const env = { ...process.env, GIT_INDEX_FILE: join(index, 'index') };
    const run = (args: string[], input?: string) =>
      execFileSync('git', args, { cwd: repo.gitDir, env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] }).toString().trim();
    try {
      if (body.base_tree) run(['read-tree', String(body.base_tree)]);
      for (const entry of body.tree as { path: string; mode: string; type: string; sha?: string | null; content?: string }[]) {
        if (entry.sha === null) {
          run(['update-index', '--force-remove', '--', entry.path]);
          continue;
        }
        const sha = entry.content !== undefined ? run(['hash-object', '-w', '--stdin'], entry.content) : entry.sha!;
        run(['update-index', '--add', '--cacheinfo', `${entry.mode},${sha},${entry.path}`]);
      }
      const sha = run(['write-tree']);
      const template = example('POST /repos/{owner}/{repo}/git/trees', '201');
      const [, listing] = this.gitTree(repo, sha, false);
      return [201, { ...template, ...(listing as object), truncated: false }];
    } catch (error) {
      return [422, { message: `Invalid tree: ${(error as Error).message.split('\n')[0]}`, documentation_url: 'https://docs.github.com/rest' }];
    } finally {
      rmSync(index, { recursive: true, force: true });
    }
  }

  /** A commit object; without `author`, authored and committed by the token's owner (the App's bot). */
  private createCommit(repo: FakeRepo, body: Record<string, unknown>): [number, unknown] {
    const author = (body.author as { name: string; email: string } | undefined) ?? { name: BOT_LOGIN, email: `41898282+${BOT_LOGIN}@users.noreply.github.com` };
    const parents = ((body.parents as string[] | undefined) ?? []).flatMap((p) => ['-p', p]);
    let sha: string;
    try {
      sha = execFileSync('git', ['commit-tree', String(body.tree), ...parents, '-F', '-'], {
        cwd: repo.gitDir,
        input: String(body.message),
        env: { ...process.env, GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email },
        stdio: ['pipe', 'pipe', 'pipe'],
      })
        .toString()
        .trim();
    } catch (error) {
      return [422, { message: `Invalid commit: ${(error as Error).message.split('\n')[0]}`, documentation_url: 'https://docs.github.com/rest' }];
    }
    this.createdCommits.push({ repo: `${repo.owner}/${repo.name}`, sha, author: author.name, message: String(body.message) });
    return this.gitCommit(repo, 'POST /repos/{owner}/{repo}/git/commits', '201', sha);
  }

  /** Moves a branch (fast-forward only unless `force`); pull requests whose head is that branch get the new head. */
  private updateRef(repo: FakeRepo, ref: string, body: Record<string, unknown>): [number, unknown] {
    const sha = String(body.sha);
    const full = `refs/${ref}`;
    let current: string;
    try {
      current = git(repo.gitDir, ['rev-parse', '--verify', full]).trim();
      git(repo.gitDir, ['cat-file', '-e', `${sha}^{commit}`]);
    } catch {
      return [422, { message: 'Reference does not exist', documentation_url: 'https://docs.github.com/rest' }];
    }
    if (body.force !== true) {
      try {
        git(repo.gitDir, ['merge-base', '--is-ancestor', current, sha]);
      } catch {
        return [422, { message: 'Update is not a fast forward', documentation_url: 'https://docs.github.com/rest' }];
      }
    }
    git(repo.gitDir, ['update-ref', full, sha, current]);
    const fullName = `${repo.owner}/${repo.name}`;
    for (const [baseName, base] of this.repos) {
      for (const pull of [...base.pulls.values()]) {
        if (pull.headRepo === fullName && `heads/${pull.headRef ?? 'pr'}` === ref) {
          const move = () =>
            this.setPull(baseName, pull.number, pull.baseRef, sha, { headRepo: pull.headRepo, ...(pull.headRef ? { headRef: pull.headRef } : {}), ...(pull.maintainerCanModify ? { maintainerCanModify: true } : {}), draft: pull.draft });
          if (this.headLag > 0) this.laggingHeads.set(`${baseName}#${pull.number}`, { move, remaining: this.headLag });
          else move();
        }
      }
    }
    const template = example('PATCH /repos/{owner}/{repo}/git/refs/{ref}', '200');
    const url = `https://api.github.com/repos/${fullName}/git`;
    return [200, { ...template, ref: full, url: `${url}/${full}`, object: { type: 'commit', sha, url: `${url}/commits/${sha}` } }];
  }

  private page(items: unknown[], query: Record<string, string>, path: string): [number, unknown, Record<string, string>] {
    const perPage = Math.min(Number(query.per_page ?? 30) || 30, 100);
    const page = Math.max(Number(query.page ?? 1) || 1, 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const links: string[] = [];
    const href = (n: number) => `<${this.url}${path}?per_page=${perPage}&page=${n}>`;
    if (page < last) links.push(`${href(page + 1)}; rel="next"`, `${href(last)}; rel="last"`);
    if (page > 1) links.push(`${href(1)}; rel="first"`, `${href(page - 1)}; rel="prev"`);
    return [200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {}];
  }

  private readonly trees = new Map<string, Map<string, string>>();
  private readonly blobs = new Map<string, Buffer>();

  /**
   * Reads the trees (and small blobs) of `refs` now, so that serving them later spawns no git process
   * (load tests: the fake must not block the event loop it shares with the App). Branch names given here
   * are cached too: the test promises not to move them.
   */
  warm(fullName: string, refs: string[]): void {
    const repo = this.repos.get(fullName)!;
    for (const ref of refs) {
      const tree = this.tree(repo, ref);
      this.trees.set(`${repo.gitDir}\0${ref}`, tree);
    }
  }

  /** `git ls-tree -r` of a ref, once per (repository, ref): path → entry line. */
  private tree(repo: FakeRepo, ref: string): Map<string, string> {
    const id = `${repo.gitDir}\0${ref}`;
    let tree = this.trees.get(id);
    if (!tree) {
      tree = new Map();
      for (const entry of git(repo.gitDir, ['ls-tree', '-r', '-t', '-l', '-z', ref]).split('\0')) {
        const tab = entry.indexOf('\t');
        if (tab > 0) tree.set(entry.slice(tab + 1), entry);
      }
      // Branch names move; only SHAs are cached for good.
      if (/^[0-9a-f]{40}$/.test(ref)) this.trees.set(id, tree);
      this.loadBlobs(repo, [...tree.values()]);
    }
    return tree;
  }

  /** Reads every small blob of a tree with one `git cat-file --batch` (a process per file is slow). */
  private loadBlobs(repo: FakeRepo, entries: string[]): void {
    const wanted = entries
      .map((e) => /^\d+ blob ([0-9a-f]+) +(\d+)\t/.exec(e))
      .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) <= 1024 * 1024 && !this.blobs.has(m[1]!))
      .map((m) => m[1]!);
    if (wanted.length === 0) return;
    const out = execFileSync('git', ['cat-file', '--batch'], { cwd: repo.gitDir, input: `${wanted.join('\n')}\n`, maxBuffer: 1 << 29 });
    let at = 0;
    while (at < out.length) {
      const nl = out.indexOf(10, at);
      const [sha, , size] = out.subarray(at, nl).toString().split(' ');
      const length = Number(size);
      this.blobs.set(sha!, out.subarray(nl + 1, nl + 1 + length));
      at = nl + 1 + length + 1;
    }
  }

  private blob(repo: FakeRepo, sha: string): Buffer {
    let blob = this.blobs.get(sha);
    if (!blob) {
      blob = execFileSync('git', ['cat-file', 'blob', sha], { cwd: repo.gitDir, maxBuffer: 1 << 28 });
      this.blobs.set(sha, blob);
    }
    return blob;
  }

  /** The git-trees listing (a tree SHA, commit SHA or branch name, as GitHub accepts), recursive or not. */
  private gitTree(repo: FakeRepo, ref: string, recursive: boolean): [number, unknown] {
    let raw: string;
    let sha: string;
    try {
      sha = git(repo.gitDir, ['rev-parse', '--verify', `${ref}^{tree}`]).trim();
      raw = git(repo.gitDir, ['ls-tree', ...(recursive ? ['-r', '-t'] : []), '-l', '-z', sha]);
    } catch {
      return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
    }
    const base = `https://api.github.com/repos/${repo.owner}/${repo.name}/git`;
    const tree = raw
      .split('\0')
      .map((e) => /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([^\0]*)$/.exec(e))
      .filter((m): m is RegExpExecArray => m !== null)
      .map(([, mode, type, objectSha, size, path]) => ({
        path: path!,
        mode: mode!,
        type: type!,
        sha: objectSha!,
        ...(type === 'blob' ? { size: Number(size), url: `${base}/blobs/${objectSha}` } : { url: `${base}/trees/${objectSha}` }),
      }));
    return [200, { sha, url: `${base}/trees/${sha}`, truncated: this.truncateTrees, tree: this.truncateTrees ? tree.slice(0, 1) : tree }];
  }

  /** GraphQL `repository(owner:, name:) { bN: object(oid: "…") { ... on Blob { text isTruncated byteSize } } }`. */
  private blobObjects(query: string, variables: Record<string, string>): Record<string, unknown> | undefined {
    const repoCall = /repository\(owner:\s*\$owner,\s*name:\s*\$name\)/.exec(query);
    const objects = [...query.matchAll(/(\w+):\s*object\(oid:\s*"([0-9a-f]{40})"\)\s*\{\s*\.\.\.\s*on\s+Blob\s*\{\s*text\s+isTruncated\s+byteSize\s*\}\s*\}/g)];
    if (!repoCall || objects.length === 0) return undefined;
    if (objects.length > 100) this.violations.push(`GraphQL blob query with ${objects.length} objects (the App batches 100)`);
    const repo = this.repos.get(`${variables.owner}/${variables.name}`);
    if (!repo) return { repository: null };
    this.blobQueries.push(objects.map((m) => m[2]!));
    const out: Record<string, unknown> = {};
    for (const [, alias, oid] of objects) {
      let bytes: Buffer;
      try {
        bytes = this.blob(repo, oid!);
      } catch {
        out[alias!] = null;
        continue;
      }
      let text: string | null;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        text = null; // binary: GitHub gives no text
      }
      out[alias!] = { text, isTruncated: false, byteSize: bytes.length };
    }
    return { repository: out };
  }

  private contents(repo: FakeRepo, path: string, ref: string): [number, unknown] {
    let entry: string;
    try {
      entry = this.tree(repo, ref).get(path) ?? '';
    } catch {
      return [404, { message: 'No commit found for the ref', documentation_url: 'https://docs.github.com/rest' }];
    }
    const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t/.exec(entry);
    if (!m) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
    const [, mode, type, sha, size] = m;
    const template = example('GET /repos/{owner}/{repo}/contents/{path}', '200');
    const base = { ...template, name: path.split('/').pop(), path, sha, size: Number(size) || 0 };
    if (type === 'tree') return [200, []];
    if (mode === '120000') {
      const target = this.blob(repo, sha!).toString();
      return [200, { ...base, type: 'symlink', target, content: undefined, encoding: undefined }];
    }
    const bytes = Number(size);
    if (bytes > 1024 * 1024) return [200, { ...base, type: 'file', encoding: 'none', content: '' }];
    const content = this.blob(repo, sha!);
    // GitHub wraps base64 at 60 columns.
    const b64 = (content.toString('base64').match(/.{1,60}/g) ?? []).join('\n');
    return [200, { ...base, type: 'file', encoding: 'base64', content: b64 }];
  }

  private pullJson(repo: FakeRepo, pull: FakePull): Record<string, unknown> {
    const template = example('GET /repos/{owner}/{repo}/pulls/{pull_number}', '200');
    const head = template.head as Record<string, unknown>;
    return {
      ...template,
      number: pull.number,
      state: 'open',
      draft: pull.draft,
      requested_teams: [],
      head: {
        ...head,
        sha: pull.headSha,
        label: `${pull.headRepo.split('/')[0]}:${pull.headRef ?? 'pr'}`,
        ref: pull.headRef ?? 'pr',
        repo: { ...(head.repo as object), full_name: pull.headRepo, name: pull.headRepo.split('/')[1], fork: pull.headRepo !== `${repo.owner}/${repo.name}` },
      },
      maintainer_can_modify: pull.maintainerCanModify ?? false,
      base: { ...(template.base as object), ref: pull.baseRef },
    };
  }

  private checkRunJson(key: string, status: string, run: StoredCheckRun): unknown {
    const template = example(key, status);
    return { ...template, id: run.id, name: run.name, head_sha: run.head_sha, status: 'completed', conclusion: run.conclusion ?? null };
  }

  /** Accepts a review only if every comment anchors in the diff, as GitHub does (one bad anchor → 422, nothing posted). */
  private createReview(pull: FakePull, body: Record<string, unknown>): [number, unknown] {
    const reject = (why: string): [number, unknown] => [
      422,
      { message: 'Unprocessable Entity', errors: [why], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' },
    ];
    const event = body.event as string | undefined;
    if ((event === 'COMMENT' || event === 'REQUEST_CHANGES') && !body.body) return reject(`Review body is required for ${event}`);
    if (this.reviews.some((r) => r.pull === pull.number && r.event === 'PENDING' && r.user === BOT_LOGIN)) {
      return [422, { message: 'Unprocessable Entity', errors: ['User can only have one pending review per pull request'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' }];
    }
    const commit = (body.commit_id as string | undefined) ?? pull.headSha;
    if (!pull.heads.includes(commit)) return reject('commit_id is not part of the pull request');
    const comments = (body.comments as Record<string, unknown>[] | undefined) ?? [];
    for (const c of comments) {
      const file = pull.files.find((f) => f.filename === c.path);
      if (!file || file.patch === undefined) return reject(`Path ${String(c.path)} could not be resolved`);
      if (c.side !== undefined && c.side !== 'RIGHT') return reject('only RIGHT-side comments are expected from the App');
      const line = Number(c.line);
      const start = c.start_line === undefined ? line : Number(c.start_line);
      if (start > line) return reject('start_line must precede line');
      const hunk = rightHunks(file.patch).find((h) => line >= h.from && line <= h.to);
      if (!hunk) return reject('Pull request review thread line must be part of the diff');
      if (start < hunk.from) return reject('Pull request review thread start line must be in the same hunk as line');
      if (this.refuseComment?.(c)) return reject('Pull request review thread line must be part of the diff');
    }
    const id = this.nextId++;
    this.reviews.push({ id, at: Date.now(), pull: pull.number, body: String(body.body ?? ''), event: event ?? 'PENDING', commit_id: commit, comments: comments.length, user: BOT_LOGIN, userType: 'Bot' });
    for (const c of comments) {
      const cid = this.nextId++;
      this.comments.push({
        id: cid,
        node_id: `PRRC_fake${cid}`,
        review_id: id,
        pull: pull.number,
        path: String(c.path),
        line: Number(c.line),
        start_line: c.start_line === undefined ? null : Number(c.start_line),
        body: String(c.body),
        commit_id: commit,
        user: BOT_LOGIN,
        userType: 'Bot',
        minimized: false,
      });
    }
    const template = example('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', '200');
    return [200, { ...template, id, body: String(body.body ?? ''), commit_id: commit, state: event === undefined ? 'PENDING' : event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : 'COMMENTED' }];
  }

  /** GraphQL: `minimizeComment` mutations (aliased, with ID variables) and blob-text queries are understood. */
  private graphql(body: unknown, send: (status: number, body: unknown, headers?: Record<string, string>, route?: string) => void): void {
    const route = 'POST /graphql';
    const { query, variables = {} } = (body ?? {}) as { query?: string; variables?: Record<string, string> };
    if (typeof query !== 'string') return send(400, { message: 'A query attribute must be specified', documentation_url: 'https://docs.github.com/graphql' }, {}, route);
    const blobs = this.blobObjects(query, variables);
    if (blobs) return send(200, { data: blobs }, {}, route);
    const data: Record<string, unknown> = {};
    const errors: { message: string; path: string[] }[] = [];
    const calls = [...query.matchAll(/(\w+):\s*minimizeComment\(input:\s*\{subjectId:\s*\$(\w+),\s*classifier:\s*(\w+)\}\)/g)];
    if (calls.length === 0) {
      this.violations.push(`unexpected GraphQL query: ${query.slice(0, 200)}`);
      return send(200, { errors: [{ message: 'unsupported by the fake' }] }, {}, route);
    }
    for (const [, alias, variable, classifier] of calls) {
      if (!['SPAM', 'ABUSE', 'OFF_TOPIC', 'OUTDATED', 'DUPLICATE', 'RESOLVED'].includes(classifier!)) this.violations.push(`bad classifier ${classifier}`);
      const comment = this.comments.find((c) => c.node_id === variables[variable!]);
      if (!comment) {
        errors.push({ message: `Could not resolve to a node with the global id of '${variables[variable!]}'`, path: [alias!] });
        data[alias!] = null;
      } else {
        comment.minimized = true;
        data[alias!] = { minimizedComment: { isMinimized: true } };
      }
    }
    send(200, errors.length ? { data, errors } : { data }, {}, route);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: dir, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

/** Files and patches of base...head as GitHub computes them (merge base, 3 lines of context, renames). */
export function diffFiles(dir: string, base: string, head: string): FakePullFile[] {
  const range = `${base}...${head}`;
  const fields = git(dir, ['diff', '--name-status', '-z', '-M', range]).split('\0');
  const out: FakePullFile[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const code = fields[i++]!;
    const renamed = code[0] === 'R';
    const from = renamed ? fields[i++]! : undefined;
    const path = fields[i++]!;
    const status = renamed ? 'renamed' : code[0] === 'A' ? 'added' : code[0] === 'D' ? 'removed' : 'modified';
    const file: FakePullFile = { filename: path, status };
    if (from) file.previous_filename = from;
    out.push(file);
  }
  // One diff for the whole range, split per file (same order as --name-status).
  const chunks = git(dir, ['diff', '--no-color', '-U3', '-M', range]).split(/^diff --git /m).slice(1);
  if (chunks.length !== out.length) throw new Error(`diff of ${range}: ${chunks.length} chunks for ${out.length} files`);
  chunks.forEach((chunk, i) => {
    const at = chunk.indexOf('\n@@');
    if (at >= 0) out[i]!.patch = chunk.slice(at + 1).replace(/\n$/, '');
  });
  return out;
}

/** RIGHT-side line ranges of each hunk (an independent reading of the patch, not the App's parser). */
function rightHunks(patch: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const m of patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const from = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count > 0) out.push({ from, to: from + count - 1 });
  }
  return out;
}
