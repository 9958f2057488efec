/**
 * The voice of a post: who signs it (a person, or an organisation / team / editorial desk), and the
 * sentences in which someone speaks as "I" or claims a career (years in an industry, numbers of clients).
 * A person may say both; a post signed by an editorial desk has no "I" with twenty years behind it, so
 * there such a sentence is an invented persona.
 */
import type { Block, Post } from '../post/post.js';
import { memoKey } from '../core/memo.js';
import { proseBlocks } from './blocks.js';
import { sentenceBounds, sentenceBoundsAround } from '../text/sentence.js';
import { codeAt } from '../text/code-unit.js';

export type AuthorKind = 'organisation' | 'person' | 'unknown';

/** The post's author as written (`author`, or the first of `authors`), or null. */
export function authorOf(post: Post): string | null {
  const data = post.frontMatter?.data ?? {};
  const value = data['author'] ?? (Array.isArray(data['authors']) ? data['authors'][0] : data['authors']);
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && typeof (value as Record<string, unknown>)['name'] === 'string') return String((value as Record<string, unknown>)['name']).trim() || null;
  return null;
}

/** `organisation` when the author matches one of `patterns` (regular expressions, case-insensitive). */
export function authorKind(post: Post, patterns: readonly string[]): AuthorKind {
  const author = authorOf(post);
  if (author === null) return 'unknown';
  for (const source of patterns) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, 'iu');
    } catch {
      continue;
    }
    if (pattern.test(author)) return 'organisation';
  }
  return 'person';
}

/** Speaking as one person. Not `we` / `私たち`: an organisation may speak as one. */
const FIRST_PERSON_JA = /(?:私|僕|俺|わたし|ぼく|筆者)(?![たど]ち|ども)(?:は|が|も|の|に|を|自身|にとって|から|として|です|なりに)/u;
const FIRST_PERSON_EN = /(?:^|[^\p{L}'’])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|my|me|myself)(?![\p{L}'’])/u;

/** Someone else's voice: a quote or a report of what another person said. */
const REPORTED = /(?:氏|さん|教授|博士|CEO|CTO|社長|代表)(?:は|が|によると|によれば)|(?:と|って)(?:語|述べ|話|説明|指摘|強調)|according to|\b(?:said|says|told|explained)\b/iu;

/**
 * A cheap pattern every match of REPORTED also matches (a character or word of each alternative): a
 * sentence it misses is not run through the slower pattern.
 */
const REPORTED_GATE = /[氏教博社代語述話説指強]|さん|ceo|cto|according to|sa[iy][ds]|told|explained/iu;
const reported = (sentence: string): boolean => REPORTED_GATE.test(sentence) && REPORTED.test(sentence);
/** The gate and the pattern it stands before, for the test that holds every match of the pattern to its gate. */
export const REPORTED_GATED: readonly [gate: RegExp, pattern: RegExp] = [REPORTED_GATE, REPORTED];

/**
 * Words the voice patterns need, as bits (`voiceSigns`): a pattern runs only on a sentence that has all
 * of its bits, and a block none of whose sentences can have them is not split into sentences.
 */
const JA_SELF = 1; // 私 僕 俺 わたし ぼく 筆者, followed by the first character of a particle FIRST_PERSON_JA reads
const EN_SELF = 2; // I, me, my as words (no ASCII letter on either side of I; none before me / my)
const YEAR = 4; // 年
const LONG_YEARS = 8; // 長年
const COMPANIES = 16; // 社 after 十 百 千 or a digit (数十社, 100社)
const COUNTLESS = 32; // 数え
const FIELD = 64; // 業界 世界 分野 現場 領域 市場 仕事
const FIELD_WORDS = ['業界', '世界', '分野', '現場', '領域', '市場', '仕事'];

/**
 * By code unit: which word `voiceSigns` looks for can start here (the case of `voiceHits`' switch), else 0.
 * Small consecutive numbers: the switch is a jump table, where on the character codes it was a chain of
 * comparisons (the reader stops at ~520 k characters of the site head's 18 M, `I` of `AI` and `業` most).
 */
const SIGN_START = new Uint8Array(0x10000);
const START_SELF = 1; // 私 僕 俺
const START_HITSU = 2; // 筆(者)
const START_WA = 3; // わ(たし)
const START_BO = 4; // ぼ(く)
const START_I = 5; // I
const START_M = 6; // m(e), m(y)
const START_YEAR = 7; // 年
const START_LONG = 8; // 長(年)
const START_SHA = 9; // 社
const START_SUU = 10; // 数(え)
/** FIELD_WORDS[k] starts at START_FIELD + k. */
const START_FIELD = 11;
for (const c of '私僕俺') SIGN_START[c.charCodeAt(0)] = START_SELF;
SIGN_START[0x7b46] = START_HITSU; // 筆
SIGN_START[0x308f] = START_WA; // わ
SIGN_START[0x307c] = START_BO; // ぼ
SIGN_START[0x49] = START_I;
SIGN_START[0x6d] = START_M;
SIGN_START[0x5e74] = START_YEAR; // 年
SIGN_START[0x9577] = START_LONG; // 長
SIGN_START[0x793e] = START_SHA; // 社
SIGN_START[0x6570] = START_SUU; // 数
FIELD_WORDS.forEach((word, k) => (SIGN_START[word.charCodeAt(0)] = START_FIELD + k));
const FIELD_SECOND = FIELD_WORDS.map((word) => word.charCodeAt(1));

