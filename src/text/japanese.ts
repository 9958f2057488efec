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
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { defaultCacheDir, writeCacheFile } from '../core/cache-dir.js';
import { hashString } from './hash.js';
import { fastLatticeBuild, TARGET_IDS, type LatticeBuilder } from './kuromoji-lattice.js';

const hashHex = (text: string): string => hashString(text).toString(16).padStart(8, '0');

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

/** A token as kuromoji returns it (its own field names); exported for the tests that compare with kuromoji's own loader. */
export interface KuromojiToken {
  surface_form: string;
  pos: string;
  pos_detail_1: string;
  conjugated_form: string;
  basic_form: string;
  word_position: number;
}
interface KuromojiTokenizer {
  tokenize(text: string): KuromojiToken[];
  viterbi_builder: LatticeBuilder;
  getLattice(text: string): unknown;
  viterbi_searcher: { search(lattice: unknown): KuromojiNode[] };
  token_info_dictionary: { getFeatures(id: number): string | null };
  unknown_dictionary: { getFeatures(id: number): string | null };
  formatter: {
    formatEntry(id: number, position: number, type: string, features: string[]): KuromojiToken;
    formatUnknownEntry(id: number, position: number, type: string, features: string[], surface: string): KuromojiToken;
  };
}
/** A node of kuromoji's best path (the fields `Tokenizer.tokenizeForSentence` reads). */
interface KuromojiNode {
  name: number;
  type: string;
  start_pos: number;
  surface_form: string;
}
/** kuromoji's `Tokenizer.splitByPunctuation`: the pieces it analyses one by one, each up to and including a `、` or `。`. */
let splitByPunctuation: ((text: string) => string[]) | undefined;
interface KuromojiTokenInfoDictionary {
  target_map: unknown;
  pos_buffer: { getString(index: number): string };
  loadTargetMap(buffer: Uint8Array): KuromojiTokenInfoDictionary;
}
interface KuromojiLoader {
  dic: { token_info_dictionary: KuromojiTokenInfoDictionary };
  loadArrayBuffer: (file: string, callback: (error: unknown, buffer?: ArrayBufferLike) => void) => void;
  load(callback: (error: unknown, dictionaries: unknown) => void): void;
}

const require = createRequire(import.meta.url);
let tokenizer: KuromojiTokenizer | null | undefined;
let loads = 0;

/**
 * The dictionary as one thread hands it to others (shared memory): the files by name (`base.dat.gz` …),
 * gunzipped, and the files read by page (the token features), with the memory their pages go to.
 */
export interface DictionaryFiles {
  files: Record<string, ArrayBufferLike>;
  paged: Record<string, SharedPagedFile>;
}
let dictionarySource: (() => DictionaryFiles | undefined) | undefined;

/**
 * Where the dictionary's files come from when this thread first needs them: the worker pool's threads get
 * the main thread's copy (shared memory, once instead of once per thread); undefined: read them here.
 * The tokenizer only reads them, so threads sharing them get the same answers.
 */
export function setDictionarySource(source: (() => DictionaryFiles | undefined) | undefined): void {
  dictionarySource = source;
}

let sharedFiles: DictionaryFiles | undefined;

/**
 * The dictionary's files, decoded into shared memory once per process (null when they cannot be read).
 * The token features, when the cache holds them, are read by page into shared memory by whichever thread
 * needs a page first (a check of a few posts reads a few of their 550 pages; a whole site ~420).
 */
export function sharedDictionaryFiles(): DictionaryFiles | null {
  if (sharedFiles) return sharedFiles;
  try {
    const { files, paged } = readDictionaryFiles((size) => new SharedArrayBuffer(size), process.env, PAGED_FILES);
    const shared: Record<string, SharedPagedFile> = {};
    for (const [name, file] of paged) shared[name] = { ...file, ...pageMemory(file, (size) => new SharedArrayBuffer(size)) };
    return (sharedFiles = { files, paged: shared });
  } catch {
    return null;
  }
}

