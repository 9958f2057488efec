import { describe, expect, it } from 'vitest';
import { japaneseLatticeBuilder } from '../../src/text/japanese.js';
import type { LatticeBuilder } from '../../src/text/kuromoji-lattice.js';
import { realPostSources, seededRandom } from '../helpers.js';

interface Node {
  name: number;
  cost: number;
  start_pos: number;
  length: number;
  type: string;
  left_id: number;
  right_id: number;
  surface_form: string;
}

/** A lattice as plain data (every node of every end position, in order), or the error building it threw. */
function latticeOf(build: () => unknown): string {
  let lattice: { nodes_end_at: (Node[] | undefined)[]; eos_pos: number };
  try {
    lattice = build() as typeof lattice;
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
  const ends = Array.from(lattice.nodes_end_at, (nodes) => nodes?.map((n) => [n.name, n.cost, n.start_pos, n.length, n.type, n.left_id, n.right_id, n.surface_form]) ?? null);
  return JSON.stringify([lattice.eos_pos, ends]);
}

function builder(): LatticeBuilder {
  const built = japaneseLatticeBuilder();
  if (!built) throw new Error('the Japanese analyser did not load');
  return built;
}

/** The fast lattice (installed on the analyser) and kuromoji's own (its prototype's `build`) of `text`. */
function both(text: string): { fast: string; kuromoji: string } {
  const b = builder();
  const own = (Object.getPrototypeOf(b) as LatticeBuilder).build;
  return { fast: latticeOf(() => b.build(text)), kuromoji: latticeOf(() => own.call(b, text)) };
}

describe('the lattice builder without kuromoji’s copies', () => {
  it('builds kuromoji’s lattice for every line of the real posts, and for the pieces kuromoji analyses', () => {
    let sentences = 0;
    let japanese = 0;
    for (const { path, text } of realPostSources()) {
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        // kuromoji analyses each piece up to a 、 or 。 (bounded here: kuromoji's own builder is quadratic);
        // a whole Japanese line exercises long lattices too.
        const cjk = /[\u3040-\u30ff\u4e00-\u9fff]/u.test(line);
        const pieces = line.split(/(?<=[、。])/u).map((piece) => piece.slice(0, 100));
        for (const piece of cjk && pieces.length > 1 ? [line.slice(0, 120), ...pieces] : pieces) {
          const { fast, kuromoji } = both(piece);
          if (fast !== kuromoji) expect(fast, `${path}: ${piece}`).toBe(kuromoji);
          sentences++;
          if (cjk) japanese++;
        }
      }
    }
    expect(japanese).toBeGreaterThan(500);
    expect(sentences).toBeGreaterThan(1_000);
  });

  it('builds kuromoji’s lattice for generated strings: kana, kanji, Latin, symbols, NUL, emoji and lone surrogates', () => {
    const pieces = [
      ...'のはをにがでとしたてるいうかもやへ',
      ...'アイウエオカキクーンッャ',
      ...'日本語解析東京都大学生活用開発者',
      ...'ｱｲｳｴｵﾞﾟ',
      ...'abcXYZ019 .,!?-_*[](){}<>/\\\'"',
      ...'、。！？「」（）…・〜ー　',
      ...'éßαβЖж€™',
      '\u0000',
      '\t',
      '😀',
      '𠮷',
      '\ud800',
      '\udc00',
      '東京',
      'する',
      'ください',
      'https://',
    ];
    const next = seededRandom(17);
    let threw = 0;
    for (let n = 0; n < 20_000; n++) {
      const length = 1 + Math.floor(next() * 24);
      let text = '';
      for (let k = 0; k < length; k++) text += pieces[Math.floor(next() * pieces.length)]!;
      const { fast, kuromoji } = both(text);
      if (fast !== kuromoji) expect(fast, JSON.stringify(text)).toBe(kuromoji);
      if (kuromoji.startsWith('threw')) threw++;
    }
    // Lone surrogates make kuromoji throw: the fast builder hands them to it, and throws the same.
    expect(threw).toBeGreaterThan(0);
  });
});
