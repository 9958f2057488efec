import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { BroadcastChannel } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { loadLocalSite, siteRun } from '../../src/cli/site.js';
import { BYTES_PER_THREAD, checkEach, checkSources, checkStream, closePool, defaultJobs, jobsForLoad, loadBetween, LOAD_SAMPLE_MS, minBytesPerThread, sampleCpu, shareWork, threadsFor, watchPoolErrors, type CpuSample } from '../../src/lint/pool.js';
import { isPerPost, rankPerPost, type PostSource } from '../../src/lint/pool-task.js';
import { DICTIONARY_CHANNEL } from '../../src/lint/shared-dictionary.js';
import { parsePost } from '../../src/post/parse.js';
import { allRules } from '../../src/rules/index.js';
import { hasShared, SHARED } from '../helpers.js';

// The site bundle's head (MIT, nullponull/ai-blog-system): a real Jekyll site, so the site and corpus
// rules (the central, cross-post half) run beside the per-post rules the workers run.
const BUNDLE = join(SHARED, 'corpus', 'ai-blog-system-site.bundle');
let site: string;

beforeAll(() => {
  if (!hasShared) return;
  site = mkdtempSync(join(tmpdir(), 'er-pool-'));
  execFileSync('git', ['clone', '-q', '-b', 'site-dev', BUNDLE, site]);
});
afterAll(async () => {
  await closePool();
  if (site) rmSync(site, { recursive: true, force: true });
});

