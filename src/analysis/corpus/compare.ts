import type { Config, SiteOptions } from '../../config/schema.js';
import type { CorpusOptions } from '../../config/corpus.js';
import { memoKey } from '../../core/memo.js';
import { Lru } from '../../core/lru.js';
import type { RelatedLocation } from '../../core/finding.js';
import type { Corpus, PostSummary } from './corpus.js';
import type { Post } from '../../post/post.js';
import { CorpusIndex, hasCorpusIndex, type IndexOptions, type QueryResult } from './index.js';
import { normalizedBody } from './features.js';
import { exactJaccard, textShingleSet } from './minhash.js';
import { absoluteUrl } from './permalink.js';
import { blobText, postBlobSha as blobSha } from '../../post/blob.js';
import { publishedAt, SeriesIndex } from './series.js';
import { hasCjk } from '../../core/language.js';

/**
 * The cross-post index of one corpus object, built once (kept in `corpus.memo`) so checking N posts against the
 * corpus costs one index build plus N queries; each post's query is memoised for the four rules.
 */
interface Analysis {
  index: CorpusIndex;
  /** The corpus's posts, as summaries (the checked post itself is a model). */
  byPath: Map<string, PostSummary>;
  results: WeakMap<Post, QueryResult>;
  /**
   * Shingle sets by shingle size and blob SHA, the most recently used within SET_BYTES: a pair's exact
   * similarity reads both sets, and a post's set is mostly asked for again soon (its near-copies are
   * checked one after another) or never.
   */
  sets: Lru<string, Uint32Array>;
  /** The corpus's titles by template, made when a rule first asks whether two posts are one series. */
  series?: SeriesIndex;
  /**
   * Exact similarities already worked out, by shingle size and the pair's blob SHAs in either order
   * (several rules ask for one pair, and the other post asks for it again when it is checked), the most
   * recently used SIMILARITIES.
   */
  similarities: Lru<string, number>;
  /** Publication times, of the checked posts and of the other posts by path: each post is compared with many. */
  published: { checked: WeakMap<Post, number | null>; others: Map<string, number | null> };
}

/**
 * Bounds of the caches of exact similarities. On the large corpus (2,778 posts, 4,307 pairs compared) an
 * unbounded set cache held 37 MiB and computed 2,263 sets; 8 MiB computes 2,247 (1 MiB: 2,263).
 */
const SET_BYTES = 8 << 20;
const SIMILARITIES = 1 << 16;

const ANALYSES = memoKey<Map<string, Analysis>>('corpus comparisons by index options');

/** The settings the corpus index is built with: three `corpus` keys and `site.permalink` (the posts' URLs). */
export type IndexSettings = Pick<CorpusOptions, 'shingle' | 'passageMinChunkChars' | 'passageMaxPosts'> & Pick<SiteOptions, 'permalink'>;

/** The settings `compare` reads: the index's, and what a query keeps (`corpus.nearDuplicate`, `corpus.passageMinChars`). */
export type CompareOptions = IndexSettings & Pick<CorpusOptions, 'nearDuplicate' | 'passageMinChars'>;

/** The settings `describe` reads: `site.permalink` and `site.baseUrl`. */
export type DescribeOptions = Pick<SiteOptions, 'permalink' | 'baseUrl'>;

/** The index options of these settings. */
export function indexOptions(settings: IndexSettings): Partial<IndexOptions> {
  return {
    shingle: settings.shingle,
    passageMinChunkChars: settings.passageMinChunkChars,
    passageMaxPosts: settings.passageMaxPosts,
    ...(settings.permalink ? { permalink: settings.permalink } : {}),
  };
}

/** The index options the config asks for (for the callers that build an index themselves: the App, the audit, `--site`). */
export function indexOptionsFor(config: Config): Partial<IndexOptions> {
  return indexOptions({ ...config.corpus, permalink: config.site.permalink });
}

function sameOptions(index: CorpusIndex, wanted: Partial<IndexOptions>): boolean {
  return Object.entries(wanted).every(([k, v]) => index.options[k as keyof IndexOptions] === v);
}

function analysisFor(corpus: Corpus, settings: IndexSettings): Analysis {
  const wanted = indexOptions(settings);
  const key = JSON.stringify(wanted);
  const perRepo = corpus.memo.get(ANALYSES, [], () => new Map());
  let analysis = perRepo.get(key);
  if (!analysis) {
    const byPath = new Map<string, PostSummary>();
    for (const summary of corpus.summaries()) byPath.set(summary.path, summary);
    // A corpus that keeps its own index (history audit, App) is not re-indexed per check.
    const provided = hasCorpusIndex(corpus) ? corpus.corpusIndex() : undefined;
    const index = provided && sameOptions(provided, wanted) ? provided : new CorpusIndex(wanted);
    if (index !== provided) {
      for (const summary of byPath.values()) {
        if (!summary.indexable) continue;
        index.addBlob(summary.path, summary.blobSha(), () => summary.blobText());
      }
    }
    analysis = {
      index,
      byPath,
      results: new WeakMap(),
      sets: new Lru<string, Uint32Array>(SET_BYTES, (set) => set.byteLength),
      similarities: new Lru(SIMILARITIES),
      published: { checked: new WeakMap(), others: new Map() },
    };
    perRepo.set(key, analysis);
  }
  return analysis;
}

