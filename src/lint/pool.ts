import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { pathToFileURL } from 'node:url';
import type { Piscina } from 'piscina';
import type { Config } from '../config/schema.js';
import type { Finding } from '../core/finding.js';
import { Memo } from '../core/memo.js';
import { LineIndex } from '../post/line-index.js';
import type { Post } from '../post/post.js';
import { type Corpus } from '../analysis/corpus/corpus.js';
import { InMemoryCorpus, summarizePost } from '../analysis/corpus/summary.js';
import type { PostSummary } from '../analysis/corpus/corpus.js';
import type { CheckedPost, SiteContext } from '../analysis/site/context.js';
import { allRules } from '../rules/index.js';
import { checkPost, rankFindings, settleFindings, type RankedFinding } from './check.js';
import { gitBlobSha } from '../analysis/corpus/hash.js';
import {
  isPerPost,
  rankPerPost,
  readSource,
  readSourceText,
  sendable,
  shareContext,
  type CheckResult,
  type CheckTask,
  type PostSource,
  type PostTask,
  type PostTaskResult,
  type SiteReadPoolTask,
  type SummaryResult,
  type SummaryTask,
} from './pool-task.js';
import type { SiteReadTask } from '../analysis/site/read-posts.js';
import { sampleCpu, type CpuSample } from '../core/cpu-sample.js';
import { snapshotCorpus } from '../analysis/corpus/snapshot.js';
import { SummaryIndex, type IndexedBlob } from '../analysis/corpus/summary-index.js';
import { hasCorpusIndex } from '../analysis/corpus/index.js';
import type { SiteContextSnapshot } from '../analysis/site/directory.js';
import { checkPosts, type RunResult } from './run.js';
import { dictionaryForThreads, serveDictionary } from './shared-dictionary.js';
import { SLICE_MS, Slices } from './slices.js';
import type { CheckTimes } from './timing.js';
import type { EncodedFindings } from '../core/finding-json.js';

/**
 * Checks posts on every core. Posts read from files or bytes (the CLI, the Action) go through
 * `checkStream`: each post is summarised, then checked with every rule, in a worker or in this thread,
 * and only summaries and findings cross the threads; the corpus and the site context, made here from the
 * summaries, reach each worker once as plain data. Posts the caller has parsed already (the App) go
 * through `checkParsedSources`: the per-post rules run in the workers, the cross-post ones (`crossPost`)
 * here on the caller's models. Either way the findings are the same, in the same order, as in one thread.
 *
 * The pool is piscina (the worker pool maintained under the Node.js organisation's umbrella, used by
 * Fastify): a task queue, worker restarts after a crash, and a promise per task, with no hand-written
 * messaging. One pool per process, shared by the CLI, the Action and the App; in the App it also keeps
 * the webhook server's event loop free while a large pull request is checked.
 */

export interface CheckSourcesOptions {
  config: Config;
  /** Threads for the per-post half; 1 checks in this thread. Default: the cores available. */
  jobs?: number;
  /** The corpus the cross-post rules compare with, given the checked posts' summaries. Default: the checked posts. */
  corpus?: (checked: readonly PostSummary[]) => Corpus;
  /** The site context, given the checked posts' summaries. */
  site?: (checked: readonly CheckedPost[]) => SiteContext;
  /**
   * Keep every post's model for the caller (`RunResult.posts`: `--fix`, a baseline, SARIF and rdjson read
   * them); default true. False: a run in one thread holds one post's model at a time (each file is read
   * again for its check) and returns no posts.
   */
  keepPosts?: boolean;
  /** Called as posts are read (and their per-post rules run), then as each post is settled. */
  onRead?: (done: number, total: number) => void;
  onPost?: (done: number, total: number) => void;
  /**
   * Summaries an earlier run made (the CLI's cache by file size and mtime): a post found there is not read
   * in the first pass; the others are handed to it once summarised.
   */
  summaries?: SummaryCache;
  /** Stops the run (the App, when a newer push supersedes it): the returned promise rejects. */
  signal?: AbortSignal;
  /** Text each thread must have to be worth starting (default `minBytesPerThread()`; tests force the pool with 0). */
  minBytesPerThread?: number;
  /** Times the passes, the rules and the shared analyses into it (`check --timing`); `checkEach` only (one thread). */
  timing?: CheckTimes;
  /**
   * The posts are expected to be Japanese (the CLI reads a few heads): `checkStream` hands its threads the
   * dictionary with the second pass's context (`dictionaryForThreads`), so none has to ask for it.
   */
  japanese?: boolean;
  /**
   * Settled once the dictionary is decoded into the cache folder (the CLI's `prefetchDictionary`, started
   * before the site is read): `checkStream` waits for it only before its second pass, which is the first to
   * analyse Japanese, so its threads start and summarise the posts while the dictionary is still decoded.
   */
  dictionaryDecoded?: Promise<unknown>;
  /**
   * `checkStream` without `keepPosts`: the workers send each post's findings written for the JSON report
   * (`CheckedSource.encoded`), not as objects (the CLI's `--format json`).
   */
  encodeJson?: boolean;
}

