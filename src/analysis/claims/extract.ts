import { codeAt } from '../../text/code-unit.js';
import { foldedCode, foldWidth } from './width.js';

/**
 * The numeric-expression parser of the claims rules, written here because the packages around parse
 * `1.5兆` as 1.5 (or 15), do not know `割`, `倍増`, `半減`, full-width digits or Japanese ranges.
 *
 * It reads plain text (callers blank out code, URLs and Markdown syntax first, keeping offsets) and
 * returns every numeric expression with its exact half-open span in that text. One forward pass with a
 * single anchor regex plus hand-written lookahead: linear on any input.
 */

export type NumericKind =
  | 'percent' // 20%, ２０％, 20パーセント, 20 percent, 3割 (value in percent: 3割 → 30)
  | 'multiple' // 2.5倍, 倍増, 半減, 2x, twice, doubled (value: the factor)
  | 'money' // 10兆円, 640億ドル, $3.2B (value in the currency's units)
  | 'count' // 500万人, 1,000社, 3 million users, 20年 (a duration is a count of years)
  | 'rank' // 1位, 第3位, No.1, #1, 2nd
  | 'year' // 2025年, in 2024
  | 'date' // 2025年12月30日, 12月30日, 2025-12-30
  | 'number'; // anything else (a bare number, a measure such as 5nm, an ordinal)

export type Qualifier = 'atLeast' | 'over' | 'atMost' | 'under' | 'approx';

export interface NumericExpression {
  kind: NumericKind;
  /** Normalised value (see NumericKind); for a range, its low end. */
  value: number;
  /** High end of a range (`3〜5割` → value 30, high 50). */
  high?: number;
  /** `%`, `x`, a currency (`JPY`, `USD`, `EUR`, `CNY`, `GBP`, `KRW`), a counter (`社`, `人`, `users`) or ''. */
  unit: string;
  /** True when a scale word or unit (万, 億, 兆, million, B…) multiplied the number. */
  scaled: boolean;
  qualifier?: Qualifier;
  /** Half-open span in the scanned text (UTF-16 units), qualifiers such as 以上 included. */
  start: number;
  end: number;
  text: string;
}

const JA_SCALE: Record<string, number> = { 万: 1e4, 億: 1e8, 兆: 1e12, 千: 1e3 };
const EN_SCALE: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  bn: 1e9,
  mn: 1e6,
};
const SUFFIX_SCALE: Record<string, number> = { K: 1e3, k: 1e3, M: 1e6, B: 1e9, T: 1e12 };
/**
 * SUFFIX_SCALE by character code: `readUnit` asks after every number, and `text[j]` makes a string of the
 * character (most follow a number in Japanese: 19 ms of a one-thread check of the site head).
 */
const SUFFIX_SCALE_BY_CODE = new Map(Object.entries(SUFFIX_SCALE).map(([c, scale]) => [c.charCodeAt(0), scale]));
const KANJI_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

const CURRENCY_PREFIX: [string, string][] = [
  ['US$', 'USD'],
  ['$', 'USD'],
  ['¥', 'JPY'],
  ['€', 'EUR'],
  ['£', 'GBP'],
];
const JA_CURRENCY: [string, string][] = [
  ['米ドル', 'USD'],
  ['ドル', 'USD'],
  ['円', 'JPY'],
  ['ユーロ', 'EUR'],
  ['人民元', 'CNY'],
  ['元', 'CNY'],
  ['ポンド', 'GBP'],
  ['ウォン', 'KRW'],
];
const EN_CURRENCY = /^ ?(dollars|USD|yen|JPY|euros?|EUR)\b/;

