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

/** By code unit: the first character of a word `voiceSigns` looks for (1), else 0. */
const SIGN_START = new Uint8Array(0x10000);
for (const c of '私僕俺筆わぼIm年長社数') SIGN_START[c.charCodeAt(0)] = 1;
for (const word of FIELD_WORDS) SIGN_START[word.charCodeAt(0)] = 1;
const code = (c: string): number => c.charCodeAt(0);
const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const FIELD_SECOND = new Map(FIELD_WORDS.map((word) => [word.charCodeAt(0), word.charCodeAt(1)]));
const COUNT_BEFORE_COMPANIES = new Set([...'十百千0123456789'].map(code));
/**
 * The first characters of the words FIRST_PERSON_JA wants right after `私` and the others (は が も の に を
 * 自身 にとって から として です なりに): none starts `たち`, `どち` or `ども`, so they also pass its look-ahead. Most
 * `私` of a Japanese post are `私たち` (we): their blocks are not split into sentences.
 */
const AFTER_SELF = new Set([...'はがものにを自かとでな'].map(code));

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
    const c = text.charCodeAt(i);
    if (SIGN_START[c] === 0) continue;
    const next = codeAt(text, i + 1);
    let sign = 0;
    switch (c) {
      case 0x79c1: // 私
      case 0x50d5: // 僕
      case 0x4ffa: // 俺
        if (AFTER_SELF.has(next)) sign = JA_SELF;
        break;
      case 0x7b46: // 筆
        if (next === 0x8005 && AFTER_SELF.has(codeAt(text, i + 2))) sign = JA_SELF; // 筆者
        break;
      case 0x308f: // わ
        if (text.startsWith('わたし', i) && AFTER_SELF.has(codeAt(text, i + 3))) sign = JA_SELF;
        break;
      case 0x307c: // ぼ
        if (next === 0x304f && AFTER_SELF.has(codeAt(text, i + 2))) sign = JA_SELF; // ぼく
        break;
      case 0x49: // I
        if (!isAsciiLetter(codeAt(text, i - 1)) && !isAsciiLetter(next)) sign = EN_SELF;
        break;
      case 0x6d: // m
        if (!isAsciiLetter(codeAt(text, i - 1)) && (next === 0x65 || next === 0x79)) sign = EN_SELF;
        break;
      case 0x5e74: // 年
        sign = YEAR;
        break;
      case 0x9577: // 長
        if (next === 0x5e74) sign = LONG_YEARS;
        break;
      case 0x793e: // 社
        if (COUNT_BEFORE_COMPANIES.has(codeAt(text, i - 1))) sign = COMPANIES;
        break;
      case 0x6570: // 数
        if (next === 0x3048) sign = COUNTLESS; // 数え
        break;
      default:
        if (FIELD_SECOND.get(c) === next) sign = FIELD;
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
 * The voice sentences of the post. `prescan: false` runs every pattern on every sentence (no gate, no
 * bits), for the test that holds the pre-scanned reading to it on real posts.
 */
export function findVoiceSentences(post: Post, prescan = true): VoiceSentence[] {
  const out: VoiceSentence[] = [];
  const ja = EXPERIENCE_JA.reduce((all, { needs }) => all | needs, 0);
  const hits: number[] = [];
  for (const block of proseBlocks(post)) {
    const text = block.text;
    // Most blocks hold no word any pattern needs: they are not split into sentences.
    const blockSigns = prescan ? voiceHits(text, hits) : -1;
    if (!has(blockSigns, EN_SELF) && !has(blockSigns, JA_SELF) && !EXPERIENCE_JA.some(({ needs }) => has(blockSigns, needs))) continue;
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
        if ((signs & (EN_SELF | JA_SELF | ja)) === 0) continue;
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
