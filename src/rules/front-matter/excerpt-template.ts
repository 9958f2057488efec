import { defineRule, ruleOptions, type Report } from '../rule.js';
import { analyzeExcerpt, analyzeTitle, bodyExcerpt, comparable, entryFix, excerptFix, siteEntries, type ExcerptAnalysis } from '../../analysis/front-matter.js';
import type { Post } from '../../post/post.js';
import { memoKey } from '../../core/memo.js';
import type { Corpus } from '../../analysis/corpus/corpus.js';
import type { SiteContext } from '../../analysis/site/context.js';

/** Fewest posts with different titles that, sharing one excerpt word for word, make it boilerplate. */
const SHARED_MIN = 3;

const SHARED = memoKey<Map<string, number>>('shared excerpts');

/** Excerpt (comparison form) → how many different titles carry it, over the site's posts. */
function sharedExcerpts(corpus: Corpus, site: SiteContext | undefined): Map<string, number> {
  return corpus.memo.get(SHARED, [corpus.size, site], () => {
    const titles = new Map<string, Set<string>>();
    for (const { excerpt, title } of siteEntries(corpus, site)) {
      if (excerpt === undefined || title === undefined) continue;
      const key = comparable(excerpt);
      if (key === '') continue;
      let set = titles.get(key);
      if (!set) titles.set(key, (set = new Set()));
      set.add(comparable(title));
    }
    return new Map([...titles].map(([k, v]) => [k, v.size]));
  });
}

/**
 * Boilerplate in the excerpt: a stock sentence of a pipeline (`frontMatter.excerptTemplates`), or one
 * excerpt, word for word, on several posts with different titles: a summary is of one post, so text shared
 * by posts on different subjects summarises none of them.
 */
