import picomatch from 'picomatch';
import { ConfigError, CONFIG_PATH, ExtendsError, parseExtendsTarget, type ExtendsReader } from '../config/load.js';
import { resolveConfig } from '../lint/config.js';
import { configSchema, type Config } from '../config/schema.js';
import type { Finding } from '../core/finding.js';
import { checkPost } from '../lint/check.js';
import { checkPostsInSlices } from '../lint/run.js';
import { SLICE_MS, Slices } from '../lint/slices.js';
import { checkSources, defaultJobs, threadsFor } from '../lint/pool.js';
import type { Corpus } from '../analysis/corpus/corpus.js';
import { InMemoryCorpus } from '../analysis/corpus/summary.js';
import { allRules } from '../rules/index.js';
import { parsePostBytes } from '../post/parse.js';
import type { Post } from '../post/post.js';
import { isTransient, type GitHubClient, type PullFile } from './client.js';
import { withBaseCorpus, type CorpusCache, type CorpusCost } from './corpus.js';
import { sitePostMatcher } from './site.js';
import { checkedPost, type CheckedPost, type SiteContext } from '../analysis/site/context.js';
import { fixUntilStableInSlices, type Fixpoints } from '../lint/fix-until-stable.js';
import { escapeMarkdown, markersIn } from './markdown.js';
import { parsePatch } from './patch.js';
import { unsafePath } from './paths.js';
import { postReview, type PostLock } from './post-review.js';
import { ReviewInProgress, StandDown, type PostVerdict } from './verdict.js';
import { CHECK_NAME, planReview, type Annotation, type Plan, type PreviousComment, type ReviewedFile } from './plan.js';

/** GitHub lists at most 3,000 files of a pull request. */
export const MAX_FILES = 3000;
export const ANNOTATIONS_PER_REQUEST = 50;
const READ_CONCURRENCY = 8;

/** The pull request and push to review. */
export interface ReviewTarget {
  pull: number;
  headSha: string;
  /** Where the config is read: the repository's default branch (a PR cannot weaken its own checks). */
  configRef: string;
  draft: boolean;
  /** A just-opened pull request has no earlier comment of ours: the listing calls are skipped. */
  fresh: boolean;
  repoUrl?: string;
  /** The branch (or commit) whose posts the changed posts are compared with (the PR's base); default `configRef`. */
  baseRef?: string;
  /** Login of the App (`slug[bot]`); when given, only its comments count as ours. */
  appLogin?: string;
  /** Where the config file is (default `.github/editorial-review.yml`; the Action's `config` input). */
  configPath?: string;
}

export interface Logger {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
}

export type RunOutcome =
  | {
      kind: 'reviewed';
      plan: Plan;
      findings: Finding[];
      posts: Post[];
      reviewError?: string;
      minimizeError?: string;
      /** Comments GitHub would not anchor, moved into the review body. */
      dropped?: number;
      /** What comparing with the base branch's posts cost (absent when they were not indexed). */
      corpus?: CorpusCost;
    }
  /** The run stood down before posting (a newer push, another run posting on this head, a shutdown): `reason` says which. */
  | { kind: 'superseded'; headSha: string; reason: string }
  | { kind: 'config-error'; message: string; key?: string }
  | { kind: 'skipped-draft' };

export interface RunReport {
  outcome: RunOutcome;
  durationMs: number;
}

export interface RunOptions {
  /** Aborted when a newer push supersedes this run, or on shutdown (its reason says which): nothing is posted after that. */
  signal?: AbortSignal;
  /** Asked right before the first write: whether the run may still post (e.g. not when the head moved), and if not why. */
  mayPost?: () => Promise<PostVerdict>;
  /**
   * The content-addressed index of the base branch's posts, kept between runs: each changed post is
   * compared with every post of the base branch. Without it, the changed posts are compared with each other only.
   */
  corpus?: CorpusCache;
  /** Bounds on one run's work (`DEFAULT_BUDGET` for what is not given). */
  budget?: Partial<ReviewBudget>;
  /** The App: the review is posted under GitHub's one-pending-review lock (`post-review.ts`). */
  postLock?: PostLock;
  /**
   * The caller runs the job again on a transient failure (the App's queue): a review that GitHub could not
   * take because of an outage fails the run instead of being given up for a check run alone.
   */
  retriesTransientFailures?: boolean;
}

/**
 * What one run may spend: changed posts read, bytes read, seconds of checking. Beyond it the review
 * covers what fit and says what was left out; the checks yield to the event loop between posts, so the
 * process keeps answering webhooks during a large pull request.
 */
export interface ReviewBudget {
  maxPosts: number;
  maxBytes: number;
  maxSeconds: number;
}

