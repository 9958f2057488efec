import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type DocFeatures, type FeatureOptions } from './features.js';
import { fmix32 } from '../../text/hash.js';
import { gitBlobSha } from './hash.js';
import { estimateSimilarity, EMPTY_BIN } from './minhash.js';
import { DEFAULT_PERMALINK, permalinkOf } from './permalink.js';
import type { IndexStore } from './store.js';
import { normalizeForComparison } from '../../text/normalize.js';

/**
 * The cross-post index: content-addressed (features are keyed by the git blob SHA, so an unchanged post
 * is never re-read or re-hashed), with
 *  - LSH banding over MinHash signatures for near-duplicate posts (`bands` × `signatureSize/bands` rows;
 *    with 32 × 4 a pair at Jaccard 0.7 becomes a candidate with probability 0.9998, at 0.5 0.87),
 *  - an inverted index of long-chunk fingerprints for shared verbatim passages,
 *  - title and permalink maps for duplicate titles and URLs.
 *
 * API for the App (issue 5):
 *   const index = new CorpusIndex(options, openStore());     // file store, or Redis when REDIS_URL is set
 *   await index.sync(treeEntries, loadBlobTexts);             // [{path, blobSha}] of the base branch's posts
 *   const result = index.query(path, extractFeatures(text));  // or index.queryText(path, text)
 * `sync` asks `loadText` only for blobs neither in memory nor in the store, once per SHA.
 */
export interface IndexOptions extends FeatureOptions {
  /** LSH bands; `signatureSize` must be a multiple. */
  bands: number;
  /** Site permalink pattern or Jekyll style name (default `date`). */
  permalink: string;
  /** A chunk found in more posts than this is boilerplate (a template footer), not reuse. */
  passageMaxPosts: number;
}

export const DEFAULT_INDEX_OPTIONS: IndexOptions = {
  ...DEFAULT_FEATURE_OPTIONS,
  bands: 32,
  permalink: DEFAULT_PERMALINK,
  passageMaxPosts: 10,
};

/**
 * A Corpus that maintains its own index incrementally (the history audit, the App): the cross-post
 * rules use it instead of building one from `summaries()`. `options` must be what `indexOptionsFor(config)`
 * gives, else the rules build their own.
 */
export interface IndexedCorpus {
  corpusIndex(): CorpusIndex;
}

export function hasCorpusIndex(corpus: object): corpus is IndexedCorpus {
  return typeof (corpus as Partial<IndexedCorpus>).corpusIndex === 'function';
}

export interface TreeEntry {
  path: string;
  blobSha: string;
}

export interface SyncResult {
  added: number;
  removed: number;
  /** Blobs whose features came from the persistent store. */
  fromStore: number;
  /** Blobs whose text had to be loaded (what costs API requests in the App). */
  loaded: number;
  /** SHAs `loadText` did not return. */
  missing: string[];
}

export interface NearDuplicate {
  path: string;
  /** Estimated Jaccard similarity of the character shingles (±0.04 at 128 bins). */
  similarity: number;
}

export interface SharedPassage {
  path: string;
  line: number;
  endLine: number;
  otherLine: number;
  otherEndLine: number;
  /** Normalised characters shared. */
  chars: number;
}

export interface QueryResult {
  url: string;
  nearDuplicates: NearDuplicate[];
  passages: SharedPassage[];
  sameTitle: string[];
  /** Other posts whose summary (`excerpt`/`description`) is the same, once normalised. */
  sameExcerpt: string[];
  samePermalink: string[];
}

export interface QueryOptions {
  /** Estimated similarity at or above which a candidate is returned. */
  minSimilarity?: number;
  /** A passage is returned when its chunks total at least this many normalised characters. */
  passageMinChars?: number;
}

interface Slot {
  path: string;
  sha: string;
  features: DocFeatures;
  alive: boolean;
}

/** Bucket maps hold one slot as a number and several as an array (most buckets hold one post). */
type Buckets = Map<number, number | number[]>;