// Counters: what a count counts. Longest first where one is a prefix of another.
const JA_COUNTERS = [
  'カ国', 'か国', 'ヶ国', 'ヵ国', '種類', '店舗', '拠点', '都市', '企業', '社', '人', '名', '件', '台', '個', '本',
  '回', '枚', '歳', '時間', '分', '秒', '日間', '週間', 'ヶ月', 'か月', 'カ月', '年間', '年', 'つ', 'GB', 'TB', 'MB',
  'PB', 'W', 'kW', 'MW', 'GW', 'TOPS', 'FLOPS', 'トークン', 'パラメータ', 'ユーザー', 'ダウンロード',
];
/** Entries by the code of their first character: a word can only start where its first character is. */
function byFirstCode<T>(entries: readonly T[], word: (entry: T) => string): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const entry of entries) {
    const code = word(entry).charCodeAt(0);
    map.set(code, [...(map.get(code) ?? []), entry]);
  }
  return map;
}
const JA_CURRENCY_BY_CODE = byFirstCode(JA_CURRENCY, ([word]) => word);
const JA_COUNTERS_BY_CODE = byFirstCode(JA_COUNTERS, (word) => word);
const JA_SCALE_BY_CODE = new Map(Object.entries(JA_SCALE).map(([c, scale]) => [c.charCodeAt(0), scale]));
const NONE: readonly never[] = [];
const THOUSAND = 0x5343; // 千
const TEN_THOUSAND = 0x4e07; // 万
const HUNDRED_MILLION = 0x5104; // 億
const WARI = 0x5272; // 割
const BAI = 0x500d; // 倍
const RANK = 0x4f4d; // 位
const YEAR = 0x5e74; // 年
const EN_COUNTER = /^ (users?|customers?|companies|people|developers|employees|downloads|installs|stars|members|visitors|posts|sites|websites|contributors|commits|issues|countries|organizations|businesses|subscribers|requests)\b/i;
const EN_TIMES = /^ times (?:faster|slower|more|less|larger|smaller|bigger|higher|lower|better|cheaper|greater|as|the|over)\b/i;
const EN_PERCENT = /^ ?(?:percent|per cent|pct)\b/i;

const SUFFIX_QUALIFIERS: [string, Qualifier][] = [
  ['以上', 'atLeast'],
  ['超え', 'over'],
  ['超', 'over'],
  ['以下', 'atMost'],
  ['未満', 'under'],
  ['近く', 'approx'],
  ['程度', 'approx'],
  ['前後', 'approx'],
  ['ほど', 'approx'],
  ['余り', 'over'],
  ['あまり', 'over'],
  ['強', 'over'],
  ['弱', 'under'],
  ['+', 'atLeast'],
];

const RANGE_SEPARATORS = ['〜', '～', '~', '-', '–', '—', 'から', ' to ', ' - ', ' – '];
const RANGE_SEPARATOR_STARTS = new Set(RANGE_SEPARATORS.map((separator) => separator.charCodeAt(0)));

// One anchor per expression; everything after the anchor is read by hand. Linear: alternation of
// fixed words and single character classes, no nested quantifiers.
const ANCHOR =
  /(?:US\$|[$¥€£])?\d|倍増|半減|[一二三四五六七八九十]{1,3}(?=[倍割])|\b(?:twice as|twice the|doubled|doubling|double the|tripled|tripling|triple the|quadrupled|halved|halving)\b|No\. ?\d|#\d/gu;
/** `ANCHOR` tried at one position (`lastIndex`) only. */
const ANCHOR_AT = new RegExp(ANCHOR.source, 'uy');
/**
 * By code unit: 1 where an alternative of `ANCHOR` can start, WORD_START where one of its words can (only
 * after a non-word character), 0 elsewhere. Kept in step with `ANCHOR` by the test of the pre-scan.
 */
const WORD_START = 2;
const ANCHOR_START = new Uint8Array(0x10000);
for (const c of '0123456789$¥€£U倍半一二三四五六七八九十N#') ANCHOR_START[c.charCodeAt(0)] = 1;
for (const c of 'tdqh') ANCHOR_START[c.charCodeAt(0)] = WORD_START;
/** FOLDS where `foldWidth` changes the character (none of them starts an anchor). */
const FOLDS = 3;
for (let c = 0x3000; c < 0x10000; c++) if (foldedCode(c) !== c) ANCHOR_START[c] = FOLDS;
/** `\w` of a regex without the `i` flag: `[A-Za-z0-9_]`. */
const isWordCode = (c: number): boolean => isLatinCode(c) || isDigitCode(c) || c === 0x5f;

const WORD_MULTIPLES: Record<string, number> = {
  倍増: 2,
  半減: 0.5,
  'twice as': 2,
  'twice the': 2,
  doubled: 2,
  doubling: 2,
  'double the': 2,
  tripled: 3,
  tripling: 3,
  'triple the': 3,
  quadrupled: 4,
  halved: 0.5,
  halving: 0.5,
};

// By UTF-16 code unit (`codeAt`: -1 past either end, which is neither): `text[i]` allocates a
// string for every non-Latin-1 character, and the reader looks at the characters around every figure.
/** Last characters of `version`, `ver`, `ver.`, `release`, `v` in any case. */
const VERSION_WORD_END = new Set([...'nNrR.eEvV'].map((c) => c.charCodeAt(0)));
const ISO_DATE_SEPARATORS = new Set([...'-/.'].map((c) => c.charCodeAt(0)));
const MONTH = 0x6708; // 月
/** Where 月 stands after the first digit of `3月`, `12月`, `2025年3月`, `2025年12月`. */
const MONTH_AT = [1, 2, 6, 7];
const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLatinCode = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (text: string, i: number): boolean => isDigitCode(codeAt(text, i));
const isLatin = (text: string, i: number): boolean => isLatinCode(codeAt(text, i));
const isAlnum = (text: string, i: number): boolean => isDigit(text, i) || isLatin(text, i);