export const DEFAULT_BUDGET: ReviewBudget = { maxPosts: 1000, maxBytes: 64 * 1024 * 1024, maxSeconds: 300 };


/** May post while the pull request's head is still `headSha` (a newer push supersedes the run). */
export async function headVerdict(client: Pick<GitHubClient, 'getPull'>, pull: number, headSha: string): Promise<PostVerdict> {
  const head = (await client.getPull(pull)).headSha;
  return head === headSha ? { post: true } : { post: false, reason: `the head moved to ${head.slice(0, 12)} (a newer push)` };
}

/** Stops the run when its signal is aborted, with the abort's reason (a newer push, a shutdown). */
function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new StandDown(`aborted: ${abortReason(signal)}`);
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason);
}

async function guard(options: RunOptions): Promise<void> {
  throwIfAborted(options.signal);
  const verdict = await options.mayPost?.();
  if (verdict && !verdict.post) throw new StandDown(verdict.reason);
  // No second look at the signal: `mayPost` has just seen this head current and claimed it for this run
  // (the App commits the run before that claim: src/github/review-job.ts). Aborting now (a late delivery of
  // an older push supersedes the run) would leave the claim to a run that never posts, and the queued job
  // would then find the head "already reviewed": a lost review (seen under load in test/github/load.test.ts).
  // A shutdown still stops the requests themselves through the signal.
}

/**
 * One run for one push: read the config from the default branch, the changed posts at the head, check
 * them, plan the review, then post one review, one check run (annotations 50 at a time) and minimise
 * our outdated comments. One bad file never stops the others.
 */
export async function reviewPullRequest(client: GitHubClient, target: ReviewTarget, log?: Logger, options: RunOptions = {}): Promise<RunReport> {
  const started = performance.now();
  let outcome: RunOutcome;
  try {
    outcome = await run(client, target, options);
  } catch (error) {
    if (!(error instanceof StandDown)) throw error;
    outcome = { kind: 'superseded', headSha: target.headSha, reason: error.message };
  }
  const durationMs = Math.round(performance.now() - started);
  if (log) {
    const base = { pull: target.pull, sha: target.headSha.slice(0, 12), ms: durationMs };
    if (outcome.kind === 'reviewed') log.info({ ...base, ...outcome.plan.stats, conclusion: outcome.plan.checkRun.conclusion, ...(outcome.corpus ? { corpus: outcome.corpus } : {}) }, 'editorial-review run');
    else if (outcome.kind === 'config-error') log.warn({ ...base, key: outcome.key }, `editorial-review: invalid config: ${outcome.message}`);
    else if (outcome.kind === 'superseded') log.info({ ...base, reason: outcome.reason }, `editorial-review: nothing posted: ${outcome.reason}`);
    else log.info(base, 'editorial-review: draft skipped');
  }
  return { outcome, durationMs };
}

/** `_extends` in the App: a file of another repository of the organisation, on its default branch. */
export function extendsReader(client: GitHubClient): ExtendsReader {
  return async (value) => {
    const target = parseExtendsTarget(value);
    if (!target) throw new ExtendsError('expected `.github`, `repo`, `owner/repo` or `repo:path.yml`');
    if (!client.readRepositoryText) throw new ExtendsError('this runner cannot read other repositories');
    const text = await client.readRepositoryText(target, target.path);
    return text === null ? null : { source: `${target.owner ? `${target.owner}/` : ''}${target.repo}:${target.path}`, text };
  };
}

/** The config as the default branch has it (a pull request cannot weaken its own checks). */
export async function readConfig(client: GitHubClient, target: Pick<ReviewTarget, 'configRef' | 'configPath'>): Promise<Config> {
  const path = target.configPath ?? CONFIG_PATH;
  return resolveConfig({ source: path, text: await readConfigText(client, target.configRef, path) }, extendsReader(client));
}

/**
 * The changed files of the pull request that match `posts`, read at `headSha` (skipped ones carry a note),
 * within the budget's posts and bytes (what is left out is said in `skipped`).
 */
