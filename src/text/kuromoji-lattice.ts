/**
 * kuromoji's lattice builder, the same lattice without its allocations. For each position of a sentence,
 * kuromoji's `ViterbiBuilder.build` wraps the rest of the sentence in a `SurrogateAwareString` (a scan of
 * it) and its trie's `commonPrefixSearch` encodes the whole rest into a new UTF-8 buffer, then copies and
 * decodes the bytes of every word found: work and garbage quadratic in the sentence, and most of what
 * judging a Japanese tail cost (the trie walk itself stops after a few characters). Here the trie is
 * walked one character's bytes at a time, a word's surface is a slice of the input, and ids are read as
 * the integers they are (kuromoji passes each through `parseInt`).
 *
 * Only for a sentence without UTF-16 surrogates (a character beyond the BMP, or half of one): there the
 * surrogate-aware indexes are plain string indexes. Any other sentence, and a word that would end inside
 * a character's UTF-8 bytes (no IPADIC word does), go to kuromoji's own code, so the lattice is always
 * the one kuromoji builds (test/text/kuromoji-lattice.test.ts holds the two together).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface DoubleArrayUnits {
  getBase(index: number): number;
  getCheck(index: number): number;
}
interface Trie {
  bc: DoubleArrayUnits;
  commonPrefixSearch(key: string): { k: string; v?: number }[];
}
interface TokenDictionary {
  target_map: Record<number, ArrayLike<number>>;
  dictionary: { getShort(index: number): number };
}
interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}
interface UnknownDictionary extends TokenDictionary {
  lookup(ch: string): CharacterClass;
}
/** kuromoji's `ViterbiBuilder` (the fields `build` reads). */
export interface LatticeBuilder {
  trie: Trie;
  token_info_dictionary: TokenDictionary;
  unknown_dictionary: UnknownDictionary;
  build(sentence: string): unknown;
}
interface Lattice {
  append(node: unknown): void;
  appendEos(): void;
}

type LatticeClass = new () => Lattice;
type NodeClass = new (
  name: number,
  cost: number,
  startPos: number,
  length: number,
  type: string,
  leftId: number,
  rightId: number,
  surface: string,
) => unknown;

const ROOT = 0;
const TERMINAL = 0;

function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * The dictionary words that start `text` at `from`: `[length, record]` pairs in `out` (flat, shortest
 * first, as kuromoji lists them), or false when a word ends inside a character (then kuromoji decides).
 */
function wordsAt(units: DoubleArrayUnits, text: string, from: number, out: number[]): boolean {
  out.length = 0;
  let parent = ROOT;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // The UTF-8 bytes of c (no surrogates here: 1 to 3 bytes).
    const count = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    for (let b = 0; b < count; b++) {
      const byte =
        count === 1 ? c : count === 2 ? (b === 0 ? (c >>> 6) | 0xc0 : (c & 0x3f) | 0x80) : b === 0 ? (c >>> 12) | 0xe0 : b === 1 ? ((c >> 6) & 0x3f) | 0x80 : (c & 0x3f) | 0x80;
      const child = units.getBase(parent) + byte;
      if (units.getCheck(child) !== parent) return true;
      parent = child;
      const leaf = units.getBase(child) + TERMINAL;
      if (units.getCheck(leaf) === child) {
        if (b !== count - 1) return false;
        const base = units.getBase(leaf);
        // kuromoji leaves the record undefined when the leaf's base is positive (never, in IPADIC).
        out.push(i + 1 - from, base <= 0 ? -base - 1 : NaN);
      }
    }
  }
  return true;
}

/**
 * The property under which a target map that is a `Proxy` (japanese.ts's view of the map's file) gives its
 * lookup itself: a record's ids without a property read through the proxy (a string key, a trap, a number
 * parsed), which cost a sixth of building a tail's lattice.
 */
export const TARGET_IDS = Symbol('the ids of a trie record');

/** `builder.build`, the same lattice built without kuromoji's per-position copies (see above). */
export function fastLatticeBuild(builder: LatticeBuilder): (sentence: string) => unknown {
  const original = builder.build.bind(builder);
  const units = builder.trie.bc;
  const words = builder.token_info_dictionary;
  const targetMap = words.target_map as TokenDictionary['target_map'] & { [TARGET_IDS]?: (record: number) => ArrayLike<number> | undefined };
  const idsOf = targetMap[TARGET_IDS] ?? ((record: number) => targetMap[record]);
  const unknown = builder.unknown_dictionary;
  const found: number[] = [];
  // Required here, not when this module loads: kuromoji is loaded only when a Japanese tail needs it, and
  // a bundle without it (the Action's) must still load this module and judge by punctuation.
  const ViterbiLattice = require('kuromoji/src/viterbi/ViterbiLattice') as LatticeClass;
  const ViterbiNode = require('kuromoji/src/viterbi/ViterbiNode') as NodeClass;
  return (sentence: string) => {
    if (hasSurrogate(sentence)) return original(sentence);
    const lattice = new ViterbiLattice();
    for (let pos = 0; pos < sentence.length; pos++) {
      if (!wordsAt(units, sentence, pos, found)) return original(sentence);
      for (let n = 0; n < found.length; n += 2) {
        const length = found[n]!;
        const record = found[n + 1]!;
        // kuromoji reads `target_map[undefined]` for a leaf without a record (NaN here), and fails on its length.
        const ids = idsOf(Number.isNaN(record) ? (undefined as unknown as number) : record)!;
        const key = sentence.slice(pos, pos + length);
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          const dictionary = words.dictionary;
          lattice.append(new ViterbiNode(id, dictionary.getShort(id + 4), pos + 1, length, 'KNOWN', dictionary.getShort(id), dictionary.getShort(id + 2), key));
        }
      }
      // Unknown words: a run of characters of the head character's class.
      const head = sentence.charAt(pos);
      const headClass = unknown.lookup(head);
      if (found.length === 0 || headClass.is_always_invoke === 1) {
        let end = pos + 1;
        if (headClass.is_grouping === 1) {
          while (end < sentence.length && unknown.lookup(sentence.charAt(end)).class_name === headClass.class_name) end++;
        }
        const key = sentence.slice(pos, end);
        const ids = unknown.target_map[headClass.class_id]!;
        for (let j = 0; j < ids.length; j++) {
          const id = ids[j]!;
          const dictionary = unknown.dictionary;
          lattice.append(new ViterbiNode(id, dictionary.getShort(id + 4), pos + 1, key.length, 'UNKNOWN', dictionary.getShort(id), dictionary.getShort(id + 2), key));
        }
      }
    }
    lattice.appendEos();
    return lattice;
  };
}