interface NumberToken {
  value: number;
  end: number;
  /** Digits and separators exactly as written. */
  raw: string;
}

function readNumber(text: string, i: number): NumberToken | null {
  let j = i;
  while (isDigit(text, j)) j++;
  if (j === i) return null;
  // Thousands separators: 1,000 / 12,345,678 (only groups of exactly three digits).
  let grouped = false;
  while (codeAt(text, j) === 0x2c && isDigit(text, j + 1) && isDigit(text, j + 2) && isDigit(text, j + 3) && !isDigit(text, j + 4)) {
    j += 4;
    grouped = true;
  }
  if (codeAt(text, j) === 0x2e && isDigit(text, j + 1)) {
    j++;
    while (isDigit(text, j)) j++;
  }
  const raw = text.slice(i, j);
  return { value: Number(grouped ? raw.replaceAll(',', '') : raw), end: j, raw };
}

interface Parsed {
  kind: NumericKind;
  value: number;
  unit: string;
  scaled: boolean;
  end: number;
  /** True when a unit or scale followed the number (a bare number in a range inherits the other end's). */
  hasUnit: boolean;
  scale: number;
}

/** Every `Parsed` is made here, with its fields in one order: one object shape where object spreads made several. */
function parsed(kind: NumericKind, unit: string, end: number, hasUnit: boolean, value: number, scaled: boolean, scale: number): Parsed {
  return { kind, unit, end, hasUnit, value, scaled, scale };
}

/** Reads what follows a number: Japanese/English scale, then the unit. */
function readUnit(text: string, numberEnd: number, value: number, currency: string | null): Parsed {
  let j = numberEnd;
  let scale = 1;
  let scaled = false;
  // Japanese compound scale: 1兆5000億, 3億5千万.
  let total = 0;
  let current = value;
  for (;;) {
    const c = codeAt(text, j);
    let unitScale = JA_SCALE_BY_CODE.get(c);
    if (unitScale === undefined) break;
    j++;
    // 5千万 = 5 × 1000 × 10000
    if (c === THOUSAND && (codeAt(text, j) === TEN_THOUSAND || codeAt(text, j) === HUNDRED_MILLION)) {
      unitScale *= JA_SCALE_BY_CODE.get(codeAt(text, j))!;
      j++;
    }
    total += current * unitScale;
    current = 0;
    scaled = true;
    const next = readNumber(text, j);
    if (next && next.end < text.length && JA_SCALE_BY_CODE.has(codeAt(text, next.end))) {
      current = next.value;
      j = next.end;
      continue;
    }
    break;
  }
  // Most numbers are followed by Japanese or punctuation: the English patterns run only after a space or a letter.
  let english = codeAt(text, j) === 0x20 || isLatin(text, j);
  if (scaled) {
    value = total + current;
  } else {
    const en = english ? /^ ?(thousand|million|billion|trillion|bn|mn)\b/i.exec(text.slice(j, j + 10)) : null;
    if (en) {
      scale = EN_SCALE[en[1]!.toLowerCase()]!;
      value *= scale;
      j += en[0].length;
      scaled = true;
    } else if (SUFFIX_SCALE_BY_CODE.has(codeAt(text, j)) && !isAlnum(text, j + 1) && (currency !== null || codeAt(text, j) === 0x42 || codeAt(text, j) === 0x4d)) {
      // $3.2B, 640M (B, M); a bare "8B" is a model size, read as a scaled count.
      scale = SUFFIX_SCALE_BY_CODE.get(codeAt(text, j))!;
      value *= scale;
      j++;
      scaled = true;
    }
    if (scaled) english = codeAt(text, j) === 0x20 || isLatin(text, j);
  }
  const readScale = scaled ? scale : 1;
  if (currency !== null) return parsed('money', currency, j, true, value, scaled, readScale);

  // What follows, read in a window of 24 characters; sliced only for the English patterns (the Japanese
  // units are at most 6 characters: `startsWith` at `j` reads the same characters).
  const rest = english ? text.slice(j, j + 24) : '';
  const c0 = codeAt(text, j);
  if (c0 === 0x25) return parsed('percent', '%', j + 1, true, value, scaled, readScale); // %
  if (text.startsWith('パーセント', j)) return parsed('percent', '%', j + 5, true, value, scaled, readScale);
  const pct = english ? EN_PERCENT.exec(rest) : null;
  if (pct) return parsed('percent', '%', j + pct[0].length, true, value, scaled, readScale);
  if (c0 === WARI) return parsed('percent', '%', j + 1, true, value * 10, scaled, readScale);
  if (c0 === BAI) return parsed('multiple', 'x', j + 1, true, value, scaled, readScale);
  if ((c0 === 0x78 || c0 === 0xd7 || c0 === 0x58) && !isAlnum(text, j + 1)) {
    // x × X
    return parsed('multiple', 'x', j + 1, true, value, scaled, readScale);
  }
  const times = english ? EN_TIMES.exec(rest) : null;
  if (times) return parsed('multiple', 'x', j + 6, true, value, scaled, readScale);
  for (const [word, code] of JA_CURRENCY_BY_CODE.get(c0) ?? NONE) {
    if (text.startsWith(word, j)) return parsed('money', code, j + word.length, true, value, scaled, readScale);
  }
  const enCurrency = english ? EN_CURRENCY.exec(rest) : null;
  if (enCurrency) {
    const word = enCurrency[1]!.toLowerCase();
    const code = word.startsWith('dollar') || word === 'usd' ? 'USD' : word.startsWith('euro') || word === 'eur' ? 'EUR' : 'JPY';
    return parsed('money', code, j + enCurrency[0].length, true, value, scaled, readScale);
  }
  if (c0 === RANK) return parsed('rank', '位', j + 1, true, value, scaled, readScale);
  const ordinal = english ? /^(st|nd|rd|th)\b/.exec(rest) : null;
  if (ordinal && !scaled) return parsed('rank', 'ordinal', j + ordinal[0].length, true, value, scaled, readScale);
  if (c0 === YEAR && !scaled && !text.startsWith('年間', j) && !text.startsWith('年代', j)) {
    // 2025年 is a year; 20年 a duration.
    if (value >= 1900 && value <= 2100 && Number.isInteger(value)) return parsed('year', '年', j + 1, true, value, scaled, readScale);
  }
  for (const counter of JA_COUNTERS_BY_CODE.get(c0) ?? NONE) {
    if (text.startsWith(counter, j)) {
      return parsed('count', counter, j + counter.length, true, value, scaled, readScale);
    }
  }
  const enCounter = english ? EN_COUNTER.exec(rest) : null;
  if (enCounter) return parsed('count', enCounter[1]!.toLowerCase(), j + enCounter[0].length, true, value, scaled, readScale);
  return parsed(scaled ? 'count' : 'number', '', j, scaled, value, scaled, readScale);
}