export async function readChangedPosts(
  client: GitHubClient,
  pull: number,
  headSha: string,
  config: Config,
  notes: string[],
  budget: ReviewBudget = DEFAULT_BUDGET,
  skipped: string[] = notes,
  baseRef?: string,
): Promise<{ changed: PullFile[]; files: ReviewedFile[]; isPost: (path: string) => boolean }> {
  const changed = await client.listFiles(pull, MAX_FILES);
  if (changed.length >= MAX_FILES) notes.push(`GitHub lists at most ${MAX_FILES} changed files; later files were not reviewed.`);
  const globs = picomatch(config.posts, { dot: true });
  // With `posts` left at its default, the site's own content folders decide too (as in the CLI).
  const isPost = baseRef !== undefined && postsAreDefault(config) ? await sitePostMatcher(client, baseRef, changed, globs) : globs;
  let candidates = changed.filter((f) => f.status !== 'removed' && isPost(f.filename));
  if (candidates.length > budget.maxPosts) {
    skipped.push(`${candidates.length - budget.maxPosts} of ${candidates.length} changed posts were not reviewed: one review covers at most ${budget.maxPosts} posts (${listed(candidates.slice(budget.maxPosts).map((f) => f.filename))}).`);
    candidates = candidates.slice(0, budget.maxPosts);
  }
  return { changed, files: await readFiles(client, candidates, headSha, config.review.maxFileBytes, budget.maxBytes, skipped), isPost };
}

const DEFAULT_POSTS = JSON.stringify(configSchema.parse({}).posts);

function postsAreDefault(config: Config): boolean {
  return JSON.stringify(config.posts) === DEFAULT_POSTS;
}

