import { defineRule } from '../rule.js';
import { analyzeExcerpt, excerptFix } from '../../analysis/front-matter.js';

/** Boilerplate a generator left in the excerpt (`frontMatter.excerptTemplates`). */
export default defineRule({
  id: 'front-matter/excerpt-template',
  category: 'front-matter',
  defaultSeverity: 'warning',
  description: {
    en: 'The excerpt is not template boilerplate (e.g. "…について詳細に分析します。").',
    ja: '抜粋がテンプレートの定型文（「…について詳細に分析します。」など）でないこと。',
  },
  evidence: {
    warning: 'The excerpt matches one of `frontMatter.excerptTemplates` (a pipeline’s stock sentence such as 「…について詳細に分析します。」 or "This post discusses…"): no summary was written. The fix is the body’s first sentence.',
  },
  examples: {
    valid: [
      {
        name: 'a summary written for the post',
        source: 'ai-blog-system _posts/2025-09-12-2-k2-thinkai.md, the sentence its excerpt should have been (MIT)',
        text: '---\ntitle: x\nexcerpt: "あなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。"\n---\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。\n',
      },
    ],
    invalid: [
      {
        name: 'the pipeline’s stock excerpt: the first sentence of the body is offered',
        source: 'ai-blog-system seed 000 (test/fixtures/seeds, MIT), lines 8 and 12-14, cut',
        text: '---\ntitle: x\nexcerpt: "Amazon、AIチップ20%性能向上について詳細に分析します。"\n---\n\n## Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の「〇〇%向上」という発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
        findings: [{ line: 3, severity: 'warning', message: 'テンプレートの定型文' }],
        output: '---\ntitle: x\nexcerpt: "AmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？"\n---\n\n## Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の「〇〇%向上」という発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
      },
    ],
  },
  check({ post, config }) {
    const excerpt = analyzeExcerpt(post, config);
    if (!excerpt?.template) return [];
    const fix = excerptFix(post, excerpt);
    return [
      {
        line: excerpt.entry.line,
        endLine: excerpt.entry.endLine,
        message: {
          en: `excerpt is template boilerplate (matches /${excerpt.template}/); write a real summary${fix ? ' (the first sentence of the body is suggested)' : ''}`,
          ja: `抜粋がテンプレートの定型文のままです（/${excerpt.template}/ に一致）。記事の要約を書いてください${fix ? '（本文の最初の文を修正案にしています）' : ''}`,
        },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