const MAX_CHUNKS = 2048;
/**
 * Queries answered by scanning the posts added since the last query-table build, before the tables are
 * built: one post checked inside a site compares with 2,500 posts in a few milliseconds by scanning, where
 * filling the LSH and passage tables costs ~0.2 s. The App's long-lived index crosses this soon and keeps
 * its tables.
 */
const SCANNED_QUERIES = 16;
const KEY_MASK = 0x3fffffff; // small integers stay unboxed Map keys in V8
/** `groupsOf` compares every pair of an LSH bucket up to this many posts, and only its first with the others above. */
const MAX_BUCKET_PAIRS = 16;

/** A summary compared as text: normalised, '' when absent. */
function excerptKey(excerpt: string | undefined): string {
  return excerpt ? normalizeForComparison(excerpt) : '';
}

function bucketAdd(map: Buckets, key: number, value: number): void {
  const current = map.get(key);
  if (current === undefined) map.set(key, value);
  else if (typeof current === 'number') map.set(key, [current, value]);
  else current.push(value);
}

function listAdd<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function listRemove<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

export class CorpusIndex {
  readonly options: IndexOptions;
  private readonly byPath = new Map<string, number>();
  private readonly slots: Slot[] = [];
  private readonly features = new Map<string, DocFeatures>();
  private readonly bands: Buckets[];
  private readonly rows: number;
  private readonly chunks: Buckets = new Map();
  private readonly titles = new Map<string, number[]>();
  private readonly excerpts = new Map<string, number[]>();
  private readonly urls = new Map<string, number[]>();
  /** Per slot, `bands` keys of its signature (`slotBandKey`; -1: not worked out yet). */
  private slotBandKeys = new Int32Array(0);
  /** Slots below this are in `bands` and `chunks`; later ones are scanned by queries until the tables are built. */
  private tabledSlots = 0;
  private queries = 0;
  /** Counters of work done, for benchmarks and the App's cost report. */
  readonly stats = { featuresComputed: 0, textsLoaded: 0, storeHits: 0 };

  constructor(
    options: Partial<IndexOptions> = {},
    private readonly store?: IndexStore,
  ) {
    this.options = { ...DEFAULT_INDEX_OPTIONS, ...options };
    const { signatureSize, bands } = this.options;
    if (signatureSize % bands !== 0) throw new RangeError(`signatureSize ${signatureSize} is not a multiple of bands ${bands}`);
    this.rows = signatureSize / bands;
    this.bands = Array.from({ length: bands }, () => new Map());
  }

  /** Posts indexed. */
  get size(): number {
    return this.byPath.size;
  }

  has(path: string, sha?: string): boolean {
    const slot = this.byPath.get(path);
    return slot !== undefined && (sha === undefined || this.slots[slot]!.sha === sha);
  }

  /** Features of an indexed post. */
  featuresAt(path: string): DocFeatures | undefined {
    const slot = this.byPath.get(path);
    return slot === undefined ? undefined : this.slots[slot]!.features;
  }

  /** Features of a text, computed once per blob SHA. */
  featuresOf(text: string, sha: string = gitBlobSha(text)): DocFeatures {
    let f = this.features.get(sha);
    if (!f) {
      f = extractFeatures(text, this.options);
      this.stats.featuresComputed++;
      this.features.set(sha, f);
    }
    return f;
  }

  /** Features of the blob `sha` made elsewhere with these options (a worker thread's): `featuresOf` and `addBlob` then take them. */
  rememberFeatures(sha: string, features: DocFeatures): void {
    if (!this.features.has(sha)) this.features.set(sha, features);
  }

  /** The posts indexed, in the order they were added: adding them to a new index with these options rebuilds this one (a worker thread's copy). */
  entries(): { path: string; sha: string; features: DocFeatures }[] {
    return this.slots.filter((slot) => slot.alive).map(({ path, sha, features }) => ({ path, sha, features }));
  }

  /** Adds (or replaces) one post from its text. */
  addText(path: string, text: string, sha: string = gitBlobSha(text)): DocFeatures {
    return this.addBlob(path, sha, () => text);
  }

