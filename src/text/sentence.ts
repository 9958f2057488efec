import type { Language } from '../core/finding.js';
import { analyseJapanese, type Morphemes } from './japanese.js';
import { detectLanguage } from '../core/language.js';

// Characters a complete Japanese sentence may end with (closing quotes/brackets after 。 included).
const JA_FINAL = /[。．！？!?」』）)】〕〉》…‥.:：♪〜~ｗw"”'’*＊]$/u;
// English: sentence punctuation, optionally followed by closing quotes/brackets/emphasis.
const EN_FINAL = /[.!?:;…]["'”’)\]*_]*$|["”’)\]]$/u;

/** True when `text` (trimmed) ends where a sentence may end in `language`. Emoji count as an end. */
export function endsSentence(text: string, language: Language): boolean {
  const trimmed = text.trimEnd();
  if (trimmed === '') return true;
  if (/\p{Extended_Pictographic}$/u.test(trimmed)) return true;
  return language === 'ja' ? JA_FINAL.test(trimmed) || EN_FINAL.test(trimmed) : EN_FINAL.test(trimmed);
}

// By UTF-16 code unit: the splitter reads every character of every paragraph, and `text[i]` allocates a
// string per non-Latin-1 character (a Japanese post is all of them).
/** 。 ！ ？ ! ? */
const isTerminator = (c: number): boolean => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f;
/** 」 』 ） ) " ” ’ */
const isCloser = (c: number): boolean => c === 0x300d || c === 0x300f || c === 0xff09 || c === 0x29 || c === 0x22 || c === 0x201d || c === 0x2019;
/** と っ 、 ， : a quote followed by one of them goes on (`「…か？」と思った。`). */
const continuesQuote = (c: number): boolean => c === 0x3068 || c === 0x3063 || c === 0x3001 || c === 0xff0c;
const DOT = 0x2e;
const NEWLINE = 0x0a;

/**
 * Splits text into sentences, keeping their final punctuation (and the closing quotes after it).
 * A line break ends a sentence; a `.` ends one only before whitespace or the end (so `1.5` and `v2.0`
 * stay whole); `「…か？」と思った。` is one sentence (a quote followed by と/って/、 goes on).
 * One linear pass.
 */
export function splitSentences(text: string): string[] {
  const bounds = sentenceBounds(text);
  const out: string[] = [];
  for (let k = 0; k < bounds.length; k += 2) out.push(text.slice(bounds[k], bounds[k + 1]));
  return out;
}

/**
 * Where the sentences of `splitSentences` are in `text`: the start and end offset of each, trimmed and
 * none empty, as flat pairs. Every character that `trim` keeps is in exactly one of them: a reader of
 * offsets (the voice sentences) slices only the sentences it needs.
 */
export function sentenceBounds(text: string): number[] {
  const out: number[] = [];
  splitFrom(text, 0, text.length + 1, out);
  return out;
}

/**
 * The sentences of `sentenceBounds(text)` that hold one of the offsets (`offsets[0]`, `offsets[stride]`…,
 * ascending, each on a character `trim` keeps), and maybe some between them, as flat pairs. The splitter
 * runs only from where it starts afresh before each offset (`restartBefore`) to the end of the offset's
 * sentence: the voice sentences need the few sentences that hold a voice word (on the site head, 2.5 M of
 * the 6.1 M characters of the blocks that hold one).
 */
export function sentenceBoundsAround(text: string, offsets: readonly number[], stride = 1): number[] {
  const out: number[] = [];
  // Where the splitter starts afresh next: every sentence before it is in `out`.
  let resume = 0;
  for (let k = 0; k < offsets.length; k += stride) {
    const at = offsets[k]!;
    if (at < resume) continue;
    resume = splitFrom(text, restartBefore(text, at, resume), at + 1, out);
  }
  return out;
}

/**
 * Pushes to `out` the sentences from `from`, a place where the splitter starts afresh (0, after a line
 * break or after a sentence end, see `restartBefore`), up to the first sentence end at or after `until`;
 * returns where the splitter starts afresh after that end (the text's length at its end).
 */
function splitFrom(text: string, from: number, until: number, out: number[]): number {
  const length = text.length;
  let start = from;
  const push = (end: number) => {
    let from = start;
    let to = end;
    while (from < to && isTrimmed(text.charCodeAt(from))) from++;
    while (to > from && isTrimmed(text.charCodeAt(to - 1))) to--;
    if (from < to) out.push(from, to);
    start = end;
  };
  for (let i = from; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      push(i);
      start = i + 1;
      if (start >= until) return start;
      continue;
    }
    let j = -1;
    if (isTerminator(c)) {
      j = i + 1;
      while (j < length && isTerminator(text.charCodeAt(j))) j++;
      const afterTerminators = j;
      while (j < length && isCloser(text.charCodeAt(j))) j++;
      if (j > afterTerminators && j < length && continuesQuote(text.charCodeAt(j))) {
        i = j - 1;
        continue;
      }
    } else if (c === DOT && (i + 1 === length || /\s/u.test(text[i + 1]!))) {
      j = i + 1;
      while (j < length && isCloser(text.charCodeAt(j))) j++;
    }
    if (j >= 0) {
      push(j);
      if (j >= until) return j;
      i = j - 1;
    }
  }
  push(length);
  return length;
}

