/**
 * A request to a model, published with its answer: `続きを書いてください`, "You are a tech journalist…",
 * "Continue the article…". Read by `artifacts/prompt-leak` sentence by sentence.
 */
const REQUEST: readonly RegExp[] = [
  /(?:記事|文章|原稿)(?:「[^」]{0,80}」)?(?:が|は)途中で(?:終わって|途切れて)い(?:ます|る)/u,
  /続きを(?:[^。]{0,30})?(?:書いて|執筆して|作成して|完成させて)(?:ください|下さい)/u,
  /以下の(?:条件|要件|指示|ルール)(?:に(?:従って|沿って)|で)(?:[^。]{0,30})?(?:書いて|執筆して|作成して)(?:ください|下さい)/u,
  /あなたは(?:[^。]{0,40})(?:ライター|記者|編集者|アナリスト|専門家)(?:です|として)/u,
  /^(?:please )?(?:continue|complete|finish) (?:the|this) (?:article|post|text)\b/iu,
  /^(?:write|generate|create) (?:a|an) (?:[\w-]+ ){0,4}(?:article|blog post|post) (?:about|on)\b/iu,
  /^you are (?:a|an) [^.]{0,60}?\b(?:writer|journalist|editor|analyst|blogger|assistant|writing (?:for|an?|the))\b/iu,
];

/**
 * A word of each request pattern, in the case the pattern's `iu` folds (ſ for the s of finish; no word
 * has a k): a text without any holds no request, and is not split into sentences. Most paragraphs. Two
 * scans, the Japanese words and the English ones: one pattern of both tried every word at every position
 * (over the site head's prose blocks ~85 ms a pass, the two ~55 ms). Kana and kanji have no case: the
 * Japanese words need no `i`.
 */
const REQUEST_GATE_JA = /途中で|続きを|以下の|あなたは/;
const REQUEST_GATE_EN = /continue|complete|fini[sſ]h|write|generate|create|you are/i;

/** True when `text` holds a word of a request pattern (see `REQUEST_GATE_JA`). */
function mayHoldRequest(text: string): boolean {
  return REQUEST_GATE_JA.test(text) || REQUEST_GATE_EN.test(text);
}

/**
 * The first sentence of `text` that asks a model for the text, or null. `prescan: false` splits and
 * tries every pattern whatever the text holds, for the test that holds the gate to it.
 */
export function requestSentence(text: string, prescan = true): string | null {
  if (prescan && !mayHoldRequest(text)) return null;
  for (const sentence of text.split(/(?<=[。！？.!?])\s*/u)) {
    if (REQUEST.some((r) => r.test(sentence.trim()))) return sentence.trim();
  }
  return null;
}

/** The gate and the patterns it stands before, for the test that holds every match to the gate. */
export const REQUEST_GATED: readonly [gate: (text: string) => boolean, patterns: readonly RegExp[]] = [mayHoldRequest, REQUEST];