  /** Adds (or replaces) one post by its blob SHA; its text is read (`text()`) only when the features of that blob are not known. */
  addBlob(path: string, sha: string, text: () => string): DocFeatures {
    const f = this.features.get(sha) ?? this.featuresOf(text(), sha);
    this.addFeatures(path, sha, f);
    return f;
  }

  /** Adds (or replaces) one post; `url` is `urlOf(path, features)` when the caller has it already (the CLI's site cache). */
  addFeatures(path: string, sha: string, features: DocFeatures, url: string = this.urlOf(path, features)): void {
    if (this.has(path, sha)) return;
    this.remove(path);
    this.features.set(sha, features);
    const slot = this.slots.length;
    this.slots.push({ path, sha, features, alive: true });
    this.byPath.set(path, slot);
    if (features.titleKey) listAdd(this.titles, features.titleKey, slot);
    const excerpt = excerptKey(features.meta.excerpt);
    if (excerpt) listAdd(this.excerpts, excerpt, slot);
    listAdd(this.urls, url, slot);
  }

  /** Puts the LSH bands and passage fingerprints of the posts added since the last build into the query tables (done by the queries after the first SCANNED_QUERIES). */
  buildTables(): void {
    for (let slot = this.tabledSlots; slot < this.slots.length; slot++) {
      const { features } = this.slots[slot]!;
      const sig = features.signature;
      if (this.hasSignature(sig)) {
        for (let b = 0; b < this.bands.length; b++) bucketAdd(this.bands[b]!, this.slotBandKey(slot, b), slot);
      }
      const p = features.passages;
      for (let i = 0, c = 0; i + 4 < p.length && c < MAX_CHUNKS; i += 5, c++) {
        bucketAdd(this.chunks, p[i]! & KEY_MASK, slot * MAX_CHUNKS + c);
      }
    }
    this.tabledSlots = this.slots.length;
  }

  /**
   * Builds the query tables now when `queries` queries are to come (more than SCANNED_QUERIES: the posts of
   * a check compared with each other). Each query scanning the whole index before the tables cost more than
   * the tables: the large corpus's 2,778 posts, all queried, ~600 ms with the first 16 queries scanning against
   * ~250 ms with the tables built first, in each thread. The answers are the same (`query`).
   */
  expectQueries(queries: number): void {
    if (queries > SCANNED_QUERIES) this.buildTables();
  }

  /** Whether every post is in the query tables: a copy of this index (a worker's) builds them too. */
  get tabled(): boolean {
    return this.slots.length > 0 && this.tabledSlots === this.slots.length;
  }

  private hasSignature(sig: Uint32Array): boolean {
    return sig.length === this.options.signatureSize && sig[0] !== EMPTY_BIN;
  }

  remove(path: string): boolean {
    const slot = this.byPath.get(path);
    if (slot === undefined) return false;
    const s = this.slots[slot]!;
    s.alive = false;
    this.byPath.delete(path);
    if (s.features.titleKey) listRemove(this.titles, s.features.titleKey, slot);
    const excerpt = excerptKey(s.features.meta.excerpt);
    if (excerpt) listRemove(this.excerpts, excerpt, slot);
    listRemove(this.urls, this.urlOf(path, s.features), slot);
    // LSH and chunk postings keep the dead slot; queries skip it.
    return true;
  }

  urlOf(path: string, features: DocFeatures): string {
    return permalinkOf(path, features.meta, this.options.permalink);
  }