/** By code unit: the classes the readers ask of the character next to a word (tables, not sets: one load each). */
const NEIGHBOUR = new Uint8Array(0x10000);
const ASCII_LETTER = 1;
/** A count before 社 (数十社, 100社). */
const COUNT_BEFORE_COMPANIES = 2;
/**
 * The first characters of the words FIRST_PERSON_JA wants right after `私` and the others (は が も の に を
 * 自身 にとって から として です なりに): none starts `たち`, `どち` or `ども`, so they also pass its look-ahead. Most
 * `私` of a Japanese post are `私たち` (we): their blocks are not split into sentences.
 */
const AFTER_SELF = 4;
for (let c = 0x41; c <= 0x5a; c++) NEIGHBOUR[c] = NEIGHBOUR[c + 0x20] = ASCII_LETTER;
for (const c of '十百千0123456789') NEIGHBOUR[c.charCodeAt(0)] = COUNT_BEFORE_COMPANIES;
for (const c of 'はがものにを自かとでな') NEIGHBOUR[c.charCodeAt(0)] = AFTER_SELF;
/** The NEIGHBOUR classes of the code unit of `text` at `i`; none past either end. */
const neighbourAt = (text: string, i: number): number => (i >= 0 && i < text.length ? NEIGHBOUR[text.charCodeAt(i)]! : 0);

/**
 * The bits of the words of `text` (see JA_SELF…FIELD), in one pass by code unit, and where each was found:
 * (offset, bit) pairs in `hits` (cleared first). Monotone in the text: a sentence (a trimmed piece of its
 * block, cut after a stop, a closing bracket or a line break, so the character before it is never a
 * letter) has no bit its block lacks. More: a sentence's bits are those found at its offsets in the
 * block, since no word is read across a sentence's edge (a sentence ends on a stop, a closing bracket or a
 * character before a line break or a space, and none of them starts or ends a word read here): the
 * sentences of a block are not scanned again.
 */
function voiceHits(text: string, hits: number[]): number {
  hits.length = 0;
  let signs = 0;
  for (let i = 0; i < text.length; i++) {
    const start = SIGN_START[text.charCodeAt(i)]!;
    if (start === 0) continue;
    let sign = 0;
    switch (start) {
      case START_SELF:
        if ((neighbourAt(text, i + 1) & AFTER_SELF) !== 0) sign = JA_SELF;
        break;
      case START_HITSU:
        if (codeAt(text, i + 1) === 0x8005 && (neighbourAt(text, i + 2) & AFTER_SELF) !== 0) sign = JA_SELF; // 筆者
        break;
      case START_WA:
        if (text.startsWith('わたし', i) && (neighbourAt(text, i + 3) & AFTER_SELF) !== 0) sign = JA_SELF;
        break;
      case START_BO:
        if (codeAt(text, i + 1) === 0x304f && (neighbourAt(text, i + 2) & AFTER_SELF) !== 0) sign = JA_SELF; // ぼく
        break;
      case START_I:
        if (((neighbourAt(text, i - 1) | neighbourAt(text, i + 1)) & ASCII_LETTER) === 0) sign = EN_SELF;
        break;
      case START_M: {
        const next = codeAt(text, i + 1);
        if ((neighbourAt(text, i - 1) & ASCII_LETTER) === 0 && (next === 0x65 || next === 0x79)) sign = EN_SELF;
        break;
      }
      case START_YEAR:
        sign = YEAR;
        break;
      case START_LONG:
        if (codeAt(text, i + 1) === 0x5e74) sign = LONG_YEARS; // 長年
        break;
      case START_SHA:
        if ((neighbourAt(text, i - 1) & COUNT_BEFORE_COMPANIES) !== 0) sign = COMPANIES;
        break;
      case START_SUU:
        if (codeAt(text, i + 1) === 0x3048) sign = COUNTLESS; // 数え
        break;
      default:
        if (codeAt(text, i + 1) === FIELD_SECOND[start - START_FIELD]) sign = FIELD;
    }
    if (sign !== 0) {
      signs |= sign;
      hits.push(i, sign);
    }
  }
  return signs;
}

