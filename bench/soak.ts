/**
 * Soak: the App behind its real HTTP webhook endpoint (signed deliveries through Probot's middleware) and
 * the fake GitHub on loopback. Prints deliveries/s, p50/p95 of the webhook answer and of delivery → review
 * posted, runs, API requests, and the heap before and after (forced GC) to show memory returns to baseline.
 *   npm run bench:soak [-- --prs 50 --pushes 4 --rounds 3 --instances 1]
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench:soak -- --instances 2     (two Apps sharing Redis)
 */
import { parseArgs } from 'node:util';
import { runLoad } from '../test/github/load.js';

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

// One warm-up round (JIT, schema compilation) before the baseline.
{
  const warm = await runLoad({ prs: 5, pushesPerPr: 2, seed: 1 });
  await warm.cleanup();
}
const baseline = heapMb();
console.log(`heap baseline: ${baseline.toFixed(1)} MB`);
console.log('round  deliveries  seconds  deliv/s  answer p50/p95 ms  review p50/p95 ms  runs  superseded  reviews  requests  problems  heap after MB');
let failed = false;
for (let round = 1; round <= Number(values.rounds); round++) {
  const result = await runLoad({
    prs: Number(values.prs),
    pushesPerPr: Number(values.pushes),
    seed: round * 7919,
    instances,
    ...(instances > 1 ? { redisUrl: redisUrl! } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  });
  const f = result.figures;
  const problems = result.problems;
  await result.cleanup();
  const after = heapMb();
  console.log(
    `${String(round).padStart(5)}  ${String(f.deliveries).padStart(10)}  ${f.seconds.toFixed(1).padStart(7)}  ${f.deliveriesPerSecond.toFixed(1).padStart(7)}  ` +
      `${`${f.answerP50}/${f.answerP95}`.padStart(17)}  ${`${f.reviewP50}/${f.reviewP95}`.padStart(17)}  ${String(f.runs).padStart(4)}  ${String(f.superseded).padStart(10)}  ` +
      `${String(f.reviews).padStart(7)}  ${String(f.requests).padStart(8)}  ${String(problems.length).padStart(8)}  ${after.toFixed(1).padStart(13)}`,
  );
  for (const p of problems.slice(0, 10)) console.log(`   problem: ${p}`);
  if (problems.length) failed = true;
}
const final = heapMb();
console.log(`heap after ${values.rounds} rounds: ${final.toFixed(1)} MB (baseline ${baseline.toFixed(1)} MB, delta ${(final - baseline).toFixed(1)} MB)`);
process.exit(failed ? 1 : 0);
