import { defineRule, ruleOptions } from '../rule.js';
import { analyzeExcerpt, excerptFix } from '../../analysis/front-matter.js';

/** The excerpt is the start of a body sentence cut inside a word. */
export default defineRule({
  id: 'front-matter/excerpt-truncated',
  category: 'front-matter',
  defaultSeverity: 'warning',
  options: ruleOptions('frontMatter', 'excerptTemplates'),
  description: {
    en: 'The excerpt is not cut off mid-word.',
    ja: '抜粋が語の途中で切れていないこと。',
  },
  messages: {
    cutMidWord: {
      en: 'excerpt is cut off mid-word: it is the start of the paragraph at line {{line}}; use the whole sentence',
      ja: '抜粋が語の途中で切れています（{{line}} 行目の段落の途中まで）。文の最後まで入れてください',
    },
  },
  evidence: {
    warning: 'The excerpt is a strict prefix of a body paragraph and stops inside a word: the pipeline cut it to a length. The fix offers the whole sentence.',
  },
  examples: {
    valid: [
      {
        name: 'an excerpt that is a whole sentence of the body',
        source: 'ai-blog-system seed 000 lines 3, 12 and 14, cut (MIT)',
        text: '---\ntitle: \"Amazonが示すAIチップ進化の新たな局面\"\nexcerpt: \"AmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？\"\n---\n\n## Amazonが示すAIチップ進化の新たな局面\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
      },
    ],
    invalid: [
      {
        name: 'an excerpt cut inside a word',
        source: 'ai-blog-system seed 000 lines 3, 12 and 14, cut; the excerpt cut for the case (MIT)',
        text: '---\ntitle: \"Amazonが示すAIチップ進化の新たな局面\"\nexcerpt: \"AmazonがAIチップの性能を20%向上させたというニュース、あなたも目にし\"\n---\n\n## Amazonが示すAIチップ進化の新たな局面\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
        findings: [{ line: 3, severity: 'warning' }],
        output: '---\ntitle: \"Amazonが示すAIチップ進化の新たな局面\"\nexcerpt: \"AmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？\"\n---\n\n## Amazonが示すAIチップ進化の新たな局面\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
      },
    ],
  },
  check({ post, options }) {
    const excerpt = analyzeExcerpt(post, options);
    if (!excerpt?.truncatedFrom) return [];
    const fix = excerptFix(post, excerpt);
    const { line } = excerpt.truncatedFrom;
    return [
      {
        line: excerpt.entry.line,
        endLine: excerpt.entry.endLine,
        messageId: 'cutMidWord',
        data: { line },
        related: [{ path: post.path, line, endLine: line, label: 'full sentence' }],
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