function readCurrencyPrefix(text: string, i: number): { code: string; length: number } | null {
  for (const [symbol, code] of CURRENCY_PREFIX) {
    if (text.startsWith(symbol, i)) return { code, length: symbol.length };
  }
  return null;
}

function readQualifier(text: string, j: number): { qualifier: Qualifier; end: number } | null {
  for (const [word, qualifier] of SUFFIX_QUALIFIERS) {
    if (text.startsWith(word, j)) {
      // 強/弱 only as a suffix of a figure, not the start of a word (強化, 弱点).
      if ((word === '強' || word === '弱') && /[\p{sc=Han}]/u.test(text[j + 1] ?? '')) return null;
      if (word === '+' && isAlnum(text, j + 1)) return null;
      return { qualifier, end: j + word.length };
    }
  }
  if (codeAt(text, j) !== 0x20) return null; // every match below starts with a space
  const more = /^ or (?:more|higher|above)\b/.exec(text.slice(j, j + 16));
  if (more) return { qualifier: 'atLeast', end: j + more[0].length };
  return null;
}

/** A number glued to a word (Trainium2, H100, GPT-4, v1.2), a version (1.0.3) or part of a code. */
function isIdentifierNumber(text: string, start: number, numberEnd: number): boolean {
  const before = codeAt(text, start - 1);
  if (isLatin(text, start - 1) || before === 0x5f || before === 0x40 || before === 0x2f || before === 0x5c) return true; // _ @ / \
  if ((before === 0x2d || before === 0x2e) && isAlnum(text, start - 2)) return true; // - .
  // Versions: 1.0.3, 3.10.1 (two dots or more).
  if (codeAt(text, numberEnd) === 0x2e && isDigit(text, numberEnd + 1)) return true;
  // The word below ends right before the number or one space before it: with neither character, no match.
  if (!VERSION_WORD_END.has(codeAt(text, start - 1)) && !VERSION_WORD_END.has(codeAt(text, start - 2))) return false;
  const word = /(?:version|ver\.?|release|v)\s?$/i.exec(text.slice(Math.max(0, start - 9), start));
  if (word) return true;
  return false;
}

