import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePost } from '../../../src/post/parse.js';
import readingTime, { bodyCounts } from '../../../src/rules/front-matter/reading-time.js';
import { countReadableText, readingMinutes } from '../../../src/text/reading-time.js';
import { CLEAN_EN, byRule, check, hasShared, seed } from '../../helpers.js';
import { readFileSync } from 'node:fs';

const rules = [readingTime];

describe('reading-time arithmetic', () => {
  it('counts CJK characters and Latin words apart, without URLs', () => {
    expect(countReadableText('AmazonのAIチップ、see https://example.com/a-b?c=d now')).toEqual({ cjkChars: 4, latinWords: 4 });
    expect(readingMinutes({ cjkChars: 1000, latinWords: 238 }, 500, 238)).toBe(3);
    expect(readingMinutes({ cjkChars: 0, latinWords: 0 }, 500, 238)).toBe(1);
  });

  it('leaves code blocks and front matter out of the body', () => {
    const post = parsePost('a.md', '---\ntitle: 日本語のタイトル\n---\n\n本文です。\n\n```\nコードの中の日本語\n```\n');
    expect(bodyCounts(post)).toEqual({ cjkChars: 4, latinWords: 0 });
  });
});

describe('front-matter/reading-time', () => {
  it('reports 002 (8 → 27) and 003 (20 → 44), not 000/001/004', () => {
    expect(byRule(check(seed(2), { rules }), 'front-matter/reading-time')[0]?.fix?.replacement).toBe('reading_time: 27');
    expect(byRule(check(seed(3), { rules }), 'front-matter/reading-time')[0]?.fix?.replacement).toBe('reading_time: 44');
    for (const n of [0, 1, 4]) expect(check(seed(n), { rules })).toEqual([]);
  });

  it('needs both the ratio and the minutes: a 2-minute gap is never reported', () => {
    const body = 'あ'.repeat(2500); // 5 minutes
    const post = (declared: number) => parsePost('a.md', `---\nreading_time: ${declared}\n---\n\n${body}\n`);
    expect(check(post(3), { rules })).toEqual([]); // off by 2 minutes (40%)
    expect(check(post(2), { rules })[0]?.fix?.replacement).toBe('reading_time: 5'); // off by 3 (60%)
    const loose = { frontMatter: { readingTime: { tolerance: 0.7, minMinutes: 2, cjkCharsPerMinute: 500, latinWordsPerMinute: 238, key: 'reading_time' } } };
    expect(check(post(2), { rules, config: loose })).toEqual([]);
  });

  it.skipIf(!hasShared)('English posts: Latin words per minute (clean-en has no reading_time; a synthetic key on a real post; needs ../shared)', () => {
    const name = readdirSync(CLEAN_EN).find((n) => n.startsWith('2013-05-06'))!;
    const text = readFileSync(join(CLEAN_EN, name), 'utf8').replace(/^---\n/, '---\nreading_time: 30\n');
    const [finding] = byRule(check(parsePost(name, text), { rules }), 'front-matter/reading-time');
    expect(finding?.fix?.replacement).toMatch(/^reading_time: [1-3]$/);
    expect(finding?.message).toMatch(/words at 238\/min/);
  });
});
