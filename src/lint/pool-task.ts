import type { Config } from '../config/schema.js';
import type { Post } from '../post/post.js';
import { Memo } from '../core/memo.js';
import { LineIndex } from '../post/line-index.js';
import { parsePostBytes, postBlobText } from '../post/parse.js';
import { knownBlobSha } from '../post/blob.js';
import { deserialize, serialize } from 'node:v8';
import type { Corpus, PostSummary } from '../analysis/corpus/corpus.js';
import type { SiteContext } from '../analysis/site/context.js';
import { restoreCorpus, type CorpusSnapshot, type SummarySnapshot } from '../analysis/corpus/snapshot.js';
import { summarizePost } from '../analysis/corpus/summary.js';
import { extractFeatures, type DocFeatures, type FeatureOptions } from '../analysis/corpus/features.js';
import { restoreSiteContext, type SiteContextSnapshot } from '../analysis/site/directory.js';
import type { Finding } from '../core/finding.js';
import { encodeFindings, type EncodedFindings } from '../core/finding-json.js';
import { allRules } from '../rules/index.js';
import { checkPost, rankFindings, type RankedFinding } from './check.js';
import { MAX_READ_BYTES, readBlobText, readPost, type KnownBlob } from './run.js';
import { useServedDictionary, type ThreadDictionary } from './shared-dictionary.js';
import type { SiteReadTask, SummarizedBytes } from '../analysis/site/read-posts.js';

/**
 * The per-post half of a check, as one worker task: read and parse the post, run every rule that needs
 * only the post. Shared by the worker entry (`pool-worker.ts`) and the in-process fallback of the pool.
 */

/**
 * A post to check: a file the worker reads itself, bytes the caller has, or a post the caller has already
 * parsed (the App reads and parses each changed post as it arrives): the worker then only runs the rules.
 */
export type PostSource = { path: string; file: string; blob?: KnownBlob } | { path: string; bytes: Uint8Array } | { path: string; post: Post };

/** What travels to a worker: a parsed post without its line index (a class; rebuilt from the text). */
type SentSource = Exclude<PostSource, { post: Post }> | { path: string; post: Omit<Post, 'lines' | 'memo'> };

export interface PostTask {
  source: SentSource;
  config: Config;
  /** `JSON.stringify(config)`: the worker keeps one Config object per key, so rules' caches keyed by it hold. */
  configKey: string;
}

/**
 * The parsed post without its line index (a class: rebuilt from the text on arrival) and its memo (the
 * worker's analyses stay in the worker; the cross-post rules start a new one), and its ranked findings;
 * no post when the caller sent one (it keeps its own).
 */
export interface PostTaskResult {
  post?: Omit<Post, 'lines' | 'memo'>;
  ranked: RankedFinding[];
}

export function readSource(source: PostSource | SentSource): Post {
  if ('file' in source) return readPost(source.file, source.path, source.blob);
  if ('bytes' in source) return parsePostBytes(source.path, source.bytes);
  return 'lines' in source.post ? (source.post as Post) : { ...source.post, lines: new LineIndex(source.post.text), memo: new Memo() };
}

/** The text `readSource(source)` gives its post (BOM included), read again without parsing it. */
export function readSourceText(source: Exclude<PostSource, { post: Post }>): string {
  return 'file' in source ? readBlobText(source.file) : postBlobText(source.bytes);
}

/** The source as it is sent to a worker. */
export function sendable(source: PostSource): SentSource {
  if (!('post' in source)) return source;
  const { lines: _rebuiltOnArrival, memo: _keptHere, ...post } = source.post;
  return { path: source.path, post };
}

/**
 * What a per-post rule sees of the other posts in a worker: nothing. A rule that reads them without
 * declaring `crossPost` fails loudly here (an internal-error finding) rather than silently finding less.
 */
function outOfReach(what: string): never {
  throw new Error(`reads ${what} without \`crossPost: true\` (per-post rules run in workers without the other posts)`);
}
const NO_CORPUS: Corpus = {
  summaries: () => outOfReach('the corpus'),
  get memo(): never {
    return outOfReach('the corpus');
  },
  get size(): number {
    return outOfReach('the corpus');
  },
};
const NO_SITE = new Proxy({} as SiteContext, { get: () => outOfReach('the site') });

export function isPerPost(rule: { crossPost?: boolean }): boolean {
  return rule.crossPost !== true;
}

/** Per-post rules of one post, with neither corpus nor site within reach. */
export function rankPerPost(post: Post, config: Config): RankedFinding[] {
  return rankFindings(post, { config, rules: allRules, corpus: NO_CORPUS, site: NO_SITE }, isPerPost);
}

export function runPostTask(task: PostTask, config: Config = task.config): PostTaskResult {
  const post = readSource(task.source);
  const ranked = rankPerPost(post, config);
  if ('post' in task.source) return { ranked };
  const { lines: _rebuiltOnArrival, memo: _keptInTheWorker, ...rest } = post;
  return { post: rest, ranked };
}

/**
 * The two tasks of a check that parses each post in a worker (`checkStream`): first its summary (what the
 * cross-post rules read of the other posts), then, once every post is summarised and the corpus and the
 * site context are made, the whole check of the post against them. Neither sends a post model back (unless
 * the caller keeps the models): a task's answer is a summary or the post's findings.
 */