/** Bumped when the decoded files' layout on disk changes (3: the stored length in each file's name). */
const DICTIONARY_CACHE_FORMAT = 3;

/**
 * The dictionary's `*.dat.gz` files, decoded, each in a buffer of its own (kuromoji views each whole buffer
 * as one typed array). Gunzipping its 14 MB into 100 MB is most of the dictionary's load time, so the
 * decoded files are kept in the cache directory (`defaultCacheDir()`), keyed by kuromoji's version and the
 * compressed files' names and sizes: the next process reads them as they are. A third of those bytes are
 * zeros padding each file to a power of two; the cache keeps a file without its trailing zeros, its full
 * length and the length stored in its name (`tid_pos.dat.41943040.36028024`), and the reader allocates the
 * full length (zeroed) and reads the rest: the same bytes. A cached file whose length is not the stored
 * length its name gives (cut short by a crash or a full disk, or written by something else) is no cache:
 * the file is decoded again. Each file is written to a temporary name and renamed, so a reader sees a whole
 * file or none; when the directory cannot be written, every run decodes as before. A `paged` file that is
 * cached (or was just written to the cache) is left on disk for `PagedStrings`.
 */
export function readDictionaryFiles<B extends ArrayBufferLike>(
  allocate: (size: number) => B,
  env: NodeJS.ProcessEnv = process.env,
  paged: ReadonlySet<string> = new Set(),
): { files: Record<string, B>; paged: Map<string, PagedFile> } {
  const { dir, names, cache, cached } = dictionaryLocation(env);
  const files: Record<string, B> = {};
  const left = new Map<string, PagedFile>();
  let writable = true;
  for (const name of names) {
    const entry = cached.get(name);
    if (entry && paged.has(name)) {
      left.set(name, { ...entry, source: join(dir, name) });
      continue;
    }
    const buffer = entry && readPrefix(entry, allocate);
    if (buffer) {
      files[name] = buffer;
      continue;
    }
    const bytes = gunzipSync(readFileSync(join(dir, name)));
    const stored = withoutTrailingZeros(bytes);
    const file = cachedName(cache, name, bytes.length, stored.length);
    if (writable) writable = writeCacheFile(file, stored);
    if (writable && paged.has(name)) {
      left.set(name, { file, size: bytes.length, stored: stored.length, source: join(dir, name) });
      continue;
    }
    files[name] = allocate(bytes.length);
    new Uint8Array(files[name]).set(bytes);
  }
  return { files, paged: left };
}

/**
 * The shipped dictionary's files (with their compressed sizes) and where their decoded copies are (or go)
 * in the cache folder: `cached` holds the copies whose length on disk is the stored length their name gives.
 */
function dictionaryLocation(env: NodeJS.ProcessEnv): { dir: string; names: string[]; sizes: Map<string, number>; cache: string; cached: Map<string, CachedFile> } {
  const root = dirname(require.resolve('kuromoji/package.json'));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const dir = join(root, 'dict');
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.dat.gz'))
    .sort();
  const sizes = new Map(names.map((n) => [n, statSync(join(dir, n)).size]));
  const key = hashHex(`${DICTIONARY_CACHE_FORMAT}\0${version}\0${names.map((n) => `${n}:${sizes.get(n)}`).join('\0')}`);
  const cache = join(defaultCacheDir(env), `kuromoji-${version}-${key}`);
  const cached = new Map<string, CachedFile>();
  try {
    for (const file of readdirSync(cache)) {
      const match = /^(.+\.dat)\.(\d+)\.(\d+)$/.exec(file);
      if (!match || Number(match[3]) > Number(match[2])) continue;
      try {
        if (statSync(join(cache, file)).size !== Number(match[3])) continue; // torn: decoded again
      } catch {
        continue;
      }
      cached.set(`${match[1]}.gz`, { file: join(cache, file), size: Number(match[2]), stored: Number(match[3]) });
    }
  } catch {
    // no cache yet
  }
  return { dir, names, sizes, cache, cached };
}

