import type { Annotation, CheckRunRequest, ReviewRequest } from './plan.js';

/** A review request; without `event` GitHub keeps it PENDING. */
export type ReviewDraft = Omit<ReviewRequest, 'event'> & { event?: ReviewRequest['event'] };

/**
 * Every GitHub call the App makes, in one place: the Octokit implementation (`github/client.ts`), the local-git one for
 * the dry run (`local.ts`), and any fault-injecting wrapper a test puts in between.
 */

export interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  /** Absent when GitHub does not show the diff (too large, binary). */
  patch?: string;
}

export type FileContent =
  | { kind: 'file'; size: number; bytes: Uint8Array }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing' }
  | { kind: 'not-a-file'; type: string };

export interface ExistingComment {
  id: number;
  /** The review it belongs to (a PENDING review's comments are not posted yet). */
  reviewId: number | null;
  nodeId: string;
  path: string;
  body: string;
  /** Login and type (`Bot`, `User`) of the author, to keep only the App's own comments. */
  author: string;
  authorType: string;
}

export interface ExistingReview {
  id: number;
  /** `PENDING` for a review started and never submitted (e.g. by a crashed run). */
  state: string;
  commitId: string;
  body: string;
  author: string;
  authorType: string;
}

/** One entry of a recursive git tree (`GET /repos/{owner}/{repo}/git/trees/{tree_sha}?recursive=1`). */
export interface TreeFile {
  path: string;
  /** Git blob SHA. */
  sha: string;
  size: number;
}

export interface GitTree {
  /** The regular files (blobs that are not symlinks or submodules). */
  files: TreeFile[];
  /** GitHub cut the listing short (over 100,000 entries or 7 MB). */
  truncated: boolean;
}

/** Blobs per GraphQL query when the App reads the base branch's posts. */
export const BLOBS_PER_QUERY = 100;

export interface PullInfo {
  number: number;
  headSha: string;
  /** The branch the pull request merges into: its posts are what the changed posts are compared with. */
  baseRef: string;
  draft: boolean;
  state: string;
  /** The head branch and the repository it lives in (`owner/name`; a fork's for a fork pull request). */
  headRef: string;
  headRepo: string;
  /** The fork's owner lets the base repository's maintainers push to the head branch. */
  maintainerCanModify: boolean;
}

/** One file of a commit the App writes (a fixed post). */
export interface CommitFile {
  path: string;
  content: string;
}

/**
 * The writes of a fix on request (`/editorial-review fix`): who may ask, the answer, and one commit on the
 * pull request's head branch through the Git Data API (tree, commit, ref), authored by the App itself.
 */
export interface FixWriter {
  /** `admin`, `write`, `read` or `none` (`GET /repos/{owner}/{repo}/collaborators/{username}/permission`). */
  permissionOf(username: string): Promise<string>;
  /** A comment in the pull request's conversation. */
  comment(issue: number, body: string): Promise<void>;
  /**
   * One commit on `branch` of `repo` (`owner/name`) with `files` changed, whose parent is `parentSha`. The
   * branch moves only if it is still at `parentSha` (no force): returns the new commit, or null when the
   * branch moved meanwhile.
   */
  commitFiles(repo: string, branch: string, parentSha: string, files: readonly CommitFile[], message: string): Promise<string | null>;
}

export interface GitHubClient {
  /** Text of a file at a ref, or null when it does not exist (the config). */
  readText(path: string, ref: string): Promise<string | null>;
  /**
   * Text of a file on the default branch of another repository the installation can read (config
   * `_extends`: the organisation's `.github` repository), or null when it or the file does not exist.
   * `owner` defaults to this repository's owner. Optional: without it `_extends` is a config error.
   */
  readRepositoryText?(repository: { owner?: string; repo: string }, path: string): Promise<string | null>;
  /** A file at a ref; `maxBytes` lets a too-large file be skipped without reading it whole. */
  readFile(path: string, ref: string, maxBytes: number): Promise<FileContent>;
  /** Every file of a commit's or branch's tree in one request (the cross-post index). Optional: without it the App compares changed posts only. */
  readTree?(ref: string): Promise<GitTree>;
  /** Texts of blobs by SHA (binary or truncated blobs are left out), `BLOBS_PER_QUERY` per request. */
  readBlobTexts?(shas: readonly string[]): Promise<Map<string, string>>;
  /** Changed files of the pull request, at most `max` (GitHub lists up to 3,000). */
  listFiles(pull: number, max: number): Promise<PullFile[]>;
  listReviewComments(pull: number): Promise<ExistingComment[]>;
  listReviews(pull: number): Promise<ExistingReview[]>;
  getPull(pull: number): Promise<PullInfo>;
  /** The open pull request whose head is `sha` (for check_run.rerequested without pull_requests, e.g. forks). */
  findPullByHead(sha: string): Promise<PullInfo | null>;
  /** Posts a review; without `event` it stays PENDING (used to probe anchors, then deleted). Returns its id. */
  createReview(pull: number, review: ReviewDraft): Promise<number>;
  /**
   * Submits a PENDING review with its event (`POST …/reviews/{review_id}/events`). Optional: a client
   * without it posts each review in one request, without holding GitHub's one-pending-review lock.
   */
  submitReview?(pull: number, id: number, review: { event: ReviewRequest['event']; body: string }): Promise<void>;
  /** Deletes a PENDING review (a submitted one cannot be deleted). */
  deleteReview(pull: number, id: number): Promise<void>;
  createCheckRun(request: CheckRunRequest & { output: CheckRunRequest['output'] & { annotations?: Annotation[] } }): Promise<number>;
  updateCheckRun(id: number, output: CheckRunRequest['output'] & { annotations: Annotation[] }): Promise<void>;
  /** Minimises comments as OUTDATED (GraphQL `minimizeComment`), several per request. */
  minimizeComments(nodeIds: string[]): Promise<void>;
}

/** A 5xx, or no HTTP answer at all (connection reset, timeout: Octokit reports status 500 or none). */
export function isTransient(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === undefined || status >= 500;
}