/**
 * Below this much text per thread, starting a worker costs more than it saves: the worker loads every
 * rule, warms its own JIT (its own optimised code: a second isolate compiles the hot functions again) and
 * rebuilds the run's corpus; a check of `2 × BYTES_PER_THREAD` finishes about as soon on two threads as on
 * one (`bench/jobs-threshold.ts`, docs/benchmarks.md). `EDITORIAL_REVIEW_POOL_MIN_BYTES` overrides it
 * (benchmarks; 0 starts the workers whatever the size).
 */
export const BYTES_PER_THREAD = 2 * 1024 * 1024;

/**
 * `--jobs auto` (`defaultJobs`) by the load other processes put on the machine since `started`, a sample
 * taken when the run began (its own reading of the site meanwhile is not counted), waiting for
 * `LOAD_SAMPLE_MS` to have passed if need be; by the load average when the machine tells no CPU times.
 */
export async function jobsForLoad(started: CpuSample): Promise<number> {
  const cores = availableParallelism();
  let now = sampleCpu();
  const wait = LOAD_SAMPLE_MS - (now.at - started.at);
  if (wait > 0) {
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    now = sampleCpu();
  }
  return defaultJobs(cores, loadBetween(started, now, cores) ?? loadavg()[0] ?? 0);
}

/** `BYTES_PER_THREAD`, or the number `EDITORIAL_REVIEW_POOL_MIN_BYTES` gives. */
export function minBytesPerThread(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.EDITORIAL_REVIEW_POOL_MIN_BYTES;
  const bytes = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(bytes) && bytes >= 0 ? bytes : BYTES_PER_THREAD;
}

/**
 * `--jobs auto` (the CLI's default; the Action's and the App's): one thread per core the process may use
 * (`os.availableParallelism()`) that other processes leave idle (`load`: by default the last minute's load
 * average; the CLI measures it over its first quarter of a second, `jobsForLoad`), at least one; `threadsFor` then starts only as many as the input repays. A worker on a core that is already busy
 * only adds its start-up and its own JIT to the same core time: on 2 cores at load 10–15 two threads took
 * 1.3–1.9× one thread's time on 50 to 400 posts of the site head (docs/benchmarks.md).
 */
export function defaultJobs(cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  return Math.max(1, Math.min(cores, Math.ceil(cores - load)));
}

export { sampleCpu, type CpuSample } from '../core/cpu-sample.js';

/** Shortest time between two samples that tells a load: the kernel counts CPU time in 10 ms ticks. */
export const LOAD_SAMPLE_MS = 250;

/**
 * The load other processes put on the cores this one may use between two samples: the cores they kept
 * busy on average, less those this process may not use (`availableParallelism()` below the machine's
 * count) which they are taken to fill first; undefined when the samples are under `LOAD_SAMPLE_MS` apart
 * or the machine tells no CPU times. For `defaultJobs` instead of the load average, which lags by a
 * minute: right after a build or another check (a CI job's steps, a benchmark's rounds) it still counts
 * their work on an idle machine, and a run that could have had two threads took one.
 */
export function loadBetween(from: CpuSample, to: CpuSample, cores = availableParallelism()): number | undefined {
  const elapsed = to.at - from.at;
  if (elapsed < LOAD_SAMPLE_MS || to.cores === 0 || to.cores !== from.cores) return undefined;
  const others = Math.max(0, to.busy - from.busy - (to.own - from.own)) / elapsed;
  return Math.max(0, others - Math.max(0, to.cores - cores));
}

/**
 * How many threads check `bytes` of posts with `jobs` allowed: 1 (this thread, no worker started) unless
 * each thread gets at least `minBytes` of text.
 */
export function threadsFor(jobs: number, bytes: number, minBytes = minBytesPerThread()): number {
  if (!(jobs > 1)) return 1;
  const worth = minBytes > 0 ? Math.floor(bytes / minBytes) : Infinity;
  return Math.max(1, Math.min(Math.floor(jobs), worth));
}

/** Where the first pass finds the summaries of posts it need not read, and leaves the ones it made. */
export interface SummaryCache {
  /**
   * `source`'s summary as an earlier run made it, if its text has not changed since, with the blob SHA and
   * similarity-index features that run made of it (`SummaryIndex`) when it made them.
   */
  get(source: PostSource): CachedSummary | undefined;
  /** The summary this run made of `source` (called before its text is released), and its index features when made. */
  put(source: PostSource, summary: PostSummary, indexed?: IndexedBlob): void;
  /** Called once every post is summarised. */
  done(): void;
}

/** A summary from the cache, and its post's index features when the run that cached it made them. */
export interface CachedSummary {
  summary: PostSummary;
  indexed?: IndexedBlob;
}

/** The text of the sources, in bytes (files by their size). */
export function sourceBytes(sources: readonly PostSource[]): number {
  return sources.reduce((sum, source) => sum + sizeOf(source), 0);
}

/**
 * Up to this much text, a check in one thread keeps the post models between its two passes (a few MB of
 * models, and each post is parsed once); above it, each post is read again (`checkEach`).
 */
export const KEEP_MODELS_BYTES = 8 * 1024 * 1024;

/** Files' sizes by source, as `sourceBytes` read them (the second pass of `checkStream` weighs its posts by them). */
const fileSizes = new WeakMap<PostSource, number>();

