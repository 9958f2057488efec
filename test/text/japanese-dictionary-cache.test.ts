/**
 * The Japanese dictionary decoded once per machine, not once per process: the decoded files in the cache
 * directory must be the very bytes kuromoji ships (gzipped), a cache that cannot be written must cost
 * nothing but time, and the tokenizer built on them (with its surface-form map read in place) must cut text
 * exactly as kuromoji's own builder does.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type KuromojiToken, japaneseLatticeBuilder, PagedStrings, readDictionaryFiles, tokenizeJapanese } from '../../src/text/japanese.js';
import { seedPath } from '../helpers.js';

const require = createRequire(import.meta.url);
const dictionary = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
const work = mkdtempSync(join(tmpdir(), 'er-dictionary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function shipped(): Map<string, Buffer> {
  return new Map(
    readdirSync(dictionary)
      .filter((n) => n.endsWith('.dat.gz'))
      .map((n) => [n, gunzipSync(readFileSync(join(dictionary, n)))]),
  );
}

describe('the decoded dictionary cache', () => {
  it('writes the decoded files once and reads back the same bytes, in plain or shared memory', () => {
    const env = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'cache') };
    const expected = shipped();
    const first = readDictionaryFiles((size) => new ArrayBuffer(size), env).files;
    const [folder] = readdirSync(env.EDITORIAL_REVIEW_CACHE_DIR);
    expect(folder).toMatch(/^kuromoji-\d+\.\d+\.\d+-[0-9a-f]{8}$/);
    const written = readdirSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder!));
    // Each name: the full length, then the length stored (the file's size).
    expect(written.map((n) => n.replace(/\.\d+$/, '')).sort()).toEqual([...expected].map(([n, bytes]) => `${n.slice(0, -3)}.${bytes.length}`).sort());
    for (const n of written) expect(statSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder!, n)).size, n).toBe(Number(n.split('.').at(-1)));
    // Trailing zeros are not stored: tid_pos.dat is padded to 40 MiB.
    const posFile = written.find((n) => n.startsWith('tid_pos.dat.'))!;
    expect(readFileSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder!, posFile)).length).toBeLessThan(expected.get('tid_pos.dat.gz')!.length);
    const second = readDictionaryFiles((size) => new SharedArrayBuffer(size), env).files;
    for (const [name, bytes] of expected) {
      expect(Buffer.from(first[name]!).equals(bytes), name).toBe(true);
      expect(second[name]).toBeInstanceOf(SharedArrayBuffer);
      expect(Buffer.from(new Uint8Array(second[name]!)).equals(bytes), name).toBe(true);
    }
  });

  it('decodes as before when the cache cannot be written', () => {
    const blocked = join(work, 'a-file');
    writeFileSync(blocked, 'not a directory');
    const files = readDictionaryFiles((size) => new ArrayBuffer(size), { EDITORIAL_REVIEW_CACHE_DIR: blocked }).files;
    for (const [name, bytes] of shipped()) expect(Buffer.from(files[name]!).equals(bytes), name).toBe(true);
  });

  it('a cached file whose length is not the stored length its name gives is decoded again, not trusted', () => {
    const env = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'damaged') };
    readDictionaryFiles((size) => new ArrayBuffer(size), env);
    const folder = join(env.EDITORIAL_REVIEW_CACHE_DIR, readdirSync(env.EDITORIAL_REVIEW_CACHE_DIR)[0]!);
    const named = (prefix: string) => join(folder, readdirSync(folder).find((n) => n.startsWith(prefix))!);
    // Longer than stored, cut short (a torn write: kuromoji would read zeros where the rest was), and empty.
    writeFileSync(named('cc.dat.'), Buffer.alloc(statSync(named('cc.dat.')).size + 1, 1));
    truncateSync(named('base.dat.'), 1000);
    truncateSync(named('tid_map.dat.'), 0);
    const { files } = readDictionaryFiles((size) => new ArrayBuffer(size), env);
    const expected = shipped();
    for (const name of ['cc.dat.gz', 'base.dat.gz', 'tid_map.dat.gz']) expect(Buffer.from(files[name]!).equals(expected.get(name)!), name).toBe(true);
    // ... and its decoded copy replaces it.
    for (const prefix of ['cc.dat.', 'base.dat.', 'tid_map.dat.']) expect(statSync(named(prefix)).size, prefix).toBe(Number(named(prefix).split('.').at(-1)));
  });

  it('a torn features file is not read by page: it is decoded and its copy written again', () => {
    const env = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'torn-features') };
    readDictionaryFiles((size) => new ArrayBuffer(size), env);
    const folder = join(env.EDITORIAL_REVIEW_CACHE_DIR, readdirSync(env.EDITORIAL_REVIEW_CACHE_DIR)[0]!);
    const features = join(folder, readdirSync(folder).find((n) => n.startsWith('tid_pos.dat.'))!);
    truncateSync(features, 1 << 20);
    const { paged } = readDictionaryFiles((size) => new ArrayBuffer(size), env, new Set(['tid_pos.dat.gz']));
    expect(paged.get('tid_pos.dat.gz')!.file).toBe(features);
    expect(readFileSync(features).equals(withoutTrailingZeros(shipped().get('tid_pos.dat.gz')!))).toBe(true);
  });
});

/** What the cache stores of a decoded file. */
function withoutTrailingZeros(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

describe('the token features read by page', () => {
  it('gives every feature string of the dictionary as kuromoji reads it from the whole file', () => {
    const env = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'paged') };
    readDictionaryFiles((size) => new ArrayBuffer(size), env);
    const { files, paged } = readDictionaryFiles((size) => new ArrayBuffer(size), env, new Set(['tid_pos.dat.gz']));
    expect(files['tid_pos.dat.gz']).toBeUndefined();
    const pages = new PagedStrings(paged.get('tid_pos.dat.gz')!);
    const whole = new Uint8Array(shipped().get('tid_pos.dat.gz')!);
    const ByteBuffer = require('kuromoji/src/util/ByteBuffer') as new (bytes: Uint8Array) => { getString(index: number): string };
    const reference = new ByteBuffer(whole);
    let strings = 0;
    // Every string start up to the padding (kuromoji asks for string starts only), and the padding.
    for (let at = 0; at < whole.length && whole[at] !== 0; at = whole.indexOf(0, at) + 1, strings++) {
      if (pages.getString(at) !== reference.getString(at)) expect.fail(`offset ${at}: ${pages.getString(at)} ≠ ${reference.getString(at)}`);
    }
    expect(strings).toBeGreaterThan(300_000);
    for (const at of [whole.indexOf(0, 40_000_000), whole.length - 1]) expect(pages.getString(at)).toBe(reference.getString(at));
  });
});