/** `<cache>/tid_pos.dat.<full length>.<stored length>`. */
const cachedName = (cache: string, name: string, size: number, stored: number): string => join(cache, `${name.slice(0, -'.gz'.length)}.${size}.${stored}`);

/**
 * `bytes` up to its last non-zero byte. The files are padded with megabytes of zeros: whole blocks are
 * compared with zeros by `Buffer.compare` (native, stopping at the first difference), the last block byte
 * by byte. (A loop over the bytes as 64-bit words was compiled by V8 on stack replacement in its first call,
 * before the code after it had run, and that code then deoptimised on every later piece: ~190 times.)
 */
function withoutTrailingZeros(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end >= ZERO_BLOCK.length && Buffer.compare(bytes.subarray(end - ZERO_BLOCK.length, end), ZERO_BLOCK) === 0) end -= ZERO_BLOCK.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

/** Zeros `withoutTrailingZeros` compares a block with: small enough that the byte loop after it stays short. */
const ZERO_BLOCK = new Uint8Array(512);

/**
 * The pieces a file is read and decoded in (each a turn of this thread's event loop and of zlib's stream):
 * 512 KB, ~30 reads and ~200 decoded pieces for the whole dictionary. At 64 KB read and 256 KB decoded
 * (~220 reads, ~400 pieces) a first run's decoding took ~40 ms more CPU, most of it on this thread; 1 MB
 * did no better, and at 2 MB the pieces' memory (page faults) cost more system time than the turns saved.
 */
const DECODE_CHUNK_BYTES = 512 << 10;
/**
 * Files decoded at a time, the largest first: their pieces are in memory together (all twelve files at
 * once, with 1 MB pieces, held ~20 MB more), and two leave libuv's other threads to the site's reads.
 */
const DECODE_LANES = 2;
const ZEROS = new Uint8Array(DECODE_CHUNK_BYTES);
let temporaries = 0;

/**
 * Decodes into the cache folder the dictionary files it has no copy of (the first run on a machine, or the
 * cache emptied), streamed: each file is gunzipped on libuv's thread pool (two files side by side) and its
 * pieces written to the cache file as they come, its trailing zeros held back and never written, so no
 * decoded file is ever whole in this process's memory (decoded whole, the dictionary and its gunzip
 * buffers cost ~170 MB of peak RSS on a first run, ~100 MB of it kept). The tokenizer then reads the cache
 * as every later run does (the features file by page). Started before a check reads its site, it runs
 * while that read waits on the disk and afterwards; the check awaits it before checking. Nothing to do when
 * the copy is cached, the analyser is off or already loaded (resolves undefined). Never rejects: resolves
 * false when a file could not be decoded or written (its temporary file removed), and the tokenizer then
 * decodes the files the cache lacks itself, as before.
 */
export async function prefetchDictionary(env: NodeJS.ProcessEnv = process.env): Promise<boolean | undefined> {
  if (tokenizer !== undefined || env.EDITORIAL_REVIEW_JAPANESE_ANALYSER === 'off') return undefined;
  let location: ReturnType<typeof dictionaryLocation>;
  try {
    location = dictionaryLocation(env);
  } catch {
    return false;
  }
  const { dir, names, sizes, cache, cached } = location;
  const missing = names.filter((name) => !cached.has(name));
  if (missing.length === 0) return undefined;
  try {
    await mkdir(cache, { recursive: true });
  } catch {
    return false;
  }
  const queue = missing.sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  let written = true;
  const lane = async (): Promise<void> => {
    for (let name = queue.shift(); name; name = queue.shift()) if (!(await decodeIntoCache(join(dir, name), cache, name))) written = false;
  };
  await Promise.all(Array.from({ length: DECODE_LANES }, lane));
  return written;
}

