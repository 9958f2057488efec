/**
 * The voice of a post: who signs it (a person, or an organisation / team / editorial desk), and the
 * sentences in which someone speaks as "I" or claims a career (years in an industry, numbers of clients).
 * A person may say both; a post signed by an editorial desk has no "I" with twenty years behind it, so
 * there such a sentence is an invented persona.
 */
import type { Block, Post } from '../post/post.js';
import { memoKey } from '../core/memo.js';
import { proseBlocks } from './blocks.js';
import { splitSentences } from '../text/sentence.js';

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
 * Cheap patterns every match of the pattern after them also matches (a character or word of each
 * alternative, the context before `I` loosened to any non-ASCII-letter): a sentence they miss is not run
 * through the slower pattern, which tries its `\p{L}` classes and alternatives at every position.
 */
const REPORTED_GATE = /[氏教博社代語述話説指強]|さん|ceo|cto|according to|sa[iy][ds]|told|explained/iu;
const FIRST_PERSON_EN_GATE = /(?:^|[^A-Za-z])I|m[ey]/u;
const reported = (sentence: string): boolean => REPORTED_GATE.test(sentence) && REPORTED.test(sentence);
const firstPersonEnglish = (sentence: string): boolean => FIRST_PERSON_EN_GATE.test(sentence) && FIRST_PERSON_EN.test(sentence);
/** Each gate and the pattern it stands before, for the test that holds every match of the pattern to its gate. */
export const VOICE_GATES: readonly (readonly [gate: RegExp, pattern: RegExp])[] = [
  [REPORTED_GATE, REPORTED],
  [FIRST_PERSON_EN_GATE, FIRST_PERSON_EN],
];

/** Lengths of a career: `20年`, `二十年`, `長年`, "two decades", "15 years". */
const YEARS_JA = '(?:\\d+|[一二三四五六七八九十数]+)\\s*年(?:間|近く|以上|来|余り|ほど|も)?';
const FIELD_JA = '(?:この|AI|IT|テック|金融|半導体|投資|コンサル|自動車|医療|[ぁ-んァ-ヶ一-龠]{1,6})?(?:業界|世界|分野|現場|領域|市場|仕事)';
const WATCH_JA = '(?:見て|見続け|見守|ウォッチ|携わ|身を置|過ご|足を踏み入れ|取材|追いかけ|追い続け|関わ|従事|経験|歩ん|働い|生き)';

/**
 * Each pattern with a word every match of it contains: a sentence without that word is not run through
 * the pattern (the first two cost 13 % of a check of a Japanese site when run on every sentence).
 */
interface Experience {
  pattern: RegExp;
  needs: (sentence: string) => boolean;
}
const FIELD_WORDS = ['業界', '世界', '分野', '現場', '領域', '市場', '仕事'];
const hasField = (sentence: string): boolean => FIELD_WORDS.some((word) => sentence.includes(word));

const EXPERIENCE_JA: readonly Experience[] = [
  {
    // 私がこの業界を20年近く見てきた / この20年間、AI業界をウォッチし続けている / 20年という歳月をこの業界で過ごし
    pattern: new RegExp(`${YEARS_JA}[^。！？]{0,30}${FIELD_JA}[^。！？]{0,20}${WATCH_JA}|${FIELD_JA}[^。！？]{0,20}${YEARS_JA}[^。！？]{0,20}${WATCH_JA}|${FIELD_JA}[^。！？]{0,10}${WATCH_JA}[^。！？]{0,10}${YEARS_JA}`, 'u'),
    needs: (sentence) => sentence.includes('年') && hasField(sentence),
  },
  {
    // 長年この業界を見てきた人間として
    pattern: new RegExp(`長年[^。！？]{0,20}${FIELD_JA}[^。！？]{0,20}${WATCH_JA}|${FIELD_JA}[^。！？]{0,20}長年`, 'u'),
    needs: (sentence) => sentence.includes('長年') && hasField(sentence),
  },
  // 数百社を支援してきた / 数えきれないほどのAI導入の現場を見てきました
  { pattern: /(?:数十|数百|数千|何百|何千|\d{2,})社(?:以上)?(?:もの|の|を|に)?[^。！？]{0,30}(?:支援|見て|関わ|携わ|導入|コンサル|取材|アドバイス)/u, needs: (sentence) => sentence.includes('社') },
  { pattern: /数え(?:きれ|切れ)ない(?:ほど)?の[^。！？]{0,30}(?:現場|企業|プロジェクト|スタートアップ|導入)[^。！？]{0,10}(?:見て|関わ|携わ|支援)/u, needs: (sentence) => sentence.includes('数え') },
];
/** English careers count only with "I" / "my" in the sentence: "We spent ten years building it" is a team's. */
const EXPERIENCE_EN: readonly Experience[] = [
  // "I've spent 20 years in this industry", "two decades covering AI", "hundreds of clients"
  { pattern: /\b(?:\d+|two|three|four|five|ten|fifteen|twenty|thirty|many|several)\s+(?:years?|decades?)\s+(?:in|of|covering|watching|working|building|advising|analy[sz]ing|following)\b/iu, needs: () => true },
  { pattern: /\b(?:i've|i have|i)\s+(?:spent|been|worked|watched|covered|followed|advised|helped|consulted)\b[^.!?]{0,60}\b(?:years?|decades?|hundreds|dozens|thousands)\b/iu, needs: () => true },
  { pattern: /\b(?:hundreds|dozens|thousands)\s+of\s+(?:companies|clients|startups|teams|enterprises|deployments)\b/iu, needs: () => true },
  { pattern: /\bas\s+(?:an?\s+)?(?:veteran|seasoned|long-time|former)?\s*(?:engineer|analyst|investor|developer|consultant|journalist)\s+(?:who|with)\b/iu, needs: () => true },
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

function findVoiceSentences(post: Post): VoiceSentence[] {
  const out: VoiceSentence[] = [];
  for (const block of proseBlocks(post)) {
    for (const sentence of splitSentences(block.text)) {
      if (reported(sentence)) continue;
      const firstPersonEn = firstPersonEnglish(sentence);
      const firstPerson = firstPersonEn || FIRST_PERSON_JA.test(sentence);
      let experience: string | null = null;
      const patterns = firstPersonEn ? EXPERIENCE_ALL : EXPERIENCE_JA;
      for (const { pattern, needs } of patterns) {
        if (!needs(sentence)) continue;
        const m = pattern.exec(sentence);
        if (m) {
          experience = m[0];
          break;
        }
      }
      if (firstPerson || experience) out.push({ line: lineOf(post, block, sentence), text: sentence, firstPerson, experience });
    }
  }
  return out;
}