describe('the token features read by page into shared memory (the pool\'s threads)', () => {
  it('a page read by one reader is read from memory by another; a page the cache lost comes from the shipped file', () => {
    const env = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'paged-shared') };
    readDictionaryFiles((size) => new ArrayBuffer(size), env);
    const { paged } = readDictionaryFiles((size) => new SharedArrayBuffer(size), env, new Set(['tid_pos.dat.gz']));
    const file = paged.get('tid_pos.dat.gz')!;
    const memory = { bytes: new SharedArrayBuffer(file.size), loaded: new SharedArrayBuffer(4 * Math.ceil(file.size / 65536)) };
    const whole = new Uint8Array(shipped().get('tid_pos.dat.gz')!);
    const ByteBuffer = require('kuromoji/src/util/ByteBuffer') as new (bytes: Uint8Array) => { getString(index: number): string };
    const reference = new ByteBuffer(whole);
    // String starts in the first page, across the first page boundary, and far in the file.
    const starts = [0, whole.indexOf(0, 65_530) + 1, whole.indexOf(0, 20_000_000) + 1];
    const first = new PagedStrings(file, memory);
    for (const at of starts.slice(0, 2)) expect(first.getString(at)).toBe(reference.getString(at));
    const loaded = new Int32Array(memory.loaded);
    expect(loaded.reduce((n, flag) => n + flag, 0)).toBe(2);
    // The cache goes: a second reader on the same memory still has the pages read, and decodes the rest.
    rmSync(file.file);
    const second = new PagedStrings({ ...file, file: file.file }, memory);
    for (const at of starts) expect(second.getString(at)).toBe(reference.getString(at));
    expect(loaded.every((flag) => flag === 1)).toBe(true);
    expect(Buffer.from(memory.bytes).equals(Buffer.from(whole))).toBe(true);
  });

  it('sharedDictionaryFiles hands out the features by page, and a tokenizer on them cuts as kuromoji does', async () => {
    process.env.EDITORIAL_REVIEW_CACHE_DIR = join(work, 'shared-tokenizer');
    readDictionaryFiles((size) => new ArrayBuffer(size), process.env);
    vi.resetModules();
    const fresh = (await import('../../src/text/japanese.js')) as typeof import('../../src/text/japanese.js');
    const shared = fresh.sharedDictionaryFiles()!;
    expect(shared.files['tid_pos.dat.gz']).toBeUndefined();
    expect(shared.paged['tid_pos.dat.gz']!.bytes).toBeInstanceOf(SharedArrayBuffer);
    expect(Object.values(shared.files).every((buffer) => buffer instanceof SharedArrayBuffer)).toBe(true);
    fresh.setDictionarySource(() => shared);
    const reference = await kuromojiTokenizer();
    // Seed 3 (ai-blog-system, MIT).
    const lines = readFileSync(seedPath(3), 'utf8').split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const expected = reference.tokenize(line).map((t) => [t.surface_form, t.pos, t.basic_form, t.word_position - 1]);
      expect(fresh.tokenizeJapanese(line)!.map((m) => [m.surface, m.pos, m.basicForm, m.start]), line).toEqual(expected);
    }
    expect(new Int32Array(shared.paged['tid_pos.dat.gz']!.loaded).some((flag) => flag === 1)).toBe(true);
    fresh.setDictionarySource(undefined);
  }, 60_000);
});