/**
 * Whether `prefetchDictionary` has files to decode (the analyser on and not loaded, the cache folder
 * lacking some): a caller that decodes them on a thread of their own starts none for nothing.
 */
export function dictionaryToDecode(env: NodeJS.ProcessEnv = process.env): boolean {
  if (tokenizer !== undefined || env.EDITORIAL_REVIEW_JAPANESE_ANALYSER === 'off') return false;
  try {
    const { names, cached } = dictionaryLocation(env);
    return names.some((name) => !cached.has(name));
  } catch {
    return false;
  }
}

/** Streams `source` gunzipped into `cache` under `cachedName` (its trailing zeros not written); false on any failure. */
async function decodeIntoCache(source: string, cache: string, name: string): Promise<boolean> {
  const temporary = join(cache, `${name}.${process.pid}.${++temporaries}.tmp`);
  let out: FileHandle | undefined;
  try {
    out = await open(temporary, 'w');
    const file = out;
    let stored = 0;
    // Zeros decoded since the last non-zero byte: written only if a non-zero byte follows.
    let zeros = 0;
    const write = async (bytes: Uint8Array): Promise<void> => {
      for (let at = 0; at < bytes.length; ) at += (await file.write(bytes, at, bytes.length - at)).bytesWritten;
      stored += bytes.length;
    };
    await pipeline(createReadStream(source, { highWaterMark: DECODE_CHUNK_BYTES }), createGunzip({ chunkSize: DECODE_CHUNK_BYTES }), async (pieces: AsyncIterable<Buffer>) => {
      for await (const piece of pieces) {
        const content = withoutTrailingZeros(piece).length;
        if (content === 0) {
          zeros += piece.length;
          continue;
        }
        for (; zeros > 0; zeros -= Math.min(zeros, ZEROS.length)) await write(ZEROS.subarray(0, Math.min(zeros, ZEROS.length)));
        await write(piece.subarray(0, content));
        zeros = piece.length - content;
      }
    });
    await out.close();
    out = undefined;
    await rename(temporary, cachedName(cache, name, stored + zeros, stored));
    return true;
  } catch {
    await out?.close().catch(() => {});
    await rm(temporary, { force: true }).catch(() => {});
    return false;
  }
}

/** A decoded file in the cache folder: its full length, and the length stored (its trailing zeros are not). */
interface CachedFile {
  file: string;
  size: number;
  stored: number;
}

/** A decoded dictionary file left on disk (`readDictionaryFiles`' `paged`): its cache file, lengths and the shipped original. */
export interface PagedFile extends CachedFile {
  source: string;
}

/**
 * Where a paged file's pages go once read: a zeroed buffer of the file's full length (the operating system
 * gives memory to the pages written only) and a flag per page, set once the page is in the buffer. Shared
 * memory when several threads read the file: each page is then read once for all of them.
 */
export interface PageMemory {
  bytes: ArrayBufferLike;
  loaded: ArrayBufferLike;
}

/** A paged file with its memory, as the main thread hands it to the pool's threads. */
export type SharedPagedFile = PagedFile & PageMemory;

const PAGE_BITS = 16;
/** The token features (a third of the dictionary's bytes): read by page when the cache holds them. */
const FEATURES_FILE = 'tid_pos.dat.gz';
const PAGED_FILES: ReadonlySet<string> = new Set([FEATURES_FILE]);

function pageMemory(paged: PagedFile, allocate: (size: number) => ArrayBufferLike): PageMemory {
  return { bytes: allocate(paged.size), loaded: allocate(4 * Math.ceil(paged.size / (1 << PAGE_BITS))) };
}

