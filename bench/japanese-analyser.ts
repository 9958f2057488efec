/**
 * What the Japanese analyser (kuromoji, `src/text/japanese.ts`) costs: the full check of every human and
 * pipeline post of the shared corpus with the analyser (`kuromoji`) and without it (`punctuation`:
 * EDITORIAL_REVIEW_JAPANESE_ANALYSER=off, Japanese tails judged by punctuation only, the behaviour before
 * the analyser). Each contender runs in its own child process, alternated round by round (A B A B …), so
 * each child's peak RSS is its own and the machine's drift hits both alike. Each child prints its check
 * time, its throughput, its peak RSS, whether and how fast it loaded the dictionary, and the findings of
 * the rules the analyser decides.
 *
 *   node --expose-gc --import tsx bench/japanese-analyser.ts [--rounds 3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    child: { type: 'string' },
    clone: { type: 'string', default: '/tmp/ai-blog-corpus' },
  },
});
const shared = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const CONTENDERS = ['punctuation', 'kuromoji'] as const;
const JUDGED = /^truncation\/(unfinished-paragraph|post-ends-mid-sentence|split-paragraph)$|^front-matter\/title-truncated$/;

if (values.child) await child();
else parent();

function parent(): void {
  if (!existsSync(values.clone!)) execFileSync('git', ['clone', '-q', join(shared, 'ai-blog-system-posts.bundle'), values.clone!]);
  const rounds = Math.max(1, Number(values.rounds));
  const best = new Map<string, { ms: number; rss: number; line: string }>();
  for (let round = 1; round <= rounds; round++) {
    for (const contender of round % 2 ? CONTENDERS : [...CONTENDERS].reverse()) {
      const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, '--child', contender, '--clone', values.clone!], {
        encoding: 'utf8',
        env: { ...process.env, EDITORIAL_REVIEW_JAPANESE_ANALYSER: contender === 'kuromoji' ? 'on' : 'off' },
        maxBuffer: 1 << 26,
      });
      if (run.status !== 0) throw new Error(`${contender} child failed: ${run.stderr}`);
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ms: number; rss: number; summary: string };
      console.log(`round ${round} ${contender.padEnd(11)}: ${result.summary}`);
      const previous = best.get(contender);
      if (!previous || result.ms < previous.ms) best.set(contender, { ms: result.ms, rss: result.rss, line: result.summary });
    }
  }
  const [a, b] = CONTENDERS.map((c) => best.get(c)!);
  console.log(`best punctuation: ${a!.line}`);
  console.log(`best kuromoji   : ${b!.line}`);
  console.log(`kuromoji / punctuation: time ${(b!.ms / a!.ms).toFixed(2)}×, peak RSS +${b!.rss - a!.rss} MB`);
}

async function child(): Promise<void> {
  const { defaultConfig } = await import('../src/config/load.js');
  const { checkPosts } = await import('../src/lint/run.js');
  const { parsePostBytes } = await import('../src/post/parse.js');
  const { japaneseAnalyserLoads, tokenizeJapanese } = await import('../src/text/japanese.js');
  const files = [
    ...fg.sync('_posts/**/*.{md,markdown}', { cwd: values.clone! }).sort().map((f) => join(values.clone!, f)),
    ...fg.sync('**/*.{md,markdown}', { cwd: join(shared, 'human-ja-vim-jp', '_posts') }).sort().map((f) => join(shared, 'human-ja-vim-jp', '_posts', f)),
    ...fg.sync('*.{md,markdown}', { cwd: join(shared, 'human-en-prometheus', 'blog', 'posts') }).sort().map((f) => join(shared, 'human-en-prometheus', 'blog', 'posts', f)),
    ...fg.sync('*.{md,markdown}', { cwd: join(shared, 'clean-en') }).sort().map((f) => join(shared, 'clean-en', f)),
  ];
  const bytes = files.map((f) => readFileSync(f));
  const mb = bytes.reduce((s, b) => s + b.length, 0) / 2 ** 20;
  // The dictionary load, timed alone (the check below then finds it loaded, as every later check does).
  const loadStart = performance.now();
  const loaded = tokenizeJapanese('読み込み') !== null;
  const loadMs = performance.now() - loadStart;
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const posts = bytes.map((b, i) => parsePostBytes(files[i]!, b));
  const { findings } = checkPosts(posts, defaultConfig(), []);
  const ms = performance.now() - start;
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  const judged = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (JUDGED.test(f.rule)) judged[f.severity]++;
  const summary =
    `${files.length} posts ${mb.toFixed(1)} MB, check ${(ms / 1000).toFixed(1)} s (${(mb / (ms / 1000)).toFixed(2)} MB/s, ${(files.length / (ms / 1000)).toFixed(0)} posts/s), ` +
    `peak RSS ${rss} MB, dictionary ${loaded ? `loaded in ${loadMs.toFixed(0)} ms (${japaneseAnalyserLoads()} load)` : 'off'}, ` +
    `tail rules error/warning/info ${judged.error}/${judged.warning}/${judged.info}`;
  console.log(JSON.stringify({ ms, rss, summary }));
}
