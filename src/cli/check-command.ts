import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Config } from '../config/schema.js';
import { applyBaseline, createBaseline, parseBaseline, type Baseline } from '../lint/baseline.js';
import { fixUntilStable } from '../lint/fix-until-stable.js';
import type { Finding } from '../core/finding.js';
import { detectLanguage } from '../core/language.js';
import { prefetchDictionaryBeside } from './dictionary-thread.js';
import { checkPosts } from '../lint/run.js';
import { checkEach, checkSources, checkStream, jobsForLoad, keepWorkers, KEEP_MODELS_BYTES, sampleCpu, sourceBytes, startWorkers, threadsFor, type CpuSample, type FileOrBytes, type SummaryCache } from '../lint/pool.js';
import { summarizeBytes, type PostSource } from '../lint/pool-task.js';
import { type Corpus } from '../analysis/corpus/corpus.js';
import { InMemoryCorpus, summarizePost } from '../analysis/corpus/summary.js';
import type { PostSummary } from '../analysis/corpus/corpus.js';
import type { Post } from '../post/post.js';
import type { Site } from '../analysis/site/site.js';
import { allRules } from '../rules/index.js';
import { displayPath } from './files.js';
import { readCorpusDirectory } from './corpus-read.js';
import { checkedSummaries } from './summary-file.js';
import { indexOptionsFor } from '../analysis/corpus/compare.js';
import { CorpusIndex } from '../analysis/corpus/index.js';
import { storeNamespace } from '../analysis/corpus/store.js';
import { defaultCacheDir } from '../core/cache-dir.js';
import { loadLocalSite, siteRun, type ReadSummary } from './site.js';
import { jsonPieces, jsonPiecesOf, jsonPiecesOfAsync, type ReportGroup } from './format/json.js';
import type { EncodedFindings } from '../core/finding-json.js';
import { formatRdjson } from './format/rdjson.js';
import { formatSarif } from './format/sarif.js';
import { formatText } from './format/text.js';
import type { CheckTimes } from '../lint/timing.js';

export const FORMATS = ['text', 'json', 'sarif', 'rdjson'] as const;

/**
 * `check`'s default `--jobs`: `auto`, one thread per available core (`os.availableParallelism()`), of which
 * `threadsFor` starts only those the input repays (`BYTES_PER_THREAD` of text each, measured by
 * `bench/jobs-threshold.ts`): one post, or a pull request's few, is checked in this thread without a worker.
 * `--jobs 1` forces one thread. The findings are the same, in the same order, whatever the threads.
 */
export const CHECK_JOBS = 'auto';
/** `--jobs`: a number of threads, or `auto`. */
export type Jobs = number | 'auto';
export type Format = (typeof FORMATS)[number];

export interface CheckCommandOptions {
  /** Paths as the user named them, relative to `cwd` (findings show them so). */
  files: string[];
  /**
   * The machine's CPU times when the command started (`sampleCpu`), for `--jobs auto`'s measure of the load
   * other processes put on it (`jobsForLoad`); default: taken when the check starts. Taken when the process
   * starts, the measure's quarter of a second has mostly passed by the time the check asks (a check of
   * posts outside a site has nothing else to do meanwhile: it waited ~180 ms).
   */
  cpuAtStart?: CpuSample;
  cwd: string;
  format: Format;
  fix: boolean;
  config: Config;
  corpus?: string;
  /** The root of the site the posts belong to (found by the caller); absent: no site rules, no site corpus. */
  siteRoot?: string;
  /** That site's configuration, when the caller has read it. */
  site?: Site;
  /** Git ref the change is compared with (site/article-replaced); default HEAD for uncommitted edits. */
  base?: string;
  color: boolean;
  version: string;
  /** `--baseline FILE` (relative to cwd); with `write`, the file is (re)written from this run's findings. */
  baseline?: { path: string; write: boolean };
  /** `--max-warnings N`: more warning-level findings than this fail the run (exit 1). */
  maxWarnings?: number;
  /** Threads for the check (`--jobs`); 1 checks in the main thread. Default: `CHECK_JOBS`. */
  jobs?: Jobs;
  /** Called as files are read and checked (the CLI draws a progress line on a terminal). */
  progress?: (phase: 'reading' | 'checking', done: number, total: number) => void;
  /** `--timing`: the check runs in one thread and times its phases, rules and shared analyses into this. */
  timing?: CheckTimes;
}

export interface CheckCommandResult {
  /**
   * What goes to stdout, in pieces written in order (a JSON report of a whole site is never one string).
   * A JSON report may be made as it is read (the posts are checked meanwhile): read it before `exitCode`
   * and `notes`.
   */
  output: Iterable<string> | AsyncIterable<string>;
  readonly exitCode: number;
  /** Lines for stderr: baseline and --max-warnings notes. */
  notes: string[];
}