/** kuromoji built by its own loader, from its shipped files. */
function kuromojiTokenizer(): Promise<{ tokenize(text: string): KuromojiToken[] }> {
  const kuromoji = require('kuromoji') as {
    builder(options: { dicPath: string }): { build(callback: (error: unknown, tokenizer: { tokenize(text: string): KuromojiToken[] }) => void): void };
  };
  return new Promise((resolve, reject) => kuromoji.builder({ dicPath: dictionary }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer))));
}

describe('the tokenizer on the cached dictionary', () => {
  it('cuts real Japanese text exactly as kuromoji built by its own loader', async () => {
    process.env.EDITORIAL_REVIEW_CACHE_DIR = join(work, 'tokenizer');
    // Cached first, as on every run after the first: the features are then read by page.
    readDictionaryFiles((size) => new ArrayBuffer(size), process.env);
    const reference = await kuromojiTokenizer();
    // Every line of two seeds (ai-blog-system, MIT): kanji, kana, Latin words, digits, symbols, unknown words.
    const lines = [0, 1].flatMap((n) => readFileSync(seedPath(n), 'utf8').split('\n')).filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) {
      const expected = reference.tokenize(line).map((t) => [t.surface_form, t.pos, t.pos_detail_1, t.conjugated_form, t.basic_form, t.word_position - 1]);
      const actual = tokenizeJapanese(line)!.map((m) => [m.surface, m.pos, m.posDetail, m.conjugatedForm, m.basicForm, m.start]);
      expect(actual, line).toEqual(expected);
    }
  });
});

