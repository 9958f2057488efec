import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDuplication, classify, mayMatch } from '../../src/analysis/duplication.js';
import { duplicationOptions } from '../../src/config/duplication.js';
import { parsePost } from '../../src/post/parse.js';
import { intersectionSize, ShingleIndex } from '../../src/text/shingles.js';
import { truncationOptions } from '../../src/config/truncation.js';
import { hasShared, itOnEverySiteHeadPost, seed, SHARED } from '../helpers.js';

/**
 * The duplication analysis asks `mayMatch` before `classify` for each earlier unit a paragraph shares a
 * shingle with, and skips `classify` when it says no: that must never skip a match. Held on every pair of
 * units of real posts: the seeds (ai-blog-system, MIT), the vim-jp posts (CC BY 4.0) and clean-en (MIT),
 * with the pair's true shared-shingle count and with smaller ones (the analysis counts through capped
 * posting lists, so it may count fewer).
 */
function realPosts() {
  const posts = [0, 1, 2, 3, 4].map(seed);
  if (hasShared) {
    for (const folder of ['corpus/clean-en', 'corpus/human-ja-vim-jp/_posts']) {
      const dir = join(SHARED, folder);
      for (const file of readdirSync(dir, { recursive: true }) as string[]) {
        if (/\.(?:md|markdown)$/u.test(file)) posts.push(parsePost(file, readFileSync(join(dir, file), 'utf8')));
      }
    }
  }
  return posts;
}

describe('duplication: the shingle-count pre-filter', () => {
  it('says yes for every pair classify matches, on real posts', () => {
    const options = duplicationOptions.parse({});
    let pairs = 0;
    let matched = 0;
    let skipped = 0;
    for (const post of realPosts()) {
      const units = analyzeDuplication(post, { ...options, markers: [] }).units;
      for (const a of units) {
        if (a.markerOnly || a.role !== 'prose' || a.norm.length < options.minChars) continue;
        for (const b of units) {
          if (b.id >= a.id) break;
          const shared = intersectionSize(a.shingles, b.shingles);
          if (shared === 0 && a.norm !== b.norm) continue;
          for (const counted of new Set([shared, Math.floor(shared / 2), Math.min(shared, 1)])) {
            pairs++;
            const match = classify(a, b, counted, options, false);
            const maybe = mayMatch(a, b, counted, options);
            if (match) {
              matched++;
              expect(maybe, `${post.path}: unit ${a.id} against ${b.id} (${match.kind})`).toBe(true);
            } else if (!maybe) skipped++;
          }
        }
      }
    }
    expect(matched).toBeGreaterThan(10);
    // It is worth asking: most pairs that share a shingle match nothing.
    expect(skipped).toBeGreaterThan(pairs / 2);
  });
});

/**
 * A run's `pairMatch` asks `classify` first with the most two units can share (the smaller set's size) and
 * counts their shingles only when that matches: a larger count never turns a match into none. Held on every
 * pair of units of every post of the site head, with the pair's true shared count (from an index without a
 * cap; pairs sharing nothing count 0).
 */
describe('duplication: the bound a run asks before counting', () => {
  itOnEverySiteHeadPost("matches whenever the true count matches, on every pair of every post of the site bundle's head (needs ../shared)", (sources) => {
    const options = duplicationOptions.parse({});
    const markers = truncationOptions.parse({}).markers;
    let pairs = 0;
    let matched = 0;
    let skipped = 0;
    for (const source of sources) {
      const units = analyzeDuplication(parsePost(source.path, source.text), { ...options, markers }).units;
      const index = new ShingleIndex(units.reduce((n, u) => n + u.shingles.length, 0), units.length + 1);
      const counts = new Int32Array(units.length);
      const touched = new Int32Array(units.length);
      for (const a of units) {
        const n = index.countPostings(a.shingles, counts, touched);
        for (const b of units) {
          if (b.id >= a.id) break;
          pairs++;
          const shared = counts[b.id]!;
          const bound = classify(a, b, Math.min(a.shingles.length, b.shingles.length), options, true);
          const match = classify(a, b, shared, options, true);
          if (match) {
            matched++;
            expect(bound, `${source.path}: unit ${a.id} against ${b.id} (${match.kind})`).not.toBeNull();
          } else if (!bound) skipped++;
        }
        for (let t = 0; t < n; t++) counts[touched[t]!] = 0;
        index.add(a.shingles, a.id);
      }
    }
    expect(pairs).toBeGreaterThan(1_000_000);
    expect(matched).toBeGreaterThan(1000);
    // It is worth asking: many pairs are ruled out without counting.
    expect(skipped).toBeGreaterThan(pairs / 4);
  });
});