function sizeOf(source: PostSource): number {
  if ('bytes' in source) return source.bytes.length;
  if ('post' in source) return source.post.text.length;
  let size = fileSizes.get(source);
  if (size === undefined) {
    try {
      size = statSync(source.file).size;
    } catch {
      size = 0; // unreadable: the post reports it
    }
    fileSizes.set(source, size);
  }
  return size;
}

/** Reads and checks `sources` with up to `options.jobs` threads; see the module comment. */
export async function checkSources(sources: readonly PostSource[], options: CheckSourcesOptions): Promise<RunResult> {
  const { config } = options;
  const bytes = sourceBytes(sources);
  const threads = threadsFor(options.jobs ?? defaultJobs(), bytes, options.minBytesPerThread);
  if (threads <= 1) {
    const findings: Finding[] = [];
    const posts: Post[] | undefined = options.keepPosts !== false ? [] : undefined;
    for (const checked of checkEach(sources, options)) {
      findings.push(...checked.findings);
      posts?.push(checked.post);
    }
    return { findings, posts: posts ?? [] };
  }

  if (sources.every((source) => !('post' in source))) {
    const findings: Finding[] = [];
    const posts: Post[] = [];
    for await (const checked of checkStream(sources as FileOrBytes[], options, threads)) {
      findings.push(...checked.findings);
      if (checked.post) posts.push(checked.post);
    }
    return { findings, posts };
  }
  return checkParsedSources(sources, options, threads);
}

/**
 * Posts the caller has parsed already (the App reads and parses each changed post as it arrives): the
 * per-post rules run on the pool, one task per post; the cross-post rules here, on the caller's models.
 */
async function checkParsedSources(sources: readonly PostSource[], options: CheckSourcesOptions, threads: number): Promise<RunResult> {
  const { config } = options;
  const pool = await workerPool(threads);
  const configKey = JSON.stringify(config);
  let read = 0;
  const halves = await Promise.all(
    sources.map(async (source): Promise<{ post: Post; ranked: RankedFinding[] }> => {
      const task: PostTask = { source: sendable(source), config, configKey };
      let result: PostTaskResult;
      try {
        result = (await pool.run(task, options.signal ? { signal: options.signal } : {})) as PostTaskResult;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        result = failedTask(source, error, config);
      }
      options.onRead?.(++read, sources.length);
      const post = 'post' in source && !result.post ? source.post : { ...result.post!, lines: new LineIndex(result.post!.text), memo: new Memo() };
      return { post, ranked: result.ranked };
    }),
  );

  const posts = halves.map((half) => half.post);
  const summaries = posts.map((post) => summarizePost(post));
  const corpus = options.corpus?.(summaries) ?? new InMemoryCorpus(summaries);
  const site = options.site?.(summaries);
  const crossPost = { config, rules: allRules, corpus, ...(site ? { site } : {}) };
  const findings: Finding[] = [];
  // Let the event loop run (the App's webhook server) between posts of a long cross-post half.
  const slices = new Slices(SLICE_MS, () => options.signal?.throwIfAborted());
  for (const [i, { post, ranked }] of halves.entries()) {
    await slices.next();
    const merged = [...ranked, ...rankFindings(post, crossPost, (rule) => !isPerPost(rule))].sort((a, b) => a.order - b.order);
    findings.push(...settleFindings(post, merged));
    post.memo.clear(); // as checkPosts does
    options.onPost?.(i + 1, posts.length);
  }
  return { findings, posts };
}

/** A post the workers read themselves (a file) or are sent (its bytes). */
export type FileOrBytes = Exclude<PostSource, { post: Post }>;

/** One checked post: its findings, and its model when the caller keeps them. */
export interface CheckedSource {
  /** Empty when a worker sent them `encoded`. */
  findings: Finding[];
  /** Its findings written for the JSON report by the worker that checked it (`CheckSourcesOptions.encodeJson`). */
  encoded?: EncodedFindings;
  post?: Post;
}

/**
 * Checks `sources` on `threads` threads (this one and `threads - 1` workers), each post parsed where it is
 * checked and no post model crossing the threads (unless `keepPosts`), yielding each post's findings in
 * input order as soon as they are settled, so memory does not grow with the number of posts. The same
 * two passes as `checkEach`, each spread over the threads: first every post is summarised (its
 * `PostSummary`, all the cross-post rules read of the other posts); the corpus and the site context are
 * made here from the summaries, and sent to the workers as plain data (`shareContext`) that each rebuilds
 * once; then each post is checked with every rule against them. A post is parsed once per pass, as in
 * `checkEach`, but each pass runs on every core. The findings are `checkEach`'s: the same `checkPost` on
 * the same post against an equal corpus and site.
 *
 * This thread takes posts too, rather than waiting for the workers: on two cores one worker and this
 * thread hold one copy of the rules, the JIT's code and the corpus fewer than two workers would (~150 MiB).
 */