function dateAt(text: string, i: number): { end: number; kind: 'date' } | null {
  // An ISO date has a separator after four digits, a Japanese one 月 after one, two or four digits and 年.
  const isoSeparator = ISO_DATE_SEPARATORS.has(codeAt(text, i + 4));
  if (!isoSeparator && !MONTH_AT.some((k) => codeAt(text, i + k) === MONTH)) return null;
  const rest = text.slice(i, i + 12);
  const iso = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)/.exec(rest);
  if (iso) return { end: i + iso[0].length, kind: 'date' };
  const ja = /^(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?/.exec(rest);
  if (ja && (ja[0].includes('日') || /^\d{4}年/.test(ja[0]))) return { end: i + ja[0].length, kind: 'date' };
  return null;
}

function expression(text: string, kind: NumericKind, value: number, unit: string, scaled: boolean, start: number, end: number): NumericExpression {
  // `high` and `qualifier` are there (undefined) in every figure, set or not: one object shape for V8 where
  // figures with and without them (and the claims copied from them) made their readers polymorphic.
  return { kind, value, unit, scaled, start, end, text: text.slice(start, end), high: undefined, qualifier: undefined };
}

/** Every numeric expression of `input`, in order. Full-width forms are read as half-width. */
export function extractNumbers(input: string, limit = Infinity): NumericExpression[] {
  return extractFoldedNumbers(foldWidth(input), limit);
}

/**
 * `extractNumbers` of text already folded by `foldWidth` (the claims analysis folds each unit once and
 * reads the folded text again around each figure). `prescan: false` finds the anchors with `ANCHOR`
 * alone, for the test that holds the pre-scan to it.
 */
export function extractFoldedNumbers(text: string, limit = Infinity, prescan = true): NumericExpression[] {
  return readAnchored(text, limit, prescan, false);
}

/**
 * The folded text and its figures, folding only when a character folds: the pre-scan reads the text as
 * it is and stops at the first character `foldWidth` changes, and the text is then folded and read
 * again (a few units in a thousand). Sound because every character a figure's span covers or the
 * scan skips is one the reader recognises unfolded (ASCII, kana, kanji, `〜`…), none that folds:
 * so the pre-scan meets every folding character of the text unless the limit stops it first.
 */
export function readFigures(source: string, limit = Infinity): { folded: string; figures: NumericExpression[] } {
  metFolding = false;
  const figures = readAnchored(source, limit, true, true);
  if (!metFolding && (figures.length <= limit || foldWidth(source) === source)) return { folded: source, figures };
  const folded = foldWidth(source);
  return { folded, figures: readAnchored(folded, limit, true, false) };
}

function readAnchored(text: string, limit: number, prescan: boolean, watchFolding: boolean): NumericExpression[] {
  const out: NumericExpression[] = [];
  resumeAt = 0;
  // `limit`: a caller that reads at most N figures stops scanning once it has more than N.
  while (out.length <= limit) {
    const match = prescan ? nextAnchor(text, resumeAt, watchFolding) : firstAnchor(text, resumeAt);
    if (match === null) break;
    const start = match.index;
    const anchor = match[0];
    resumeAt = start + anchor.length;
    let next: NumericExpression | null = null;

    if (anchor in WORD_MULTIPLES) {
      // 倍増 after a number (2倍増) was consumed with the number; 数倍増 is vague.
      if (anchor === '倍増' && (codeAt(text, start - 1) === 0x6570 || isDigit(text, start - 1))) continue; // 数
      const end = start + anchor.length;
      next = expression(text, 'multiple', WORD_MULTIPLES[anchor]!, 'x', false, start, end);
    } else if (KANJI_DIGIT[anchor[0]!] !== undefined) {
      const value = kanjiNumber(anchor);
      if (value === null || /[\p{sc=Han}]/u.test(text[start - 1] ?? '')) {
        resumeAt = start + anchor.length;
        continue;
      }
      const unitChar = text[start + anchor.length];
      next =
        unitChar === '割'
          ? expression(text, 'percent', value * 10, '%', false, start, start + anchor.length + 1)
          : expression(text, 'multiple', value, 'x', false, start, start + anchor.length + 1);
    } else if (anchor.startsWith('No.') || anchor.startsWith('#')) {
      const digitsAt = start + anchor.length - 1;
      const number = readNumber(text, digitsAt)!;
      // #1 is a rank; #1040 an issue or pull-request number, #fff a colour.
      if (anchor.startsWith('#') && (isAlnum(text, start - 1) || number.raw.length > 2)) {
        resumeAt = number.end;
        continue;
      }
      next = expression(text, 'rank', number.value, 'No.', false, start, number.end);
    } else {
      next = readNumeric(text, start);
    }
    if (next === null) continue;
    resumeAt = Math.max(next.end, start + 1);
    out.push(next);
  }
  return out;
}

