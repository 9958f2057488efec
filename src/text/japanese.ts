/**
 * Japanese morphology: kuromoji (the analyser textlint's Japanese rules use through kuromojin), with its
 * bundled IPADIC dictionary.
 *
 * kuromoji's own builder loads the dictionary asynchronously, but the rules are synchronous and the CLI,
 * the App, the Action and the eval must all get the same answers. So the dictionary is loaded here, once per
 * process, through kuromoji's own `DictionaryLoader` with a synchronous file reader: the first call that
 * needs a Japanese tail decided pays for it (~0.8 s, ~250 MB; see `bench/japanese-analyser.ts`), and a run
 * whose posts never need one never loads it. If the dictionary cannot be loaded (or
 * `EDITORIAL_REVIEW_JAPANESE_ANALYSER=off` is set, for machines that cannot spare the memory), `tokenizeJapanese`
 * returns null and the callers fall back to what punctuation alone proves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One morpheme as IPADIC describes it (the fields the rules read). */
export interface Morpheme {
  surface: string;
  /** 名詞, 動詞, 助詞, 助動詞, 形容詞, 副詞, 接続詞, 連体詞, 記号 … */
  pos: string;
  /** 格助詞, 係助詞, 接続助詞, 終助詞, 読点, 非自立 … */
  posDetail: string;
  /** 基本形, 連用形, 未然形, 連用タ接続 … or `*`. */
  conjugatedForm: string;
  /** Dictionary form, `*` for unknown words. */
  basicForm: string;
  /** 0-based offset of the morpheme in the analysed text (UTF-16 units). */
  start: number;
}

interface KuromojiToken {
  surface_form: string;
  pos: string;
  pos_detail_1: string;
  conjugated_form: string;
  basic_form: string;
  word_position: number;
}
interface KuromojiTokenizer {
  tokenize(text: string): KuromojiToken[];
}
interface KuromojiLoader {
  loadArrayBuffer: (file: string, callback: (error: unknown, buffer?: ArrayBufferLike) => void) => void;
  load(callback: (error: unknown, dictionaries: unknown) => void): void;
}

const require = createRequire(import.meta.url);
let tokenizer: KuromojiTokenizer | null | undefined;
let loads = 0;

/** The dictionary's files by name (`base.dat.gz` …), gunzipped, when another thread holds them already. */
export type DictionaryFiles = Record<string, ArrayBufferLike>;
let dictionarySource: (() => DictionaryFiles | undefined) | undefined;

/**
 * Where the dictionary's files come from when this thread first needs them: the worker pool's threads get
 * the main thread's copy (shared memory, ~90 MB once instead of once per thread); undefined: read them here.
 * The tokenizer only reads them, so threads sharing them get the same answers.
 */
export function setDictionarySource(source: (() => DictionaryFiles | undefined) | undefined): void {
  dictionarySource = source;
}

let sharedFiles: Record<string, SharedArrayBuffer> | undefined;

/** The dictionary's files, gunzipped into shared memory once per process (null when they cannot be read). */
export function sharedDictionaryFiles(): Record<string, SharedArrayBuffer> | null {
  if (sharedFiles) return sharedFiles;
  try {
    const dir = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
    const files: Record<string, SharedArrayBuffer> = {};
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.dat.gz'))) {
      const bytes = gunzipSync(readFileSync(join(dir, name)));
      const buffer = new SharedArrayBuffer(bytes.length);
      new Uint8Array(buffer).set(bytes);
      files[name] = buffer;
    }
    return (sharedFiles = files);
  } catch {
    return null;
  }
}

function loadTokenizer(): KuromojiTokenizer | null {
  if (tokenizer !== undefined) return tokenizer;
  // Off: judge by punctuation only (no dictionary in memory; the benchmark's baseline).
  if (process.env.EDITORIAL_REVIEW_JAPANESE_ANALYSER === 'off') return (tokenizer = null);
  loads++;
  try {
    const root = dirname(require.resolve('kuromoji/package.json'));
    const DictionaryLoader = require('kuromoji/src/loader/DictionaryLoader') as new (path: string) => KuromojiLoader;
    const Tokenizer = require('kuromoji/src/Tokenizer') as new (dictionaries: unknown) => KuromojiTokenizer;
    const loader = new DictionaryLoader(join(root, 'dict'));
    const shared = dictionarySource?.();
    loader.loadArrayBuffer = (file, callback) => {
      let buffer: ArrayBufferLike;
      try {
        buffer = shared?.[basename(file)] ?? new Uint8Array(gunzipSync(readFileSync(file))).buffer;
      } catch (error) {
        callback(error);
        return;
      }
      callback(null, buffer);
    };
    let built: KuromojiTokenizer | null = null;
    let failure: unknown = null;
    // kuromoji's loader runs its steps through `async.parallel`, which completes in the same tick when every
    // file callback does: the tokenizer is ready when `load` returns.
    loader.load((error, dictionaries) => {
      if (error) failure = error;
      else built = new Tokenizer(dictionaries);
    });
    if (failure || !built) throw failure ?? new Error('kuromoji did not load its dictionary synchronously');
    tokenizer = built;
  } catch (error) {
    process.emitWarning(`Japanese analyser unavailable (${(error as Error).message}); Japanese sentence ends are judged by punctuation only`);
    tokenizer = null;
  }
  return tokenizer;
}

/** Morphemes of `text`, or null when the analyser cannot be loaded. Loads the dictionary on first use. */
export function tokenizeJapanese(text: string): Morpheme[] | null {
  const analyser = loadTokenizer();
  if (!analyser) return null;
  return analyser.tokenize(text).map((t) => ({
    surface: t.surface_form,
    pos: t.pos,
    posDetail: t.pos_detail_1,
    conjugatedForm: t.conjugated_form,
    basicForm: t.basic_form,
    start: t.word_position - 1,
  }));
}

/** How many times this process loaded the dictionary (0 or 1): lets tests and benchmarks see the laziness. */
export function japaneseAnalyserLoads(): number {
  return loads;
}