/** The bits of the words of `text` (see `voiceHits`). */
function voiceSigns(text: string): number {
  return voiceHits(text, []);
}
const has = (signs: number, needs: number): boolean => (signs & needs) === needs;

/** Lengths of a career: `20年`, `二十年`, `長年`, "two decades", "15 years". */
const YEARS_JA = '(?:\\d+|[一二三四五六七八九十数]+)\\s*年(?:間|近く|以上|来|余り|ほど|も)?';
const FIELD_JA = '(?:この|AI|IT|テック|金融|半導体|投資|コンサル|自動車|医療|[ぁ-んァ-ヶ一-龠]{1,6})?(?:業界|世界|分野|現場|領域|市場|仕事)';
const WATCH_JA = '(?:見て|見続け|見守|ウォッチ|携わ|身を置|過ご|足を踏み入れ|取材|追いかけ|追い続け|関わ|従事|経験|歩ん|働い|生き)';

/**
 * Each pattern with the words (`voiceSigns` bits) every match of it contains: a sentence without them is
 * not run through the pattern (the first two cost 13 % of a check of a Japanese site when run on every sentence).
 */
interface Experience {
  pattern: RegExp;
  needs: number;
  /** A pattern every match of `pattern` holds a match of: a sentence it misses is not run through `pattern`. */
  gate?: RegExp;
}

/**
 * The verbs of a career the first pattern ends or turns on (every alternative holds WATCH_JA). Most sentences
 * with a year and a field (`2025年のAI市場`) have none: searching them for a verb is one scan, where the
 * pattern tries its optional field prefix (`[ぁ-んァ-ヶ一-龠]{1,6}`) at every position (site head: the
 * pattern was 48 ms of a one-thread check's profile).
 */
const WATCH_GATE = new RegExp(WATCH_JA, 'u');

