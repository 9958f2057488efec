/**
 * The analyser is loaded once, and only when a Japanese tail needs deciding. Its own file: vitest gives
 * each test file a fresh module registry, so the load counter starts at zero here.
 */
import { describe, expect, it } from 'vitest';
import { japaneseAnalyserLoads } from '../../src/text/japanese.js';
import { parsePost } from '../../src/post/parse.js';
import { allRules } from '../../src/rules/index.js';
import { check } from '../helpers.js';

describe('the Japanese analyser loads lazily', () => {
  it('posts whose sentences all end in punctuation never load it; the first undecided Japanese tail does, once', () => {
    const english = parsePost('_posts/2024-01-01-en.md', '---\ntitle: Jekyll 4.3.0 Released\n---\n\nJekyll 4.3.0 is out. Happy Jekyllin\'!\n');
    const finished = parsePost('_posts/2024-01-01-ja.md', '---\ntitle: Vim 9.1 がリリースされました\n---\n\nVim 9.1 がリリースされました。\n\n詳しくはリリースノートを参照してください。\n');
    check(english, { rules: allRules });
    check(finished, { rules: allRules });
    expect(japaneseAnalyserLoads()).toBe(0);
    const cut = parsePost('_posts/2024-01-02-ja.md', '---\ntitle: テスト記事のタイトル\n---\n\nこの発表を見て驚きました。私たちが今目にしているのは\n\n## 見出し\n');
    const findings = check(cut, { rules: allRules }).filter((f) => f.rule === 'truncation/unfinished-paragraph');
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[5, 'error']]);
    check(cut, { rules: allRules });
    expect(japaneseAnalyserLoads()).toBe(1);
  });
});
