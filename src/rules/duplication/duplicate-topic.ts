import { getEntry } from '../../post/front-matter.js';
import { defineRule, ruleOptions, SPECIFICITY } from '../rule.js';
import { compare, describe, MAX_TOPIC_SHARING, otherTitle, publishedOrder, relatedPost, seriesOrTranslation } from '../../analysis/corpus/compare.js';
import { normalizeForComparison } from '../../text/normalize.js';

/** Characters (normalised) a name must have to identify a subject: `日本GPUアライアンス`, `Kubernetes`, not `AI`. */
const MIN_SUBJECT = 4;
/** Longer texts are cut before comparing: a subject is named near the start of a summary or title. */
const MAX_COMPARED = 300;

/** Length of the longest run of characters `a` and `b` share (dynamic programming over one row). */
function longestSharedRun(a: string, b: string): number {
  const row = new Uint16Array(b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : 0;
      if (row[j]! > best) best = row[j]!;
      diagonal = above;
    }
  }
  return best;
}

/**
 * Whether the summary names the subject of the post titled `title`: two write-ups of one news item
 * share its name (`日本GPUアライアンス設立について…` under `「日本GPUアライアンス」の設立…`). A stock summary
 * a pipeline puts on unrelated posts (`AI業界の最新動向について、企業発表や業界ニュースを基に詳しく解説します。`
 * under `AIエージェントの本格普及` and `OpenAIの「o1」など…`) names none of their subjects.
 */
function namesSubject(summary: string, title: string): boolean {
  const a = normalizeForComparison(summary).slice(0, MAX_COMPARED);
  const b = normalizeForComparison(title).slice(0, MAX_COMPARED);
  return longestSharedRun(a, b) >= MIN_SUBJECT;
}

/**
 * The summary (`excerpt`, else `description`) is the same as that of an earlier post under another title:
 * one news item written up twice (a pipeline that re-ran on the same source). A summary that more than
 * `MAX_TOPIC_SHARING` other posts share is a template, and says nothing about the topic.
 */
export default defineRule({
  id: 'duplication/duplicate-topic',
  category: 'duplication',
  defaultSeverity: 'warning',
  options: ruleOptions('corpus', 'nearDuplicate', 'passageMinChars', 'passageMinChunkChars', 'passageMaxPosts', 'shingle').and('site', 'permalink', 'baseUrl'),
  crossPost: true,
  comparesPosts: true,
  wholePost: true,
  specificity: SPECIFICITY.sameTopic,
  description: {
    en: 'An earlier post of the blog has the same summary: the same topic written up twice.',
    ja: 'ブログ内に同じ要約（excerpt）の以前の記事があり、同じ話題を二度書いています。',
  },
  messages: {
    sameSummary: {
      en: 'The summary is the same as that of {{others}}, published earlier: this post covers the same topic again. Merge it into the earlier post, or say what is new and write a summary of its own.',
      ja: '要約が以前の記事 {{others}} と同じで、同じ話題を再び扱っています。以前の記事に統合するか、新しい点を明らかにして独自の要約を書いてください。',
    },
  },
  evidence: {
    warning: `The same summary, once normalised, as an earlier post with another title; at most ${MAX_TOPIC_SHARING} other posts share it, the two are not of one series or two languages, and the summary names the earlier post's subject (a run of ${MIN_SUBJECT} or more characters its title has too): a stock summary names no subject.`,
  },
  examples: {
    valid: [
      {
        name: 'a template summary many posts share says nothing about the topic',
        path: '_posts/2025-09-03-1-084227.md',
        text: '---\ntitle: "AI市場の新動向"\nexcerpt: "AI業界の最新動向について詳しく解説します。"\n---\n\n本文。\n',
        corpus: [1, 2, 3].map((n) => ({
          path: `_posts/2025-08-3${n}-${n}-post.md`,
          text: `---\ntitle: "別の記事 ${n} 号"\nexcerpt: "AI業界の最新動向について詳しく解説します。"\n---\n\n本文 ${n}。\n`,
        })),
        source: 'ai-blog-system _posts (MIT): the template excerpt of 2025-08/09 posts; titles and bodies written for the test',
      },
      {
        name: 'a stock summary on posts of one day about different news names no subject',
        path: '_posts/2025-08-27-1-2025-8-27-ai.md',
        text: '---\ntitle: "2025年8月27日 AI業界最新動向：企業発表が示す未来のビジネス変革"\ndate: 2025-08-27 12:27:22 +0000\nexcerpt: "AI業界の最新動向について、企業発表や業界ニュースを基に詳しく解説します。"\n---\n\n## ニュース概要\n',
        corpus: [
          {
            path: '_posts/2025-08-27-1-ai.md',
            text: '---\ntitle: "AIエージェントの本格普及"\ndate: 2025-08-27 10:02:24 +0000\nexcerpt: "AI業界の最新動向について、企業発表や業界ニュースを基に詳しく解説します。"\n---\n\n## ニュース概要\n',
          },
          {
            path: '_posts/2025-08-27-1-openai-o1-ai.md',
            text: '---\ntitle: "OpenAIの「o1」など、高度な推論能力を持つAIモデルの高性能化と多様化"\ndate: 2025-08-27 11:41:56 +0000\nexcerpt: "AI業界の最新動向について、企業発表や業界ニュースを基に詳しく解説します。"\n---\n\n## ニュース概要\n',
          },
        ],
        source: 'ai-blog-system _posts/2025-08-27-1-*.md at d6b624f1 (MIT): front matter lines 3-8 and the first heading',
      },
    ],
    invalid: [
      {
        name: 'a later post with the same summary under another title',
        path: '_posts/2025-10-21-2-ai-article-update.md',
        text: '---\ntitle: "タイトル：その真意は？"\ndate: 2025-10-21 20:37:10 +0000\nexcerpt: "日本GPUアライアンス設立について詳細に分析します。"\n---\n\n本文。\n',
        corpus: [
          {
            path: '_posts/2025-10-21-3-gpu.md',
            text: '---\ntitle: "「日本GPUアライアンス」の設立、その真意はどこにあるのか？"\ndate: 2025-10-21 04:38:46 +0000\nexcerpt: "日本GPUアライアンス設立について詳細に分析します。"\n---\n\n別の本文。\n',
          },
        ],
        findings: [{ line: 4, severity: 'warning' }],
        source: 'ai-blog-system _posts (MIT): front matter of 2025-10-21-2-ai-article-update / 2025-10-21-3-gpu; bodies shortened',
      },
    ],
  },
  check({ post, options, corpus }) {
    const entry = getEntry(post.frontMatter, 'excerpt') ?? getEntry(post.frontMatter, 'description');
    if (!entry || corpus.size < 2) return [];
    const { result, analysis } = compare(post, corpus, options);
    if (result.sameExcerpt.length === 0 || result.sameExcerpt.length > MAX_TOPIC_SHARING) return [];
    const summary = typeof entry.value === 'string' ? entry.value : '';
    const earlier = result.sameExcerpt.filter(
      (path) =>
        !result.sameTitle.includes(path) && // duplication/duplicate-title reports those
        publishedOrder(analysis, post, path) >= 0 &&
        !seriesOrTranslation(analysis, post, path) &&
        namesSubject(summary, otherTitle(analysis, path)),
    );
    if (earlier.length === 0) return [];
    const others = earlier.map((p) => describe(analysis, p, options)).join(', ');
    return [
      {
        line: entry.line,
        endLine: entry.endLine,
        messageId: 'sameSummary',
        data: { others },
        related: earlier.map((p) => relatedPost(analysis, p, 'same summary')),
      },
    ];
  },
});