  /**
   * Makes the index hold exactly `entries` (the base branch's posts). Features come from memory, then
   * the store, and only then from `loadText`, called once with every SHA still unknown.
   */
  async sync(entries: readonly TreeEntry[], loadText: (shas: string[]) => Promise<Map<string, string>>): Promise<SyncResult> {
    const wanted = new Map(entries.map((e) => [e.path, e.blobSha]));
    let removed = 0;
    for (const [path, slot] of [...this.byPath]) {
      if (wanted.get(path) !== this.slots[slot]!.sha && this.remove(path)) removed++;
    }
    const unknown = [...new Set(entries.filter((e) => !this.has(e.path, e.blobSha) && !this.features.has(e.blobSha)).map((e) => e.blobSha))];
    let fromStore = 0;
    let stillUnknown = unknown;
    if (this.store && unknown.length > 0) {
      const got = await this.store.get(unknown);
      for (const [sha, f] of got) this.features.set(sha, f);
      fromStore = got.size;
      this.stats.storeHits += got.size;
      stillUnknown = unknown.filter((sha) => !got.has(sha));
    }
    const missing: string[] = [];
    let loaded = 0;
    if (stillUnknown.length > 0) {
      const texts = await loadText(stillUnknown);
      const fresh = new Map<string, DocFeatures>();
      for (const sha of stillUnknown) {
        const text = texts.get(sha);
        if (text === undefined) {
          missing.push(sha);
          continue;
        }
        loaded++;
        this.stats.textsLoaded++;
        fresh.set(sha, this.featuresOf(text, sha));
      }
      if (this.store && fresh.size > 0) await this.store.put(fresh);
    }
    let added = 0;
    for (const { path, blobSha } of entries) {
      if (this.has(path, blobSha)) continue;
      const f = this.features.get(blobSha);
      if (!f) continue;
      this.addFeatures(path, blobSha, f);
      added++;
    }
    return { added, removed, fromStore, loaded, missing };
  }