/** Where the scan goes on from: past the last anchor, or past what `readNumeric` skipped. */
let resumeAt = 0;
/** Set by `nextAnchor` when, watching, it met a character `foldWidth` changes (and stopped there). */
let metFolding = false;

/** The first match of `ANCHOR` at or after `from`. */
function firstAnchor(text: string, from: number): RegExpExecArray | null {
  ANCHOR.lastIndex = from;
  return ANCHOR.exec(text);
}

/**
 * The first match of `ANCHOR` at or after `from`, tried only where one can start: at a character that
 * begins one of its alternatives (`ANCHOR_START`; a word such as `twice` only after a non-word character,
 * as its `\b` demands). The same match as `firstAnchor`, found without running the regex at every
 * character of the text (most of a paragraph cannot start a figure).
 */
function nextAnchor(text: string, from: number, watchFolding: boolean): RegExpExecArray | null {
  for (let i = from; i < text.length; i++) {
    const start = ANCHOR_START[text.charCodeAt(i)]!;
    if (start === 0 || (start === WORD_START && isWordCode(codeAt(text, i - 1)))) continue;
    if (start === FOLDS) {
      if (!watchFolding) continue;
      metFolding = true;
      return null;
    }
    ANCHOR_AT.lastIndex = i;
    const match = ANCHOR_AT.exec(text);
    if (match !== null) return match;
  }
  return null;
}

/**
 * Characters every figure's span holds one of, as written (before `foldWidth`): a digit (every anchor but
 * the words has one), 倍 (`倍増`, `三倍`), 半 (`半減`), 割 (`三割`), `w` (`twice as`, `twice the`), `l`
 * (`doubled`, `tripling`, `quadrupled`, `halved`…), and every full-width digit or letter (they fold to those).
 * Figures' spans do not overlap, so a text has at most as many figures as these characters.
 */
const FIGURE_CHAR = 1;
/** Where a percentage's unit (`readUnit`) can start: `%`, `％`, `割`, `パ`(`ーセント`), `p`/`P` (`percent`, `pct`), full-width too. */
const PERCENT_CUE = 2;
/** What `割` can follow as a unit: a number, a Japanese scale, a letter of an English one (`3 million`, `3M`), a kanji numeral. */
const NUMBER_END = 4;
const FIGURE_SCAN = new Uint8Array(0x10000);
const mark = (chars: string, bits: number) => {
  for (const c of chars) FIGURE_SCAN[c.charCodeAt(0)] = FIGURE_SCAN[c.charCodeAt(0)]! | bits;
};
mark('0123456789０１２３４５６７８９', FIGURE_CHAR | NUMBER_END);
mark('倍半wl', FIGURE_CHAR);
mark('割', FIGURE_CHAR | PERCENT_CUE);
mark('%％パpPｐＰ', PERCENT_CUE);
mark('一二三四五六七八九十万億兆千', NUMBER_END);
for (let c = 0x41; c <= 0x5a; c++) mark(String.fromCharCode(c, c + 0x20), NUMBER_END);
for (let c = 0xff21; c <= 0xff3a; c++) mark(String.fromCharCode(c, c + 0x20), FIGURE_CHAR | NUMBER_END);
/** `percent`, `per cent`, `pct` in any case (`EN_PERCENT` has the `i` flag) and width, the ideographic space folding to a space. */
const PERCENT_WORD = /[pPｐＰ](?:[cCｃＣ][tTｔＴ]|[eEｅＥ][rRｒＲ][ \u3000]?[cCｃＣ])/y;

/**
 * What a cheap look at `text[start, end)` tells of its figures, without reading them (one pass by code
 * unit): `max`, at least as many as the figures read from that span (blanked and folded as the claims read
 * it: blanking only writes spaces), and `percent`, false only when no figure there can be a percentage.
 */
export function figureBound(text: string, start: number, end: number): { max: number; percent: boolean } {
  let max = 0;
  let percent = false;
  for (let i = start; i < end; i++) {
    const bits = FIGURE_SCAN[text.charCodeAt(i)]!;
    max += bits & FIGURE_CHAR;
    if ((bits & PERCENT_CUE) !== 0 && !percent) percent = percentUnitAt(text, i, start);
  }
  return { max, percent };
}