export default defineRule({
  id: 'front-matter/excerpt-template',
  category: 'front-matter',
  defaultSeverity: 'warning',
  options: ruleOptions('frontMatter', 'excerptTemplates'),
  description: {
    en: 'The excerpt is not template boilerplate (e.g. "…について詳細に分析します。").',
    ja: '抜粋がテンプレートの定型文（「…について詳細に分析します。」など）でないこと。',
  },
  crossPost: true,
  messages: {
    template: {
      en: 'excerpt is template boilerplate (matches /{{template}}/); write a real summary',
      ja: '抜粋がテンプレートの定型文のままです（/{{template}}/ に一致）。記事の要約を書いてください',
    },
    templateWithSuggestion: {
      en: 'excerpt is template boilerplate (matches /{{template}}/); write a real summary (the first sentence of the body is suggested)',
      ja: '抜粋がテンプレートの定型文のままです（/{{template}}/ に一致）。記事の要約を書いてください（本文の最初の文を修正案にしています）',
    },
    shared: {
      en: 'The excerpt stands word for word on {{titles}} posts of the site with different titles, so it summarises none of them; write a summary of this post.',
      ja: 'この抜粋は、タイトルの異なるサイトの{{titles}}件の記事にそのまま付いていて、どの記事の要約にもなっていません。この記事の要約を書いてください。',
    },
    sharedWithSuggestion: {
      en: 'The excerpt stands word for word on {{titles}} posts of the site with different titles, so it summarises none of them; write a summary of this post (the first sentence of the body is suggested).',
      ja: 'この抜粋は、タイトルの異なるサイトの{{titles}}件の記事にそのまま付いていて、どの記事の要約にもなっていません。この記事の要約を書いてください（本文の最初の文を修正案にしています）。',
    },
  },
  evidence: {
    warning:
      'The excerpt matches one of `frontMatter.excerptTemplates` (a pipeline’s stock sentence such as 「…について詳細に分析します。」 or "This post discusses…"), or the same excerpt (once normalised) stands on at least 3 posts of the site with different titles: no summary was written. The fix is the body’s first sentence.',
  },
  examples: {
    valid: [
      {
        name: 'a summary written for the post',
        source: 'ai-blog-system _posts/2025-09-12-2-k2-thinkai.md, the sentence its excerpt should have been (MIT)',
        text: '---\ntitle: x\nexcerpt: "あなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。"\n---\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。\n',
      },
      {
        name: 'two posts sharing an excerpt (an article and its translation) are too few to call it boilerplate',
        source: 'written for this test',
        text: '---\ntitle: VimConf 2025 Small is over\nexcerpt: "VimConf 2025 Small report"\n---\n\nThanks to everyone who came.\n',
        corpus: [{ path: '_posts/2025-11-25-vimconf-ja.md', text: '---\ntitle: VimConf 2025 Small 終了\nexcerpt: "VimConf 2025 Small report"\n---\n\nご参加ありがとうございました。\n' }],
      },
    ],
    invalid: [
      {
        name: 'one excerpt on several posts with different titles summarises none of them',
        source: 'ai-blog-system _posts/2025-08-27-*.md @4ab7a373, lines 3, 8 and 12-13 (MIT), shortened',
        path: '_posts/2025-08-27-anthropic-claude-for-chrome-google-gemini-2-5-flash-image.md',
        text: '---\ntitle: "Anthropicが「Claude for Chrome」、Googleが「Gemini 2.5 Flash Image」を発表"\nexcerpt: "最新のAI技術動向について、Google検索で調査した最新情報を基に詳しく解説します。"\n---\n\n## 概要と背景\n\nAnthropicはChromeの拡張機能として動作するAIエージェント「Claude for Chrome」を発表しました。\n',
        corpus: ['2025年08月26日のAI業界ニュース', 'OpenAIがGPT-5の提供を開始'].map((t, i) => ({
          path: `_posts/2025-08-2${i + 5}-x.md`,
          text: `---\ntitle: "${t}"\nexcerpt: "最新のAI技術動向について、Google検索で調査した最新情報を基に詳しく解説します。"\n---\n\n本文。\n`,
        })),
        findings: [{ line: 3, severity: 'warning', message: '3件' }],
        output: '---\ntitle: "Anthropicが「Claude for Chrome」、Googleが「Gemini 2.5 Flash Image」を発表"\nexcerpt: "AnthropicはChromeの拡張機能として動作するAIエージェント「Claude for Chrome」を発表しました。"\n---\n\n## 概要と背景\n\nAnthropicはChromeの拡張機能として動作するAIエージェント「Claude for Chrome」を発表しました。\n',
      },
      {
        name: 'the pipeline’s stock excerpt: the first sentence of the body is offered',
        source: 'ai-blog-system seed 000 (test/fixtures/seeds, MIT), lines 8 and 12-14, cut',
        text: '---\ntitle: x\nexcerpt: "Amazon、AIチップ20%性能向上について詳細に分析します。"\n---\n\n## Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の「〇〇%向上」という発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
        findings: [{ line: 3, severity: 'warning', message: 'テンプレートの定型文' }],
        output: '---\ntitle: x\nexcerpt: "AmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？"\n---\n\n## Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？\n\nAmazonがAIチップの性能を20%向上させたというニュース、あなたも目にしましたか？正直なところ、この手の「〇〇%向上」という発表を聞くたびに、私の中では2つの感情が交錯するんだ。\n',
      },
    ],
  },
  check({ post, options, corpus, site }) {
    const excerpt = analyzeExcerpt(post, options);
    if (!excerpt) return [];
    if (!excerpt.template) return sharedExcerpt(post, excerpt, sharedExcerpts(corpus, site).get(comparable(excerpt.value)) ?? 0);
    const fix = excerptFix(post, excerpt);
    return [
      {
        line: excerpt.entry.line,
        endLine: excerpt.entry.endLine,
        messageId: fix ? 'templateWithSuggestion' : 'template',
        data: { template: excerpt.template },
        ...(fix ? { fix } : {}),
      },
    ];
  },
});

function sharedExcerpt(post: Post, excerpt: ExcerptAnalysis, titles: number): Report[] {
  if (titles < SHARED_MIN) return [];
  // The one excerpt suggestion when another excerpt rule has one, else the body's first sentence.
  const fallback = bodyExcerpt(post, analyzeTitle(post));
  const fix = excerptFix(post, excerpt) ?? (fallback !== null && fallback !== excerpt.value ? entryFix(post, excerpt.entry, fallback) : undefined);
  return [
    {
      line: excerpt.entry.line,
      endLine: excerpt.entry.endLine,
      messageId: fix ? 'sharedWithSuggestion' : 'shared',
      data: { titles },
      ...(fix ? { fix } : {}),
    },
  ];
}