/**
 * kuromoji's feature strings (`tid_pos.dat`: 36 MB of NUL-terminated UTF-8, `surface,pos,…` per token),
 * read from the cached file a 64 KB page at a time as tokens ask for them, instead of whole: a check of a
 * few posts reads a few pages. Stands in for the `ByteBuffer` kuromoji reads them from (`getString`, the
 * only method it calls on it); beyond the stored bytes is the file's zero padding. The pages go to
 * `memory` (`PageMemory`), shared by the threads that read the same file: a thread that finds a page's
 * flag unset reads the page itself (two threads may both read it: they write the same bytes), and reads
 * the bytes of a page only after its flag is set. If a page cannot be read (the cache removed under a
 * running process), the shipped file is decoded into the memory and read from then on.
 */
export class PagedStrings {
  private readonly bytes: Uint8Array;
  private readonly loaded: Int32Array;
  private stored: number;

  constructor(
    private readonly paged: PagedFile,
    memory: PageMemory = pageMemory(paged, (size) => new ArrayBuffer(size)),
  ) {
    this.stored = paged.stored;
    this.bytes = new Uint8Array(memory.bytes, 0, paged.size);
    this.loaded = new Int32Array(memory.loaded);
  }

  getString(index: number): string {
    let end = index;
    for (let page = -1; end < this.stored; end++) {
      if (end >>> PAGE_BITS !== page) {
        page = end >>> PAGE_BITS;
        if (Atomics.load(this.loaded, page) === 0) this.load(page);
      }
      if (this.bytes[end] === 0) break;
    }
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + index, Math.max(0, end - index)).toString('utf8');
  }

  private load(page: number): void {
    const start = page << PAGE_BITS;
    const length = Math.min(1 << PAGE_BITS, this.stored - start);
    try {
      const fd = openSync(this.paged.file, 'r');
      try {
        for (let read = 0; read < length; ) {
          const n = readSync(fd, this.bytes, start + read, length - read, start + read);
          if (n === 0) throw new Error(`${this.paged.file} is shorter than when it was opened`);
          read += n;
        }
      } finally {
        closeSync(fd);
      }
    } catch {
      // The whole file, from the shipped original: the same bytes, the padding included.
      const whole = gunzipSync(readFileSync(this.paged.source));
      this.bytes.set(whole.subarray(0, this.bytes.length));
      this.stored = this.bytes.length;
      this.loaded.fill(1);
      return;
    }
    Atomics.store(this.loaded, page, 1);
  }
}

/** A zeroed buffer of `size` bytes that starts with the file's `stored` bytes, or undefined when it cannot be read or is not that long. */
function readPrefix<B extends ArrayBufferLike>({ file, size, stored }: CachedFile, allocate: (size: number) => B): B | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const length = fstatSync(fd).size;
    if (length !== stored || length > size) return undefined;
    const buffer = allocate(size);
    const view = new Uint8Array(buffer);
    for (let read = 0; read < length; ) {
      const n = readSync(fd, view, read, length - read, read);
      if (n === 0) return undefined;
      read += n;
    }
    return buffer;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * kuromoji's surface-form → token-ids map (`tid_map.dat`), read where it lies instead of copied into a JS
 * object of 325,871 arrays (150 ms and ~70 MB per load). The file is `count, (key, n, id × n)…` in
 * little-endian int32: one pass records where each key's ids start, and a lookup returns a view of them
 * (the tokenizer reads `.length` and `[i]` only). Null when the layout is not as expected (a key twice, a
 * big-endian machine): kuromoji's own loader then builds its object.
 */
function targetMapView(bytes: Uint8Array): object | null {
  if (endianness() !== 'LE' || bytes.byteOffset % 4 !== 0) return null;
  const ints = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  let maxKey = -1;
  for (let at = 1; at + 1 < ints.length; at += 2 + ints[at + 1]!) {
    if (ints[at + 1]! < 0) return null;
    if (ints[at + 1]! > 0) maxKey = Math.max(maxKey, ints[at]!);
  }
  const start = new Int32Array(maxKey + 1).fill(-1);
  const count = new Int32Array(maxKey + 1);
  for (let at = 1; at + 1 < ints.length; at += 2 + ints[at + 1]!) {
    const key = ints[at]!;
    const n = ints[at + 1]!;
    if (n === 0) continue; // the zeros that pad the file's end
    if (key < 0 || start[key] !== -1) return null;
    start[key] = at + 2;
    count[key] = n;
  }
  const idsOf = (key: number): Int32Array | undefined =>
    !Number.isInteger(key) || key < 0 || key > maxKey || start[key] === -1 ? undefined : ints.subarray(start[key], start[key]! + count[key]!);
  return new Proxy(
    {},
    {
      get(_, property) {
        if (property === TARGET_IDS) return idsOf;
        return typeof property === 'string' ? idsOf(Number(property)) : undefined;
      },
    },
  );
}