/** Whether `readUnit` can read a percentage's unit at `i` (a PERCENT_CUE character) of a text starting at `start`. */
function percentUnitAt(text: string, i: number, start: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x25 || c === 0xff05) return true;
  if (c === WARI) return i > start && (FIGURE_SCAN[text.charCodeAt(i - 1)]! & NUMBER_END) !== 0;
  if (c === 0x30d1) return text.startsWith('パーセント', i);
  PERCENT_WORD.lastIndex = i;
  return PERCENT_WORD.test(text);
}

function readNumeric(text: string, start: number): NumericExpression | null {
  const currency = readCurrencyPrefix(text, start);
  const numberStart = start + (currency?.length ?? 0);
  if (!currency && isDigit(text, start - 1)) return null;
  const date = dateAt(text, numberStart);
  if (!currency && date) {
    resumeAt = date.end;
    return expression(text, 'date', 0, '', false, start, date.end);
  }
  const number = readNumber(text, numberStart);
  if (!number) return null;
  if (!currency && isIdentifierNumber(text, numberStart, number.end)) {
    // Skip the whole identifier (1.0.3, H100) so its parts are not read as numbers.
    let j = number.end;
    while ((codeAt(text, j) === 0x2e || codeAt(text, j) === 0x2d) && isAlnum(text, j + 1)) {
      j++;
      while (isAlnum(text, j)) j++;
    }
    resumeAt = Math.max(j, numberStart + 1);
    return null;
  }
  // Digits glued to letters that are no unit (5G, 3D, 4K display without currency) are names.
  let first = readUnit(text, number.end, number.value, currency?.code ?? null);
  if (first.kind === 'number' && isLatin(text, number.end) && !first.scaled) {
    let j = number.end;
    while (isAlnum(text, j)) j++;
    resumeAt = j;
    return null;
  }
  let end = first.end;
  let high: number | undefined;

  // A range: 3〜5割, 20-30%, $1-2B, 1〜2兆円, 3 to 5 times.
  for (const separator of RANGE_SEPARATOR_STARTS.has(text.charCodeAt(end)) ? RANGE_SEPARATORS : NONE) {
    if (!text.startsWith(separator, end)) continue;
    if (separator === 'から' && first.hasUnit) break; // 20%から30%へ is a change, not a range
    const secondStart = end + separator.length;
    const secondCurrency = readCurrencyPrefix(text, secondStart);
    const secondNumberStart = secondStart + (secondCurrency?.length ?? 0);
    const secondNumber = readNumber(text, secondNumberStart);
    if (!secondNumber) break;
    if (dateAt(text, secondNumberStart)) break;
    const second = readUnit(text, secondNumber.end, secondNumber.value, secondCurrency?.code ?? currency?.code ?? null);
    if (first.hasUnit && second.hasUnit && (second.kind !== first.kind || second.unit !== first.unit)) break;
    if (!first.hasUnit && !second.hasUnit) {
      if (first.kind === 'number' && second.kind === 'number') break; // 2023-2024 etc. stay two numbers
    }
    const factor = second.kind === 'percent' && text[second.end - 1] === '割' ? 10 : 1;
    const secondScale = second.scaled ? second.value / (secondNumber.value * factor) : 1;
    if (!first.hasUnit) {
      // The low end inherits the high end's unit and scale: 3〜5割 → 30–50%, 1〜2兆円.
      first = parsed(second.kind, second.unit, first.end, second.hasUnit, number.value * secondScale * factor, second.scaled, second.scale);
    } else if (!first.scaled && second.scaled) {
      first = parsed(first.kind, first.unit, first.end, first.hasUnit, first.value * secondScale, true, first.scale); // $1-2B
    }
    if (second.value < first.value) break;
    high = second.value;
    end = second.end;
    break;
  }

  let qualifier: Qualifier | undefined;
  if (first.kind !== 'date' && first.kind !== 'year') {
    const q = readQualifier(text, end);
    if (q) {
      qualifier = q.qualifier;
      end = q.end;
    }
  }
  const result = expression(text, first.kind, first.value, first.unit, first.scaled, start, end);
  if (high !== undefined) result.high = high;
  if (qualifier) result.qualifier = qualifier;
  // A bare four-digit number 1900–2100 in prose is a year (in 2024).
  if (result.kind === 'number' && high === undefined && Number.isInteger(result.value) && result.value >= 1900 && result.value <= 2100 && number.raw.length === 4) {
    result.kind = 'year';
  }
  return result;
}

