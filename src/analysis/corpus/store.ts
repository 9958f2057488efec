import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultCacheDir } from '../../core/cache-dir.js';
import { deserializeFeatures, serializeFeatures, type DocFeatures, type FeatureOptions, type SerializedFeatures } from './features.js';

/**
 * Where blob features persist between runs, keyed by git blob SHA. Features depend on the feature
 * options, so the namespace includes them: changing the shingle size starts a fresh store.
 */
export interface IndexStore {
  get(shas: readonly string[]): Promise<Map<string, DocFeatures>>;
  put(entries: ReadonlyMap<string, DocFeatures>): Promise<void>;
  close?(): Promise<void>;
}

export const STORE_VERSION = 5;

export function storeNamespace(options: FeatureOptions): string {
  return `v${STORE_VERSION}-k${options.shingle}-m${options.signatureSize}-p${options.passageMinChunkChars}`;
}

export class MemoryStore implements IndexStore {
  readonly data = new Map<string, DocFeatures>();
  async get(shas: readonly string[]): Promise<Map<string, DocFeatures>> {
    const out = new Map<string, DocFeatures>();
    for (const sha of shas) {
      const f = this.data.get(sha);
      if (f) out.set(sha, f);
    }
    return out;
  }
  async put(entries: ReadonlyMap<string, DocFeatures>): Promise<void> {
    for (const [sha, f] of entries) this.data.set(sha, f);
  }
}

/**
 * The default store: one append-only NDJSON file per namespace (`<dir>/<namespace>.ndjson`), read once
 * when first used. Content addressing makes appends idempotent; a torn last line is ignored.
 */
export class FileStore implements IndexStore {
  private cache: Map<string, SerializedFeatures> | null = null;
  readonly file: string;

  constructor(dir: string, namespace: string) {
    this.file = join(dir, `${namespace}.ndjson`);
  }

  private load(): Map<string, SerializedFeatures> {
    if (this.cache) return this.cache;
    this.cache = new Map();
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const { sha, f } = JSON.parse(line) as { sha: string; f: SerializedFeatures };
          this.cache.set(sha, f);
        } catch {
          // an interrupted write: the blob is simply recomputed
        }
      }
    }
    return this.cache;
  }

  async get(shas: readonly string[]): Promise<Map<string, DocFeatures>> {
    return this.getSync(shas);
  }

  async put(entries: ReadonlyMap<string, DocFeatures>): Promise<void> {
    this.putSync(entries);
  }

  /** Whether the store has the blob's features (reads the file on first use). */
  hasSync(sha: string): boolean {
    return this.load().has(sha);
  }

  /** Every blob SHA the store has. */
  shasSync(): string[] {
    return [...this.load().keys()];
  }

  /** `get` for callers that read files synchronously (the CLI's site). */
  getSync(shas: readonly string[]): Map<string, DocFeatures> {
    const cache = this.load();
    const out = new Map<string, DocFeatures>();
    for (const sha of shas) {
      const f = cache.get(sha);
      if (f) out.set(sha, deserializeFeatures(f));
    }
    return out;
  }

  /**
   * Appends the blobs not stored yet. Before the file has been read (a run that looked nothing up in it),
   * they are appended without reading it: a blob stored twice is the same line twice (content addressing),
   * which costs less than reading the whole file to look.
   */
  putSync(entries: ReadonlyMap<string, DocFeatures>): void {
    const cache = this.cache;
    const lines: string[] = [];
    for (const [sha, f] of entries) {
      if (cache?.has(sha)) continue;
      const s = serializeFeatures(f);
      cache?.set(sha, s);
      lines.push(JSON.stringify({ sha, f: s }));
    }
    if (lines.length === 0) return;
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${lines.join('\n')}\n`);
  }
}

/** Minimal surface of ioredis used here (so tests can pass a fake). */
export interface RedisLike {
  hmget(key: string, ...fields: string[]): Promise<(string | null)[]>;
  hset(key: string, data: Record<string, string>): Promise<number>;
  quit(): Promise<unknown>;
}

/**
 * Redis store: one hash per namespace, fields = blob SHAs; shared by every App instance. Its key starts
 * with the App's Redis key prefix (`EDITORIAL_REVIEW_REDIS_PREFIX`, default `editorial-review`), like the
 * queue's keys: several Apps, or test runs, share one Redis without reading each other's entries.
 */
export class RedisStore implements IndexStore {
  readonly key: string;
  constructor(
    private readonly redis: RedisLike,
    namespace: string,
    prefix = 'editorial-review',
  ) {
    this.key = `${prefix}:corpus:${namespace}`;
  }

  async get(shas: readonly string[]): Promise<Map<string, DocFeatures>> {
    const out = new Map<string, DocFeatures>();
    for (let i = 0; i < shas.length; i += 1000) {
      const batch = shas.slice(i, i + 1000);
      const values = await this.redis.hmget(this.key, ...batch);
      values.forEach((v, j) => {
        if (v) {
          try {
            out.set(batch[j]!, deserializeFeatures(JSON.parse(v) as SerializedFeatures));
          } catch {
            // corrupt entry: recomputed
          }
        }
      });
    }
    return out;
  }

  async put(entries: ReadonlyMap<string, DocFeatures>): Promise<void> {
    let data: Record<string, string> = {};
    let n = 0;
    for (const [sha, f] of entries) {
      data[sha] = JSON.stringify(serializeFeatures(f));
      if (++n % 1000 === 0) {
        await this.redis.hset(this.key, data);
        data = {};
      }
    }
    if (Object.keys(data).length > 0) await this.redis.hset(this.key, data);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

export { defaultCacheDir } from '../../core/cache-dir.js';

/** The store for this process: Redis when `REDIS_URL` is set (keys under `EDITORIAL_REVIEW_REDIS_PREFIX`), else a file store in `dir` (default `defaultCacheDir`). */
export async function openStore(options: FeatureOptions, env: NodeJS.ProcessEnv = process.env, dir = defaultCacheDir(env)): Promise<IndexStore> {
  const namespace = storeNamespace(options);
  if (env.REDIS_URL) {
    const { Redis } = await import('ioredis');
    return new RedisStore(new Redis(env.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 }), namespace, env.EDITORIAL_REVIEW_REDIS_PREFIX || undefined);
  }
  return new FileStore(dir, namespace);
}
