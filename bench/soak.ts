/**
 * Soak: the App behind its real HTTP webhook endpoint (signed deliveries through Probot's middleware) and
 * the fake GitHub on loopback. Prints deliveries/s, p50/p95 of the webhook answer and of delivery → review
 * posted, runs, API requests, and the heap before and after (forced GC) to show memory returns to baseline.
 *   npm run bench:soak [-- --prs 50 --pushes 4 --rounds 3 --instances 1]
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench:soak -- --instances 2     (two Apps sharing Redis)
 */
import { parseArgs } from 'node:util';
import { createLoadEnv, runRound } from '../test/github/load.js';

const { values } = parseArgs({
  options: {
    prs: { type: 'string', default: '50' },
    pushes: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    instances: { type: 'string', default: '1' },
    concurrency: { type: 'string' },
  },
});

const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

if (!gc) console.log('(run with node --expose-gc for forced-GC heap figures)');
const instances = Number(values.instances);
const redisUrl = process.env.REDIS_URL;
if (instances > 1 && !redisUrl) throw new Error('--instances > 1 needs REDIS_URL');

// One long-lived App (as in production) handles every round; the fake's records are cleared between rounds.
const env = await createLoadEnv({
  instances,
  ...(instances > 1 ? { redisUrl: redisUrl! } : {}),
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
});
const prs = Number(values.prs);
const pushes = Number(values.pushes);
// A warm-up round of the same size (JIT, schema compilation, caches) before the baseline.
const warm = await runRound(env, { prs, pushesPerPr: pushes, seed: 1 });
if (warm.problems.length) console.log(`warm-up problems: ${warm.problems.slice(0, 5).join('; ')}`);
const baseline = heapMb();
console.log(`heap baseline after a warm-up round: ${baseline.toFixed(1)} MB`);
console.log('round  deliveries  seconds  deliv/s  answer p50/p95 ms  review p50/p95 ms  runs  superseded  reviews  requests  problems  heap after MB');
let failed = false;
for (let round = 1; round <= Number(values.rounds); round++) {
  const result = await runRound(env, { prs, pushesPerPr: pushes, seed: round * 7919 });
  const f = result.figures;
  const problems = result.problems;
  const after = heapMb();
  console.log(
    `${String(round).padStart(5)}  ${String(f.deliveries).padStart(10)}  ${f.seconds.toFixed(1).padStart(7)}  ${f.deliveriesPerSecond.toFixed(1).padStart(7)}  ` +
      `${`${f.answerP50}/${f.answerP95}`.padStart(17)}  ${`${f.reviewP50}/${f.reviewP95}`.padStart(17)}  ${String(f.runs).padStart(4)}  ${String(f.superseded).padStart(10)}  ` +
      `${String(f.reviews).padStart(7)}  ${String(f.requests).padStart(8)}  ${String(problems.length).padStart(8)}  ${after.toFixed(1).padStart(13)}`,
  );
  for (const p of problems.slice(0, 10)) console.log(`   problem: ${p}`);
  if (problems.length) failed = true;
}
env.fake.clearRecords();
const final = heapMb();
console.log(`heap after ${values.rounds} rounds: ${final.toFixed(1)} MB (baseline ${baseline.toFixed(1)} MB, delta ${(final - baseline).toFixed(1)} MB)`);
await env.cleanup();
process.exit(failed ? 1 : 0);
