/**
 * Model and tool chatter: text in which the generator talks to whoever ran it (the requester, the
 * pipeline) instead of to the reader. Each sign below is one way such a turn shows itself; a sentence
 * carries zero or more signs, each of one kind. The principle the rules use: one kind alone may be prose
 * (an article about web search says "web search"; a human post apologises), two kinds in one paragraph,
 * or a kind only a conversation with the requester has, are chatter.
 */

export type ChatterKind =
  /** Acknowledging an order: `承知しました`, "Sure, here is…", "Certainly!". */
  | 'acknowledgement'
  /** Apologising for failing the task: "I apologize, but…", `申し訳ありませんが`. */
  | 'apology'
  /** Asking the requester what to do next: "Would you like me to…", `教えていただけますでしょうか`. */
  | 'offer'
  /** Talking about the article being produced: "The article has been drafted…", `（文字数：約3500文字）`. */
  | 'meta'
  /** Referring to the requester's instructions: "as per your prompt", `ご指定の文体`. */
  | 'instructions'
  /** The agent narrating its own process: "I will now…", "I have ensured…", `再度試したところ`. */
  | 'process'
  /** Tools, quotas and searches failing or being called: `write_file`, "daily quota", `ウェブ検索を試みました`. */
  | 'tool';

export interface ChatterSign {
  kind: ChatterKind;
  /** Specific to a conversation with the requester: alone it is enough for a warning. */
  strong: boolean;
  pattern: RegExp;
  /** Every match contains a Latin letter (the English signs): a sentence without one is not run through it. */
  latin?: boolean;
  /**
   * Words of which every match contains at least one (in any case for the English signs, which are matched
   * case-insensitively): a sentence with none of them is not run through the pattern, and a paragraph
   * with no word of any sign is not split into sentences (`mayHoldChatter`). Every sign of this file
   * names them (optional in the type: a rule's own signs, run by the rule, need none).
   */
  needs?: readonly string[];
}

/** A sign as this file declares it: with the words it needs and the pattern that finds any of them. */
interface DeclaredSign extends ChatterSign {
  needs: readonly string[];
  /** Any word of `needs`, with the sign's case rule (`i` for the English signs, as their patterns have). */
  needed: RegExp;
}

const escapeWord = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
/** A pattern that finds any of `words`, case-insensitively (as `/x/iu` does) when `caseless`. */
const anyWord = (words: readonly string[], caseless: boolean): RegExp => new RegExp(words.map(escapeWord).join('|'), caseless ? 'iu' : 'u');

const sign = (kind: ChatterKind, strong: boolean, pattern: RegExp, needs: readonly string[]): DeclaredSign => ({ kind, strong, pattern, needs, needed: anyWord(needs, false) });
/** An English sign: each of its alternatives is made of English words. */
const englishSign = (kind: ChatterKind, strong: boolean, pattern: RegExp, needs: readonly string[]): DeclaredSign => ({
  kind,
  strong,
  pattern,
  latin: true,
  needs,
  needed: anyWord(needs, true),
});

/**
 * The signs. English patterns are case-insensitive and anchored on words; Japanese ones on the polite
 * forms a model uses towards its requester. A sign marked `start` must open its sentence.
 */
