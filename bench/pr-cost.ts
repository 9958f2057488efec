/**
 * PR cost: GitHub requests and wall time for a 5-post pull request, on a cold index (no store) and on a
 * warm one (features persisted by the previous run), against a `PostSource` — the three GitHub calls the
 * App makes. Here the source is the local clone of the corpus, counting requests and bytes as the API
 * would; the App (issue 5) wires the same interface to Octokit and its tests to the fake GitHub server.
 *
 *   npm run bench:pr [-- --clone /tmp/ai-blog-corpus]
 *   npm run bench:pr -- --fake [--base 1176]   the App itself (Probot, OctokitClient, queue) on the fake
 *                                              GitHub server: a 5-post PR against a base branch of that many real posts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../src/config/load.js';
import { CorpusIndex, type IndexedCorpus, type TreeEntry } from '../src/analysis/corpus/index.js';
import { FileStore, storeNamespace } from '../src/analysis/corpus/store.js';
import { checkPost } from '../src/lint/check.js';
import type { Corpus, PostSummary } from '../src/analysis/corpus/corpus.js';
import { summarizePost } from '../src/analysis/corpus/summary.js';
import { Memo } from '../src/core/memo.js';
import { parsePost } from '../src/post/parse.js';
import type { Post } from '../src/post/post.js';
import { allRules } from '../src/rules/index.js';
import { indexOptionsFor } from '../src/analysis/corpus/compare.js';

/** What the App needs from GitHub to index the base branch. */
export interface PostSource {
  /** One request: GET /repos/{owner}/{repo}/git/trees/{base}?recursive=1, filtered to posts. */
  tree(ref: string): Promise<TreeEntry[]>;
  /** GraphQL `object(oid:) { ... on Blob { text } }`, 100 blobs per query. */
  blobTexts(shas: string[]): Promise<Map<string, string>>;
  /** One request: GET /repos/{owner}/{repo}/tarball/{ref} (cold start alternative). */
  tarball(ref: string): Promise<Map<string, string>>;
}

export interface Cost {
  requests: number;
  bytes: number;
}

const GRAPHQL_BATCH = 100;

class LocalGitSource implements PostSource {
  cost: Cost = { requests: 0, bytes: 0 };
  constructor(private readonly repo: string) {}
  private git(args: string[], input?: string): Buffer {
    return execFileSync('git', ['-C', this.repo, ...args], { maxBuffer: 1 << 30, ...(input ? { input } : {}) });
  }
  async tree(ref: string): Promise<TreeEntry[]> {
    const out = this.git(['ls-tree', '-r', '-z', '--long', ref]);
    this.cost.requests++;
    this.cost.bytes += out.length;
    return out
      .toString()
      .split('\0')
      .filter(Boolean)
      .map((l) => {
        const tab = l.indexOf('\t');
        return { path: l.slice(tab + 1), blobSha: l.split(/\s+/)[2]! };
      })
      .filter((e) => /^_posts\/.+\.(md|markdown)$/.test(e.path));
  }
  async blobTexts(shas: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < shas.length; i += GRAPHQL_BATCH) {
      const batch = shas.slice(i, i + GRAPHQL_BATCH);
      this.cost.requests++;
      const buf = this.git(['cat-file', '--batch'], `${batch.join('\n')}\n`);
      for (let pos = 0; pos < buf.length; ) {
        const nl = buf.indexOf(10, pos);
        const [sha, , size] = buf.subarray(pos, nl).toString().split(' ');
        const text = buf.subarray(nl + 1, nl + 1 + Number(size)).toString('utf8');
        this.cost.bytes += Number(size);
        out.set(sha!, text);
        pos = nl + 1 + Number(size) + 1;
      }
    }
    return out;
  }
  async tarball(ref: string): Promise<Map<string, string>> {
    this.cost.requests++;
    this.cost.bytes += this.git(['archive', '--format=tar.gz', ref]).length;
    // Content as the tarball would give it (unpacking is not the cost being measured).
    const counted = { ...this.cost };
    const entries = await this.tree(ref);
    const texts = await this.blobTexts(entries.map((e) => e.blobSha));
    this.cost = counted; // part of the tarball already counted, not requests of their own
    return new Map(entries.map((e) => [e.blobSha, texts.get(e.blobSha)!]));
  }
}

