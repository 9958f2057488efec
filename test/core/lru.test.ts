import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/core/lru.js';

describe('Lru', () => {
  it('forgets the least recently used entries once over its budget, a hit counting as a use', () => {
    const lru = new Lru<string, Uint32Array>(40, (set) => set.byteLength);
    lru.set('a', new Uint32Array(4));
    lru.set('b', new Uint32Array(4));
    expect(lru.get('a')?.length).toBe(4); // a is now the most recent
    lru.set('c', new Uint32Array(4)); // 48 bytes: b goes
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')?.length).toBe(4);
    expect(lru.get('c')?.length).toBe(4);
    expect(lru.cost).toBe(32);
  });

  it('keeps the newest entry even when it alone is over the budget, and counts a replaced entry once', () => {
    const lru = new Lru<string, Uint32Array>(8, (set) => set.byteLength);
    lru.set('a', new Uint32Array(1));
    lru.set('big', new Uint32Array(10));
    expect(lru.size).toBe(1);
    expect(lru.get('big')?.length).toBe(10);
    lru.set('big', new Uint32Array(2));
    expect([lru.size, lru.cost]).toEqual([1, 8]);
  });

  it('counts entries when no cost is given', () => {
    const lru = new Lru<number, string>(2);
    for (const n of [1, 2, 3]) lru.set(n, String(n));
    expect([lru.get(1), lru.get(2), lru.get(3)]).toEqual([undefined, '2', '3']);
  });
});