export interface SummaryTask {
  kind: 'summary';
  source: Exclude<SentSource, { post: unknown }>;
  /** Also make the post's similarity-index features with these options (`SummaryIndex`), from the text in memory. */
  indexOptions?: FeatureOptions;
}

/**
 * A summary without its text (the caller reads it again from the source when a rule needs it), and its
 * blob SHA when the worker has it from the bytes it read (else the caller hashes the text it reads again).
 */
export interface SummaryResult {
  summary: Omit<PostSummary, 'blobText' | 'blobSha' | 'releaseText'>;
  sha?: string;
  /** The features `indexOptions` asked for (with `sha`; none for a post with nothing to index). */
  features?: DocFeatures;
}

export function runSummaryTask(task: SummaryTask): SummaryResult {
  const post = readSource(task.source);
  const { blobText, blobSha: _hashedAgain, releaseText: _none, ...summary } = summarizePost(post);
  const sha = knownBlobSha(post);
  if (sha === undefined) return { summary };
  if (!task.indexOptions || !summary.indexable) return { summary, sha };
  return { summary, sha, features: extractFeatures(blobText(), task.indexOptions) };
}

/**
 * The first pass's summary of a checked post of the site, made while the site is read (`SummarizeBytes`):
 * the post as `readPost` parses its file (`displayPath` its path in the findings), summarised as
 * `runSummaryTask` does. A file `readPost` would not read whole is left to the first pass.
 */
export function summarizeBytes(bytes: Buffer, displayPath: string, sha: string): SummarizedBytes | undefined {
  if (bytes.length > MAX_READ_BYTES) return undefined;
  const post = parsePostBytes(displayPath, bytes, { blobSha: sha });
  const { blobText: _readAgain, blobSha: _hashedAgain, releaseText: _none, ...summary } = summarizePost(post);
  // The SHA of the bytes is the post's blob SHA only where the post holds them whole (`parsePostBytes`).
  const known = knownBlobSha(post);
  return known === undefined ? { summary } : { summary, sha: known };
}

/**
 * A cold site's read, shared with the CLI's thread (`readSiteShare`): the pool's worker, started before the
 * site is read, reads beside it instead of a worker of its own (one isolate less to start and to warm), and
 * is warm for the check that follows. Its answer is how many posts it read.
 */
export interface SiteReadPoolTask {
  kind: 'site-read';
  read: SiteReadTask;
}

/** The config, the corpus and the site context of a run as plain data (`CorpusSnapshot`, `SiteContextSnapshot`). */
export interface ContextSnapshot {
  config: Config;
  corpus: CorpusSnapshot;
  site?: SiteContextSnapshot;
}

/**
 * A run's context as the workers receive it: serialised once into memory every thread shares (not copied
 * into each task), read by each worker once per run (`id`).
 */
export interface SharedContext extends ThreadDictionary {
  id: number;
  buffer: SharedArrayBuffer;
}

let contexts = 0;

/** `snapshot` shared, with the main thread's dictionary (`dictionaryForThreads`: shared memory too) when given. */
export function shareContext(snapshot: ContextSnapshot, dictionary?: ThreadDictionary): SharedContext {
  const bytes = serialize(snapshot);
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return { id: ++contexts, buffer, ...dictionary };
}

export interface CheckTask {
  kind: 'check';
  source: Exclude<SentSource, { post: unknown }>;
  context: SharedContext;
  /** Send the post model back (the caller keeps the models: `--fix`, SARIF…). */
  keepPost: boolean;
  /** Send the findings written for the JSON report (`encodeFindings`) instead of as objects. */
  encodeJson?: boolean;
}

export interface CheckResult {
  /** Empty when they are sent `encoded`. */
  findings: Finding[];
  encoded?: EncodedFindings;
  post?: Omit<Post, 'lines' | 'memo'>;
}

let restored: { id: number; config: Config; corpus: Corpus; site: SiteContext | undefined } | undefined;

/** The context of `shared`, rebuilt in this thread once per run (the last run's is kept: one run at a time uses a worker). */
function contextOf(shared: SharedContext): { config: Config; corpus: Corpus; site: SiteContext | undefined } {
  if (restored?.id !== shared.id) {
    restored = undefined; // the previous run's corpus goes before this one's is rebuilt
    // Before the run's first post: its first undecided Japanese tail then loads the given copy rather than asking for one.
    if (shared.dictionary) useServedDictionary(shared);
    const snapshot = deserialize(new Uint8Array(shared.buffer)) as ContextSnapshot;
    restored = {
      id: shared.id,
      config: snapshot.config,
      corpus: restoreCorpus(snapshot.corpus, readBlobText),
      site: snapshot.site ? restoreSiteContext(snapshot.site) : undefined,
    };
  }
  return restored;
}

export function runCheckTask(task: CheckTask): CheckResult {
  const { config, corpus, site } = contextOf(task.context);
  const post = readSource(task.source);
  const findings = checkPost(post, { config, rules: allRules, corpus, ...(site ? { site } : {}) });
  if (task.encodeJson && !task.keepPost) return { findings: [], encoded: encodeFindings(findings) };
  if (!task.keepPost) return { findings };
  post.memo.clear();
  const { lines: _rebuiltOnArrival, memo: _keptInTheWorker, ...rest } = post;
  return { findings, post: rest };
}
