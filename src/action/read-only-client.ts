import type { Annotation, CheckRunRequest } from '../review/plan.js';
import type { FileContent, GitHubClient, GitTree, PullFile, ReviewDraft } from '../review/client.js';

/**
 * A client for a token that may only read: a workflow's `GITHUB_TOKEN` on a pull request from a fork.
 * Reads go to GitHub; the review and the check run are kept here instead of being sent, so the Action can
 * show the same findings as annotations and in the job summary.
 */
export class ReadOnlyClient implements GitHubClient {
  readonly reviews: ReviewDraft[] = [];
  readonly checkRuns: CheckRunRequest[] = [];

  constructor(private readonly inner: GitHubClient) {
    if (inner.readTree) this.readTree = (ref) => inner.readTree!(ref);
    if (inner.readBlobTexts) this.readBlobTexts = (shas) => inner.readBlobTexts!(shas);
    if (inner.readRepositoryText) this.readRepositoryText = (repository, path) => inner.readRepositoryText!(repository, path);
  }

  readRepositoryText?: (repository: { owner?: string; repo: string }, path: string) => Promise<string | null>;
  readTree?: (ref: string) => Promise<GitTree>;
  readBlobTexts?: (shas: readonly string[]) => Promise<Map<string, string>>;

  readText(path: string, ref: string): Promise<string | null> {
    return this.inner.readText(path, ref);
  }

  readFile(path: string, ref: string, maxBytes: number): Promise<FileContent> {
    return this.inner.readFile(path, ref, maxBytes);
  }

  listFiles(pull: number, max: number): Promise<PullFile[]> {
    return this.inner.listFiles(pull, max);
  }

  listReviewComments(pull: number) {
    return this.inner.listReviewComments(pull);
  }

  listReviews(pull: number) {
    return this.inner.listReviews(pull);
  }

  getPull(pull: number) {
    return this.inner.getPull(pull);
  }

  findPullByHead(sha: string) {
    return this.inner.findPullByHead(sha);
  }

  async createReview(_pull: number, review: ReviewDraft): Promise<number> {
    this.reviews.push(review);
    return this.reviews.length;
  }

  async deleteReview(): Promise<void> {
    // Nothing was created.
  }

  async createCheckRun(request: CheckRunRequest & { output: CheckRunRequest['output'] & { annotations?: Annotation[] } }): Promise<number> {
    this.checkRuns.push(request);
    return this.checkRuns.length;
  }

  async updateCheckRun(_id: number, _output: CheckRunRequest['output'] & { annotations: Annotation[] }): Promise<void> {
    // The annotations are in the plan the Action reports from.
  }

  async minimizeComments(): Promise<void> {
    // A read-only token cannot hide earlier comments.
  }
}
