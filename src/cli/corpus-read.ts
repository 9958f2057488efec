import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Corpus, PostSummary } from '../analysis/corpus/corpus.js';
import { indexOptionsFor } from '../analysis/corpus/compare.js';
import { extractFeatures, type DocFeatures } from '../analysis/corpus/features.js';
import { CorpusIndex } from '../analysis/corpus/index.js';
import { IndexedSummaries } from '../analysis/corpus/indexed-posts.js';
import { storeNamespace } from '../analysis/corpus/store.js';
import { summarizePost } from '../analysis/corpus/summary.js';
import { defaultCacheDir } from '../core/cache-dir.js';
import { readPost } from '../lint/run.js';
import { restoreSummary, SummaryFile } from './summary-file.js';
import { displayPath, postsBelow } from './files.js';

/**
 * `--corpus DIR`: the posts of a folder that are only context for the checked ones. Each is summarised
 * (`PostSummary`: what the cross-post rules read of it) and indexed (its features, by git blob SHA). Both
 * are kept between runs in one `SummaryFile` per folder (by path, with the file's size and mtime): a warm
 * run stats every post, reads the cache and parses only the posts that changed, instead of building every
 * post's model to summarise it (3.6 s of CPU for one post checked against the 1,176 posts of the site
 * bundle's head, every run).
 */
export interface CorpusDirectoryOptions {
  /** Display paths are relative to it (as the checked posts'). */
  cwd: string;
  config: Config;
  /** Display paths of posts not to take in (the checked ones: they are read once, as checked posts). */
  excluded: ReadonlySet<string>;
  env?: NodeJS.ProcessEnv;
  /** Neither read nor write the cache. */
  noCache?: boolean;
}

export interface CorpusDirectory {
  /** The folder's posts in listing order, without the excluded ones. */
  readonly summaries: readonly PostSummary[];
  /** The corpus for one check: these posts but the checked ones, then the checked ones, with an index of all. */
  corpus(checked: readonly PostSummary[]): Corpus;
  /** Posts taken from the cache and posts read (for tests and benchmarks). */
  readonly stats: { cached: number; read: number };
}

/** Reads the posts below `dir` as a corpus, from the cache where they have not changed. */
export function readCorpusDirectory(dir: string, options: CorpusDirectoryOptions): CorpusDirectory {
  const indexOptions = indexOptionsFor(options.config);
  const featureOptions = new CorpusIndex(indexOptions).options;
  const file = join(
    defaultCacheDir(options.env ?? process.env),
    `corpus-${createHash('sha1').update(dir).digest('hex').slice(0, 16)}-${storeNamespace(featureOptions)}.bin`,
  );
  const cache = new SummaryFile(file, options.noCache);
  const summaries: PostSummary[] = [];
  const features = new Map<PostSummary, { sha: string; features: DocFeatures }>();
  const stats = { cached: 0, read: 0 };
  for (const absolute of postsBelow(dir)) {
    const shown = displayPath(absolute, options.cwd);
    const key = relative(dir, absolute);
    if (options.excluded.has(shown)) {
      // Checked this time (read as a checked post), context another time: its entry stays.
      cache.keep(key);
      continue;
    }
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    const hit = stat && cache.lookup(key, stat);
    if (hit?.indexed) {
      const summary = restoreSummary(hit, shown, absolute);
      summaries.push(summary);
      features.set(summary, hit.indexed);
      stats.cached++;
      continue;
    }
    // A post read as before this cache existed: parsed, summarised, its text kept with the summary.
    const summary = summarizePost(readPost(absolute, shown));
    summaries.push(summary);
    stats.read++;
    if (!stat || !summary.indexable) continue;
    const indexed = { sha: summary.blobSha(), features: extractFeatures(summary.blobText(), featureOptions) };
    features.set(summary, indexed);
    cache.remember(key, stat, summary, indexed);
  }
  cache.save();
  return {
    summaries,
    stats,
    corpus(checked) {
      const checkedPaths = new Set(checked.map((summary) => summary.path));
      // The order `compare` indexes an in-memory corpus in: its posts, then the checked ones (`InMemoryCorpus`).
      const all = [...summaries.filter((summary) => !checkedPaths.has(summary.path)), ...checked];
      const index = new CorpusIndex(indexOptions);
      for (const summary of all) {
        if (!summary.indexable) continue;
        const known = features.get(summary);
        if (known) index.addFeatures(summary.path, known.sha, known.features);
        else index.addText(summary.path, summary.blobText(), summary.blobSha());
      }
      return new IndexedSummaries(all, index);
    },
  };
}
