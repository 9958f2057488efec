import { describe, expect, it } from 'vitest';
import { tokenizeJapanese } from '../../src/text/japanese.js';
import { judgeTail } from '../../src/text/sentence.js';
import { realLines } from '../helpers.js';

/** Lines of the seeds and of the vim-jp posts (CC BY 4.0) that hold a `、`. */
const clauses = (): string[] => realLines(['corpus/human-ja-vim-jp/_posts']).filter((line) => line.includes('、') && line.length < 300);

const words = (text: string) => (tokenizeJapanese(text) ?? []).map(({ surface, pos, posDetail, conjugatedForm }) => ({ surface, pos, posDetail, conjugatedForm }));

describe('a Japanese tail is analysed from its last 、 on', () => {
  it('kuromoji analyses the pieces after the last 、 as it does inside the whole line', () => {
    const lines = clauses();
    expect(lines.length).toBeGreaterThan(50);
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
