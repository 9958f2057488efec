import { BLOBS_PER_QUERY, isTransient, type ExistingComment, type ExistingReview, type FileContent, type GitHubClient, type GitTree, type PullFile, type PullInfo, type ReviewDraft, type TreeFile, type CommitFile, type FixWriter } from '../review/client.js';
import type { Annotation, CheckRunRequest, ReviewRequest } from '../review/plan.js';

/** The slice of Octokit used (what `context.octokit` provides in Probot). */
export interface OctokitLike {
  request: (route: string, parameters?: Record<string, unknown>) => Promise<{ data: unknown; headers: Record<string, unknown> }>;
  graphql: (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
}

export interface ClientOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Backoff before the n-th retry (1-based) of a 5xx or a connection error (default 250 ms × 2^(n-1) + jitter). */
  backoffMs?: (attempt: number) => number;
  /** Retries of a 5xx or a connection error (default 3). */
  transientRetries?: number;
  /** A client with a new installation token, used once when GitHub answers 401 (token expired or revoked mid-run). */
  reauthenticate?: () => Promise<OctokitLike>;
  /** Aborts every request in flight and every wait between retries (shutdown, a newer push). */
  signal?: AbortSignal;
}

const PER_PAGE = 100;
const MINIMIZE_PER_REQUEST = 25;

/** How long to wait at most for a secondary rate limit's `retry-after`, and how many times. */
const MAX_RETRY_AFTER_SECONDS = 60;
const MAX_SECONDARY_RETRIES = 2;
const TRANSIENT_RETRIES = 3;

export class OctokitClient implements GitHubClient, FixWriter {
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests sent, retries included (for the run's log line and the tests' bounds). */
  requestCount = 0;

  constructor(
    private octokit: OctokitLike,
    private readonly owner: string,
    private readonly repo: string,
    options: ClientOptions | ((ms: number) => Promise<void>) = {},
  ) {
    const o = typeof options === 'function' ? { sleep: options } : options;
    this.signal = o.signal;
    this.sleep = o.sleep ?? ((ms) => abortableSleep(ms, o.signal));
    this.backoffMs = o.backoffMs ?? ((n) => 250 * 2 ** (n - 1) + Math.floor(Math.random() * 100));
    this.transientRetries = o.transientRetries ?? TRANSIENT_RETRIES;
    this.reauthenticate = o.reauthenticate;
  }

  private readonly reauthenticate: (() => Promise<OctokitLike>) | undefined;
  private readonly signal: AbortSignal | undefined;
  private pendingAuth: Promise<OctokitLike> | undefined;

  private readonly backoffMs: (attempt: number) => number;
  private readonly transientRetries: number;

