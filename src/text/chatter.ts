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
}

const sign = (kind: ChatterKind, strong: boolean, pattern: RegExp): ChatterSign => ({ kind, strong, pattern });
/** An English sign: each of its alternatives is made of English words. */
const englishSign = (kind: ChatterKind, strong: boolean, pattern: RegExp): ChatterSign => ({ kind, strong, pattern, latin: true });

/**
 * The signs. English patterns are case-insensitive and anchored on words; Japanese ones on the polite
 * forms a model uses towards its requester. A sign marked `start` must open its sentence.
 */
const SIGNS: readonly ChatterSign[] = [
  // Acknowledgements open a reply; inside a sentence `承知` is ordinary prose (`リスクを承知の上で`).
  sign('acknowledgement', true, /^(?:はい[、，]\s*)?(?:承知(?:いた)?しました|かしこまりました|了解(?:いた)?しました)/u),
  sign('acknowledgement', false, /^お待たせ(?:いた)?しました/u),
  englishSign('acknowledgement', true, /^(?:sure|certainly|of course|absolutely|okay|ok)[,!.]\s+(?:here(?: is|'s)|i(?:'ll| will| have|'ve))\b/iu),
  englishSign('acknowledgement', true, /^here(?: is|'s) (?:the|your) (?:revised|updated|rewritten|refined|requested|completed?|full|final|new) (?:article|post|blog post|draft|version|text|search query)\b/iu),
  englishSign('apology', false, /^(?:i apologi[sz]e|i'm sorry|i am sorry|my (?:sincere )?apologies)\b,? (?:but|for (?:the|this|any) (?:error|confusion|inconvenience|mistake))\b|^my (?:sincere )?apologies[,.]/iu),
  sign('apology', false, /^申し訳(?:ありません|ございません)(?:が|。|、)/u),
  englishSign('offer', true, /\b(?:would you like me to|do you want me to|shall i (?:proceed|continue|try|write|search|create))\b/iu),
  englishSign('offer', true, /\b(?:let me know if (?:you(?:'d| would) like me to|you need any (?:further )?(?:modifications|adjustments|changes)|there(?:'s| is) anything else i can)|if there(?:'s| is) another task i can)\b/iu),
  englishSign('offer', true, /\bplease review the (?:article|draft)\b/iu),
  sign('offer', true, /(?:教えていただけ(?:ます|ません)でしょうか|ご教示(?:ください|いただけ)|いかがいたしましょうか|ご希望(?:があれば|でしたら)お知らせください)/u),
  sign('offer', true, /記事を(?:作成|執筆|お書き)することも(?:可能|できます)/u),
  englishSign('meta', true, /\bthe (?:article|post|draft|text) (?:has been|was|is now) (?:drafted|generated|created|written|revised|completed?|updated|finali[sz]ed)\b/iu),
  englishSign('meta', true, /\bthe (?:article|post|draft) is (?:approximately|about|around|now|in markdown|presented in)\b/iu),
  englishSign('meta', true, /\b(?:the article|it) (?:has|contains|is) (?:approximately |about |around )?\d[\d,]* (?:characters|words)\b/iu),
  sign('meta', true, /[（(]\s*(?:文字数|字数)\s*[:：]\s*(?:約|およそ)?\s*\d[\d,]*\s*(?:文字|字)/u),
  sign('meta', true, /(?:記事|本文|原稿)の続きを(?:[^。]{0,30})?(?:書|執筆|作成|完成)/u),
  sign('meta', true, /^(?:以下(?:が|に|は)(?:、)?(?:修正|改訂|完成|作成)(?:した|後の|版の)?(?:記事|原稿|本文))/u),
  englishSign('instructions', true, /\b(?:as per your|per your|in your|from your|the initial|the original|your) (?:prompt|request|instructions?)\b/iu),
  englishSign('instructions', true, /\b(?:the )?(?:requested|specified|provided|given) (?:structure|requirements?|range|length|format|character count|topics?|headline|outline|style)\b/iu),
  englishSign('instructions', true, /\b(?:as requested|according to the instructions|i have followed all the instructions|i have outputted)\b/iu),
  sign('instructions', true, /(?:ご提示|ご指定|ご依頼|ご要望|ご指示)(?:いただいた|いただきました|の)/u),
  englishSign('process', true, /\b(?:i will now|now,? i(?:'ll| will)|i(?:'ll| will) (?:now )?(?:broaden|refine|switch|retry|correct|execute|proceed|write the article)|i have (?:ensured|incorporated|used the|tried to|completed the request|inferred)|i've (?:established|gathered|compiled|drafted|completed))\b/iu),
  sign('process', true, /(?:再度試した(?:ところ|結果)|検索し直した(?:ところ|結果))/u),
  englishSign('tool', true, /\b(?:default_api|write_file|google_web_search|web_fetch|write_todos)\b|\b(?:the|my) (?:tool|function) call (?:failed|returned|errored|did not)\b/iu),
  englishSign('tool', true, /\b(?:daily )?quota (?:limit|issue|exceeded)\b|\bexhausted my (?:daily )?quota\b/iu),
  englishSign('tool', true, /\bi (?:am|was|'m) (?:currently )?unable to (?:perform|find|retrieve|access|write|browse|gather)\b|\bi (?:could ?n[o']t|cannot|can't) (?:retrieve|find|access|gather|browse|perform)\b/iu),
  englishSign('tool', false, /\b(?:the|my) (?:web )?search (?:results?|failed|has provided|indicates|yielded|returned)\b/iu),
  englishSign('tool', false, /\bbased on the (?:web )?search(?: results)?\b/iu),
  sign('tool', false, /(?:ウェブ|Web|web)検索(?:を試み|結果を見つけ|では(?:見つか|ヒット))|検索ではヒットしなかった/u),
  sign('tool', false, /(?:情報|結果|記事)を見つけることができませんでした/u),
];

/** The signs found in one sentence. */
export function chatterSigns(sentence: string): ChatterSign[] {
  const text = sentence.trim();
  // Most sentences of a Japanese post have no Latin letter: the English signs (most of them) are skipped.
  const latin = /[a-z]/i.test(text);
  return SIGNS.filter((s) => (latin || !s.latin) && s.pattern.test(text));
}

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