  /** Compares a post (indexed or not) with every other indexed post; `path` itself is skipped. */
  query(path: string, features: DocFeatures, options: QueryOptions = {}): QueryResult {
    const minSimilarity = options.minSimilarity ?? 0.5;
    const passageMinChars = options.passageMinChars ?? 300;
    const self = this.byPath.get(path);
    const skip = (slot: number): boolean => slot === self || !this.slots[slot]!.alive || this.slots[slot]!.path === path;
    if (++this.queries > SCANNED_QUERIES) this.buildTables();
    // Slots not in the tables yet, scanned with the tables' own rules (same candidates, same order).
    const scanFrom = this.tabledSlots;

    // Near duplicates: LSH candidates (a post sharing one band), verified on the whole signature.
    const nearDuplicates: NearDuplicate[] = [];
    const sig = features.signature;
    if (this.hasSignature(sig)) {
      const seen = new Set<number>();
      const keys = new Int32Array(this.bands.length);
      for (let b = 0; b < keys.length; b++) keys[b] = this.bandKey(sig, b);
      const consider = (slot: number): void => {
        if (seen.has(slot) || skip(slot)) return;
        seen.add(slot);
        const similarity = estimateSimilarity(sig, this.slots[slot]!.features.signature);
        if (similarity >= minSimilarity) nearDuplicates.push({ path: this.slots[slot]!.path, similarity });
      };
      for (let b = 0; b < keys.length; b++) {
        const bucket = this.bands[b]!.get(keys[b]!);
        if (bucket === undefined) continue;
        if (typeof bucket === 'number') consider(bucket);
        else for (let k = 0; k < bucket.length; k++) consider(bucket[k]!);
      }
      for (let slot = scanFrom; slot < this.slots.length; slot++) {
        const theirs = this.slots[slot]!.features.signature;
        if (!this.hasSignature(theirs)) continue;
        for (let b = 0; b < keys.length; b++) {
          if (this.slotBandKey(slot, b) === keys[b]) {
            consider(slot);
            break;
          }
        }
      }
    }
    nearDuplicates.sort((a, b) => b.similarity - a.similarity || a.path.localeCompare(b.path));

    // Shared passages: chunks with equal fingerprints, grouped into runs per other post.
    const matches = new Map<number, { mine: number; theirs: number }[]>();
    const p = features.passages;
    const scanned = this.scanChunks(p, scanFrom);
    for (let i = 0, c = 0; i + 4 < p.length && c < MAX_CHUNKS; i += 5, c++) {
      const key = p[i]! & KEY_MASK;
      const bucket = this.chunks.get(key);
      const extra = scanned.get(key);
      // The tabled postings, then the scanned ones.
      const tabled = bucket === undefined ? 0 : typeof bucket === 'number' ? 1 : bucket.length;
      const count = tabled + (extra === undefined ? 0 : extra.length);
      if (count === 0) continue;
      if (count > this.options.passageMaxPosts + 1) continue; // boilerplate
      for (let k = 0; k < count; k++) {
        const code = k < tabled ? (typeof bucket === 'number' ? bucket : bucket![k]!) : extra![k - tabled]!;
        const slot = Math.floor(code / MAX_CHUNKS);
        const theirs = code % MAX_CHUNKS;
        if (skip(slot)) continue;
        const q = this.slots[slot]!.features.passages;
        if (q[theirs * 5] !== p[i] || q[theirs * 5 + 1] !== p[i + 1]) continue;
        let list = matches.get(slot);
        if (!list) matches.set(slot, (list = []));
        if (list.length === 0 || list[list.length - 1]!.mine !== c) list.push({ mine: c, theirs });
      }
    }
    const passages: SharedPassage[] = [];
    for (const [slot, list] of matches) {
      const q = this.slots[slot]!.features.passages;
      let run: { mine: number; theirs: number }[] = [];
      const close = (): void => {
        if (run.length === 0) return;
        const chars = run.reduce((sum, m) => sum + p[m.mine * 5 + 4]!, 0);
        if (chars >= passageMinChars) {
          passages.push({
            path: this.slots[slot]!.path,
            line: p[run[0]!.mine * 5 + 2]!,
            endLine: p[run[run.length - 1]!.mine * 5 + 3]!,
            otherLine: Math.min(...run.map((m) => q[m.theirs * 5 + 2]!)),
            otherEndLine: Math.max(...run.map((m) => q[m.theirs * 5 + 3]!)),
            chars,
          });
        }
        run = [];
      };
      for (const m of list) {
        if (run.length > 0 && m.mine !== run[run.length - 1]!.mine + 1) close();
        run.push(m);
      }
      close();
    }
    passages.sort((a, b) => a.line - b.line || b.chars - a.chars || a.path.localeCompare(b.path));

    const url = this.urlOf(path, features);
    const others = (slots: number[] | undefined): string[] => {
      const paths: string[] = [];
      if (slots !== undefined) for (let k = 0; k < slots.length; k++) if (!skip(slots[k]!)) paths.push(this.slots[slots[k]!]!.path);
      return paths.sort();
    };
    return {
      url,
      nearDuplicates,
      passages,
      sameTitle: features.titleKey ? others(this.titles.get(features.titleKey)) : [],
      sameExcerpt: (() => {
        const key = excerptKey(features.meta.excerpt);
        return key ? others(this.excerpts.get(key)) : [];
      })(),
      samePermalink: others(this.urls.get(url)),
    };
  }

  /**
   * The passage postings of slots from `from` on whose fingerprint key is one of `passages`' keys, as
   * `chunks` would list them (slot by slot, chunk by chunk; dead slots included, as the tables keep them).
   */
  private scanChunks(passages: Uint32Array, from: number): Map<number, number[]> {
    const out = new Map<number, number[]>();
    if (from >= this.slots.length) return out;
    const wanted = new Set<number>();
    for (let i = 0, c = 0; i + 4 < passages.length && c < MAX_CHUNKS; i += 5, c++) wanted.add(passages[i]! & KEY_MASK);
    if (wanted.size === 0) return out;
    for (let slot = from; slot < this.slots.length; slot++) {
      const q = this.slots[slot]!.features.passages;
      for (let i = 0, c = 0; i + 4 < q.length && c < MAX_CHUNKS; i += 5, c++) {
        const key = q[i]! & KEY_MASK;
        if (wanted.has(key)) listAdd(out, key, slot * MAX_CHUNKS + c);
      }
    }
    return out;
  }