export async function* checkStream(sources: readonly FileOrBytes[], options: Omit<CheckSourcesOptions, 'jobs'>, threads: number): AsyncGenerator<CheckedSource> {
  const { config } = options;
  const keep = options.keepPosts !== false;
  if (threads >= availableParallelism()) compileLighter();
  const pool = await workerPool(Math.max(1, threads - 1));
  const workers = Math.max(1, threads - 1);
  const inFlight = workers * STREAMED_TASKS_PER_THREAD;
  const summariesInFlight = workers * SUMMARY_TASKS_PER_THREAD;
  const runOptions = options.signal ? { signal: options.signal } : {};
  const total = sources.length;
  // A post its worker cannot take (the thread died, the task cannot be sent) is read here as a post whose only content is the reason.
  const failed = new Map<number, Post>();
  const ownIndex = summaryIndexFor(sources.length, options);
  // The dictionary's shared copy read as soon as it is decoded, during this pass, rather than between the passes while the workers wait.
  if (options.japanese) void options.dictionaryDecoded?.then(
    () => dictionaryForThreads(true),
    () => {}, // awaited again before the second pass, which then reads the copy itself
  );
  const failure = (i: number, error: unknown): Post => {
    if (options.signal?.aborted) throw error;
    const post = failedPost(sources[i]!, error);
    failed.set(i, post);
    return post;
  };

  const summaries: PostSummary[] = new Array(total);
  let read = 0;
  const summarized = (i: number, summary: PostSummary) => {
    summaries[i] = summary;
    read++;
    options.onRead?.(read, total);
  };
  // The workers' share of the posts: each thread takes about as many.
  const workersShare = (threads - 1) / threads;
  await shareWork(total, summariesInFlight, options.signal, {
    here(i) {
      const source = sources[i]!;
      const cached = options.summaries?.get(source);
      if (cached) return summarized(i, fromCache(cached, ownIndex));
      const summary = summarizePost(readSource(source), () => readSourceText(source));
      options.summaries?.put(source, summary, ownIndex?.note(summary));
      summary.releaseText?.();
      summarized(i, summary);
    },
    async there(i) {
      const source = sources[i]!;
      const cached = options.summaries?.get(source);
      if (cached) return summarized(i, fromCache(cached, ownIndex));
      const task: SummaryTask = ownIndex ? { kind: 'summary', source, indexOptions: ownIndex.options } : { kind: 'summary', source };
      try {
        const { summary, sha: known, features } = (await pool.run(task, runOptions)) as SummaryResult;
        const indexed = ownIndex && known !== undefined && features ? { sha: known, features } : undefined;
        if (indexed) ownIndex!.remember(indexed);
        let sha = known;
        const blobText = () => readSourceText(source);
        const made: PostSummary = { ...summary, blobText, blobSha: () => (sha ??= gitBlobSha(blobText())) };
        options.summaries?.put(source, made, indexed);
        summarized(i, made);
      } catch (error) {
        summarized(i, summarizePost(failure(i, error)));
      }
    },
  }, undefined, undefined, workersShare);

  await options.dictionaryDecoded;
  const corpus = corpusOf(summaries, options, ownIndex);
  const site = options.site?.(summaries);
  const context = { config, rules: allRules, corpus, ...(site ? { site } : {}) };
  const checkHere = (i: number, post: Post = failed.get(i) ?? readSource(sources[i]!)): CheckedSource => {
    const findings = checkPost(post, context);
    post.memo.clear(); // its findings are settled: its analyses go
    return keep ? { findings, post } : { findings };
  };
  const siteSnapshot = site && 'snapshot' in site ? (site as SiteContext & { snapshot(): SiteContextSnapshot }).snapshot() : undefined;
  const files = new Map(sources.flatMap((source) => ('file' in source ? [[source.path, source.file] as const] : [])));
  // A site context made of the caller's own functions cannot be sent: then every post is checked here.
  const shared =
    site && !siteSnapshot
      ? undefined
      : shareContext({ config, corpus: snapshotCorpus(corpus, (summary) => files.get(summary.path)), ...(siteSnapshot ? { site: siteSnapshot } : {}) }, dictionaryForThreads(options.japanese === true));

  const checked: (CheckedSource | undefined)[] = new Array(total);
  // A caller that stops reading (it failed, or has what it wanted) stops the check.
  const stop = new AbortController();
  let arrived: (() => void) | undefined;
  const settled = (i: number, result: CheckedSource) => {
    checked[i] = result;
    arrived?.();
  };
  const checkThere = async (i: number): Promise<void> => {
    const post = failed.get(i);
    if (post) return settled(i, checkHere(i, post));
    const task: CheckTask = { kind: 'check', source: sources[i]!, context: shared!, keepPost: keep, ...(options.encodeJson && !keep ? { encodeJson: true } : {}) };
    try {
      const result = (await pool.run(task, runOptions)) as CheckResult;
      if (result.encoded) return settled(i, { findings: [], encoded: result.encoded });
      settled(i, result.post ? { findings: result.findings, post: { ...result.post, lines: new LineIndex(result.post.text), memo: new Memo() } } : { findings: result.findings });
    } catch (error) {
      settled(i, checkHere(i, failure(i, error)));
    }
  };
  // With workers, posts the cross-post rules compare with each other go to the side that took the first of them.
  const work = shareWork(
    total,
    shared ? inFlight : 0,
    options.signal,
    {
      here(i) {
        settled(i, checkHere(i));
      },
      there: checkThere,
    },
    stop.signal,
    shared ? () => comparedTogether(sources, corpus, config) : undefined,
    workersShare,
    { of: (i) => sizeOf(sources[i]!), most: workers * STREAMED_BYTES_PER_THREAD },
  );
  // Written once the workers have their first posts of this pass, so that they do not wait for it (the large
  // corpus's 2,778 summaries with their features: ~50–70 ms of this thread, the workers idle, when written before).
  options.summaries?.done();
  let failedWork: unknown;
  let finished = false;
  void work
    .then(
      () => (finished = true),
      (error: unknown) => ((failedWork = error), (finished = true)),
    )
    .finally(() => arrived?.());
  let next = 0;
  try {
    while (next < total) {
      const result = checked[next];
      if (result) {
        checked[next] = undefined;
        next++;
        options.onPost?.(next, total);
        yield result;
        continue;
      }
      if (finished) throw failedWork ?? new Error(`post ${next} was not checked`);
      await new Promise<void>((resolve) => (arrived = resolve));
      arrived = undefined;
    }
    await work;
  } finally {
    stop.abort();
  }
}

