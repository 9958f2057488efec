/**
 * `withDetachedStrings`: the values kept for a whole run (the site's posts, the cross-post features) are
 * copied out of the texts they were cut from, so those texts can go. The copy must be the same value, and
 * must really not hold the text (V8 makes a cut of 13 characters or more a view into the whole string).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withDetachedStrings } from '../../src/text/detached.js';
import { seedPath } from '../helpers.js';

describe('withDetachedStrings', () => {
  it('gives an equal value: nested plain objects and arrays copied, typed arrays, dates and class instances kept', () => {
    const signature = new Uint32Array([1, 2, 3]);
    const date = new Date('2025-09-01T00:00:00Z');
    class Holder {
      constructor(readonly text: string) {}
    }
    const holder = new Holder('kept as it is, strings and all');
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { key: 'a value in an object without a prototype' });
    const value = {
      meta: { title: 'AIの「欺瞞行動」研究、その真意とは？', categories: ['AI', 'ニュース'], draft: false, site: { date: '2025-09-01 10:00:00 +0900' } },
      headline: 'a lone surrogate \ud800 and a pair 😀 survive the copy',
      signature,
      date,
      holder,
      bare,
      chars: 1234,
      none: null,
      missing: undefined,
    };
    const copy = withDetachedStrings(value);
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.meta).not.toBe(value.meta);
    expect(copy.meta.categories).not.toBe(value.meta.categories);
    expect(copy.headline).toBe(value.headline);
    expect(copy.signature).toBe(signature);
    expect(copy.date).toBe(date);
    expect(copy.holder).toBe(holder);
    expect(Object.getPrototypeOf(copy.bare)).toBeNull();
    expect(copy.bare.key).toBe(bare.key);
    expect(withDetachedStrings('short')).toBe('short');
    expect(withDetachedStrings(42)).toBe(42);
  });

  it('lets the texts the strings were cut from be collected (a process of its own, with gc exposed)', () => {
    // 60 texts of 1 MiB (a real post's text repeated: seed 0, ai-blog-system, MIT), a title cut from each.
    const post = readFileSync(seedPath(0), 'utf8');
    const heapAfter = (detach: boolean): number => {
      const script = `
        const { withDetachedStrings } = await import(${JSON.stringify(new URL('../../src/text/detached.ts', import.meta.url).href)});
        const post = ${JSON.stringify(post)};
        const kept = [];
        for (let i = 0; i < 60; i++) {
          let text = String(i) + post.repeat(Math.ceil((1 << 20) / post.length));
          const title = { title: text.slice(1, 60) };
          kept.push(${detach} ? withDetachedStrings(title) : title);
          text = undefined;
        }
        globalThis.gc(); globalThis.gc();
        process.stdout.write(String(process.memoryUsage().heapUsed + kept.length * 0));
      `;
      return Number(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }));
    };
    const MiB = 1 << 20;
    // Kept views hold each whole text (UTF-16: ~2 MiB each); the copies hold ~60 short strings.
    expect(heapAfter(false)).toBeGreaterThan(100 * MiB);
    expect(heapAfter(true)).toBeLessThan(40 * MiB);
  }, 60_000);
});
