import { execFileSync } from 'node:child_process';
import type { ExistingComment, ExistingReview, FileContent, GitHubClient, GitTree, PullFile, PullInfo, ReviewDraft, TreeFile } from './client.js';
import type { Annotation, CheckRunRequest } from './plan.js';
import { unsafePath } from './paths.js';

/** A request the App would send, as Octokit would send it (route with placeholders filled, JSON body). */
export interface RecordedRequest {
  method: 'POST' | 'PATCH';
  url: string;
  body: unknown;
}

/**
 * The App's reads served from a local git checkout (`base...head`, as GitHub diffs a pull request) and its
 * writes recorded instead of sent: the dry run of `editorial-review review`. No credentials, no network.
 */
export class LocalGitClient implements GitHubClient {
  readonly requests: RecordedRequest[] = [];
  private nextCheckRunId = 1;

  constructor(
    private readonly repoDir: string,
    private readonly base: string,
    private readonly head: string,
    private readonly slug = '{owner}/{repo}',
  ) {}

  private git(args: string[]): Buffer {
    return execFileSync('git', ['-c', 'core.quotePath=false', ...args], {
      cwd: this.repoDir,
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  resolve(ref: string): string {
    return this.git(['rev-parse', '--verify', `${ref}^{commit}`]).toString().trim();
  }

  async readText(path: string, ref: string): Promise<string | null> {
    const file = await this.readFile(path, ref, 1024 * 1024);
    return file.kind === 'file' ? new TextDecoder().decode(file.bytes) : null;
  }

  /**
   * Reads from git's object store, never the working tree: a path cannot leave the repository (`..`,
   * absolute paths are refused; pathspec magic is off so `*` matches only itself) and a symlink is
   * reported as such, not followed.
   */
  async readFile(path: string, ref: string, maxBytes: number): Promise<FileContent> {
    if (unsafePath(path) !== null) return { kind: 'missing' };
    const entry = this.git(['--literal-pathspecs', 'ls-tree', '-l', '-z', ref, '--', path]).toString();
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([^\0]*)/.exec(entry);
    if (!match || match[5] !== path) return { kind: 'missing' };
    const [, mode, type, sha, size] = match;
    if (type !== 'blob') return { kind: 'not-a-file', type: type === 'tree' ? 'dir' : type! };
    if (mode === '120000') return { kind: 'not-a-file', type: 'symlink' };
    const bytes = Number(size);
    if (bytes > maxBytes) return { kind: 'too-large', size: bytes };
    return { kind: 'file', size: bytes, bytes: new Uint8Array(this.git(['cat-file', 'blob', sha!])) };
  }

  /** The tree as the git-trees call gives it: `git ls-tree -r -l` (regular files only). */
  async readTree(ref: string): Promise<GitTree> {
    const files: TreeFile[] = [];
    for (const entry of this.git(['ls-tree', '-r', '-l', '-z', ref]).toString().split('\0')) {
      const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([^\0]*)$/.exec(entry);
      if (!m || m[2] !== 'blob' || m[1] === '120000') continue;
      files.push({ path: m[5]!, sha: m[3]!, size: Number(m[4]) || 0 });
    }
    return { files, truncated: false };
  }

  /** Blob texts in one `git cat-file --batch` (what the GraphQL blob batches give the App). */
  async readBlobTexts(shas: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const wanted = shas.filter((sha) => /^[0-9a-f]{4,64}$/.test(sha));
    if (wanted.length === 0) return out;
    const raw = execFileSync('git', ['cat-file', '--batch'], { cwd: this.repoDir, input: `${wanted.join('\n')}\n`, maxBuffer: 1024 * 1024 * 1024 });
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let at = 0;
    for (const sha of wanted) {
      const eol = raw.indexOf(10, at);
      if (eol < 0) break;
      const header = raw.subarray(at, eol).toString().split(' ');
      at = eol + 1;
      if (header[1] === 'missing' || header.length < 3) continue;
      const size = Number(header[2]);
      const body = raw.subarray(at, at + size);
      at += size + 1;
      if (header[1] !== 'blob') continue;
      try {
        out.set(sha, decoder.decode(body));
      } catch {
        // binary: GraphQL gives no text either
      }
    }
    return out;
  }

  async listFiles(_pull: number, max: number): Promise<PullFile[]> {
    const range = `${this.base}...${this.head}`;
    const fields = this.git(['diff', '--name-status', '-z', '-M', range]).toString().split('\0');
    const files: PullFile[] = [];
    for (let i = 0; i < fields.length - 1 && files.length < max; ) {
      const code = fields[i++]!;
      const letter = code[0]!;
      if (letter === 'R' || letter === 'C') {
        const from = fields[i++]!;
        const to = fields[i++]!;
        files.push({ filename: to, previous_filename: from, status: letter === 'R' ? 'renamed' : 'copied', ...this.patch(range, [from, to]) });
      } else {
        const path = fields[i++]!;
        const status = letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified';
        files.push({ filename: path, status, ...(letter === 'D' ? {} : this.patch(range, [path])) });
      }
    }
    return files;
  }

  /** The patch as GitHub shows it: the hunks only, from the first `@@`; none for a binary file. */
  private patch(range: string, paths: string[]): { patch?: string } {
    const diff = this.git(['diff', '--no-color', '--no-ext-diff', '-U3', '-M', range, '--', ...paths]).toString();
    const at = diff.indexOf('\n@@');
    if (at < 0) return {};
    return { patch: diff.slice(at + 1).replace(/\n$/, '') };
  }

  async listReviewComments(): Promise<ExistingComment[]> {
    return [];
  }

  async listReviews(): Promise<ExistingReview[]> {
    return [];
  }

  async getPull(pull: number): Promise<PullInfo> {
    return { number: pull, headSha: this.resolve(this.head), baseRef: this.base, draft: false, state: 'open', headRef: this.head, headRepo: this.slug, maintainerCanModify: false };
  }

  async findPullByHead(): Promise<PullInfo | null> {
    return null;
  }

  async createReview(pull: number, review: ReviewDraft): Promise<number> {
    this.requests.push({ method: 'POST', url: `/repos/${this.slug}/pulls/${pull}/reviews`, body: review });
    return this.requests.length;
  }

  async deleteReview(): Promise<void> {
    // The dry run never leaves a pending review.
  }

  async createCheckRun(request: CheckRunRequest & { output: CheckRunRequest['output'] & { annotations?: Annotation[] } }): Promise<number> {
    this.requests.push({ method: 'POST', url: `/repos/${this.slug}/check-runs`, body: request });
    return this.nextCheckRunId++;
  }

  async updateCheckRun(id: number, output: CheckRunRequest['output'] & { annotations: Annotation[] }): Promise<void> {
    this.requests.push({ method: 'PATCH', url: `/repos/${this.slug}/check-runs/${id}`, body: { output } });
  }

  async minimizeComments(nodeIds: string[]): Promise<void> {
    this.requests.push({ method: 'POST', url: '/graphql', body: { minimizeComment: nodeIds } });
  }
}