describe('the unknown-word character classes (unk_invoke.dat)', () => {
  it('are the classes kuromoji reads, without the nameless ones it makes of the file\'s zero padding', async () => {
    interface CharacterClass { class_id: number; class_name: string; is_always_invoke: number; is_grouping: number; max_length: number }
    const classesOf = (builder: unknown): CharacterClass[] =>
      (builder as { unknown_dictionary: { character_definition: { invoke_definition_map: { map: CharacterClass[] } } } }).unknown_dictionary.character_definition.invoke_definition_map.map;
    const reference = classesOf(((await kuromojiTokenizer()) as unknown as { viterbi_builder: unknown }).viterbi_builder);
    tokenizeJapanese('字');
    const ours = classesOf(japaneseLatticeBuilder());
    const named = reference.filter((c) => c.class_name !== '');
    // char.def's categories: DEFAULT, SPACE, KANJI, SYMBOL, NUMERIC, ALPHA, HIRAGANA, KATAKANA, KANJINUMERIC, GREEK, CYRILLIC.
    expect(named.map((c) => c.class_name)).toContain('KANJINUMERIC');
    expect(named.length).toBeGreaterThan(10);
    expect(reference.length).toBeGreaterThan(100_000); // kuromoji's own loader, on the padding
    expect(ours.map((c) => ({ ...c }))).toEqual(named.map((c) => ({ ...c })));
    expect(named.every((c, i) => c.class_id === i)).toBe(true);
  });
});

