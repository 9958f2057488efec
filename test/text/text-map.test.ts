import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextMap } from '../../src/text/text-map.js';

/** `TextMap` answers what a `Map` answers, also for many texts that differ only where it samples none. */
describe('TextMap', () => {
  it('gets what a Map gets, on random texts', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 60 }), fc.array(fc.string({ maxLength: 200 }), { maxLength: 20 }), (added, asked) => {
        const map = new Map<string, number>();
        const textMap = new TextMap<number>();
        added.forEach((text, i) => {
          if (map.has(text)) return;
          map.set(text, i);
          textMap.add(text, i);
        });
        for (const text of [...added, ...asked]) expect(textMap.get(text)).toBe(map.get(text));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps texts apart that share every sampled character (one bucket, then its Map)', () => {
    // 1,000 characters: every 31st is sampled, so texts that differ at index 1 share a bucket.
    const texts = Array.from({ length: 50 }, (_, i) => `a${String.fromCharCode(0x3041 + i)}${'x'.repeat(998)}`);
    const textMap = new TextMap<number>();
    texts.forEach((text, i) => {
      expect(textMap.get(text)).toBeUndefined();
      textMap.add(text, i);
    });
    texts.forEach((text, i) => expect(textMap.get(text)).toBe(i));
    expect(textMap.get(`ab${'x'.repeat(998)}`)).toBeUndefined();
  });
});
