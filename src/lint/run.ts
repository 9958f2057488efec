import { readFileSync, statSync } from 'node:fs';
import type { Config } from '../config/schema.js';
import { parsePostBytes, postBlobText } from '../post/parse.js';
import type { Post } from '../post/post.js';
import { allRules } from '../rules/index.js';
import { checkPost } from './check.js';
import type { Finding } from '../core/finding.js';
import { type Corpus } from '../analysis/corpus/corpus.js';
import { InMemoryCorpus } from '../analysis/corpus/summary.js';
import { checkedPost, type CheckedPost, type SiteContext } from '../analysis/site/context.js';
import type { Rule } from '../rules/rule.js';
import type { Slices } from './slices.js';

export interface RunResult {
  findings: Finding[];
  posts: Post[];
}

/**
 * The git blob SHA of a file's bytes as an earlier read of the run hashed them (the site's), with the size
 * and mtime the file had then: a read that finds the file so takes the SHA instead of hashing the bytes again.
 */
export interface KnownBlob {
  size: number;
  mtime: number;
  sha: string;
}

export const MAX_READ_BYTES = 64 * 1024 * 1024;

/** Reads one file into a post; an unreadable file becomes a post whose only content is the problem. */
export function readPost(path: string, displayPath = path, known?: KnownBlob): Post {
  try {
    const { size, mtimeMs } = statSync(path);
    if (size > MAX_READ_BYTES) {
      // Not even read into memory: the parser reports it as too large from its size alone.
      return parsePostBytes(displayPath, new Uint8Array(0), { declaredSize: size });
    }
    // The file as the earlier read found it (size and mtime, as every cache of the CLI keys a file): its SHA is known.
    const unchanged = known !== undefined && known.size === size && known.mtime === mtimeMs;
    return parsePostBytes(displayPath, readFileSync(path), unchanged ? { blobSha: known.sha } : {});
  } catch (error) {
    const post = parsePostBytes(displayPath, new Uint8Array());
    post.problems.splice(0, post.problems.length, {
      kind: 'binary',
      line: 1,
      message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    });
    return post;
  }
}

/** The text `readPost(path)` gives its post (BOM included), read again without parsing it. */
export function readBlobText(path: string): string {
  try {
    const size = statSync(path).size;
    return size > MAX_READ_BYTES ? '' : postBlobText(readFileSync(path));
  } catch {
    return '';
  }
}

/**
 * Checks posts against each other and the other posts of the site: the shared path for the CLI, the
 * benchmarks and tests. Given as a list, the corpus is completed with the checked posts, so cross-post
 * rules see both.
 */
export function checkPosts(
  posts: Post[],
  config: Config,
  corpus: Post[] | Corpus = [],
  rules: readonly Rule[] = allRules,
  onPost?: (done: number, total: number) => void,
  site?: (checked: readonly CheckedPost[]) => SiteContext,
): RunResult {
  const against = Array.isArray(corpus) ? new InMemoryCorpus([...corpus, ...posts]) : corpus;
  const siteContext = site?.(posts.map(checkedPost));
  const findings: Finding[] = [];
  for (const [i, post] of posts.entries()) {
    findings.push(...checkPost(post, { config, rules, corpus: against, ...(siteContext ? { site: siteContext } : {}) }));
    // Its findings are settled: its analyses go (a whole site's would be the largest part of the heap).
    post.memo.clear();
    onPost?.(i + 1, posts.length);
  }
  return { findings, posts };
}

/** `checkPosts` against each other only, letting the event loop run between posts (`Slices`). */
export async function checkPostsInSlices(posts: Post[], config: Config, slices: Slices): Promise<Finding[]> {
  const corpus = new InMemoryCorpus(posts);
  const findings: Finding[] = [];
  for (const post of posts) {
    await slices.next();
    findings.push(...checkPost(post, { config, rules: allRules, corpus }));
  }
  return findings;
}