describe('the dictionary decoded ahead, streamed into the cache (prefetchDictionary)', () => {
  it('writes the cache the synchronous decoder writes, and its tokenizer cuts as kuromoji does', async () => {
    const env = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'prefetch') };
    const reference = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'prefetch-reference') };
    readDictionaryFiles((size) => new ArrayBuffer(size), reference);
    // A module of its own: the tokenizer is built once per module instance.
    vi.resetModules();
    const fresh = (await import('../../src/text/japanese.js')) as typeof import('../../src/text/japanese.js');
    expect(await fresh.prefetchDictionary(env)).toBe(true);
    const folder = readdirSync(reference.EDITORIAL_REVIEW_CACHE_DIR)[0]!;
    expect(readdirSync(env.EDITORIAL_REVIEW_CACHE_DIR)).toEqual([folder]);
    const files = readdirSync(join(reference.EDITORIAL_REVIEW_CACHE_DIR, folder)).sort();
    // No temporary file left behind.
    expect(readdirSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder)).sort()).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder, file)).equals(readFileSync(join(reference.EDITORIAL_REVIEW_CACHE_DIR, folder, file))), file).toBe(true);
    }
    // With the cache in place there is nothing to do.
    expect(await fresh.prefetchDictionary(env)).toBeUndefined();

    const built = await kuromojiTokenizer();
    // The tokenizer reads the streamed copies (the features by page). Seed 2 (ai-blog-system, MIT).
    process.env.EDITORIAL_REVIEW_CACHE_DIR = env.EDITORIAL_REVIEW_CACHE_DIR;
    const lines = readFileSync(seedPath(2), 'utf8').split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const expected = built.tokenize(line).map((t) => [t.surface_form, t.pos, t.basic_form, t.word_position - 1]);
      expect(fresh.tokenizeJapanese(line)!.map((m) => [m.surface, m.pos, m.basicForm, m.start]), line).toEqual(expected);
    }
  }, 60_000);

  it('decoded on a thread of its own (the CLI, while it reads a site), the cache is the same', async () => {
    const env = { ...process.env, EDITORIAL_REVIEW_CACHE_DIR: join(work, 'prefetch-beside') };
    const reference = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'prefetch-beside-reference') };
    readDictionaryFiles((size) => new ArrayBuffer(size), reference);
    // A module of its own: one whose tokenizer is loaded has nothing to decode.
    vi.resetModules();
    const { prefetchDictionaryBeside } = (await import('../../src/cli/dictionary-thread.js')) as typeof import('../../src/cli/dictionary-thread.js');
    expect(await prefetchDictionaryBeside(env)).toBe(true);
    const folder = readdirSync(reference.EDITORIAL_REVIEW_CACHE_DIR)[0]!;
    const files = readdirSync(join(reference.EDITORIAL_REVIEW_CACHE_DIR, folder)).sort();
    expect(readdirSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder)).sort()).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder, file)).equals(readFileSync(join(reference.EDITORIAL_REVIEW_CACHE_DIR, folder, file))), file).toBe(true);
    }
    // Nothing left to decode: no thread, nothing done.
    expect(await prefetchDictionaryBeside(env)).toBeUndefined();
    expect(await prefetchDictionaryBeside({ ...env, EDITORIAL_REVIEW_JAPANESE_ANALYSER: 'off' })).toBeUndefined();
  }, 60_000);

  it('a file whose copy cannot be written fails alone: the others are written, and the tokenizer decodes that one itself', async () => {
    const env = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'prefetch-one-blocked') };
    const reference = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'prefetch-one-blocked-reference') };
    readDictionaryFiles((size) => new ArrayBuffer(size), reference);
    const folder = readdirSync(reference.EDITORIAL_REVIEW_CACHE_DIR)[0]!;
    const files = readdirSync(join(reference.EDITORIAL_REVIEW_CACHE_DIR, folder)).sort();
    // A directory where the largest file's copy would be renamed to (it is decoded first).
    const blocked = files.find((file) => file.startsWith('tid_pos.dat.'))!;
    mkdirSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder, blocked), { recursive: true });
    vi.resetModules();
    const fresh = (await import('../../src/text/japanese.js')) as typeof import('../../src/text/japanese.js');
    expect(await fresh.prefetchDictionary(env)).toBe(false);
    // Every other copy written, the same bytes as the synchronous decoder's; no temporary file left behind.
    expect(readdirSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder)).sort()).toEqual(files);
    for (const file of files.filter((f) => f !== blocked)) {
      expect(readFileSync(join(env.EDITORIAL_REVIEW_CACHE_DIR, folder, file)).equals(readFileSync(join(reference.EDITORIAL_REVIEW_CACHE_DIR, folder, file))), file).toBe(true);
    }
    const { files: decoded, paged } = fresh.readDictionaryFiles((size) => new ArrayBuffer(size), env, new Set(['tid_pos.dat.gz']));
    expect(paged.size).toBe(0);
    for (const [name, bytes] of shipped()) expect(Buffer.from(decoded[name]!).equals(bytes), name).toBe(true);
  }, 60_000);

  it('writes only the files the cache lacks or holds torn, and resolves false when the folder cannot be written', async () => {
    const env = { EDITORIAL_REVIEW_CACHE_DIR: join(work, 'prefetch-partial') };
    readDictionaryFiles((size) => new ArrayBuffer(size), env);
    const folder = join(env.EDITORIAL_REVIEW_CACHE_DIR, readdirSync(env.EDITORIAL_REVIEW_CACHE_DIR)[0]!);
    const named = (prefix: string) => join(folder, readdirSync(folder).find((n) => n.startsWith(prefix))!);
    const kept = named('base.dat.');
    const before = statSync(kept).mtimeMs;
    truncateSync(named('tid.dat.'), 10);
    rmSync(named('cc.dat.'));
    vi.resetModules();
    const fresh = (await import('../../src/text/japanese.js')) as typeof import('../../src/text/japanese.js');
    expect(await fresh.prefetchDictionary(env)).toBe(true);
    const expected = shipped();
    expect(readFileSync(named('cc.dat.')).equals(withoutTrailingZeros(expected.get('cc.dat.gz')!))).toBe(true);
    expect(readFileSync(named('tid.dat.')).equals(withoutTrailingZeros(expected.get('tid.dat.gz')!))).toBe(true);
    expect(statSync(kept).mtimeMs).toBe(before);

    const blocked = join(work, 'prefetch-blocked');
    writeFileSync(blocked, 'not a directory');
    expect(await fresh.prefetchDictionary({ EDITORIAL_REVIEW_CACHE_DIR: blocked })).toBe(false);
  }, 60_000);
});