export { blobText };

/** The post compared with every other post of the corpus (memoised). */
export function compare(post: Post, corpus: Corpus, options: CompareOptions): { result: QueryResult; analysis: Analysis } {
  const analysis = analysisFor(corpus, options);
  let result = analysis.results.get(post);
  if (!result) {
    result = analysis.index.queryText(
      post.path,
      blobText(post),
      { minSimilarity: Math.max(0, options.nearDuplicate - 0.1), passageMinChars: options.passageMinChars },
      blobSha(post),
    );
    analysis.results.set(post, result);
  }
  return { result, analysis };
}

/** The post's normalised body length, from the features its comparison computed (not normalised again). */
export function normalizedChars(analysis: Analysis, post: Post): number {
  return analysis.index.featuresOf(blobText(post), blobSha(post)).chars;
}

/** Exact Jaccard of two posts' shingle sets, to confirm an index estimate before reporting it. */
export function exactSimilarity(analysis: Analysis, a: Post, otherPath: string, shingle: number): number | undefined {
  const b = analysis.byPath.get(otherPath);
  if (!b) return undefined;
  const mine = blobSha(a);
  const theirs = b.blobSha();
  // Jaccard is symmetric (and a function of the two contents): one entry for both orders.
  const key = mine < theirs ? `${shingle}:${mine}:${theirs}` : `${shingle}:${theirs}:${mine}`;
  let similarity = analysis.similarities.get(key);
  if (similarity === undefined) {
    // The checked post's set from its text in memory; the other's from its text read again only when not kept.
    similarity = exactJaccard(setOf(analysis, shingle, mine, () => blobText(a)), setOf(analysis, shingle, theirs, () => b.blobText()));
    analysis.similarities.set(key, similarity);
  }
  return similarity;
}

/** The shingle set of the blob `sha` (whose text `text()` gives), kept by the analysis's cache. */
function setOf(analysis: Analysis, shingle: number, sha: string, text: () => string): Uint32Array {
  const key = `${shingle}:${sha}`;
  let set = analysis.sets.get(key);
  if (!set) analysis.sets.set(key, (set = textShingleSet(normalizedBody(text()), shingle)));
  return set;
}

/** The other post as a place to point at: its title line, else line 1. */
export function relatedPost(analysis: Analysis, path: string, label: string): RelatedLocation {
  const other = analysis.byPath.get(path);
  const line = other?.titleLine ?? 1;
  return { path, line, endLine: line, label };
}

/** `path` (and its URL when the site config gives a permalink pattern). */
export function describe(analysis: Analysis, path: string, options: DescribeOptions): string {
  if (!options.permalink) return path;
  const other = analysis.byPath.get(path);
  if (!other) return path;
  const url = analysis.index.urlOf(path, analysis.index.featuresOf(other.blobText(), other.blobSha()));
  return `${path} (${absoluteUrl(url, options.baseUrl)})`;
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The front-matter title of another post ('' when none), from the post or from its index features. */
export function otherTitle(analysis: Analysis, path: string): string {
  const other = analysis.byPath.get(path);
  const title = other ? other.data?.['title'] : analysis.index.featuresAt(path)?.meta.title;
  return typeof title === 'string' ? title : '';
}

/**
 * Whether `post` and the post at `otherPath` are alike by design: one series (release notes of two
 * versions, two issues of a magazine: see `corpus/series.ts`) or one article in two languages (names,
 * URLs and code are what a translation shares with its original).
 */
export function seriesOrTranslation(analysis: Analysis, post: Post, otherPath: string): boolean {
  const other = analysis.byPath.get(otherPath);
  if (other && other.language !== post.language) return true;
  const title = post.frontMatter?.data['title'];
  if (typeof title !== 'string') return false;
  const theirs = otherTitle(analysis, otherPath);
  // A page of tables and names reads as English in either language; its title still says which it is.
  if (theirs !== '' && hasCjk(title) !== hasCjk(theirs)) return true;
  if (!analysis.series) {
    const series = new SeriesIndex();
    for (const key of analysis.index.titleKeys()) series.add(key);
    analysis.series = series;
  }
  return analysis.series.sameSeries(title, theirs);
}

/**
 * `post` compared in time with the post at `otherPath`: negative when `post` was published first,
 * positive when after, 0 at the same moment or when either date is unknown. The later of two similar
 * posts is the repeat; the earlier one is the original and is not reported.
 */
export function publishedOrder(analysis: Analysis, post: Post, otherPath: string): number {
  const { checked, others } = analysis.published;
  let mine = checked.get(post);
  if (mine === undefined) checked.set(post, (mine = publishedAt(post.path, post.frontMatter?.data)));
  let theirs = others.get(otherPath);
  if (theirs === undefined) {
    const other = analysis.byPath.get(otherPath);
    const meta = analysis.index.featuresAt(otherPath)?.meta;
    others.set(otherPath, (theirs = publishedAt(otherPath, other?.data ?? (meta?.date !== undefined ? { date: meta.date } : undefined))));
  }
  if (mine === null || theirs === null) return 0;
  return Math.sign(mine - theirs);
}

/**
 * A summary (`excerpt`) shared by more other posts than this is a template (`…について詳しく解説します。`
 * on every post), not a topic.
 */
export const MAX_TOPIC_SHARING = 2;
