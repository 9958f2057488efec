import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { claimable, parseReviewed, type ReviewedHead, type ReviewedHeads } from './heads.js';

/**
 * A review job: "review pull request N of owner/repo", accepted from a webhook delivery. The job is a
 * trigger: the worker reviews the pull request's head as GitHub reports it when the job runs, so
 * deliveries that arrive out of order or are retried can never make the App review a superseded push.
 */
export interface Job {
  /** The delivery id (`x-github-delivery`): a delivery accepted twice runs once. */
  id: string;
  /** `owner/repo#pull`: jobs with the same key run one at a time and supersede each other. */
  key: string;
  installationId: number;
  owner: string;
  repo: string;
  pull: number;
  /** The head SHA the delivery was about (informative: the run reviews the current head). */
  headSha: string;
  /** The default branch, where the config is read. */
  configRef: string;
  repoUrl?: string;
  /** The event and action (`pull_request.opened`): only a first `opened` run may skip listing old comments. */
  event: string;
  /** Who caused the delivery (the App's own pushes are not reviewed; known only once the App's login is). */
  sender?: string;
  acceptedAt: number;
  /** Runs that already failed (retries of the same job). */
  attempts: number;
  /** When the first of those failures happened (transient failures are retried for a bounded time from it). */
  failingSince?: number;
  /** A fix request (`/editorial-review fix`) rather than a review: who asked. */
  fix?: { requestedBy: string };
}

/** A durable record of accepted jobs: a job is written before the webhook is answered and removed when done. */
export interface Journal extends ReviewedHeads {
  /** Records a job; false when a job with this id is already recorded (a redelivery). */
  add(job: Job): Promise<boolean>;
  /** Updates a recorded job (attempt count). */
  update(job: Job): Promise<void>;
  /** The job is finished (reviewed, superseded, or given up): it is not run again. */
  done(id: string): Promise<void>;
  /** Jobs accepted and not done: what a restarted process runs first. */
  pending(): Promise<Job[]>;
  /** Whether this delivery id was recorded (within the ids remembered). */
  recorded(id: string): Promise<boolean>;
  close(): Promise<void>;
}

/** How many delivery ids and reviewed heads a journal remembers (the most recent ones). */
const REMEMBERED = 5000;

/** A map that forgets its oldest entries past `REMEMBERED`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > REMEMBERED) map.delete(map.keys().next().value as K);
}

/** One line of the file journal; the in-memory journal hands the same records to `persist`. */
type JournalRecord = { add?: Job; update?: Job; done?: string; seen?: string[]; reviewed?: [string, string]; heads?: [string, string][] };

/**
 * The journal's state in memory: the jobs not done, the delivery ids seen and the claimed heads. On its
 * own for tests that do not exercise durability; `FileJournal` makes each change durable through `persist`.
 */
export class MemoryJournal implements Journal {
  readonly jobs = new Map<string, Job>();
  readonly heads = new Map<string, string>();
  protected readonly seen = new Set<string>();

  /** Makes a change durable before the call that made it resolves (in memory: nothing to do). */
  protected persist(_record: JournalRecord): Promise<void> {
    return Promise.resolve();
  }

  async add(job: Job): Promise<boolean> {
    if (this.seen.has(job.id)) return false;
    this.seen.add(job.id);
    this.jobs.set(job.id, job);
    await this.persist({ add: job });
    return true;
  }

  async update(job: Job): Promise<void> {
    if (!this.jobs.has(job.id)) return;
    this.jobs.set(job.id, job);
    await this.persist({ update: job });
  }

  async done(id: string): Promise<void> {
    if (!this.jobs.delete(id)) return;
    await this.persist({ done: id });
  }

  async pending(): Promise<Job[]> {
    return [...this.jobs.values()].sort((a, b) => a.acceptedAt - b.acceptedAt);
  }

  async recorded(id: string): Promise<boolean> {
    return this.seen.has(id);
  }

  async lastReviewed(key: string): Promise<ReviewedHead | undefined> {
    return parseReviewed(this.heads.get(key));
  }

  async claim(key: string, head: string, by: string, force = false): Promise<boolean> {
    if (!claimable(this.heads.get(key), head, by, force)) return false;
    remember(this.heads, key, `${head} ${by}`);
    await this.persist({ reviewed: [key, `${head} ${by}`] });
    return true;
  }

  async close(): Promise<void> {}
}

/**
 * The default journal: an append-only JSON-lines file (`{"add":job}`, `{"done":id}`), fsynced after each
 * write so an accepted delivery survives a crash. It is compacted (pending jobs only) when opened.
 */
export class FileJournal extends MemoryJournal {
  private handle?: Promise<FileHandle>;
  private chain: Promise<void> = Promise.resolve();
  private buffer: { line: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(readonly path: string) {
    super();
    mkdirSync(dirname(path), { recursive: true });
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // first start
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch {
        continue; // a line torn by a crash mid-write
      }
      if (record.add) {
        this.jobs.set(record.add.id, record.add);
        this.seen.add(record.add.id);
      }
      if (record.update && this.jobs.has(record.update.id)) this.jobs.set(record.update.id, record.update);
      if (record.done) {
        this.jobs.delete(record.done);
        this.seen.add(record.done);
      }
      for (const id of record.seen ?? []) this.seen.add(id);
      for (const [key, sha] of record.heads ?? (record.reviewed ? [record.reviewed] : [])) remember(this.heads, key, sha);
    }
    // Compact: the pending jobs, and the most recent delivery ids (to ignore redeliveries).
    const recent = [...this.seen].slice(-REMEMBERED);
    const lines = [JSON.stringify({ seen: recent }), JSON.stringify({ heads: [...this.heads] }), ...[...this.jobs.values()].map((job) => JSON.stringify({ add: job }))];
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, `${lines.join('\n')}\n`);
    renameSync(tmp, path);
  }

  /**
   * Group commit: records arriving while a write is in flight go out together in the next write, with one
   * fsync; each caller resolves once its record is on disk.
   */
  protected override persist(record: JournalRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.buffer.push({ line: `${JSON.stringify(record)}\n`, resolve, reject });
      if (!this.flushing) this.chain = this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      this.handle ??= open(this.path, 'a');
      let fh: FileHandle;
      try {
        fh = await this.handle;
      } catch (error) {
        this.handle = undefined;
        for (const b of this.buffer.splice(0)) b.reject(error);
        return;
      }
      while (this.buffer.length > 0) {
        const batch = this.buffer.splice(0);
        try {
          await fh.write(batch.map((b) => b.line).join(''));
          await fh.datasync();
          for (const b of batch) b.resolve();
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  override async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    if (this.handle) await (await this.handle).close();
    this.handle = undefined;
  }
}