async function run(client: GitHubClient, target: ReviewTarget, options: RunOptions): Promise<RunOutcome> {
  let config: Config;
  try {
    config = await readConfig(client, target);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const key = error.key;
    await guard(options);
    await client.createCheckRun({
      name: CHECK_NAME,
      head_sha: target.headSha,
      status: 'completed',
      conclusion: 'failure',
      output: {
        title: key ? `Invalid configuration: \`${key}\`` : 'Invalid configuration',
        summary: `\`${escapeMarkdown(target.configPath ?? CONFIG_PATH)}\` on \`${escapeMarkdown(target.configRef)}\` cannot be used, so no post was reviewed:\n\n${error.message
          .split('\n')
          .map((line) => `> ${escapeMarkdown(line)}`)
          .join('\n')}\n\nFix the file on the default branch.`,
      },
    });
    return key === undefined ? { kind: 'config-error', message: error.message } : { kind: 'config-error', message: error.message, key };
  }
  if (target.draft && !config.review.includeDrafts) return { kind: 'skipped-draft' };

  const notes: string[] = [];
  const budget = { ...DEFAULT_BUDGET, ...options.budget };
  const deadline = performance.now() + budget.maxSeconds * 1000;
  const skipped: string[] = [];
  const [{ changed, files, isPost }, previous] = await Promise.all([
    readChangedPosts(client, target.pull, target.headSha, config, notes, budget, skipped, target.baseRef ?? target.configRef),
    target.fresh ? Promise.resolve({ comments: [], bodyKeys: new Set<string>() }) : previousState(client, target),
  ]);

  throwIfAborted(options.signal);
  const posts = files.filter((f) => f.post).map((f) => f.post!);
  // The checks and fix passes let the event loop run between posts: the App keeps answering webhooks.
  const slices = new Slices(SLICE_MS, () => throwIfAborted(options.signal));
  /** Checks the posts; `corpusFor` gives the corpus holding them (the base branch's index, when there is one). */
  const checkAll = async (corpusFor: ((current: Post[]) => Corpus) | undefined, site?: (checked: readonly CheckedPost[]) => SiteContext): Promise<Finding[]> => {
    const against = corpusFor?.(posts) ?? new InMemoryCorpus(posts);
    const siteContext = site?.(posts.map(checkedPost));
    if (threadsFor(defaultJobs(), posts.reduce((sum, post) => sum + post.text.length, 0)) > 1) {
      // A large pull request: the rules of each post run on the worker pool, off this event loop.
      try {
        const { findings } = await checkSources(
          posts.map((post) => ({ path: post.path, post })),
          { config, corpus: () => against, ...(siteContext ? { site: () => siteContext } : {}), ...(options.signal ? { signal: options.signal } : {}) },
        );
        return findings;
      } catch (error) {
        throwIfAborted(options.signal);
        throw error;
      }
    }
    const out: Finding[] = [];
    for (const [i, post] of posts.entries()) {
      await slices.next();
      if (performance.now() > deadline) {
        const rest = posts.slice(i);
        skipped.push(`${rest.length} of ${posts.length} posts were not checked: the review's ${budget.maxSeconds}-second budget ran out (${listed(rest.map((p) => p.path))}).`);
        for (const p of rest) files.splice(files.findIndex((f) => f.post === p), 1);
        break;
      }
      try {
        out.push(...checkPost(post, { config, rules: allRules, corpus: against, ...(siteContext ? { site: siteContext } : {}) }));
      } catch (error) {
        // The engine isolates rules; this is a last resort so the check run still says something.
        const file = files.find((f) => f.post === post)!;
        delete file.post;
        file.note = `could not be checked: ${errorText(error)}`;
      }
    }
    return out;
  };
  let findings: Finding[];
  let corpusCost: CorpusCost | undefined;
  if (options.corpus && posts.length > 0) {
    const checked = await withBaseCorpus(
      client,
      options.corpus,
      { repoKey: target.repoUrl ?? 'repository', baseRef: target.baseRef ?? target.configRef, config, changed, posts, isPost },
      notes,
      checkAll,
    );
    findings = await checked.value;
    corpusCost = checked.cost;
    throwIfAborted(options.signal);
  } else {
    findings = await checkAll(undefined);
  }
  notes.push(...skipped);

  // The suggestions carry what `check --fix` would write (all passes), not only the first fixes. The later
  // passes re-check the changed posts together, outside the base index's lock: holding the lock through
  // every pass halved the App's throughput under load (test/github/load.test.ts), so cross-post rules see
  // the base branch in the first pass only.
  // In slices, as the first check: with many posts the passes take seconds of CPU.
  let fixed: Fixpoints | undefined;
  if (findings.some((f) => f.fix)) {
    try {
      fixed = await fixUntilStableInSlices(posts, findings, (current) => checkPostsInSlices(current, config, slices), slices);
    } catch {
      throwIfAborted(options.signal);
      fixed = undefined; // one suggestion per finding instead
    }
  }

  const plan = planReview({
    headSha: target.headSha,
    files,
    findings,
    config,
    previousComments: previous.comments,
    previousBodyKeys: previous.bodyKeys,
    changedPaths: new Set(changed.filter((f) => f.status !== 'removed').map((f) => f.filename)),
    notes,
    ...(fixed ? { fixpoints: fixed } : {}),
    ...(target.repoUrl ? { repoUrl: target.repoUrl } : {}),
  });

  // A partial review says so in its own body too, not only in the check run.
  if (skipped.length > 0 && plan.review) plan.review.body += `\n\n**Partial review**: ${skipped.map(escapeMarkdown).join(' ')}`;

  let reviewError: string | undefined;
  let minimizeError: string | undefined;
  let dropped: number | undefined;
  await guard(options);
  if (plan.review) {
    try {
      const posted = await postReview(client, target.pull, plan.review, { ...(target.appLogin ? { appLogin: target.appLogin } : {}), ...(options.postLock ? { lock: options.postLock } : {}) });
      if (posted.dropped.length > 0) {
        dropped = posted.dropped.length;
        plan.checkRun.output.summary += `\n\n**${dropped} comment(s) could not be placed on the diff** (GitHub refused the position); they are in the review body and the annotations.`;
      }
    } catch (error) {
      // Another run posts this review (it landed meanwhile, or it holds the lock now): not this run's to report.
      if (error instanceof StandDown || error instanceof ReviewInProgress) throw error;
      // An outage: the retry posts the review and then the check run (a check run alone would end the job without its review).
      if (options.retriesTransientFailures && isTransient(error)) throw error;
      // The check run still carries every finding.
      reviewError = errorText(error);
      plan.checkRun.output.summary += `\n\n**The review could not be posted**: ${escapeMarkdown(reviewError)}`;
    }
  }
  await postCheckRun(client, plan);
  if (plan.minimize.length > 0) {
    try {
      await client.minimizeComments(plan.minimize);
    } catch (error) {
      // A comment deleted meanwhile, or no permission: the review and check run are already out.
      minimizeError = errorText(error);
    }
  }
  return {
    kind: 'reviewed',
    plan,
    findings,
    posts,
    ...(reviewError === undefined ? {} : { reviewError }),
    ...(minimizeError === undefined ? {} : { minimizeError }),
    ...(dropped === undefined ? {} : { dropped }),
    ...(corpusCost === undefined ? {} : { corpus: corpusCost }),
  };
}

/** The config file is read whole; a larger one is refused in the check run, never ignored. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The config's text ('' when there is none: the defaults); a file that cannot be used is a ConfigError naming why. */
async function readConfigText(client: GitHubClient, ref: string, path: string): Promise<string> {
  const file = await client.readFile(path, ref, MAX_CONFIG_BYTES);
  if (file.kind === 'missing') return '';
  if (file.kind === 'too-large') throw new ConfigError([{ source: path, message: `${file.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit for a config` }], path);
  if (file.kind === 'not-a-file') throw new ConfigError([{ source: path, message: `not a regular file (${file.type})` }], path);
  return new TextDecoder().decode(file.bytes);
}