/**
 * The last place at or before `at`, and not before `floor` (itself one), where the splitter starts afresh:
 * after a line break, or after a terminator (`。`, `！`…) that neither a terminator nor a closer follows.
 * The splitter reaches every line break and the first terminator of every run (it skips only the rest of
 * a run and the closers after it), reads the run whole, and so ends a sentence right after its last.
 */
function restartBefore(text: string, at: number, floor: number): number {
  for (let q = at - 1; q >= floor; q--) {
    const c = text.charCodeAt(q);
    if (c === NEWLINE) return q + 1;
    if (isTerminator(c)) {
      const next = text.charCodeAt(q + 1);
      if (!isTerminator(next) && !isCloser(next)) return q + 1;
    }
  }
  return floor;
}

/** A code unit `String.prototype.trim` removes (white space and line terminators). */
export const isTrimmed = (c: number): boolean =>
  (c >= 0x09 && c <= 0x0d) ||
  c === 0x20 ||
  (c > 0x7f &&
    (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));

/**
 * How a piece of running text ends, and what proves it:
 * - `finished`: a sentence end (punctuation, a closing quote, an emoji) or a form that ends a sentence
 *   without one (a Japanese noun, 体言止め: `…を網羅的に解説`; a sentence-final particle);
 * - `cut`: positive evidence that the sentence stops in its middle (see `TailEvidence`);
 * - `open`: no sentence-final punctuation and no evidence either way (`…feature flag`, `…復帰しません`).
 */
export type TailState = 'finished' | 'cut' | 'open';

/**
 * - `character`: the text ends inside a character (U+FFFD, half a UTF-8 sequence);
 * - `comma`: it ends on `、` or a comma;
 * - `particle`: on a Japanese case, binding or conjunctive particle (`…は`, `…を`, `…して`);
 * - `conjunctive`: on a Japanese 連用形 / 未然形 / 仮定形 or an attributive form (`…しており`, `…重要で`);
 * - `conjunction`: on a conjunction (`そして`, `また`) or, in English, a function word (`and`, `the`, `of`);
 * - `prefix`: on a Japanese prefix or attributive word (連体詞: `この`, `大きな`), which needs its noun;
 * - `emphasis`: inside bold text that was opened and never closed (`…**社会全体`);
 * - `table`: inside a table row, or after a table header with no rows.
 */
export type TailEvidence = 'character' | 'comma' | 'particle' | 'conjunctive' | 'conjunction' | 'prefix' | 'emphasis' | 'table';

export interface Tail {
  state: TailState;
  evidence?: TailEvidence;
}

const COMMA_END = /[、，,]$/u;
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/u;
/** `CJK_CHAR` for one UTF-16 code unit (every character it matches is one). */
export const isCjkCharCode = (c: number): boolean =>
  (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff66 && c <= 0xff9f);
// English words a sentence cannot stop on: articles, prepositions, conjunctions, auxiliaries, relatives.
const EN_DANGLING = new Set(
  (
    'a an the of to in on at by for with from into onto about as than via and or but nor because that which whose ' +
    'whom who if while whereas although though unless until when where is are was were be been being will would ' +
    'can could should shall must may might has have had do does did our their its my your his her'
  ).split(' '),
);
// Japanese endings that are requests or set phrases though IPADIC tags them 連用形 / 未然形.
const JA_REQUEST_ENDS = new Set(['ください', '下さい', 'なさい', 'ませ', 'くださいませ', 'ちょうだい']);
// Conjunctive particles that also close a casual sentence (`…だから`, `…けど`).
const JA_CLOSING_CONJUNCTIVE = new Set(['けど', 'けれど', 'けれども', 'から', 'し', 'のに']);

/**
 * Decides how `text` ends. Japanese tails (the last sentence holds kana or kanji) are decided with the
 * morphological analyser (`japanese.ts`, loaded on the first call that needs it); English tails by their
 * last word. `endsSentence` answers for the punctuation first, so a finished paragraph never loads it.
 */
export function judgeTail(text: string): Tail {
  const trimmed = text.trimEnd();
  if (trimmed === '') return { state: 'finished' };
  if (trimmed.endsWith('\uFFFD')) return { state: 'cut', evidence: 'character' };
  // The language of this text's own end, whatever the post's: a Japanese paragraph in a post of English
  // words still ends with 。.
  if (endsSentence(trimmed, CJK_CHAR.test(trimmed.slice(-40)) ? 'ja' : 'en')) return { state: 'finished' };
  const sentence = lastSentence(trimmed);
  // Judged as Japanese when Japanese carries the sentence, not when a Japanese name closes an English list.
  const japanese = detectLanguage(sentence) === 'ja' && CJK_CHAR.test(sentence.slice(-1));
  // One comma is where a cut sentence stops; a doubled one (`…なら、、`) is a writer's pause.
  if (COMMA_END.test(trimmed)) return /[、，,]{2}$/u.test(trimmed) ? { state: 'open' } : { state: 'cut', evidence: 'comma' };
  return japanese ? judgeJapaneseTail(sentence) : judgeEnglishTail(sentence);
}