  /**
   * Every REST call, with one retry policy (Octokit's own retry plugin is switched off per request so
   * retries stay bounded and visible here):
   * - 5xx and connection errors: retried `transientRetries` times with exponential backoff — only for
   *   idempotent calls (`retryTransient`); the one POST that is not (the review) checks before retrying;
   * - secondary rate limits (403/429 with `retry-after`): waited out (at most 60 s, twice);
   * - 401 (installation token expired or revoked mid-run): a new token is minted once and the call retried.
   */
  private async request(route: string, params: Record<string, unknown>, retryTransient = true): Promise<{ data: unknown; headers: Record<string, unknown> }> {
    let secondary = 0;
    let transient = 0;
    let refreshed = false;
    for (;;) {
      const used = this.octokit;
      this.signal?.throwIfAborted();
      try {
        this.requestCount++;
        return await used.request(route, { ...params, request: { retries: 0, ...(this.signal ? { signal: this.signal } : {}) } });
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 401 && !refreshed && this.reauthenticate) {
          refreshed = true;
          // Concurrent calls refused with the same token share one new token.
          if (this.octokit === used) {
            this.pendingAuth ??= this.reauthenticate().finally(() => (this.pendingAuth = undefined));
            this.octokit = await this.pendingAuth;
          }
          continue;
        }
        const wait = secondaryRetryAfter(error);
        if (wait !== undefined && secondary < MAX_SECONDARY_RETRIES) {
          secondary++;
          await this.sleep(wait * 1000);
          continue;
        }
        if (retryTransient && isTransient(error) && transient < this.transientRetries) {
          transient++;
          await this.sleep(this.backoffMs(transient));
          continue;
        }
        throw error;
      }
    }
  }

  private graphql(query: string, variables: Record<string, unknown>): Promise<unknown> {
    this.signal?.throwIfAborted();
    this.requestCount++;
    return this.octokit.graphql(query, { ...variables, ...(this.signal ? { request: { signal: this.signal } } : {}) });
  }

  private get base() {
    return { owner: this.owner, repo: this.repo };
  }

  async readText(path: string, ref: string): Promise<string | null> {
    const file = await this.readFile(path, ref, 1024 * 1024);
    if (file.kind !== 'file') return null;
    return new TextDecoder().decode(file.bytes);
  }

  async readRepositoryText(repository: { owner?: string; repo: string }, path: string): Promise<string | null> {
    let data: unknown;
    try {
      ({ data } = await this.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: repository.owner ?? this.owner, repo: repository.repo, path }));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
    const file = data as { type?: string; content?: string; encoding?: string };
    if (Array.isArray(data) || file.type !== 'file' || file.encoding !== 'base64' || file.content === undefined) return null;
    return new TextDecoder().decode(Buffer.from(file.content, 'base64'));
  }

  async readFile(path: string, ref: string, maxBytes: number): Promise<FileContent> {
    let data: unknown;
    try {
      ({ data } = await this.request('GET /repos/{owner}/{repo}/contents/{path}', { ...this.base, path, ref }));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return { kind: 'missing' };
      throw error;
    }
    if (Array.isArray(data)) return { kind: 'not-a-file', type: 'dir' };
    const file = data as { type: string; size: number; content?: string; encoding?: string };
    if (file.type !== 'file') return { kind: 'not-a-file', type: file.type };
    if (file.size > maxBytes) return { kind: 'too-large', size: file.size };
    // Files of 1-100 MB come back with encoding "none" and no content.
    if (file.encoding !== 'base64' || file.content === undefined) return { kind: 'too-large', size: file.size };
    return { kind: 'file', size: file.size, bytes: new Uint8Array(Buffer.from(file.content, 'base64')) };
  }

  async readTree(ref: string): Promise<GitTree> {
    const { data } = await this.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...this.base, tree_sha: ref, recursive: '1' });
    const raw = data as { truncated: boolean; tree: { path?: string; mode?: string; type?: string; sha?: string; size?: number }[] };
    return { truncated: raw.truncated, files: treeFiles(raw.tree) };
  }

  /** One GraphQL query per 100 blobs: `repository { b0: object(oid: …) { ... on Blob { text isTruncated byteSize } } … }`. */
  async readBlobTexts(shas: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < shas.length; i += BLOBS_PER_QUERY) {
      const batch = shas.slice(i, i + BLOBS_PER_QUERY).filter((sha) => /^[0-9a-f]{40}$/.test(sha));
      if (batch.length === 0) continue;
      const fields = batch.map((sha, j) => `b${j}: object(oid: "${sha}") { ... on Blob { text isTruncated byteSize } }`).join('\n    ');
      const query = `query($owner: String!, $name: String!) {\n  repository(owner: $owner, name: $name) {\n    ${fields}\n  }\n}`;
      const data = (await this.graphql(query, { owner: this.owner, name: this.repo })) as {
        repository: Record<string, { text: string | null; isTruncated: boolean } | null> | null;
      };
      batch.forEach((sha, j) => {
        const blob = data.repository?.[`b${j}`];
        if (blob && typeof blob.text === 'string' && !blob.isTruncated) out.set(sha, blob.text);
      });
    }
    return out;
  }

  async listFiles(pull: number, max: number): Promise<PullFile[]> {
    return this.paginate<PullFile>('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { pull_number: pull }, max);
  }

  async listReviewComments(pull: number): Promise<ExistingComment[]> {
    const raw = await this.paginate<{
      id: number;
      node_id: string;
      pull_request_review_id: number | null;
      path: string;
      body: string;
      user: { login: string; type: string } | null;
    }>(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
      { pull_number: pull },
    );
    return raw.map((c) => ({ id: c.id, reviewId: c.pull_request_review_id ?? null, nodeId: c.node_id, path: c.path, body: c.body, author: c.user?.login ?? '', authorType: c.user?.type ?? '' }));
  }

  async listReviews(pull: number): Promise<ExistingReview[]> {
    const raw = await this.paginate<{ id: number; state: string; commit_id: string | null; body: string; user: { login: string; type: string } | null }>(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      { pull_number: pull },
    );
    return raw.map((r) => ({
      id: r.id,
      state: r.state,
      commitId: r.commit_id ?? '',
      body: r.body ?? '',
      author: r.user?.login ?? '',
      authorType: r.user?.type ?? '',
    }));
  }

  async getPull(pull: number): Promise<PullInfo> {
    const { data } = await this.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...this.base, pull_number: pull });
    return toPullInfo(data as RawPull);
  }

  async findPullByHead(sha: string): Promise<PullInfo | null> {
    const { data } = await this.request('GET /repos/{owner}/{repo}/pulls', { ...this.base, state: 'open', per_page: PER_PAGE });
    const match = (data as RawPull[]).find((p) => p.head.sha === sha);
    return match ? toPullInfo(match) : null;
  }

  async permissionOf(username: string): Promise<string> {
    try {
      const { data } = await this.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...this.base, username });
      return (data as { permission?: string }).permission ?? 'none';
    } catch (error) {
      // Not a collaborator (or an unknown user): no access.
      if ((error as { status?: number }).status === 404) return 'none';
      throw error;
    }
  }

  async comment(issue: number, body: string): Promise<void> {
    await this.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...this.base, issue_number: issue, body }, false);
  }

  /**
   * Tree with the changed files inline (no separate blob requests), commit without author or committer so
   * GitHub records (and signs) it as the App's, then a fast-forward of the branch: 4 requests.
   */
  async commitFiles(repo: string, branch: string, parentSha: string, files: readonly CommitFile[], message: string): Promise<string | null> {
    const [owner, name] = repo.split('/') as [string, string];
    const at = { owner, repo: name };
    const { data: parent } = await this.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...at, commit_sha: parentSha });
    const { data: tree } = await this.request(
      'POST /repos/{owner}/{repo}/git/trees',
      { ...at, base_tree: (parent as { tree: { sha: string } }).tree.sha, tree: files.map((f) => ({ path: f.path, mode: '100644', type: 'blob', content: f.content })) },
      false,
    );
    const { data: commit } = await this.request(
      'POST /repos/{owner}/{repo}/git/commits',
      { ...at, message, tree: (tree as { sha: string }).sha, parents: [parentSha] },
      false,
    );
    const sha = (commit as { sha: string }).sha;
    try {
      await this.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { ...at, ref: `heads/${branch}`, sha, force: false }, false);
    } catch (error) {
      // "Update is not a fast forward": someone pushed meanwhile; the commit stays unreferenced.
      if ((error as { status?: number }).status === 422 && /fast.?forward/i.test((error as Error).message)) return null;
      throw error;
    }
    return sha;
  }

  /**
   * Not idempotent: after a 5xx or a connection error the review may have been created anyway, so before
   * each retry the reviews are listed and an identical one (same commit, same body; PENDING when no event
   * was given, submitted otherwise) counts as created.
   */
  async createReview(pull: number, review: ReviewDraft): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const { data } = await this.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...this.base, pull_number: pull, ...review }, false);
        return (data as { id: number }).id;
      } catch (error) {
        if (!isTransient(error) || attempt >= this.transientRetries) throw error;
        await this.sleep(this.backoffMs(attempt + 1));
        const existing = (await this.listReviews(pull)).find(
          (r) => r.commitId === review.commit_id && r.body === (review.body ?? '') && (r.state === 'PENDING') === (review.event === undefined),
        );
        // An empty pending body (a probe without a lock marker) is not specific enough to be ours.
        if (existing && (review.event !== undefined || review.body)) return existing.id;
      }
    }
  }

  /**
   * `POST …/reviews/{review_id}/events`. Not idempotent either: after a 5xx or a connection error the
   * review may be submitted already, so before each retry it is looked up, and one no longer PENDING counts.
   */
  async submitReview(pull: number, id: number, review: { event: ReviewRequest['event']; body: string }): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events', { ...this.base, pull_number: pull, review_id: id, ...review }, false);
        return;
      } catch (error) {
        if (!isTransient(error) || attempt >= this.transientRetries) throw error;
        await this.sleep(this.backoffMs(attempt + 1));
        const current = (await this.listReviews(pull)).find((r) => r.id === id);
        if (current && current.state !== 'PENDING') return;
      }
    }
  }

  async deleteReview(pull: number, id: number): Promise<void> {
    await this.request('DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', { ...this.base, pull_number: pull, review_id: id });
  }

  async createCheckRun(request: CheckRunRequest & { output: CheckRunRequest['output'] & { annotations?: Annotation[] } }): Promise<number> {
    const { data } = await this.request('POST /repos/{owner}/{repo}/check-runs', { ...this.base, ...request });
    return (data as { id: number }).id;
  }

  async updateCheckRun(id: number, output: CheckRunRequest['output'] & { annotations: Annotation[] }): Promise<void> {
    await this.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...this.base, check_run_id: id, output });
  }

  async minimizeComments(nodeIds: string[]): Promise<void> {
    for (let i = 0; i < nodeIds.length; i += MINIMIZE_PER_REQUEST) {
      const batch = nodeIds.slice(i, i + MINIMIZE_PER_REQUEST);
      const fields = batch
        .map((_, j) => `m${j}: minimizeComment(input: {subjectId: $id${j}, classifier: OUTDATED}) { minimizedComment { isMinimized } }`)
        .join('\n  ');
      const params = batch.map((_, j) => `$id${j}: ID!`).join(', ');
      const variables = Object.fromEntries(batch.map((id, j) => [`id${j}`, id]));
      await this.graphql(`mutation(${params}) {\n  ${fields}\n}`, variables);
    }
  }

  /** Follows Link headers page by page (100 per page) up to `max` items. */
  private async paginate<T>(route: string, params: Record<string, unknown>, max = Infinity): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; out.length < max; page++) {
      const { data, headers } = await this.request(route, { ...this.base, ...params, per_page: PER_PAGE, page });
      const items = data as T[];
      out.push(...items.slice(0, max - out.length));
      const link = String(headers.link ?? '');
      if (items.length < PER_PAGE || !/rel="next"/.test(link)) break;
    }
    return out;
  }
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise((r) => setTimeout(r, ms));
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Seconds to wait when `error` is a secondary rate limit (403/429 with retry-after or the documented message). */
export function secondaryRetryAfter(error: unknown): number | undefined {
  const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string | undefined> } };
  if (e.status !== 403 && e.status !== 429) return undefined;
  const header = e.response?.headers?.['retry-after'];
  const secondary = /secondary rate/i.test(e.message ?? '') || header !== undefined;
  if (!secondary || e.response?.headers?.['x-ratelimit-remaining'] === '0') return undefined;
  const seconds = Number(header);
  return Math.min(Number.isFinite(seconds) && seconds > 0 ? seconds : 60, MAX_RETRY_AFTER_SECONDS);
}

interface RawPull {
  number: number;
  draft?: boolean;
  state: string;
  maintainer_can_modify?: boolean;
  head: { sha: string; ref: string; repo: { full_name: string } | null };
  base: { ref: string; repo: { full_name: string } };
}

function toPullInfo(p: RawPull): PullInfo {
  return {
    number: p.number,
    headSha: p.head.sha,
    baseRef: p.base.ref,
    draft: p.draft ?? false,
    state: p.state,
    headRef: p.head.ref,
    // A deleted fork has no repository any more: nothing can be pushed there.
    headRepo: p.head.repo?.full_name ?? '',
    maintainerCanModify: p.maintainer_can_modify ?? false,
  };
}

/** Regular files of a git tree listing (directories, symlinks and submodules left out). */
export function treeFiles(tree: { path?: string; mode?: string; type?: string; sha?: string; size?: number }[]): TreeFile[] {
  const files: TreeFile[] = [];
  for (const e of tree) {
    if (e.type !== 'blob' || e.mode === '120000' || !e.path || !e.sha) continue;
    files.push({ path: e.path, sha: e.sha, size: e.size ?? 0 });
  }
  return files;
}
