import { defineRule } from '../rule.js';
import { chatterLevel, chatterSigns, type ChatterSign } from '../../text/chatter.js';
import { splitSentences } from '../../text/sentence.js';
import { OUTPUT_LABEL } from '../../text/markers.js';
import { analyzeTitle, bodyHeadline, titleFixOr } from '../../analysis/front-matter.js';

/**
 * Openings no headline has: the model apologising, acknowledging, or speaking as "I" about its work, and
 * the label of the requested output format (`タイトル：`, "Title:") left in front of the title.
 */
const TITLE_SIGNS: readonly ChatterSign[] = [
  { kind: 'apology', strong: true, pattern: /^(?:i apologi[sz]e|i'm sorry|i am sorry|my apologies)\b|^申し訳(?:ありません|ございません)/iu },
  { kind: 'process', strong: true, pattern: /^i(?:'ve| have| am| was|'m| will|'ll| could(?:n't| not)?| cannot| can't) (?:(?:not|now|currently|unable) )?(?:established|gathered|drafted|created|written|generated|unable|completed|prepared|perform|find|retrieve|write|provide|search)/iu },
  { kind: 'instructions', strong: true, pattern: OUTPUT_LABEL },
];

function titleSigns(title: string): ChatterSign[] {
  const signs = TITLE_SIGNS.filter((s) => s.pattern.test(title.trim()));
  for (const sentence of splitSentences(title)) signs.push(...chatterSigns(sentence));
  return signs;
}

/** The title is the model's reply to its requester: an apology, a note on its work, a format label. */
export default defineRule({
  id: 'front-matter/title-chatter',
  category: 'front-matter',
  defaultSeverity: 'warning',
  description: {
    en: 'The title is model chatter (an apology, "I have drafted…", a leftover "Title:" label), not a headline.',
    ja: 'タイトルがモデルの発言（謝罪、「記事を作成しました」、残った「タイトル：」ラベル）になっている。',
  },
  messages: {
    chatter: {
      en: 'The title is model chatter, not a headline: "{{title}}". Use the post’s headline (see the suggestion).',
      ja: 'タイトルが見出しではなくモデルの発言になっています:「{{title}}」。本文の見出しを使ってください（修正案を参照）。',
    },
    chatterWithoutHeadline: {
      en: 'The title is model chatter, not a headline: "{{title}}". Write a headline for the post (its body may be chatter too).',
      ja: 'タイトルが見出しではなくモデルの発言になっています:「{{title}}」。記事の見出しを書いてください（本文もモデルの発言でないか確認してください）。',
    },
  },
  evidence: {
    error: 'Two kinds of chatter sign in the title (e.g. an apology and a failed web search), at least one specific to a conversation with the requester.',
    warning: 'One such sign: the title opens with an apology, with the model speaking as "I" about its work, or with the label of the requested output format.',
  },
  examples: {
    valid: [
      { name: 'a headline that quotes an apology', text: '---\ntitle: "Why Sorry Seems to Be the Hardest Word for Chatbots"\n---\n\nText.\n' },
      { name: 'a Japanese headline', text: '---\ntitle: "ソフトバンクCHIE-4、国内AI計算トップに君臨"\n---\n\nText.\n' },
    ],
    invalid: [
      {
        name: 'a failed search as the title',
        source: 'ai-blog-system 2025-10-01 post (MIT)',
        text: "---\ntitle: \"I'm sorry, but the web search failed due？\"\n---\n\nI'm sorry, but the web search failed due to a quota issue.\n",
        findings: [{ line: 2, severity: 'error' }],
      },
      {
        name: 'the format label left in the title: the headline is the fix',
        source: 'ai-blog-system 2025-11-30 post (MIT)',
        text: '---\ntitle: "タイトル：その真意は？"\n---\n\nタイトル：OpenAIの影に潜む9600億ドルの負債：その真意は何を意味するのか？\n\n20年間この業界をウォッチしてきた。\n',
        findings: [{ line: 2, severity: 'warning' }],
        output: '---\ntitle: "OpenAIの影に潜む9600億ドルの負債：その真意は何を意味するのか？"\n---\n\nタイトル：OpenAIの影に潜む9600億ドルの負債：その真意は何を意味するのか？\n\n20年間この業界をウォッチしてきた。\n',
      },
      {
        name: 'English: the agent describing its work',
        text: '---\ntitle: "I\'ve established a detailed article structure"\n---\n\n# The new US export rules for AI chips\n\nText.\n',
        findings: [{ line: 2, severity: 'warning' }],
        output: '---\ntitle: "The new US export rules for AI chips"\n---\n\n# The new US export rules for AI chips\n\nText.\n',
      },
    ],
  },
  check({ post }) {
    const title = analyzeTitle(post);
    if (!title) return [];
    const signs = titleSigns(title.stripped.replace(/\uFFFD+$/u, ''));
    const level = chatterLevel(signs.map((s) => ({ text: title.value, signs: [s] })));
    if (level === null || level === 'info') return [];
    const headline = bodyHeadline(post);
    // The headline is the fix only when it is not chatter itself.
    const proposal = headline && titleSigns(headline.text).length === 0 ? headline.text : null;
    const fix = titleFixOr(post, title, proposal);
    return [
      {
        line: title.entry.line,
        endLine: title.entry.endLine,
        severity: level,
        messageId: fix ? 'chatter' : 'chatterWithoutHeadline',
        data: { title: title.stripped },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