const EXPERIENCE_JA: readonly Experience[] = [
  {
    // 私がこの業界を20年近く見てきた / この20年間、AI業界をウォッチし続けている / 20年という歳月をこの業界で過ごし
    pattern: new RegExp(`${YEARS_JA}[^。！？]{0,30}${FIELD_JA}[^。！？]{0,20}${WATCH_JA}|${FIELD_JA}[^。！？]{0,20}${YEARS_JA}[^。！？]{0,20}${WATCH_JA}|${FIELD_JA}[^。！？]{0,10}${WATCH_JA}[^。！？]{0,10}${YEARS_JA}`, 'u'),
    needs: YEAR | FIELD,
    gate: WATCH_GATE,
  },
  {
    // 長年この業界を見てきた人間として
    pattern: new RegExp(`長年[^。！？]{0,20}${FIELD_JA}[^。！？]{0,20}${WATCH_JA}|${FIELD_JA}[^。！？]{0,20}長年`, 'u'),
    needs: LONG_YEARS | FIELD,
  },
  // 数百社を支援してきた / 数えきれないほどのAI導入の現場を見てきました
  { pattern: /(?:数十|数百|数千|何百|何千|\d{2,})社(?:以上)?(?:もの|の|を|に)?[^。！？]{0,30}(?:支援|見て|関わ|携わ|導入|コンサル|取材|アドバイス)/u, needs: COMPANIES },
  { pattern: /数え(?:きれ|切れ)ない(?:ほど)?の[^。！？]{0,30}(?:現場|企業|プロジェクト|スタートアップ|導入)[^。！？]{0,10}(?:見て|関わ|携わ|支援)/u, needs: COUNTLESS },
];
/** English careers count only with "I" / "my" in the sentence: "We spent ten years building it" is a team's. */
const EXPERIENCE_EN: readonly Experience[] = [
  // "I've spent 20 years in this industry", "two decades covering AI", "hundreds of clients"
  { pattern: /\b(?:\d+|two|three|four|five|ten|fifteen|twenty|thirty|many|several)\s+(?:years?|decades?)\s+(?:in|of|covering|watching|working|building|advising|analy[sz]ing|following)\b/iu, needs: 0 },
  { pattern: /\b(?:i've|i have|i)\s+(?:spent|been|worked|watched|covered|followed|advised|helped|consulted)\b[^.!?]{0,60}\b(?:years?|decades?|hundreds|dozens|thousands)\b/iu, needs: 0 },
  { pattern: /\b(?:hundreds|dozens|thousands)\s+of\s+(?:companies|clients|startups|teams|enterprises|deployments)\b/iu, needs: 0 },
  { pattern: /\bas\s+(?:an?\s+)?(?:veteran|seasoned|long-time|former)?\s*(?:engineer|analyst|investor|developer|consultant|journalist)\s+(?:who|with)\b/iu, needs: 0 },
];

const EXPERIENCE_ALL: readonly Experience[] = [...EXPERIENCE_JA, ...EXPERIENCE_EN];

export interface VoiceSentence {
  line: number;
  text: string;
  firstPerson: boolean;
  /** The career the sentence claims, or null. */
  experience: string | null;
}

/** Where `sentence` starts in the block's source: its line. */
function lineOf(post: Post, block: Block, sentence: string): number {
  const probe = sentence.slice(0, 12);
  const at = block.source.indexOf(probe);
  return at < 0 ? block.line : post.lines.lineAt(block.startOffset + at);
}

const VOICE = memoKey<VoiceSentence[]>('voice sentences');

/** The sentences of the post's own prose (no quotes, no code) that speak as one person or claim a career. */
export function voiceSentences(post: Post): VoiceSentence[] {
  return post.memo.get(VOICE, [], () => findVoiceSentences(post));
}

/** The language-independent patterns a sentence's voice is read with, each with the bits it needs. */
const FIRST_PERSON_NEEDS: readonly (readonly [pattern: RegExp, needs: number])[] = [
  [FIRST_PERSON_EN, EN_SELF],
  [FIRST_PERSON_JA, JA_SELF],
];

/**
 * Every pattern of this file with the `voiceSigns` bits each match of it has, and the pre-scan itself,
 * for the tests that hold the bits to the patterns on real sentences.
 */
export const VOICE_NEEDS: readonly (readonly [pattern: RegExp, needs: number])[] = [...FIRST_PERSON_NEEDS, ...EXPERIENCE_ALL.map(({ pattern, needs }) => [pattern, needs] as const)];
/** The experience patterns that have a gate, with it: for the test that holds every match to its gate. */
export const EXPERIENCE_GATED: readonly (readonly [gate: RegExp, pattern: RegExp])[] = EXPERIENCE_ALL.flatMap(({ pattern, gate }) => (gate ? [[gate, pattern] as const] : []));
export { voiceHits, voiceSigns };

/**
 * Whether a text with the words `signs` can be a voice sentence: it has what FIRST_PERSON_EN or
 * FIRST_PERSON_JA needs, or what a Japanese experience pattern needs (the English ones are read only
 * after FIRST_PERSON_EN matched).
 */
function mayHaveVoice(signs: number): boolean {
  if (has(signs, EN_SELF) || has(signs, JA_SELF)) return true;
  for (const needs of EXPERIENCE_JA_NEEDS) if (has(signs, needs)) return true;
  return false;
}
const EXPERIENCE_JA_NEEDS = EXPERIENCE_JA.map(({ needs }) => needs);

/**
 * The voice sentences of the post. `prescan: false` runs every pattern on every sentence (no gate, no
 * bits), for the test that holds the pre-scanned reading to it on real posts.
 */
export function findVoiceSentences(post: Post, prescan = true): VoiceSentence[] {
  const out: VoiceSentence[] = [];
  const hits: number[] = [];
  for (const block of proseBlocks(post)) {
    const text = block.text;
    // Most blocks hold no word any pattern needs: they are not split into sentences.
    const blockSigns = prescan ? voiceHits(text, hits) : -1;
    if (!mayHaveVoice(blockSigns)) continue;
    // The sentences without such a word are skipped below: they are not split out either.
    const bounds = prescan ? sentenceBoundsAround(text, hits, 2) : sentenceBounds(text);
    let hit = 0;
    for (let k = 0; k < bounds.length; k += 2) {
      const start = bounds[k]!;
      const end = bounds[k + 1]!;
      let signs = -1;
      if (prescan) {
        signs = 0;
        for (; hit < hits.length && hits[hit]! < end; hit += 2) if (hits[hit]! >= start) signs |= hits[hit + 1]!;
        // A sentence with a year or a field alone (`2025年の市場`) is not sliced out to be read for nothing.
        if (!mayHaveVoice(signs)) continue;
      }
      const sentence = text.slice(start, end);
      const firstPersonEn = has(signs, EN_SELF) && FIRST_PERSON_EN.test(sentence);
      const firstPerson = firstPersonEn || (has(signs, JA_SELF) && FIRST_PERSON_JA.test(sentence));
      let experience: string | null = null;
      const patterns = firstPersonEn ? EXPERIENCE_ALL : EXPERIENCE_JA;
      for (const { pattern, needs, gate } of patterns) {
        if (!has(signs, needs)) continue;
        if (prescan && gate !== undefined && !gate.test(sentence)) continue;
        const m = pattern.exec(sentence);
        if (m) {
          experience = m[0];
          break;
        }
      }
      // Someone else's voice is asked last: it only ever takes a sentence out.
      if ((firstPerson || experience) && !(prescan ? reported(sentence) : REPORTED.test(sentence))) {
        out.push({ line: lineOf(post, block, sentence), text: sentence, firstPerson, experience });
      }
    }
  }
  return out;
}