/** One check run; annotations go 50 per request (the first batch with the creation). */
export async function postCheckRun(client: GitHubClient, plan: Plan): Promise<void> {
  const batches: Annotation[][] = [];
  for (let i = 0; i < plan.annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(plan.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const [first = [], ...rest] = batches;
  const id = await client.createCheckRun({
    ...plan.checkRun,
    output: first.length ? { ...plan.checkRun.output, annotations: first } : plan.checkRun.output,
  });
  for (const annotations of rest) await client.updateCheckRun(id, { ...plan.checkRun.output, annotations });
}

async function readFiles(client: GitHubClient, candidates: PullFile[], ref: string, maxBytes: number, budgetBytes: number, skipped: string[]): Promise<ReviewedFile[]> {
  const out: (ReviewedFile | undefined)[] = new Array(candidates.length);
  let next = 0;
  let bytes = 0;
  const over: string[] = [];
  const worker = async () => {
    while (next < candidates.length) {
      const i = next++;
      if (bytes > budgetBytes) {
        over.push(candidates[i]!.filename);
        continue;
      }
      const file = await readOne(client, candidates[i]!, ref, maxBytes);
      bytes += file.post ? Buffer.byteLength(file.post.text) : 0;
      out[i] = file;
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, candidates.length) }, worker));
  if (over.length > 0) skipped.push(`${over.length} of ${candidates.length} changed posts were not read: the review reads at most ${budgetBytes} bytes (${listed(over)}).`);
  return out.filter((f): f is ReviewedFile => f !== undefined);
}

/** A few paths of a list, for a note. */
function listed(paths: string[]): string {
  const shown = paths.slice(0, 3).map((p) => `\`${p.replace(/`/g, "'")}\``);
  return paths.length > 3 ? `${shown.join(', ')} and ${paths.length - 3} more` : shown.join(', ');
}

async function readOne(client: GitHubClient, file: PullFile, ref: string, maxBytes: number): Promise<ReviewedFile> {
  const reviewed: ReviewedFile = { path: file.filename, status: file.status, hunks: parsePatch(file.patch), hasPatch: typeof file.patch === 'string' };
  const unsafe = unsafePath(file.filename);
  if (unsafe !== null) {
    reviewed.note = `skipped: ${unsafe}.`;
    reviewed.hunks = [];
    return reviewed;
  }
  try {
    const content = await client.readFile(file.filename, ref, maxBytes);
    if (content.kind === 'file') {
      reviewed.post = parsePostBytes(file.filename, content.bytes);
      if (!reviewed.hasPatch) reviewed.note = 'GitHub shows no diff for this file (too large); findings are annotations only.';
    } else if (content.kind === 'too-large') {
      reviewed.note = `skipped: ${content.size} bytes, over the ${maxBytes}-byte limit (\`review.maxFileBytes\`).`;
    } else if (content.kind === 'missing') {
      reviewed.note = 'skipped: not found at the head commit.';
    } else {
      reviewed.note = `skipped: not a regular file (${content.type}).`;
    }
  } catch (error) {
    // GitHub unavailable (after the client's retries), or no valid token: the whole run fails and the
    // queue runs it again, rather than reviewing the pull request without this post.
    const status = (error as { status?: number }).status;
    if (isTransient(error) || status === 401 || status === 403 || status === 429) throw error;
    reviewed.note = `skipped: could not be read (${errorText(error)}).`;
  }
  return reviewed;
}

async function previousState(client: GitHubClient, target: ReviewTarget): Promise<{ comments: PreviousComment[]; bodyKeys: Set<string> }> {
  const [comments, reviews] = await Promise.all([client.listReviewComments(target.pull), client.listReviews(target.pull)]);
  // Only the App's own comments count: by login when known, else any bot's comment carrying our marker.
  const ours = (c: { author: string; authorType: string }) => (target.appLogin === undefined ? c.authorType === 'Bot' : c.author === target.appLogin);
  // A PENDING review (left by a crashed run) was never published: its comments and body do not count.
  const pending = new Set(reviews.filter((r) => r.state === 'PENDING').map((r) => r.id));
  const previous: PreviousComment[] = [];
  for (const c of comments) {
    if (!ours(c) || (c.reviewId !== null && pending.has(c.reviewId))) continue;
    for (const key of markersIn(c.body)) previous.push({ key, path: c.path, nodeId: c.nodeId });
  }
  const bodyKeys = new Set<string>();
  for (const r of reviews) if (ours(r) && r.state !== 'PENDING') for (const key of markersIn(r.body)) bodyKeys.add(key);
  return { comments: previous, bodyKeys };
}

/** What a caught value says: a thrown non-Error (an abort reason is often a string) must not turn into `undefined`. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