/** `editorial-review check`: read, check, drop baseline findings, optionally fix until nothing changes, and format. */
export async function runCheck(options: CheckCommandOptions): Promise<CheckCommandResult> {
  const absolute = (file: string) => resolve(options.cwd, file);
  const notes: string[] = [];
  const sources: PostSource[] = options.files.map((file) => ({ path: displayPath(file, options.cwd), file: absolute(file) }));
  const { timing } = options;
  const requested = timing ? 1 : (options.jobs ?? CHECK_JOBS);
  const bytes = sourceBytes(sources);
  // Enough posts for a worker: `--jobs auto` counts the load of other processes from here on (this run's own reading excluded).
  const started = requested === 'auto' && threadsFor(availableParallelism(), bytes) > 1 ? (options.cpuAtStart ?? sampleCpu()) : undefined;
  // A checked file that is also in the corpus is read once (as a checked post).
  const checkedPaths = new Set(sources.map((source) => source.path));
  const corpusDirectory = options.corpus
    ? readCorpusDirectory(absolute(options.corpus), { cwd: options.cwd, config: options.config, excluded: checkedPaths })
    : undefined;
  // Decoding the Japanese dictionary into the cache folder (when it has no copy), on libuv's pool; awaited before the first Japanese analysis.
  const dictionary = sources.slice(0, LANGUAGE_SAMPLE).some((source) => 'file' in source && headIsJapanese(source.file)) ? prefetchDictionaryBeside() : undefined;
  const streamed = options.format === 'json' && !options.fix && !options.baseline;
  // A streamed check that may take every core starts its workers now: they start while the load is measured
  // and read the site beside this thread, then check.
  const likelyThreads = streamed && !timing ? threadsFor(requested === 'auto' ? availableParallelism() : requested, bytes) : 1;
  const early = likelyThreads > 1 ? await startWorkers(likelyThreads) : undefined;
  const helper = options.siteRoot !== undefined ? early : undefined;
  // With workers, the site's caches are written once they have the check's first posts (when the summaries'
  // cache is, `SummaryCache.done`): written before, the workers waited for it (~40 ms of this thread on the
  // site head). A cache that cannot be written costs the next run its reading, never this run.
  let siteCacheWrite: (() => void) | undefined;
  const writeCache = helper ? { writeCache: (write: () => void) => void (siteCacheWrite = write) } : {};
  // The checked posts of the site are summarised as the site is read (the first pass then reads them no more).
  const summarize = { checked: new Map(sources.flatMap((source) => ('file' in source ? [[resolve(source.file), source.path] as const] : []))), summarize: summarizeBytes };
  const loadSite = (root: string) =>
    loadLocalSite(root, { cwd: options.cwd, config: options.config, ...(options.site ? { site: options.site } : {}), ...(helper ? { helper } : {}), ...writeCache, summarize });
  const siteRoot = options.siteRoot;
  const local =
    siteRoot === undefined ? undefined : timing ? timing.time("site: its configuration, its posts' front matter and features", () => loadSite(siteRoot)) : loadSite(siteRoot);
  // The checked posts the site read hashed: the check's reads take their SHAs while their files are unchanged.
  const checkedSources = local ? sources.map((source) => withKnownBlob(source, local.summaries)) : sources;
  const run = local ? siteRun(local, { git: true, ...(options.base !== undefined ? { base: options.base } : {}) }) : undefined;
  // Inside a site its posts are the corpus the cross-post rules compare with (unless --corpus names one);
  // a checked file that is also in the corpus is compared with the others, not with itself twice.
  const corpusFor = (current: readonly PostSummary[]): Corpus => {
    if (run && !corpusDirectory) return run.corpus(current);
    return corpusDirectory ? corpusDirectory.corpus(current) : new InMemoryCorpus(current);
  };

  const baselinePath = options.baseline ? absolute(options.baseline.path) : undefined;
  const pathOf = (path: string) => relative(dirname(baselinePath ?? options.cwd), absolute(path)).split(sep).join('/');
  const linesOf = (path: string) => postByPath.get(path)?.lines;
  let postByPath = new Map<string, Post>();
  let baseline: Baseline | undefined;
  if (baselinePath && !options.baseline!.write) {
    try {
      baseline = parseBaseline(readFileSync(baselinePath, 'utf8'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { output: [], exitCode: 2, notes: [`editorial-review: ${options.baseline!.path}: cannot use the baseline: ${reason}`] };
    }
  }
  const checking = (done: number, total: number) => options.progress?.('checking', done, total);
  const settle = (checked: Post[], found: Finding[]): Finding[] => {
    posts = checked;
    postByPath = new Map(posts.map((post) => [post.path, post]));
    if (!baseline) return found;
    const result = applyBaseline(found, baseline, linesOf, pathOf);
    known = result.known;
    stale = result.stale;
    return result.fresh;
  };
  // The first check reads and checks every post on the pool; `--fix` re-checks the fixed posts here.
  const recheck = (current: Post[]): Finding[] =>
    settle(current, checkPosts(current, options.config, corpusFor(current.map((post) => summarizePost(post))), allRules, checking, run?.context).findings);
  let known = 0;
  let stale = 0;
  let posts: Post[] = [];
  const checkOptions = {
    config: options.config,
    // Without a site or `--corpus`, the checked posts are the corpus, made by the check itself (its index too: `SummaryIndex`).
    ...(run || corpusDirectory ? { corpus: corpusFor } : {}),
    // Named by the index options too: an entry may hold the post's index features, made with them.
    summaries: withSiteCacheWritten(
      checkedSummaries(
        join(defaultCacheDir(), `summaries-${createHash('sha1').update(options.cwd).digest('hex').slice(0, 16)}-${storeNamespace(new CorpusIndex(indexOptionsFor(options.config)).options)}.bin`),
        local?.summaries,
      ),
      () => siteCacheWrite,
    ),
    ...(run ? { site: run.context } : {}),
    onRead: (done: number, total: number) => options.progress?.('reading', done, total),
    onPost: checking,
    ...(timing ? { timing } : {}),
    japanese: dictionary !== undefined,
    ...(dictionary ? { dictionaryDecoded: dictionary } : {}),
  };
  // `--timing` runs in one thread: the times are then each rule's own, not shared with a worker's.
  const jobs = requested !== 'auto' ? requested : started ? await jobsForLoad(started) : 1;
  const threads = threadsFor(jobs, bytes);
  if (early) await keepWorkers(threads);
  if (streamed) {
    // Each post's findings are written as it is checked, and the post dropped: memory does not grow with the site.
    const keepPosts = threads <= 1 && bytes <= KEEP_MODELS_BYTES;
    if (!keepPosts && process.env.EDITORIAL_REVIEW_HEAP_GROWING !== 'default') collectGarbageSooner();
    // The pool's first pass runs while the dictionary is decoded (`dictionaryDecoded`); one thread waits for it here.
    if (threads > 1) return streamedJson(checkStream(checkedSources as FileOrBytes[], { ...checkOptions, keepPosts: false, encodeJson: true }, threads), options.maxWarnings, notes);
    await dictionary;
    return streamedJson(checkEach(checkedSources, { ...checkOptions, keepPosts }), options.maxWarnings, notes);
  }
  await dictionary;
  const first = await checkSources(checkedSources, {
    ...checkOptions,
    jobs,
    // Only these read the posts after the check; otherwise each post's model goes once it is checked.
    keepPosts: options.fix || options.baseline !== undefined || options.format === 'sarif' || options.format === 'rdjson' || sourceBytes(sources) <= KEEP_MODELS_BYTES,
  });
  let findings = settle(first.posts, first.findings);

  if (baselinePath && options.baseline!.write) {
    mkdirSync(dirname(baselinePath), { recursive: true });
    writeFileSync(baselinePath, `${JSON.stringify(createBaseline(findings, linesOf, pathOf), null, 2)}\n`);
    notes.push(`baseline: ${findings.length} finding(s) written to ${options.baseline!.path}; \`check --baseline ${options.baseline!.path}\` now reports only new ones`);
    return { output: [], exitCode: 0, notes };
  }

  let fixed = 0;
  if (options.fix) {
    const result = fixUntilStable(posts, findings, recheck);
    posts.forEach((post, i) => {
      if (result.files.get(post.path)?.changed) writeFileSync(absolute(options.files[i]!), result.texts.get(post.path)!);
    });
    ({ posts, findings, applied: fixed } = result);
  }

  if (baseline) {
    notes.push(
      `baseline: ${known} known finding(s) not shown${stale > 0 ? `; ${stale} baseline entr${stale === 1 ? 'y' : 'ies'} no longer found (fixed): rewrite it with --write-baseline` : ''}`,
    );
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const output = format(findings, posts, options, fixed);
  return { output, exitCode: exitCode(errors, warnings, options.maxWarnings, notes), notes };
}

/**
 * How far V8 lets the heap grow past what the last full collection left (a factor of 1 + this / 100)
 * during a streamed check of many posts. V8's own factor rises to 4 when collecting is cheap, as it is
 * here (little survives a post): the heap grew to ~380 MiB of mostly garbage between collections. A
 * smaller factor trades CPU for memory. Session 12 (peak RSS over the 400 MiB target) chose 1.4×; session
 * 15, when the check kept far less, 2× (site head 335–341 MiB, large corpus 366–376). In session 16 the
 * large corpus peaked at 385–406 MiB at 2× (the same code as before that session's changes: 395–399), over
 * the target in one run of three; at 1.5× at 369–374 MiB (site head 323–325 against 329–333), for ~0.15 s
 * more CPU on either corpus (three alternated pairs each, `--jobs 2`, cold caches). So 1.5×: under the
 * target with room. `EDITORIAL_REVIEW_HEAP_GROWING=default` keeps V8's own.
 */
export const STREAMED_HEAP_GROWING_PERCENT = 50;

/** Sets `STREAMED_HEAP_GROWING_PERCENT` (V8 reads the flag each time it sets the next collection's limit). */
function collectGarbageSooner(): void {
  setFlagsFromString(`--heap-growing-percent=${STREAMED_HEAP_GROWING_PERCENT}`);
}

/** 1 when there are errors or more warnings than `--max-warnings` allows (a note says so), else 0. */
function exitCode(errors: number, warnings: number, maxWarnings: number | undefined, notes: string[]): number {
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) notes.push(`editorial-review: ${warnings} warning(s), more than --max-warnings ${maxWarnings}`);
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

/** A checked post's findings, as objects or written already for the report by the worker that checked it. */
type CheckedGroup = { findings: Finding[]; encoded?: EncodedFindings };

/**
 * The JSON report written as the posts are checked: `output` checks them as it is read, and `exitCode`
 * (and the notes) are known once it has been read to its end.
 */
function streamedJson(checked: Iterable<CheckedGroup> | AsyncIterable<CheckedGroup>, maxWarnings: number | undefined, notes: string[]): CheckCommandResult {
  let errors = 0;
  let warnings = 0;
  let code: number | undefined;
  const count = ({ findings, encoded }: CheckedGroup): ReportGroup => {
    if (encoded) {
      errors += encoded.errors;
      warnings += encoded.warnings;
      return encoded;
    }
    for (const finding of findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
    return findings;
  };
  const end = () => {
    code = exitCode(errors, warnings, maxWarnings, notes);
  };
  const counted = function* (groups: Iterable<CheckedGroup>): Generator<ReportGroup> {
    for (const group of groups) yield count(group);
    end();
  };
  const countedAsync = async function* (groups: AsyncIterable<CheckedGroup>): AsyncGenerator<ReportGroup> {
    for await (const group of groups) yield count(group);
    end();
  };
  return {
    output: Symbol.asyncIterator in checked ? jsonPiecesOfAsync(countedAsync(checked)) : jsonPiecesOf(counted(checked)),
    get exitCode(): number {
      if (code === undefined) throw new Error('the exit code of a streamed report is known once its output has been read');
      return code;
    },
    notes,
  };
}

/** `cache`, whose `done` also writes the site's caches when their writing was handed over (`LoadSiteOptions.writeCache`). */
function withSiteCacheWritten(cache: SummaryCache, pending: () => (() => void) | undefined): SummaryCache {
  let written = false;
  return {
    ...cache,
    done() {
      cache.done();
      const write = pending();
      if (written || !write) return;
      written = true;
      tryWrite(write);
    },
  };
}

/** `source` with the blob SHA the site read hashed of its file (`KnownBlob`), when it did. */
function withKnownBlob(source: PostSource, readWithSite: ReadonlyMap<string, ReadSummary>): PostSource {
  if (!('file' in source)) return source;
  const read = readWithSite.get(resolve(source.file));
  const sha = read?.summarized.sha;
  return read && sha !== undefined ? { ...source, blob: { size: read.size, mtime: read.mtime, sha } } : source;
}

function tryWrite(write: () => void): void {
  try {
    write();
  } catch {
    // the cache folder is not writable: the next run reads the site again
  }
}

/** Checked files whose heads are read to tell whether the run will want the Japanese analyser. */
const LANGUAGE_SAMPLE = 8;
const HEAD_BYTES = 8 * 1024;

function headIsJapanese(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.allocUnsafe(HEAD_BYTES);
    return detectLanguage(head.toString('utf8', 0, readSync(fd, head, 0, HEAD_BYTES, 0))) === 'ja';
  } catch {
    return false; // unreadable: the check reports it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function format(findings: Finding[], posts: Post[], options: CheckCommandOptions, fixed: number): Iterable<string> {
  switch (options.format) {
    case 'json':
      return jsonPieces(findings);
    case 'sarif':
      return [formatSarif(findings, allRules, posts, options.version, options.cwd, options.config)];
    case 'rdjson':
      return [formatRdjson(findings, posts, options.config)];
    default:
      return [formatText(findings, { color: options.color, ...(options.fix ? { fixed } : {}) })];
  }
}