function loadTokenizer(): KuromojiTokenizer | null {
  if (tokenizer !== undefined) return tokenizer;
  // Off: judge by punctuation only (no dictionary in memory; the benchmark's baseline).
  if (process.env.EDITORIAL_REVIEW_JAPANESE_ANALYSER === 'off') return (tokenizer = null);
  loads++;
  try {
    const root = dirname(require.resolve('kuromoji/package.json'));
    const DictionaryLoader = require('kuromoji/src/loader/DictionaryLoader') as new (path: string) => KuromojiLoader;
    const Tokenizer = require('kuromoji/src/Tokenizer') as (new (dictionaries: unknown) => KuromojiTokenizer) & { splitByPunctuation(text: string): string[] };
    splitByPunctuation = Tokenizer.splitByPunctuation;
    const loader = new DictionaryLoader(join(root, 'dict'));
    const shared = dictionarySource?.();
    const { files, paged } = shared
      ? { files: shared.files, paged: new Map<string, PagedFile | SharedPagedFile>(Object.entries(shared.paged)) }
      : readDictionaryFiles((size) => new ArrayBuffer(size), process.env, PAGED_FILES);
    loader.loadArrayBuffer = (file, callback) => {
      // A paged file is given to kuromoji empty, and its reader replaces kuromoji's once loaded.
      const name = basename(file);
      const buffer = files[name] ?? (paged.has(name) ? new ArrayBuffer(0) : undefined);
      if (buffer) callback(null, name === INVOKE_DEFINITIONS_FILE ? invokeDefinitionRecords(buffer) : buffer);
      else callback(new Error(`kuromoji dictionary file ${file} is missing`));
    };
    const words = loader.dic.token_info_dictionary;
    const loadTargetMap = words.loadTargetMap.bind(words);
    words.loadTargetMap = (bytes) => {
      const view = targetMapView(bytes);
      if (!view) return loadTargetMap(bytes);
      words.target_map = view;
      return words;
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
    const features = paged.get(FEATURES_FILE);
    if (features) words.pos_buffer = 'bytes' in features ? new PagedStrings(features, features) : new PagedStrings(features);
    const analyser: KuromojiTokenizer = built;
    analyser.viterbi_builder.build = fastLatticeBuild(analyser.viterbi_builder);
    tokenizer = analyser;
  } catch (error) {
    process.emitWarning(`Japanese analyser unavailable (${(error as Error).message}); Japanese sentence ends are judged by punctuation only`);
    tokenizer = null;
  }
  return tokenizer;
}

/** The unknown-word character classes (`char.def`'s categories): kuromoji's `InvokeDefinitionMap`. */
const INVOKE_DEFINITIONS_FILE = 'unk_invoke.dat.gz';

/**
 * The bytes of `unk_invoke.dat`'s records, without the file's zero padding. kuromoji reads records
 * (`is_always_invoke` byte, `is_grouping` byte, `max_length` int32, NUL-terminated class name) until the
 * buffer ends, and the shipped file is a megabyte of zeros after its 152 bytes: each 7 zero bytes made one
 * more nameless class, 149,786 objects (9 MB of every thread's heap, and their making at each load) that
 * no lookup reaches (classes are found by name, or by the ids of the named ones). A class always has a
 * name, so the records end where one has none.
 */
export function invokeDefinitionRecords(buffer: ArrayBufferLike): ArrayBuffer {
  const bytes = new Uint8Array(buffer);
  let end = 0;
  for (let at = 0; at + 1 < bytes.length; ) {
    const name = at + 6;
    if (name >= bytes.length || bytes[name] === 0) break;
    let nul = name;
    while (nul < bytes.length && bytes[nul] !== 0) nul++;
    at = end = Math.min(bytes.length, nul + 1);
  }
  return bytes.slice(0, end).buffer;
}

/** Morphemes of `text`, or null when the analyser cannot be loaded. Loads the dictionary on first use. */
export function tokenizeJapanese(text: string): Morpheme[] | null {
  const analyser = loadTokenizer();
  if (!analyser) return null;
  return analyser.tokenize(text).map(toMorpheme);
}

function toMorpheme(token: KuromojiToken): Morpheme {
  return {
    surface: token.surface_form,
    pos: token.pos,
    posDetail: token.pos_detail_1,
    conjugatedForm: token.conjugated_form,
    basicForm: token.basic_form,
    start: token.word_position - 1,
  };
}

/** The morphemes of a text, each read from the dictionary when first asked for. */
export interface Morphemes {
  readonly length: number;
  /** The morpheme at `index` (the same object each time), or undefined outside the sequence. */
  at(index: number): Morpheme | undefined;
}

/**
 * `tokenizeJapanese(text)`, each morpheme's features read from the dictionary and formatted only when
 * asked for: the tail judgements read the last one or two of a dozen, and the features are most of what
 * kuromoji's `tokenize` spends after its search (a string read from the dictionary by page, split into ten
 * fields). The same steps as `Tokenizer.tokenize` / `tokenizeForSentence`: each piece analysed on its own,
 * positions counted from the previous piece's last morpheme as kuromoji counts them.
 * test/text/morphemes-on-demand.test.ts holds the two together on real text.
 */
export function analyseJapanese(text: string): Morphemes | null {
  const analyser = loadTokenizer();
  if (!analyser) return null;
  const nodes: KuromojiNode[] = [];
  const positions: number[] = [];
  for (const piece of splitByPunctuation!(text)) {
    const base = positions.length > 0 ? positions[positions.length - 1]! : 0;
    for (const node of analyser.viterbi_searcher.search(analyser.getLattice(piece))) {
      nodes.push(node);
      positions.push(base + node.start_pos);
    }
  }
  const formatted: (Morpheme | undefined)[] = [];
  return {
    length: nodes.length,
    at(index: number): Morpheme | undefined {
      const node = nodes[index];
      if (node === undefined) return undefined;
      return (formatted[index] ??= toMorpheme(formatNode(analyser, node, positions[index]!)));
    },
  };
}

/** One node of the best path as `Tokenizer.tokenizeForSentence` formats it. */
function formatNode(analyser: KuromojiTokenizer, node: KuromojiNode, position: number): KuromojiToken {
  if (node.type === 'KNOWN') {
    const features = analyser.token_info_dictionary.getFeatures(node.name);
    return analyser.formatter.formatEntry(node.name, position, node.type, features == null ? [] : features.split(','));
  }
  if (node.type === 'UNKNOWN') {
    const features = analyser.unknown_dictionary.getFeatures(node.name);
    return analyser.formatter.formatUnknownEntry(node.name, position, node.type, features == null ? [] : features.split(','), node.surface_form);
  }
  return analyser.formatter.formatEntry(node.name, position, node.type, []);
}

/** kuromoji's lattice builder of the loaded analyser (its own `build` on its prototype): for the test that compares the two. */
export function japaneseLatticeBuilder(): LatticeBuilder | null {
  return loadTokenizer()?.viterbi_builder ?? null;
}

/** How many times this process loaded the dictionary (0 or 1): lets tests and benchmarks see the laziness. */
export function japaneseAnalyserLoads(): number {
  return loads;
}