/** The text after the last sentence end, soft line breaks joined (none between two CJK characters). */
function lastSentence(text: string): string {
  let start = 0;
  // By code unit: `text[i]` made a string of each Japanese character read.
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (isTerminator(c) || (c === DOT && /\s/u.test(text[i + 1] ?? ''))) {
      start = i + 1;
      break;
    }
  }
  // The analyser needs the clause the tail belongs to, not the whole paragraph.
  const sentence = text.slice(Math.max(start, text.length - 160));
  return sentence.replace(/([^\x00-\x7f])[ \t]*\r?\n[ \t]*(?=[^\x00-\x7f])/gu, '$1').replace(/\s+/gu, ' ').trim();
}

/** The index of the last morpheme that is no symbol other than the comma, or -1. */
function lastWord(morphemes: Morphemes): number {
  let index = morphemes.length - 1;
  for (let last = morphemes.at(index); last && last.pos === '記号' && last.posDetail !== '読点'; last = morphemes.at(index)) index--;
  return index;
}

/**
 * The morphemes the tail is judged on. kuromoji analyses each piece of its input up to and including a
 * `、` or `。` on its own (`Tokenizer.splitByPunctuation`), so the pieces after the last `、` come out the
 * same without the text before it: only they are analysed (the analyser costs about as much per
 * character as the rest of a check), and the whole sentence only when they hold no word.
 */
function tailMorphemes(sentence: string): { morphemes: Morphemes; lastIndex: number } | null {
  const clauseStart = sentence.lastIndexOf('、') + 1;
  if (clauseStart > 0) {
    const morphemes = analyseJapanese(sentence.slice(clauseStart));
    if (!morphemes) return null;
    const lastIndex = lastWord(morphemes);
    if (lastIndex >= 0) return { morphemes, lastIndex };
  }
  const morphemes = analyseJapanese(sentence);
  return morphemes && { morphemes, lastIndex: lastWord(morphemes) };
}

function judgeJapaneseTail(sentence: string): Tail {
  const tail = tailMorphemes(sentence);
  if (!tail) return { state: 'open' };
  // Trailing spaces and symbols other than the comma (already decided) say nothing: look before them.
  const { morphemes, lastIndex } = tail;
  const last = morphemes.at(lastIndex);
  if (!last) return { state: 'open' };
  switch (last.pos) {
    case '名詞':
      // A noun ends a sentence (体言止め: `…を網羅的に解説`); whether a full stop is missing is the caller's call.
      return { state: 'open' };
    case '感動詞':
      return { state: 'finished' };
    case '助詞': {
      if (last.posDetail === '終助詞' || last.posDetail.includes('終助詞')) return { state: 'finished' };
      if (last.posDetail === '副助詞' || JA_CLOSING_CONJUNCTIVE.has(last.surface)) return { state: 'open' };
      // `…未来とは`: a topic held up as a question, as headings do. (When `は` opens the pieces analysed,
      // the morpheme before it in the whole sentence ends with `、`: no `と` either.)
      const before = morphemes.at(lastIndex - 1);
      if (last.surface === 'は' && before?.surface === 'と') return { state: 'open' };
      return { state: 'cut', evidence: 'particle' };
    }
    case '接続詞':
      return { state: 'cut', evidence: 'conjunction' };
    case '連体詞':
    case '接頭詞':
      return { state: 'cut', evidence: 'prefix' };
    case '動詞':
    case '形容詞':
    case '助動詞': {
      if (JA_REQUEST_ENDS.has(last.surface)) return { state: 'finished' };
      const form = last.conjugatedForm;
      if (form.startsWith('連用') || form.startsWith('未然') || form.startsWith('仮定') || form === '体言接続') {
        return { state: 'cut', evidence: 'conjunctive' };
      }
      return { state: 'open' };
    }
    default:
      return { state: 'open' };
  }
}

function judgeEnglishTail(sentence: string): Tail {
  const word = /([A-Za-z]+)['’]?$/u.exec(sentence)?.[1];
  // A lone word is a label or a name, not a sentence that stopped.
  if (word && EN_DANGLING.has(word) && /\s/u.test(sentence)) return { state: 'cut', evidence: 'conjunction' };
  return { state: 'open' };
}

/** True when the text starts by continuing a sentence (a Japanese particle or auxiliary: `といった…`, `の様に…`). */
export function continuesSentence(text: string): boolean {
  const head = text.trimStart().slice(0, 24);
  if (!/^[\u3040-\u309f]/u.test(head)) return false;
  const first = analyseJapanese(head)?.at(0);
  return first !== undefined && (first.pos === '助詞' || first.pos === '助動詞');
}
