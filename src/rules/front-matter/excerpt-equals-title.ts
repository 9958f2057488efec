import { defineRule, ruleOptions } from '../rule.js';
import { analyzeExcerpt, excerptFix } from '../../analysis/front-matter.js';

/** An excerpt that repeats the title tells the reader nothing more on the index page. */
export default defineRule({
  id: 'front-matter/excerpt-equals-title',
  category: 'front-matter',
  defaultSeverity: 'warning',
  options: ruleOptions('frontMatter', 'excerptTemplates'),
  description: {
    en: 'The excerpt is not just the title again.',
    ja: '抜粋（excerpt）がタイトルと同じでないこと。',
  },
  messages: {
    repeatsTitle: {
      en: 'excerpt repeats the title; summarise the post instead',
      ja: '抜粋がタイトルと同じです。記事の要約にしてください',
    },
    repeatsTitleWithSuggestion: {
      en: 'excerpt repeats the title; summarise the post instead (the first sentence of the body is suggested)',
      ja: '抜粋がタイトルと同じです。記事の要約にしてください（本文の最初の文を修正案にしています）',
    },
  },
  evidence: {
    warning: 'The excerpt, without Markdown and compared after normalising width and spacing, is the title: the index page shows the same line twice. The fix offers the body’s first sentences that are not the title.',
  },
  examples: {
    valid: [
      {
        name: 'an excerpt that summarises',
        source: 'ai-blog-system seed 000 lines 3, 8, 12 and 14, cut (MIT)',
        text: '---\ntitle: \"Amazonが示すAIチップ進化の新たな局面\"\nexcerpt: \"Amazon、AIチップ20%性能向上について詳細に分析します。\"\n---\n\n## Amazonが示すAIチップ進化の新たな局面\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
      },
    ],
    invalid: [
      {
        name: 'the excerpt repeats the title',
        source: 'ai-blog-system seed 000 lines 3, 12 and 14, cut; the excerpt set to the title for the case (MIT)',
        text: '---\ntitle: \"Amazonが示すAIチップ進化の新たな局面\"\nexcerpt: \"Amazonが示すAIチップ進化の新たな局面\"\n---\n\n## Amazonが示すAIチップ進化の新たな局面\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
        findings: [{ line: 3, severity: 'warning' }],
        output: '---\ntitle: \"Amazonが示すAIチップ進化の新たな局面\"\nexcerpt: \"AmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？\"\n---\n\n## Amazonが示すAIチップ進化の新たな局面\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
      },
    ],
  },
  check({ post, options }) {
    const excerpt = analyzeExcerpt(post, options);
    if (!excerpt?.equalsTitle) return [];
    const fix = excerptFix(post, excerpt);
    return [
      {
        line: excerpt.entry.line,
        endLine: excerpt.entry.endLine,
        messageId: fix ? 'repeatsTitleWithSuggestion' : 'repeatsTitle',
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