/** Most posts a group of `comparedTogether` holds; a larger group is cut, so that no side is given too many. */
const MAX_GROUP_POSTS = 32;

/**
 * The second pass's groups, one id per position: posts the cross-post rules compare with each other
 * (`CorpusIndex.groupsOf`: near copies, one title, one summary) share an id, every other post has one of
 * its own. A near-duplicate pair's exact similarity needs both posts' shingle sets; checked by two
 * threads, each works both out (on the large corpus, whose first and last versions of a post are such
 * pairs, the exact similarities took 4× the CPU of one thread), while the thread that checked the first
 * keeps the pair's similarity for the second. The posts are still taken in their order (`shareWork`):
 * a group checked at its first post's turn held the later posts' findings until the output reached them
 * (up to 49,760 of the large corpus's 66,587 findings, ~28 MiB of the main thread's heap).
 */
function comparedTogether(sources: readonly PostSource[], corpus: Corpus, config: Config): number[] | undefined {
  if (!hasCorpusIndex(corpus)) return undefined;
  if (!allRules.some((rule) => rule.comparesPosts && config.rules[rule.id] !== 'off')) return undefined;
  const groups = corpus.corpusIndex().groupsOf(
    sources.map((source) => source.path),
    // The index's own threshold for a candidate worth an exact similarity (`compare`).
    Math.max(0, config.corpus.nearDuplicate - 0.1),
  );
  // A group's posts by runs of MAX_GROUP_POSTS, each run its own id (the position of its first post).
  const runs = new Map<number, { id: number; posts: number }>();
  return groups.map((group, i) => {
    let run = runs.get(group);
    if (!run || run.posts >= MAX_GROUP_POSTS) runs.set(group, (run = { id: i, posts: 0 }));
    run.posts++;
    return run.id;
  });
}

/**
 * With a thread on every core, V8's optimising compiler (background threads, one job per hot function per
 * isolate: each worker compiles the hot code again) takes its CPU from the threads that check. Without
 * inlining its jobs are about half as long and the code a little slower: on the site head, `--jobs 2` took
 * 13.3–13.6 s of CPU instead of 14.5–15.0 s (background compiler threads 5.3 → 3.3 s, the checking threads
 * +0.5 s), docs/benchmarks.md. A larger interrupt budget (`INTERRUPT_BUDGET`) then has fewer functions
 * optimised. One thread on a machine with more cores keeps V8's defaults: its compiler runs on an idle core. The flag is the process's (every isolate reads it when it compiles), set before
 * the checking starts; the CLI and the Action run one check per process (the App's checks, on parsed
 * posts, do not come here).
 */
