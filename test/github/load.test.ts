import { describe, expect, it } from 'vitest';
import type { ReviewQueue } from '../../src/queue/queue.js';
import { runLoad } from './load.js';

/**
 * 200 signed deliveries for 50 pull requests (4 pushes each, a quarter of the deliveries arriving late,
 * i.e. out of order) through the real HTTP webhook endpoint; a fake GitHub on loopback. Bounded in count;
 * figures are printed, never asserted (bench/soak.ts measures them properly).
 */
describe('load: 200 deliveries for 50 pull requests', () => {
  it('every PR ends with exactly one review on its latest head, none stale after a newer one, no delivery lost', async () => {
    const result = await runLoad({ prs: 50, pushesPerPr: 4, seed: 11 });
    try {
      expect(result.problems).toEqual([]);
      expect(result.deliveries).toHaveLength(200);
      // Some deliveries really did arrive after a newer push's delivery.
      const outOfOrder = result.deliveries.filter((d) => result.deliveries.some((e) => e.pr === d.pr && e.push > d.push && e.sentAt < d.sentAt));
      expect(outOfOrder.length).toBeGreaterThan(0);
      // Nothing retained: the queues are empty and hold no per-PR state.
      for (const app of result.apps) expect((app.queue as ReviewQueue)['keys'].size).toBe(0);
      const f = result.figures;
      console.log(
        `load: ${f.deliveries} deliveries (${outOfOrder.length} out of order) in ${f.seconds.toFixed(1)} s = ${f.deliveriesPerSecond.toFixed(1)}/s; ` +
          `answer p50 ${f.answerP50} ms p95 ${f.answerP95} ms; delivery→review p50 ${f.reviewP50} ms p95 ${f.reviewP95} ms; ` +
          `${f.runs} runs (${f.superseded} superseded), ${f.reviews} reviews, ${f.requests} API requests`,
      );
    } finally {
      await result.cleanup();
    }
  });

  const url = process.env.REDIS_URL;
  it.skipIf(!url && process.env.CI !== 'true')('two Apps sharing a BullMQ queue on Redis: the same guarantees', async () => {
    expect(url, 'CI=true but REDIS_URL is not set').toBeDefined();
    const result = await runLoad({ prs: 20, pushesPerPr: 4, instances: 2, redisUrl: url!, seed: 5 });
    try {
      expect(result.problems).toEqual([]);
      expect(result.deliveries).toHaveLength(80);
      expect(result.apps.every((a) => a.queue!.stats.accepted > 0)).toBe(true);
      const f = result.figures;
      console.log(`load (2 processes, Redis): ${f.deliveries} deliveries in ${f.seconds.toFixed(1)} s; delivery→review p50 ${f.reviewP50} ms p95 ${f.reviewP95} ms; ${f.runs} runs`);
    } finally {
      await result.cleanup();
    }
  });
});
