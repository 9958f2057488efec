import { describe, expect, it } from 'vitest';
import { Memo, memoKey } from '../../src/core/memo.js';

describe('Memo', () => {
  const key = memoKey<number>('answer');

  it('works a value out once per inputs', () => {
    const memo = new Memo();
    let computed = 0;
    const options = {};
    expect(memo.get(key, [options], () => ++computed)).toBe(1);
    expect(memo.get(key, [options], () => ++computed)).toBe(1);
    expect(memo.get(key, [{}], () => ++computed)).toBe(2);
    expect(memo.peek(key, [options])).toBeUndefined(); // replaced by the value for the other inputs
  });

  it('tells its recorder how long each value took, and nothing for a value it has', () => {
    const memo = new Memo();
    const told: [string, number][] = [];
    memo.recorder = (name, ms) => told.push([name, ms]);
    const inner = memoKey<number>('inner');
    memo.get(key, [], () => memo.get(inner, [], () => 1) + 1);
    memo.get(key, [], () => 0);
    // The inner analysis first: it finishes first, and the outer one's time includes it.
    expect(told.map(([name]) => name)).toEqual(['inner', 'answer']);
    expect(told[1]![1]).toBeGreaterThanOrEqual(told[0]![1]);
    expect(told.every(([, ms]) => ms >= 0)).toBe(true);
  });
});