function compileLighter(): void {
  setFlagsFromString('--no-turbo-inlining');
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/**
 * V8's interrupt budget (bytecode executed between two of a function's tiering checks; V8's default
 * 67,584) when `compileLighter` applies: 8× as much runs before a function is optimised, so fewer are.
 * An isolate optimises ~960 functions in a check of the site head; with two threads the compiler's
 * background threads took 4.7–5.1 s of CPU against ~10–11 s for the two checking threads. At 8× they took
 * 2.7–3.1 s and the checking threads 1.1–1.7 s more; the process 13.4–13.6 s of CPU against 13.8–14.8 s
 * (alternated runs on a loaded machine, docs/benchmarks.md). 12× gained nothing more.
 */
const INTERRUPT_BUDGET = 8 * 67_584;

/**
 * Runs `count` pieces of work, in their order, each either `here` (synchronously, in this thread) or
 * `there` (a promise: a worker's task), keeping `inFlight` of them with the workers and taking the next one
 * here meanwhile. Between two pieces done here the event loop runs, so finished tasks are collected and the
 * workers fed. `stopped`: no further piece is started. `groups` (an id per piece): a piece goes to the
 * side that took the first piece of its group, the workers up to twice `inFlight`, so that the work the
 * pieces share is done once and no piece waits for a group's turn. Given as a function, the groups are
 * worked out once the workers have their first pieces (which go to them whatever their groups), so that
 * the workers do not wait for it. Towards the end the workers hold at most `workersShare` of the pieces
 * left (theirs and those not started), so that neither side waits long for the other's last pieces: with
 * 32 summaries in flight, this thread waited ~100 ms for the worker's at the end of the first pass.
 * `weight`: the workers hold pieces up to `weight.most` (at least one; towards the end, up to their share of
 * the weight left), as well as up to `inFlight` pieces.
 */
export async function shareWork(
  count: number,
  inFlight: number,
  signal: AbortSignal | undefined,
  work: { here(i: number): void; there(i: number): Promise<void> },
  stopped?: AbortSignal,
  groupsOf?: readonly number[] | (() => readonly number[] | undefined),
  workersShare = 1 / 2,
  weight?: { of(i: number): number; most: number },
): Promise<void> {
  // The first piece not started: this thread's next, unless the workers took it ahead.
  let next = 0;
  let started = 0;
  // Pieces the workers took ahead of `next` (its group was theirs, or had no side, while `next`'s was this thread's).
  const takenAhead = new Uint8Array(count);
  let running = 0;
  // The weight of the pieces the workers hold (`weight`), and of those not started.
  let held = 0;
  let unstarted = 0;
  if (weight) for (let i = 0; i < count; i++) unstarted += weight.of(i);
  // Towards the end the workers' weight is held to their share of what is left, as their count is.
  const light = (limit: number): boolean => weight === undefined || running === 0 || held < Math.min(limit, (unstarted + held) * workersShare);
  let failure: { error: unknown } | undefined;
  let idle: (() => void) | undefined;
  let groups = typeof groupsOf === 'function' ? undefined : groupsOf;
  // The side each group went to: true there, false here.
  const sides = new Map<number, boolean>();
  const sideOf = (i: number): boolean | undefined => (groups ? sides.get(groups[i]!) : undefined);
  const skipTaken = (): void => {
    while (next < count && takenAhead[next]) next++;
  };
  const startThere = (i: number): void => {
    running++;
    started++;
    const pieceWeight = weight?.of(i) ?? 0;
    held += pieceWeight;
    unstarted -= pieceWeight;
    if (groups) sides.set(groups[i]!, true);
    work.there(i).then(
      () => {
        running--;
        held -= pieceWeight;
        feed();
        idle?.();
      },
      (error: unknown) => {
        running--;
        held -= pieceWeight;
        failure ??= { error };
        idle?.();
      },
    );
  };
  const most = (): number => Math.min(inFlight, Math.ceil((count - started + running) * workersShare));
  // The workers take the next pieces in order; past one of this thread's groups, they take the pieces after
  // it (up to `LOOKAHEAD_PER_FLIGHT` times `inFlight` ahead) rather than wait for this thread to take it.
  const feed = (): void => {
    const last = Math.min(count, next + inFlight * LOOKAHEAD_PER_FLIGHT);
    let j = next;
    while (running < most() && light(weight?.most ?? 0) && !failure && !stopped?.aborted) {
      while (j < last && (takenAhead[j] || sideOf(j) === false)) j++;
      if (j >= last) return;
      if (j === next) {
        next++;
        startThere(j);
        skipTaken();
        j = next;
      } else {
        takenAhead[j] = 1;
        startThere(j);
        j++;
      }
    }
  };
  feed();
  if (typeof groupsOf === 'function') {
    groups = groupsOf();
    // The pieces started meanwhile are their groups' first: those groups are the workers'.
    if (groups) for (let i = 0; i < next; i++) sides.set(groups[i]!, true);
  }
  while (next < count && !failure && !stopped?.aborted) {
    signal?.throwIfAborted();
    const i = next++;
    if (sideOf(i) === true && running < inFlight * 2 && light(2 * (weight?.most ?? 0))) {
      startThere(i);
      skipTaken();
      continue;
    }
    started++;
    if (weight) unstarted -= weight.of(i);
    if (groups) sides.set(groups[i]!, false);
    work.here(i);
    skipTaken();
    // A turn of the event loop: the workers' answers are collected and they are given the next posts.
    await new Promise<void>((resolve) => setImmediate(resolve));
    feed();
  }
  while (running > 0) await new Promise<void>((resolve) => (idle = resolve));
  if (failure) throw failure.error;
}

/** How far ahead of this thread's next piece the workers may take pieces (`shareWork`), in units of `inFlight`. */
const LOOKAHEAD_PER_FLIGHT = 4;

/**
 * A post whose worker failed (it threw, or the thread died): reported as an unreadable file is, with the
 * reason, and checked no further.
 */
function failedPost(source: PostSource, error: unknown): Post {
  const reason = error instanceof Error ? error.message : String(error);
  const post = readSource({ path: source.path, bytes: new Uint8Array() });
  post.problems.splice(0, post.problems.length, { kind: 'binary', line: 1, message: `could not be checked: ${reason}` });
  return post;
}

/**
 * Checks `sources` in this thread in two passes, so that memory does not grow with the number of posts
 * (a whole site's post models were the largest part of the heap): first each post is read and summarised
 * (`PostSummary`: what the cross-post rules read of the other posts) and its model and text dropped; the corpus
 * and the site context are made from the summaries; then each post is read again, checked with every
 * rule and handed to the caller with its findings, and dropped. Reading twice costs a second parse; with
 * `keepPosts` (the default) the models are kept instead, with their analyses. The findings are those of `checkPosts` on all the posts, in
 * the same order; a caller that writes each post's findings as they come (`check --format json`) holds
 * none of them.
 */
export function* checkEach(sources: readonly PostSource[], options: Omit<CheckSourcesOptions, 'jobs'>): Generator<{ post: Post; findings: Finding[] }> {
  const { config } = options;
  const keep = options.keepPosts !== false;
  const kept: Post[] = [];
  const { timing } = options;
  const firstPassStart = performance.now();
  const ownIndex = summaryIndexFor(sources.length, options);
  const summaries = sources.map((source, i) => {
    // Asked even when the models are kept (and the answer then unused): the cache notes the file as read now.
    const cached = options.summaries?.get(source);
    if (cached && !keep) {
      options.onRead?.(i + 1, sources.length);
      return fromCache(cached, ownIndex);
    }
    const post = readSource(source);
    if (timing) post.memo.recorder = timing.analysis;
    const summary = summarizePost(post, keep || 'post' in source ? undefined : () => readSourceText(source));
    options.summaries?.put(source, summary, ownIndex?.note(summary));
    if (keep) kept.push(post); // with its analyses (the summary's among them), used again when it is checked
    // Not even the text stays: the index reads each text once (from the file again), exact similarities a few.
    else summary.releaseText?.();
    options.onRead?.(i + 1, sources.length);
    return summary;
  });
  options.summaries?.done();
  const corpus = corpusOf(summaries, options, ownIndex);
  const site = options.site?.(summaries);
  timing?.phase('first pass: read, parse and summarise each post; the corpus and the site context', performance.now() - firstPassStart);
  for (const [i, source] of sources.entries()) {
    const start = timing ? performance.now() : 0;
    const post = keep ? kept[i]! : 'post' in source ? source.post : readSource(source);
    const findings = checkPost(post, { config, rules: allRules, corpus, ...(site ? { site } : {}), ...(timing ? { timing } : {}) });
    post.memo.clear(); // its findings are settled: its analyses go
    timing?.phase('second pass: read, parse and check each post', performance.now() - start);
    options.onPost?.(i + 1, sources.length);
    yield { post, findings };
  }
}

/**
 * The similarity index of the checked posts, made as they are summarised (`SummaryIndex`), when they are
 * the corpus (the caller gives none: no site, no `--corpus`), there are two to compare and an enabled
 * rule compares posts (`Rule.comparesPosts`).
 */
function summaryIndexFor(posts: number, options: Pick<CheckSourcesOptions, 'config' | 'corpus'>): SummaryIndex | undefined {
  if (options.corpus || posts < 2) return undefined;
  const { config } = options;
  return allRules.some((rule) => rule.comparesPosts && config.rules[rule.id] !== 'off') ? new SummaryIndex(config) : undefined;
}

/** A cached summary, its index features handed to `ownIndex` (the post is not read again to index it). */
function fromCache(cached: CachedSummary, ownIndex: SummaryIndex | undefined): PostSummary {
  if (cached.indexed) ownIndex?.remember(cached.indexed);
  return cached.summary;
}

/** The corpus the checked posts are compared with: the caller's, else their own summaries (with `ownIndex`). */
function corpusOf(summaries: PostSummary[], options: Pick<CheckSourcesOptions, 'corpus'>, ownIndex: SummaryIndex | undefined): Corpus {
  if (options.corpus) return options.corpus(summaries);
  const corpus = new InMemoryCorpus(summaries);
  return ownIndex ? ownIndex.attach(corpus) : corpus;
}

/** `failedPost` with its per-post findings, as a worker's answer would have been. */
function failedTask(source: PostSource, error: unknown, config: Config): PostTaskResult {
  const post = failedPost(source, error);
  const { lines: _rebuiltOnArrival, memo: _keptInTheWorker, ...rest } = post;
  return { post: rest, ranked: rankPerPost(post, config) };
}

/**
 * Most posts handed to each worker at a time in the second pass (their bytes, `STREAMED_BYTES_PER_THREAD`,
 * are the limit met first but for short posts): a worker's next post is sent by this thread's event loop,
 * which in `checkStream` turns only between two posts this thread checks itself (tens of milliseconds), so
 * a worker needs several queued not to wait. The tasks are synchronous: a thread still runs one at a time.
 */
const STREAMED_TASKS_PER_THREAD = 64;

/**
 * Bytes of posts the second pass hands each worker at a time, beside `STREAMED_TASKS_PER_THREAD`: a post
 * takes about as long per byte wherever it is checked, so this much keeps a worker busy for about as long
 * as this thread's longer posts take (~0.2 µs a byte: ~100 ms). Counted in posts (8 at a time), a worker given
 * short posts (the large corpus's English ones) ran out of them while this thread checked one long post:
 * ~0.7 s of its ~10 s waited.
 */
const STREAMED_BYTES_PER_THREAD = 512 * 1024;

/**
 * Posts handed to each worker at a time in the first pass, whose tasks are short (a summary: ~1–2 ms):
 * eight of them kept a worker busy for ~15 ms, and it waited whenever this thread did something longer
 * between two posts (writing the site's caches, ~100 ms; a garbage collection; the dictionary's decoding
 * callbacks).
 */
const SUMMARY_TASKS_PER_THREAD = 32;

/**
 * A worker's young generation, in MiB (V8's own limit is larger): a post's garbage dies young, and the
 * smaller nursery took 15–20 MiB off the peak RSS of a whole-site check on two threads (389–393 vs
 * 407–412 MiB, site head, warm cache) for the same CPU (18.3–18.6 s vs 18.1–18.6 s), docs/benchmarks.md.
 */
const WORKER_YOUNG_GENERATION_MB = 16;

let shared: { threads: number; pool: Piscina; stopServing: () => void } | undefined;

/**
 * The process's pool, started on first use with `threads` threads (restarted when a caller asks for
 * more). Threads that stay idle exit, so a long-running App holds none between pull requests. `eager`
 * (the CLI, `startWorkers`): the threads are started now, and take tasks before this thread's event loop
 * next turns (piscina counts the threads it starts with as ready, and hands them tasks at once).
 */
async function workerPool(threads: number, eager = false): Promise<Piscina> {
  if (shared && shared.threads >= threads) return shared.pool;
  if (shared) await closePool();
  // Loaded here, not at the top: a command that never starts a pool does not pay for loading it.
  const { Piscina } = await import('piscina');
  // Several posts queued per thread: a thread that finishes one starts the next without waiting for this
  // thread to be scheduled (on a loaded machine each hand-over waited tens of milliseconds: a third of
  // the workers' time went idle). The tasks are synchronous, so a thread still runs one at a time.
  const pool = new Piscina({ ...workerEntry(), minThreads: eager ? threads : 0, maxThreads: threads, idleTimeout: 10_000, concurrentTasksPerWorker: Math.max(STREAMED_TASKS_PER_THREAD, SUMMARY_TASKS_PER_THREAD),
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  watchPoolErrors(pool);
  shared = { threads, pool, stopServing: serveDictionary() };
  // piscina makes its first threads ready in a microtask: awaited by the caller of this async function.
  return pool;
}

/**
 * Starts the workers of a check on `threads` threads (`threads - 1` workers) before the CLI reads the
 * site, and lends them to that read (`SiteReadPoolTask`): a worker's start (~100 ms of one core: Node's
 * bootstrap and the bundle) then runs while this thread lists the site, no second worker is started and
 * warmed for the site alone, and the check's first pass finds its worker running. With a thread on every
 * core, the compiler's settings of the check (`compileLighter`) apply from here. `checkStream` on as many
 * threads takes the same pool; a check that ends up on fewer (the load measured meanwhile) closes it first.
 */
export async function startWorkers(threads: number): Promise<(task: SiteReadTask) => Promise<number>> {
  if (threads >= availableParallelism()) compileLighter();
  const pool = await workerPool(Math.max(1, threads - 1), true);
  return (read) => pool.run({ kind: 'site-read', read } satisfies SiteReadPoolTask, { transferList: [read.port] }) as Promise<number>;
}

/** Closes the pool `startWorkers` started when the check runs on fewer threads after all (`--jobs auto` measured a load). */
export async function keepWorkers(threads: number): Promise<void> {
  if (shared && (threads <= 1 || shared.threads !== threads - 1)) await closePool();
}

/**
 * piscina emits on the pool (an EventEmitter) the errors no task's promise carries; with no listener,
 * Node throws them and the process dies. The one seen is "Unexpected message from Worker": a post whose
 * run was aborted (a newer push in the App) still answers from its thread after piscina forgot the task.
 * That answer is dropped as meant; anything else becomes a process warning, never a crash.
 */
export function watchPoolErrors(pool: { on(event: 'error', listener: (error: unknown) => void): unknown }): void {
  pool.on('error', (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('Unexpected message from Worker')) return;
    process.emitWarning(`editorial-review worker pool: ${message}`);
  });
}

/** Stops the pool's threads (the CLI, before it exits; tests). */
export async function closePool(): Promise<void> {
  const current = shared;
  shared = undefined;
  current?.stopServing();
  await current?.pool.destroy();
}

/**
 * A worker's file sits beside the module that starts it (`here`, its `import.meta.url`) with the same
 * extension: `pool-worker.js` in `dist/`, `pool-worker.mjs` beside the Action's bundle, `pool-worker.cjs`
 * beside the CLI's, `pool-worker.ts` when the sources run through tsx or vitest, in which case the worker
 * gets tsx's loader too (a worker thread starts without the transform of the thread that made it).
 */
export function workerEntry(name = 'pool-worker', here = import.meta.url): { filename: string; execArgv?: string[] } {
  const extension = /\.[cm]?[jt]s$/.exec(new URL(here).pathname)?.[0] ?? '.js';
  const filename = new URL(`./${name}${extension}`, here).href;
  if (extension !== '.ts') return { filename };
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  if (process.execArgv.some((arg) => arg.includes('tsx'))) return { filename }; // inherited
  return { filename, execArgv: [...process.execArgv, '--import', tsx] };
}