const SIGNS: readonly DeclaredSign[] = [
  // Acknowledgements open a reply; inside a sentence `承知` is ordinary prose (`リスクを承知の上で`).
  sign('acknowledgement', true, /^(?:はい[、，]\s*)?(?:承知(?:いた)?しました|かしこまりました|了解(?:いた)?しました)/u, ['承知', 'かしこまりました', '了解']),
  sign('acknowledgement', false, /^お待たせ(?:いた)?しました/u, ['お待たせ']),
  englishSign('acknowledgement', true, /^(?:sure|certainly|of course|absolutely|okay|ok)[,!.]\s+(?:here(?: is|'s)|i(?:'ll| will| have|'ve))\b/iu, ['sure', 'certainly', 'of course', 'absolutely', 'ok']),
  englishSign('acknowledgement', true, /^here(?: is|'s) (?:the|your) (?:revised|updated|rewritten|refined|requested|completed?|full|final|new) (?:article|post|blog post|draft|version|text|search query)\b/iu, ['here']),
  englishSign('apology', false, /^(?:i apologi[sz]e|i'm sorry|i am sorry|my (?:sincere )?apologies)\b,? (?:but|for (?:the|this|any) (?:error|confusion|inconvenience|mistake))\b|^my (?:sincere )?apologies[,.]/iu, ['apologi', 'sorry']),
  sign('apology', false, /^申し訳(?:ありません|ございません)(?:が|。|、)/u, ['申し訳']),
  englishSign('offer', true, /\b(?:would you like me to|do you want me to|shall i (?:proceed|continue|try|write|search|create))\b/iu, ['would you like me to', 'do you want me to', 'shall i ']),
  englishSign('offer', true, /\b(?:let me know if (?:you(?:'d| would) like me to|you need any (?:further )?(?:modifications|adjustments|changes)|there(?:'s| is) anything else i can)|if there(?:'s| is) another task i can)\b/iu, ['let me know if ', 'another task i can']),
  englishSign('offer', true, /\bplease review the (?:article|draft)\b/iu, ['please review the ']),
  sign('offer', true, /(?:教えていただけ(?:ます|ません)でしょうか|ご教示(?:ください|いただけ)|いかがいたしましょうか|ご希望(?:があれば|でしたら)お知らせください)/u, ['教えていただけ', 'ご教示', 'いかがいたしましょうか', 'ご希望']),
  sign('offer', true, /記事を(?:作成|執筆|お書き)することも(?:可能|できます)/u, ['することも']),
  englishSign('meta', true, /\bthe (?:article|post|draft|text) (?:has been|was|is now) (?:drafted|generated|created|written|revised|completed?|updated|finali[sz]ed)\b/iu, ['has been', 'was', 'is now']),
  englishSign('meta', true, /\bthe (?:article|post|draft) is (?:approximately|about|around|now|in markdown|presented in)\b/iu, ['article is ', 'post is ', 'draft is ']),
  englishSign('meta', true, /\b(?:the article|it) (?:has|contains|is) (?:approximately |about |around )?\d[\d,]* (?:characters|words)\b/iu, [' characters', ' words']),
  sign('meta', true, /[（(]\s*(?:文字数|字数)\s*[:：]\s*(?:約|およそ)?\s*\d[\d,]*\s*(?:文字|字)/u, ['字数']),
  sign('meta', true, /(?:記事|本文|原稿)の続きを(?:[^。]{0,30})?(?:書|執筆|作成|完成)/u, ['の続きを']),
  sign('meta', true, /^(?:以下(?:が|に|は)(?:、)?(?:修正|改訂|完成|作成)(?:した|後の|版の)?(?:記事|原稿|本文))/u, ['以下']),
  englishSign('instructions', true, /\b(?:as per your|per your|in your|from your|the initial|the original|your) (?:prompt|request|instructions?)\b/iu, [' prompt', ' request', ' instruction']),
  englishSign('instructions', true, /\b(?:the )?(?:requested|specified|provided|given) (?:structure|requirements?|range|length|format|character count|topics?|headline|outline|style)\b/iu, ['requested ', 'specified ', 'provided ', 'given ']),
  englishSign('instructions', true, /\b(?:as requested|according to the instructions|i have followed all the instructions|i have outputted)\b/iu, ['as requested', 'according to the instructions', 'i have followed all the instructions', 'i have outputted']),
  sign('instructions', true, /(?:ご提示|ご指定|ご依頼|ご要望|ご指示)(?:いただいた|いただきました|の)/u, ['ご提示', 'ご指定', 'ご依頼', 'ご要望', 'ご指示']),
  englishSign('process', true, /\b(?:i will now|now,? i(?:'ll| will)|i(?:'ll| will) (?:now )?(?:broaden|refine|switch|retry|correct|execute|proceed|write the article)|i have (?:ensured|incorporated|used the|tried to|completed the request|inferred)|i've (?:established|gathered|compiled|drafted|completed))\b/iu, ['i will', "i'll", 'i have', "i've"]),
  sign('process', true, /(?:再度試した(?:ところ|結果)|検索し直した(?:ところ|結果))/u, ['再度試した', '検索し直した']),
  englishSign('tool', true, /\b(?:default_api|write_file|google_web_search|web_fetch|write_todos)\b|\b(?:the|my) (?:tool|function) call (?:failed|returned|errored|did not)\b/iu, ['default_api', 'write_file', 'google_web_search', 'web_fetch', 'write_todos', ' call ']),
  englishSign('tool', true, /\b(?:daily )?quota (?:limit|issue|exceeded)\b|\bexhausted my (?:daily )?quota\b/iu, ['quota']),
  englishSign('tool', true, /\bi (?:am|was|'m) (?:currently )?unable to (?:perform|find|retrieve|access|write|browse|gather)\b|\bi (?:could ?n[o']t|cannot|can't) (?:retrieve|find|access|gather|browse|perform)\b/iu, ['unable to ', 'could', 'cannot ', "can't "]),
  englishSign('tool', false, /\b(?:the|my) (?:web )?search (?:results?|failed|has provided|indicates|yielded|returned)\b/iu, ['search ']),
  englishSign('tool', false, /\bbased on the (?:web )?search(?: results)?\b/iu, ['based on the ']),
  sign('tool', false, /(?:ウェブ|Web|web)検索(?:を試み|結果を見つけ|では(?:見つか|ヒット))|検索ではヒットしなかった/u, ['検索']),
  sign('tool', false, /(?:情報|結果|記事)を見つけることができませんでした/u, ['を見つけることができませんでした']),
];

/** Any word a Japanese sign needs; any word an English sign needs (case-insensitively). */
const JAPANESE_WORDS = anyWord(SIGNS.filter((s) => !s.latin).flatMap((s) => s.needs), false);
const ENGLISH_WORDS = anyWord(SIGNS.filter((s) => s.latin).flatMap((s) => s.needs), true);
const LATIN = /[a-z]/i;

/** The signs found in one sentence. */
export function chatterSigns(sentence: string): ChatterSign[] {
  const text = sentence.trim();
  // Most sentences of a Japanese post have no Latin letter: the English signs (most of them) are skipped.
  const latin = LATIN.test(text);
  return SIGNS.filter((s) => (latin || !s.latin) && s.needed.test(text) && s.pattern.test(text));
}

/** False when no sentence of `text` can carry a sign: it holds no word any sign needs. */
export function mayHoldChatter(text: string): boolean {
  return JAPANESE_WORDS.test(text) || (LATIN.test(text) && ENGLISH_WORDS.test(text));
}

/** Every sign's pattern and the words it needs, for the test that holds the words to their patterns. */
export const CHATTER_SIGNS: readonly DeclaredSign[] = SIGNS;

export interface SentenceVerdict {
  text: string;
  signs: ChatterSign[];
}

export type ChatterLevel = 'error' | 'warning' | 'info';

/**
 * How sure a run of sentences (a paragraph, a title) is chatter: two kinds of sign with a strong one, or
 * three kinds (error); one strong sign or two weak kinds (warning); one weak sign (info); none (null).
 */
export function chatterLevel(sentences: readonly SentenceVerdict[]): ChatterLevel | null {
  const kinds = new Set<ChatterKind>();
  let strong = false;
  for (const s of sentences) {
    for (const sg of s.signs) {
      kinds.add(sg.kind);
      if (sg.strong) strong = true;
    }
  }
  if ((kinds.size >= 2 && strong) || kinds.size >= 3) return 'error';
  if (strong || kinds.size >= 2) return 'warning';
  return kinds.size === 1 ? 'info' : null;
}