describe('per-post rules (the half the workers run)', () => {
  it('never read the corpus or the site: on every example of every rule not marked crossPost', () => {
    const config = defaultConfig();
    const failures: string[] = [];
    for (const rule of allRules.filter(isPerPost)) {
      for (const example of [...(rule.examples?.valid ?? []), ...(rule.examples?.invalid ?? [])]) {
        const post = parsePost(example.path ?? '_posts/2024-01-01-example.md', example.text);
        for (const { finding } of rankPerPost(post, config)) {
          if (finding.message.includes('crossPost')) failures.push(`${finding.rule}: ${finding.message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('threadsFor', () => {
  it('checks small inputs in this thread, large ones on up to --jobs threads', () => {
    expect(threadsFor(1, 1e9)).toBe(1);
    expect(threadsFor(4, 6 * 1024)).toBe(1); // one post: no pool start-up
    expect(threadsFor(2, 1e9)).toBe(2);
  });

  it('starts a worker only when each thread gets BYTES_PER_THREAD of text', () => {
    expect(threadsFor(2, 2 * BYTES_PER_THREAD - 1)).toBe(1);
    expect(threadsFor(2, 2 * BYTES_PER_THREAD)).toBe(2);
    expect(threadsFor(8, 3 * BYTES_PER_THREAD)).toBe(3); // no more threads than the text repays
    expect(threadsFor(2, 1, 0)).toBe(2); // 0: whatever the size (tests, benchmarks)
  });

  it('auto: one thread per core other processes leave idle, at least one', () => {
    expect(defaultJobs(2, 0)).toBe(2);
    expect(defaultJobs(2, 0.9)).toBe(2); // one core mostly idle, the other free
    expect(defaultJobs(2, 1)).toBe(1);
    expect(defaultJobs(2, 12)).toBe(1);
    expect(defaultJobs(8, 3.5)).toBe(5);
    expect(defaultJobs(1, 0)).toBe(1);
  });

  it('auto: the load is what other processes ran between two samples, not this one', () => {
    const sample = (at: number, busy: number, own: number, cores = 2): CpuSample => ({ at, busy, own, cores });
    // 1 s apart: the machine busy 1.6 core-seconds, 1.5 of them this process's own (its site read, its worker).
    expect(loadBetween(sample(0, 0, 0), sample(1000, 1600, 1500), 2)).toBeCloseTo(0.1);
    expect(defaultJobs(2, loadBetween(sample(0, 0, 0), sample(1000, 1600, 1500), 2))).toBe(2);
    // Another process on one core the whole time.
    expect(defaultJobs(2, loadBetween(sample(0, 0, 0), sample(1000, 2000, 1000), 2))).toBe(1);
    // A container that may use 2 of the machine's 8 cores: others are taken to fill the 6 it may not use first.
    expect(loadBetween(sample(0, 0, 0, 8), sample(1000, 5000, 0, 8), 2)).toBe(0);
    expect(loadBetween(sample(0, 0, 0, 8), sample(1000, 7000, 0, 8), 2)).toBeCloseTo(1);
    // Too close together to tell (the kernel counts in 10 ms ticks), or no CPU times: undefined (the load average is used).
    expect(loadBetween(sample(0, 0, 0), sample(LOAD_SAMPLE_MS - 1, 100, 0), 2)).toBeUndefined();
    expect(loadBetween(sample(0, 0, 0, 0), sample(1000, 0, 0, 0), 2)).toBeUndefined();
  });

  it('auto: samples this machine, and waits until a load can be told', async () => {
    const started = sampleCpu();
    expect(started.cores).toBeGreaterThan(0);
    expect(started.busy).toBeGreaterThan(0);
    const jobs = await jobsForLoad(started);
    expect(performance.now() - started.at).toBeGreaterThanOrEqual(LOAD_SAMPLE_MS - 1);
    expect(jobs).toBeGreaterThanOrEqual(1);
    expect(jobs).toBeLessThanOrEqual(availableParallelism());
  });

  it('reads EDITORIAL_REVIEW_POOL_MIN_BYTES, and ignores a value that is no size', () => {
    expect(minBytesPerThread({})).toBe(BYTES_PER_THREAD);
    expect(minBytesPerThread({ EDITORIAL_REVIEW_POOL_MIN_BYTES: '0' })).toBe(0);
    expect(minBytesPerThread({ EDITORIAL_REVIEW_POOL_MIN_BYTES: '1048576' })).toBe(1048576);
    expect(minBytesPerThread({ EDITORIAL_REVIEW_POOL_MIN_BYTES: 'many' })).toBe(BYTES_PER_THREAD);
    expect(minBytesPerThread({ EDITORIAL_REVIEW_POOL_MIN_BYTES: '-1' })).toBe(BYTES_PER_THREAD);
    expect(minBytesPerThread({ EDITORIAL_REVIEW_POOL_MIN_BYTES: '' })).toBe(BYTES_PER_THREAD);
  });
});

// Workers start with the whole rule set each; on a loaded shared machine that is slow, hence the timeout.
describe('shareWork', () => {
  const run = async (count: number, inFlight: number, groups?: number[] | (() => number[])) => {
    const started: number[] = [];
    const side = new Map<number, 'here' | 'there'>();
    await shareWork(
      count,
      inFlight,
      undefined,
      {
        here(i) {
          started.push(i);
          side.set(i, 'here');
        },
        async there(i) {
          started.push(i);
          side.set(i, 'there');
          await new Promise<void>((resolve) => setImmediate(resolve));
        },
      },
      undefined,
      groups,
    );
    return { started, side };
  };

  it('starts each piece once, and the pieces of a group on the side that took its first', async () => {
    // Pairs far apart (a post and its first version), as on the large corpus: piece i and i + 30 are one group.
    const groups = Array.from({ length: 60 }, (_, i) => i % 30);
    const { started, side } = await run(60, 3, groups);
    expect([...started].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    for (let i = 0; i < 30; i++) expect(side.get(i + 30)).toBe(side.get(i));
    expect(new Set(side.values())).toEqual(new Set(['here', 'there']));
  });

  it("lets the workers take pieces past one of this thread's groups, each piece once and each group on one side", async () => {
    // Pieces 20–24 are the later versions of posts this thread took (3, 7, 11, 15, 19: one in four while the
    // workers take three, as this run shares them out); 25–39 are new. The workers take 25 and after while
    // this thread checks 20–24, instead of waiting for it.
    const mine = [3, 7, 11, 15, 19];
    const groups = Array.from({ length: 40 }, (_, i) => (i < 20 ? i : i < 25 ? mine[i - 20]! : 100 + i));
    const { started, side } = await run(40, 3, groups);
    expect([...started].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    for (const [k, first] of mine.entries()) expect([side.get(first), side.get(20 + k)]).toEqual(['here', 'here']);
    expect(started.indexOf(25)).toBeLessThan(started.indexOf(20));
  });

  it('gives the workers no more than their share of the pieces left towards the end', async () => {
    const count = 40;
    const inFlight = 8;
    let next = 0;
    let running = 0;
    let most = 0;
    const held: { left: number; running: number }[] = [];
    await shareWork(
      count,
      inFlight,
      undefined,
      {
        here() {
          next++;
        },
        async there() {
          next++;
          running++;
          most = Math.max(most, running);
          held.push({ left: count - next + running, running });
          // A slow worker: a piece there takes several pieces here.
          for (let turn = 0; turn < 3; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
          running--;
        },
      },
      undefined,
      undefined,
      1 / 2,
    );
    expect(most).toBe(inFlight);
    for (const { left, running } of held) expect(running).toBeLessThanOrEqual(Math.max(1, Math.ceil(left / 2)));
    expect(held.some(({ left }) => left < 2 * inFlight)).toBe(true);
  });

  it('gives the workers pieces up to a weight, and towards the end no more than their share of the weight left', async () => {
    const count = 40;
    const weights = Array.from({ length: count }, (_, i) => 1 + (i % 7) * 10);
    const most = 100;
    let unstarted = weights.reduce((a, b) => a + b, 0);
    let held = 0;
    let running = 0;
    const seen: { held: number; left: number; running: number }[] = [];
    await shareWork(
      count,
      64,
      undefined,
      {
        here(i) {
          unstarted -= weights[i]!;
        },
        async there(i) {
          const before = { held, left: unstarted + held, running };
          unstarted -= weights[i]!;
          held += weights[i]!;
          running++;
          seen.push(before);
          for (let turn = 0; turn < 3; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
          held -= weights[i]!;
          running--;
        },
      },
      undefined,
      undefined,
      1 / 2,
      { of: (i) => weights[i]!, most },
    );
    // A piece is given only while the workers hold less than the limit (or nothing).
    for (const { held, left, running } of seen) if (running > 0) expect(held).toBeLessThan(Math.min(most, left / 2));
    expect(seen.some(({ held }) => held > most / 2)).toBe(true);
  });

  it('works the groups out after the first pieces are with the workers, and gives each piece the side it would have had', async () => {
    // Groups of neighbours too, so that some group's first piece is among those the workers take at once.
    const groups = Array.from({ length: 60 }, (_, i) => (i < 30 ? i % 30 : Math.floor(i / 2)));
    let asked = 0;
    const eager = await run(60, 3, groups);
    const lazy = await run(60, 3, () => {
      asked++;
      return groups;
    });
    expect(asked).toBe(1);
    expect(lazy.started).toEqual(eager.started);
    expect([...lazy.side]).toEqual([...eager.side]);
  });

  it('without workers, does every piece here', async () => {
    const { side } = await run(10, 0, Array.from({ length: 10 }, () => 0));
    expect([...side.values()].every((s) => s === 'here')).toBe(true);
  });
});

describe.skipIf(!hasShared)('the worker pool (needs ../shared)', { timeout: 600_000 }, () => {
  it('gives the findings of the single-threaded run, byte for byte and in the same order, on real posts of a site', async () => {
    const config = defaultConfig();
    // Every 8th post of the site's head (~150 posts, ~7 MB), checked against the whole site.
    const files = fg.sync('_posts/**/*.md', { cwd: site }).sort().filter((_, i) => i % 8 === 0);
    const sources: PostSource[] = files.map((file) => ({ path: file, file: join(site, file) }));
    const local = loadLocalSite(site, { cwd: site, config, noCache: true })!;
    const run = siteRun(local, undefined);
    const options = { config, corpus: run.corpus, site: run.context };

    const single = await checkSources(sources, { ...options, jobs: 1 });
    const pooled = await checkSources(sources, { ...options, jobs: 2, minBytesPerThread: 0 });

    expect(single.findings.length).toBeGreaterThan(100);
    // Cross-post and per-post rules both found something, so both halves are compared.
    const rules = new Set(single.findings.map((f) => f.rule));
    expect([...rules].some((rule) => rule.startsWith('site/') || rule === 'duplication/duplicate-title' || rule === 'duplication/duplicate-topic' || rule === 'duplication/near-duplicate-post' || rule === 'duplication/shared-passage')).toBe(true);
    expect([...rules].some((rule) => rule.startsWith('truncation/') || rule.startsWith('claims/'))).toBe(true);
    expect(JSON.stringify(pooled.findings)).toBe(JSON.stringify(single.findings));
    expect(pooled.posts.map((p) => p.path)).toEqual(files);
    expect(pooled.posts.map((p) => p.lines.count)).toEqual(single.posts.map((p) => p.lines.count));

    // Posts the caller has already parsed (the App): only the rules run in the workers; the posts stay its own.
    const parsed = await checkSources(
      single.posts.map((post) => ({ path: post.path, post })),
      { ...options, jobs: 2, minBytesPerThread: 0 },
    );
    expect(JSON.stringify(parsed.findings)).toBe(JSON.stringify(single.findings));
    expect(parsed.posts.every((post, i) => post === single.posts[i])).toBe(true);
  });

  it('turns a post its worker cannot take into a finding on that file; the other posts are checked', async () => {
    const file = fg.sync('_posts/**/*.md', { cwd: site }).sort()[0]!;
    const bytes = readFileSync(join(site, file));
    // A function cannot be sent to a worker: the task fails before the worker sees it. First, so that the
    // worker is given it (of two posts, each thread takes one).
    const broken = { path: '_posts/2025-01-01-broken.md', bytes, reason: () => 'not cloneable' } as PostSource;
    const { findings, posts } = await checkSources([broken, { path: file, bytes }], { config: defaultConfig(), jobs: 2, minBytesPerThread: 0 });
    expect(posts.map((p) => p.path)).toEqual(['_posts/2025-01-01-broken.md', file]);
    const onBroken = findings.filter((f) => f.path === '_posts/2025-01-01-broken.md');
    expect(onBroken).toMatchObject([{ rule: 'front-matter/readable', line: 1, message: expect.stringMatching(/could not be checked: .*clone/) }]);
    expect(findings.some((f) => f.path === file)).toBe(true);
  });

  it('streams: each post parsed where it is checked, no model sent back, the findings of the two-pass run in one thread', async () => {
    const config = defaultConfig();
    // Every 16th post of the site (~75 posts): files against the site, then their bytes against each other only.
    const files = fg.sync('_posts/**/*.md', { cwd: site }).sort().filter((_, i) => i % 16 === 3);
    const local = loadLocalSite(site, { cwd: site, config, noCache: true })!;
    const run = siteRun(local, undefined);
    for (const [sources, options] of [
      [files.map((file) => ({ path: file, file: join(site, file) })), { config, corpus: run.corpus, site: run.context }],
      [files.map((file) => ({ path: file, bytes: readFileSync(join(site, file)) })), { config }],
    ] as [PostSource[], Parameters<typeof checkEach>[1]][]) {
      const single = [...checkEach(sources, { ...options, keepPosts: false })].map((checked) => checked.findings);
      const order: number[] = [];
      const streamed: unknown[] = [];
      for await (const checked of checkStream(sources as never, { ...options, keepPosts: false, onPost: (done) => order.push(done) }, 2)) {
        expect(checked.post).toBeUndefined();
        streamed.push(checked.findings);
      }
      expect(single.flat().length).toBeGreaterThan(20);
      expect(JSON.stringify(streamed)).toBe(JSON.stringify(single));
      expect(order).toEqual(files.map((_, i) => i + 1));
    }
  });

  it('gives its threads the dictionary with the run when the posts are expected to be Japanese: no thread asks for it', async () => {
    const config = defaultConfig();
    // Every 40th post of the site (~30 Japanese posts, some with tails only the analyser can judge).
    const files = fg.sync('_posts/**/*.md', { cwd: site }).sort().filter((_, i) => i % 40 === 7);
    const sources = files.map((file) => ({ path: file, bytes: readFileSync(join(site, file)) }));
    const single = JSON.stringify([...checkEach(sources, { config, keepPosts: false })].map((checked) => checked.findings));
    // The threads' requests, as the main thread hears them on the channel (the answers carry no `flag`).
    const channel = new BroadcastChannel(DICTIONARY_CHANNEL);
    const requests: unknown[] = [];
    channel.onmessage = (event) => {
      const data = (event as MessageEvent).data as object | null;
      if (data && 'flag' in data) requests.push(data);
    };
    const streamed = async (japanese: boolean): Promise<string> => {
      await closePool(); // fresh threads: none has loaded the dictionary in an earlier run
      const findings: unknown[] = [];
      for await (const checked of checkStream(sources, { config, keepPosts: false, japanese }, 2)) findings.push(checked.findings);
      return JSON.stringify(findings);
    };
    try {
      expect(await streamed(true)).toBe(single);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requests).toHaveLength(0);
      // The CLI's decoding of the dictionary, still running as the first pass starts (it ends once a post is
      // summarised): the second pass waits for it.
      let decoded = false;
      let decode = (): void => {};
      const decoding = new Promise<void>((resolve) => (decode = resolve)).then(() => {
        decoded = true;
      });
      const summarised: boolean[] = [];
      const onRead = (done: number): void => {
        summarised.push(decoded);
        if (done === 1) setImmediate(decode);
      };
      const checkedAfter: boolean[] = [];
      const findings: unknown[] = [];
      await closePool();
      for await (const checked of checkStream(sources, { config, keepPosts: false, japanese: true, dictionaryDecoded: decoding, onRead }, 2)) {
        checkedAfter.push(decoded);
        findings.push(checked.findings);
      }
      expect(JSON.stringify(findings)).toBe(single);
      expect(summarised.some((after) => !after)).toBe(true); // posts were summarised while it was decoded
      expect(checkedAfter.every(Boolean)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requests).toHaveLength(0);
      expect(await streamed(false)).toBe(single);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requests.length).toBeGreaterThan(0); // without it, the thread asked at its first Japanese tail
    } finally {
      channel.close();
      await closePool();
    }
  });

  it('stops when the run is aborted, and the pool checks the next run', async () => {
    const config = defaultConfig();
    const files = fg.sync('_posts/**/*.md', { cwd: site }).sort().filter((_, i) => i % 32 === 5);
    const sources: PostSource[] = files.map((file) => ({ path: file, file: join(site, file) }));
    const controller = new AbortController();
    let read = 0;
    const aborted = checkSources(sources, {
      config,
      jobs: 2,
      minBytesPerThread: 0,
      signal: controller.signal,
      onRead: () => {
        if (++read === 3) controller.abort(new Error('superseded'));
      },
    });
    await expect(aborted).rejects.toThrow(/superseded|abort/i);
    expect(read).toBeLessThan(files.length);
    const after = await checkSources(sources, { config, jobs: 2, minBytesPerThread: 0 });
    expect(after.posts.map((p) => p.path)).toEqual(files);
  });
});

describe('errors the pool emits outside any task', () => {
  // piscina emits "Unexpected message from Worker" when a thread answers a task an abort made it forget
  // (seen in the test above, about one run in four on a loaded machine); unheard, Node threw it and the
  // process died.
  it('never crash the process: a late answer is dropped, anything else is a warning', () => {
    const pool = new EventEmitter();
    watchPoolErrors(pool);
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      expect(() => pool.emit('error', new Error("Unexpected message from Worker: { taskId: 385, result: { path: '_posts/a.md' } }"))).not.toThrow();
      expect(warn).not.toHaveBeenCalled();
      expect(() => pool.emit('error', new Error('worker exited'))).not.toThrow();
      expect(warn).toHaveBeenCalledWith('editorial-review worker pool: worker exited');
    } finally {
      warn.mockRestore();
    }
  });
});