class PrCorpus implements Corpus, IndexedCorpus {
  readonly memo = new Memo();
  constructor(
    private readonly index: CorpusIndex,
    private readonly changed: Post[],
  ) {}
  // Cross-post rules read the index; other rules that iterate posts see only the PR's posts here.
  summaries(): Iterable<PostSummary> {
    return this.changed.map((post) => summarizePost(post));
  }
  get size(): number {
    return this.index.size;
  }
  corpusIndex(): CorpusIndex {
    return this.index;
  }
}

const { values } = parseArgs({ options: { clone: { type: 'string', default: '/tmp/ai-blog-corpus' }, fake: { type: 'boolean', default: false }, base: { type: 'string' } } });
const clone = values.clone!;
if (!existsSync(clone)) execFileSync('git', ['clone', '-q', join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'ai-blog-system-posts.bundle'), clone]);
if (values.fake) {
  const { fakeGitHubPrCost } = await import('./pr-cost-fake.js');
  await fakeGitHubPrCost(clone, values.base === undefined ? undefined : Number(values.base));
  process.exit(0);
}
const config = defaultConfig();
const options = indexOptionsFor(config);
const storeDir = mkdtempSync(join(tmpdir(), 'er-prcost-'));

// The PR: five new posts (real posts of the blog under new names; one a verbatim republication).
const source0 = new LocalGitSource(clone);
const baseTree = await source0.tree('HEAD');
const sample = [baseTree[10]!, baseTree[300]!, baseTree[600]!, baseTree[900]!, baseTree[1100]!];
const sampleTexts = await source0.blobTexts(sample.map((e) => e.blobSha));
const prPosts = sample.map((e, i) => {
  const text = sampleTexts.get(e.blobSha)!;
  return parsePost(`_posts/2025-12-0${i + 1}-pr-post-${i}.md`, i === 0 ? text : text.replace(/^title: .*$/m, `title: "PR post ${i}"`));
});

async function run(label: string, strategy: 'graphql' | 'tarball', withStore: boolean, ref = 'HEAD'): Promise<void> {
  const source = new LocalGitSource(clone);
  const t0 = performance.now();
  const store = withStore ? new FileStore(storeDir, storeNamespace({ shingle: options.shingle!, signatureSize: 128, passageMinChunkChars: options.passageMinChunkChars! })) : undefined;
  const index = new CorpusIndex(options, store);
  const entries = await source.tree(ref);
  let tarball: Map<string, string> | undefined;
  const sync = await index.sync(entries, async (shas) => {
    if (strategy === 'tarball') return (tarball ??= await source.tarball(ref));
    return source.blobTexts(shas);
  });
  const t1 = performance.now();
  const corpus = new PrCorpus(index, prPosts);
  let findings = 0;
  let crossPost = 0;
  for (const post of prPosts) {
    const f = checkPost(post, { config, rules: allRules, corpus });
    findings += f.length;
    crossPost += f.filter((x) => x.rule.startsWith('repository/')).length;
  }
  const t2 = performance.now();
  console.log(
    `${label.padEnd(34)} requests ${String(source.cost.requests).padStart(3)}, ${(source.cost.bytes / 2 ** 20).toFixed(1).padStart(5)} MB, blobs read ${String(sync.loaded).padStart(4)}, from store ${String(sync.fromStore).padStart(4)}; index ${((t1 - t0) / 1000).toFixed(2)} s + check ${((t2 - t1) / 1000).toFixed(2)} s; ${findings} findings (${crossPost} cross-post)`,
  );
}

console.log(`base: ${baseTree.length} posts; PR: 5 new posts (one republishes ${sample[0]!.path})`);
await run('cold, GraphQL blobs (100/query)', 'graphql', false);
await run('cold, tarball', 'tarball', false);
await run('cold, GraphQL, fills the file store', 'graphql', true);
await run('warm (file store), same base', 'graphql', true);
await run('warm, base 20 commits older', 'graphql', true, 'HEAD~20');
rmSync(storeDir, { recursive: true, force: true });