  queryText(path: string, text: string, options?: QueryOptions, sha: string = gitBlobSha(text)): QueryResult {
    return this.query(path, this.featuresOf(text, sha), options);
  }

  /**
   * Groups of `paths` that the cross-post rules compare with each other, one group id per path (the
   * position of the group's first path; a path not indexed is a group of its own): posts that share an LSH
   * band with an estimated similarity of `minSimilarity` or more, or one title, or one summary, directly or
   * through other indexed posts (a title or summary shared by more than `maxShared` posts is a template,
   * not a link). The check pool hands a group to one thread: an exact similarity reads both posts' shingle
   * sets, which a thread keeps for the next pair, and a pair split over two threads is worked out twice.
   * A heuristic for scheduling only (a bucket of more than `MAX_BUCKET_PAIRS` posts is linked through its
   * first): the findings never depend on it.
   */
  groupsOf(paths: readonly string[], minSimilarity: number, maxShared = this.options.passageMaxPosts): number[] {
    this.buildTables();
    const parent = Array.from(this.slots, (_, slot) => slot);
    const root = (slot: number): number => {
      while (parent[slot] !== slot) slot = parent[slot] = parent[parent[slot]!]!;
      return slot;
    };
    const join = (a: number, b: number): void => {
      const ra = root(a);
      const rb = root(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    };
    const alive = (slot: number): boolean => this.slots[slot]!.alive;
    for (const band of this.bands) {
      for (const bucket of band.values()) {
        if (typeof bucket === 'number') continue;
        const members = bucket.filter(alive);
        const firsts = members.length > MAX_BUCKET_PAIRS ? 1 : members.length;
        for (let i = 0; i < firsts; i++) {
          const sig = this.slots[members[i]!]!.features.signature;
          for (let j = i + 1; j < members.length; j++) {
            if (root(members[i]!) === root(members[j]!)) continue;
            if (estimateSimilarity(sig, this.slots[members[j]!]!.features.signature) >= minSimilarity) join(members[i]!, members[j]!);
          }
        }
      }
    }
    for (const shared of [this.titles, this.excerpts]) {
      for (const slots of shared.values()) {
        const members = slots.filter(alive);
        if (members.length < 2 || members.length > maxShared) continue;
        for (const slot of members.slice(1)) join(members[0]!, slot);
      }
    }
    const first = new Map<number, number>();
    return paths.map((path, position) => {
      const slot = this.byPath.get(path);
      if (slot === undefined) return position;
      const group = root(slot);
      const known = first.get(group);
      if (known !== undefined) return known;
      first.set(group, position);
      return position;
    });
  }

  /** The title keys of the indexed posts (one per distinct title), for telling a series from a repeat. */
  titleKeys(): IterableIterator<string> {
    return this.titles.keys();
  }

  /**
   * `bandKey` of the signature of `slot` (which has one), worked out once: the queries before the tables
   * are built scan every slot's keys (a pool worker's copy of the site's index: its first 16 queries,
   * ~600,000 keys over the site head's 1,176 posts, each four `fmix32`), and `buildTables` reads them.
   */
  private slotBandKey(slot: number, band: number): number {
    const bands = this.bands.length;
    if (this.slotBandKeys.length < this.slots.length * bands) {
      const keys = new Int32Array(Math.max(this.slots.length, this.slotBandKeys.length / bands * 2) * bands).fill(-1);
      keys.set(this.slotBandKeys);
      this.slotBandKeys = keys;
    }
    let key = this.slotBandKeys[slot * bands + band]!;
    if (key === -1) key = this.slotBandKeys[slot * bands + band] = this.bandKey(this.slots[slot]!.features.signature, band);
    return key;
  }

  private bandKey(sig: Uint32Array, band: number): number {
    let h = band * 0x9e3779b1;
    const from = band * this.rows;
    for (let i = from; i < from + this.rows; i++) h = fmix32((h ^ sig[i]!) >>> 0) + i;
    return fmix32(h >>> 0) & KEY_MASK;
  }
}
