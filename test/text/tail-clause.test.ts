import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenizeJapanese } from '../../src/text/japanese.js';
import { judgeTail } from '../../src/text/sentence.js';

const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared');

/** Lines of the seeds (ai-blog-system, MIT) and of 40 vim-jp posts (CC BY 4.0) that hold a `、`. */
function clauses(): string[] {
  const files = [
    ...readdirSync(join(SHARED, 'seeds')).map((f) => join(SHARED, 'seeds', f)),
    ...readdirSync(join(SHARED, 'corpus', 'human-ja-vim-jp', '_posts'))
      .filter((f) => f.endsWith('.md'))
      .slice(0, 40)
      .map((f) => join(SHARED, 'corpus', 'human-ja-vim-jp', '_posts', f)),
  ];
  return files.flatMap((file) => readFileSync(file, 'utf8').split('\n')).filter((line) => line.includes('、') && line.length < 300);
}

const words = (text: string) => (tokenizeJapanese(text) ?? []).map(({ surface, pos, posDetail, conjugatedForm }) => ({ surface, pos, posDetail, conjugatedForm }));

describe('a Japanese tail is analysed from its last 、 on', () => {
  it('kuromoji analyses the pieces after the last 、 as it does inside the whole line', () => {
    const lines = clauses();
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) {
      const start = line.lastIndexOf('、') + 1;
      const tail = words(line.slice(start));
      const whole = words(line);
      expect(whole.slice(whole.length - tail.length), line).toEqual(tail);
      // Cut in the middle of a clause, as a truncated paragraph is.
      const cut = line.slice(0, start + Math.floor((line.length - start) / 2));
      const cutTail = words(cut.slice(start));
      expect(words(cut).slice(-cutTail.length || cut.length), cut).toEqual(cutTail);
    }
  });

  it('judges the tail as the whole sentence would be: symbols after the last 、, は after it, とは in it', () => {
    // The walk back over symbols stops at the 、 (a comma), as it does in the whole sentence.
    expect(judgeTail('AI導入が進んでいるのは、・')).toEqual({ state: 'open' });
    // The と before the 、 does not make the は after it a `…とは` topic.
    expect(judgeTail('技術と、は')).toEqual({ state: 'cut', evidence: 'particle' });
    expect(judgeTail('そう、とは')).toEqual({ state: 'open' });
    expect(judgeTail('今回の発表で最も注目すべきは、この')).toEqual({ state: 'cut', evidence: 'prefix' });
  });
});