function kanjiNumber(text: string): number | null {
  // 一…九, 十, 二十, 十五, 二十五
  let value = 0;
  let current = 0;
  for (const c of text) {
    const digit = KANJI_DIGIT[c];
    if (digit === undefined) return null;
    if (digit === 10) {
      value += (current || 1) * 10;
      current = 0;
    } else {
      if (current) return null;
      current = digit;
    }
  }
  return value + current || null;
}

/**
 * Units that measure what a named thing is built to hold or do (a model's context in tokens, its
 * parameters, memory and storage, power, operations per second). A count in them is a specification,
 * set by the thing's maker and read from its data sheet, not a statistic measured of the world.
 */
const CAPACITY_UNITS = new Set(['トークン', 'パラメータ', 'MB', 'GB', 'TB', 'PB', 'W', 'kW', 'MW', 'GW', 'TOPS', 'FLOPS']);
/** A size label: a number with a Latin scale letter and nothing it counts (`120B`, `8B`, `1M`). */
const SIZE_LABEL = /\d[KMBT](?![A-Za-z])/;

/**
 * A specification of a named thing rather than a statistic: a count in a capacity unit (`256,000トークン`,
 * `1750億パラメータ`, `80GB`) or a bare size label (`GPT-OSS (120B, 20B)`). Such figures are checked against
 * the maker's page, like a version number; they are no claim about a market, a population or a change.
 */
export function isSpecification(e: NumericExpression): boolean {
  if (e.kind !== 'count') return false;
  if (CAPACITY_UNITS.has(e.unit)) return true;
  return e.unit === '' && e.scaled && SIZE_LABEL.test(e.text);
}

/** What a price is charged per: a unit of use or of time (`/1M`, `per month`, `トークンあたり`, `月額`). */
const USE_UNIT = '(?:\\d|[KMB]\\b|トークン|tokens?\\b|月|mo(?:nth)?\\b|users?\\b|seats?\\b|hours?\\b|時間|回|枚|件|GB|TB|requests?\\b|images?\\b|画像)';
const PER_UNIT_AFTER = new RegExp(`^\\s?(?:[/／]\\s?${USE_UNIT}|per ${USE_UNIT}|an? (?:hour|month|user|seat)\\b)`, 'u');
// The unit may stand a clause before the figure: `1Mトークンあたり入力$0.15 / 出力$0.60` (no comma or stop between).
const PER_UNIT_BEFORE = /(?:月額|年額|月々|単価|利用料|(?:トークン|時間|回|枚|件|リクエスト|GB|TB)(?:あたり|当たり))(?:[^。、，,.!?！？]|\.(?=\d)){0,16}$/u;

/**
 * A price list entry: an amount of money charged per unit of use or time (`入力$0.15/1M`, `$20 per month`,
 * `月額1,500円`). A price is what a seller asks, read from its price page; a specification of the offer,
 * not a statistic. `before` / `after` are the characters around the figure on its line.
 */
export function isUnitPrice(e: NumericExpression, before: string, after: string): boolean {
  return e.kind === 'money' && (PER_UNIT_AFTER.test(after) || PER_UNIT_BEFORE.test(before));
}

/**
 * A figure a reader would take as a statistic needing a source: a measured or estimated quantity of the
 * world (a share or rate, a change, an amount of money, a count of people, companies or things). Not a
 * year, a date, an ordinal, a small count, a round 100%/0%, nor a specification (`isSpecification`).
 */
export function isStatistic(e: NumericExpression): boolean {
  if (isSpecification(e)) return false;
  switch (e.kind) {
    case 'percent':
      // 100% and 0% are mostly rhetorical ("100%の自信", "100% compatible").
      return e.high !== undefined || (e.value !== 100 && e.value !== 0);
    case 'multiple':
      return e.value !== 1;
    case 'money':
      return e.value > 0;
    case 'count':
      return e.scaled || (e.value >= 1000 && e.unit !== '' && e.unit !== '年' && e.unit !== '年間');
    default:
      return false;
  }
}

/** A stable key of a figure's value: equal keys state the same figure (20% = ２０％ = 2割). */
export function valueKey(e: NumericExpression): string {
  // An integer of at most six digits is its own six-digit precision: most figures, without `toPrecision`'s string.
  const round = (n: number) => (Number.isInteger(n) && n < 1e6 && n > -1e6 ? n : Number(n.toPrecision(6)));
  return `${e.kind}:${e.unit}:${round(e.value)}${e.high !== undefined ? `-${round(e.high)}` : ''}`;
}
