import type { Fix } from '../../core/finding.js';
import { defineRule, type Report } from '../rule.js';
import type { Block, Post } from '../../post/post.js';
import { chatterLevel, chatterSigns, mayHoldChatter, type ChatterKind, type ChatterLevel, type SentenceVerdict } from '../../text/chatter.js';
import { countCjk } from '../../core/language.js';
import { splitSentences } from '../../text/sentence.js';
import { deletionFix } from '../../analysis/duplication.js';
import { clip, proseBlocks } from '../../analysis/blocks.js';

const KIND_NAMES: Record<ChatterKind, { en: string; ja: string }> = {
  acknowledgement: { en: 'acknowledges an order', ja: '依頼への応答' },
  apology: { en: 'apologises for the task', ja: 'タスクについての謝罪' },
  offer: { en: 'asks the requester what to do', ja: '依頼者への問いかけ' },
  meta: { en: 'talks about the article being written', ja: '執筆中の記事についての言及' },
  instructions: { en: "refers to the requester's instructions", ja: '依頼者の指示への言及' },
  process: { en: 'narrates its own process', ja: '作業過程の説明' },
  tool: { en: 'reports on tools or searches', ja: 'ツールや検索の報告' },
};

interface Located extends SentenceVerdict {
  /** Offset of the sentence in the block's source. */
  offset: number;
}

/** The block's source as its sentences are read: a heading's `#` marks blanked (offsets kept). */
function sentenceSource(block: Block): string {
  return block.type === 'heading' ? block.source.replace(/^#{1,6}[ \t]+/u, (m) => ' '.repeat(m.length)) : block.source;
}

function sentencesOf(source: string): Located[] {
  let cursor = 0;
  return splitSentences(source).map((text) => {
    const offset = Math.max(cursor, source.indexOf(text, cursor));
    cursor = offset + text.length;
    return { text, offset, signs: chatterSigns(text) };
  });
}

/** Text that is not Japanese in a Japanese post: the model switched back to its working language. */
function foreignTo(post: Post, text: string): boolean {
  if (post.language !== 'ja') return false;
  const letters = text.replace(/[^\p{L}]/gu, '').length;
  return letters > 0 && countCjk(text) / letters < 0.2;
}

/**
 * Where the chatter of a paragraph starts: the first signed sentence after which every sentence is signed
 * (or, in a Japanese post, written in the model's working language instead). -1 when chatter sits amid prose.
 */
function chatterSuffixStart(post: Post, sentences: readonly Located[]): number {
  const first = sentences.findIndex((s) => s.signs.length > 0);
  if (first < 0) return -1;
  const switched = foreignTo(post, sentences[first]!.text);
  for (let i = first + 1; i < sentences.length; i++) {
    const s = sentences[i]!;
    if (s.signs.length === 0 && !(switched && foreignTo(post, s.text))) return -1;
  }
  return first;
}

function chatterFix(post: Post, block: Block, sentences: readonly Located[], start: number): Fix | undefined {
  if (start === 0) return deletionFix(post, block.line, block.endLine);
  const cut = block.startOffset + sentences[start]!.offset;
  const line = post.lines.lineAt(cut);
  if (line !== block.endLine) return undefined;
  const kept = post.text.slice(post.lines.startOf(line), cut).trimEnd();
  if (kept.trim() === '') return undefined;
  return { line, endLine: line, replacement: kept };
}

/**
 * The generator talking to whoever ran it, published as part of the post: apologies for a failed search,
 * "Would you like me to…", `承知しました`, "The article has been drafted based on…", tool names. Each
 * paragraph is read sentence by sentence for signs of such a turn (`src/text/chatter.ts`). Fix: delete
 * the paragraph when all of it is chatter, or cut the chatter that ends its last line.
 */
export default defineRule({
  id: 'artifacts/chatter',
  category: 'artifacts',
  defaultSeverity: 'warning',
  keptInDeletedCopies: true,
  description: {
    en: 'The model or its tools talking to the requester (apologies, offers, notes about the article) left in the post.',
    ja: 'モデルやツールが依頼者に向けた発言（謝罪、問いかけ、記事についての説明）が記事に残っている。',
  },
  messages: {
    chatter: {
      en: 'Model or tool chatter ({{kinds}}): "{{quoted}}". It speaks to whoever ran the generator, not to the reader; delete it.',
      ja: 'モデルやツールの発言（{{kinds}}）:「{{quoted}}」。読者ではなく生成の依頼者に向けた文です。削除してください。',
    },
    chatterInContext: {
      en: 'Model or tool chatter ({{kinds}}): "{{quoted}}". It speaks to whoever ran the generator, not to the reader; delete it, and check the text around it.',
      ja: 'モデルやツールの発言（{{kinds}}）:「{{quoted}}」。読者ではなく生成の依頼者に向けた文です。削除し、前後の文も確認してください。',
    },
  },
  evidence: {
    error: 'A paragraph with two kinds of chatter sign, one of them specific to a conversation with the requester (an acknowledgement, an offer, a note on the article being written, the instructions, the agent narrating its steps, a tool name), or three kinds.',
    warning: 'One sign specific to a conversation with the requester, or two weak kinds (an apology at a sentence start, a failed search).',
    info: 'One weak sign: an apology opening a sentence, or a search that found nothing.',
  },
  examples: {
    valid: [
      {
        name: 'accepting a risk is not acknowledging an order',
        source: 'ai-blog-system 2025-10 KDDI post (MIT)',
        text: '---\ntitle: x\n---\n\nしかし、私がこのKDDIの挑戦を高く評価するのは、そうしたリスクを承知の上で、未来を見据えた大胆な一歩を踏み出した点です。\n',
      },
      {
        name: 'an article about web search',
        source: 'ai-blog-system 2025-09 Apple post (MIT)',
        text: '---\ntitle: x\n---\n\n一方、Robby Walker氏は、かつてSiriの開発を統括し、その後はPerplexityやChatGPTに対抗するAI搭載型ウェブ検索システムの開発に取り組んでいました。\n',
      },
      {
        name: 'an author addressing readers in English',
        text: '---\ntitle: Upgrading to Prometheus 3.0\n---\n\nIn this article, we walk through the changes. Let me know if you have questions on the mailing list.\n',
      },
      {
        name: 'a quoted chatbot answer is the author’s example',
        text: '---\ntitle: Prompting tips\n---\n\n> Sure, here is the revised article. Would you like me to shorten it?\n\nThat is what the model answered.\n',
      },
    ],
    invalid: [
      {
        name: 'an acknowledgement of the order, alone: the paragraph goes',
        source: 'ai-blog-system 2025-09-03 post (MIT)',
        text: '---\ntitle: x\n---\n\n承知いたしました。ご提示いただいた記事の続きから、残りの構成要素を完結させます。\n\n特定のヘッドラインに記載された出来事に関する実際のニュース結果を見つけることができませんでした。\n',
        findings: [
          { line: 5, severity: 'error', message: '承知いたしました' },
          { line: 7, severity: 'info' },
        ],
        output: '---\ntitle: x\n---\n\n特定のヘッドラインに記載された出来事に関する実際のニュース結果を見つけることができませんでした。\n',
      },
      {
        name: 'a failed search and an offer to try again',
        source: 'ai-blog-system 2025-10-01 post (MIT)',
        text: "---\ntitle: x\n---\n\nI'm sorry, but the web search failed due to a quota issue. I couldn't retrieve the information about Henan Province's AI industry goal. Would you like me to try the search again?\n\n河南省は、中国の中原に位置する広大な省です。\n",
        findings: [{ line: 5, severity: 'error' }],
        output: '---\ntitle: x\n---\n\n河南省は、中国の中原に位置する広大な省です。\n',
      },
      {
        name: 'a note on the article glued to its last sentence: the note goes, the sentence stays',
        source: 'ai-blog-system 2025-08-29 EU AI Act post (MIT)',
        text: "---\ntitle: x\n---\n\nこれは責任あるイノベーションを推進するための重要な一歩となるでしょう。The article has been drafted based on the provided structure and requirements, assuming the EU AI Act's application starts on August 29, 2025, as per your prompt.\n",
        findings: [{ line: 5, severity: 'error' }],
        output: '---\ntitle: x\n---\n\nこれは責任あるイノベーションを推進するための重要な一歩となるでしょう。\n',
      },
      {
        name: 'a reply of two paragraphs is one finding and one deletion',
        source: 'ai-blog-system 2025-10-31 post (MIT)',
        text: '---\ntitle: x\n---\n\n申し訳ありませんが、「TIS、AI中心開発で生産性50%向上」に関する具体的な情報を見つけることができませんでした。ウェブ検索を試みましたが、関連する記事や発表が見当たらず、詳細な分析を行うためのデータが不足しています。\n\nもし、この件に関して何か追加の情報や、参照すべき特定の記事などがあれば教えていただけますでしょうか？あるいは、別のAI関連のトピックで記事を作成することも可能です。\n',
        findings: [{ line: 5, endLine: 7, severity: 'error' }],
        output: '---\ntitle: x\n---\n',
      },
      {
        name: 'a request for more information in Japanese',
        source: 'ai-blog-system 2025-10-31 post (MIT)',
        text: '---\ntitle: x\n---\n\nもし、この件に関して何か追加の情報や、参照すべき特定の記事などがあれば教えていただけますでしょうか？あるいは、別のAI関連のトピックで記事を作成することも可能です。\n',
        findings: [{ line: 5, severity: 'warning' }],
        output: '---\ntitle: x\n---\n',
      },
      {
        name: 'English: a tool error narrated by the agent',
        text: '---\ntitle: Kubernetes 1.31 release notes\n---\n\nKubernetes 1.31 ships sidecar containers as stable.\n\nI will now write the article to the file. I am unable to write the article to a file due to an issue with the `write_file` tool.\n',
        findings: [{ line: 7, severity: 'error' }],
        output: '---\ntitle: Kubernetes 1.31 release notes\n---\n\nKubernetes 1.31 ships sidecar containers as stable.\n',
      },
      {
        name: 'English: chatter amid prose is reported without a fix',
        text: "---\ntitle: Our migration to Postgres 17\n---\n\nHere is the revised article with the benchmarks you asked for. The migration took two weekends.\n",
        findings: [{ line: 5, severity: 'warning' }],
      },
    ],
  },
  check({ post }) {
    const found: Found[] = [];
    for (const block of proseBlocks(post)) {
      const source = sentenceSource(block);
      // Most paragraphs hold no word any sign needs: they are not split into sentences.
      if (!mayHoldChatter(source)) continue;
      const sentences = sentencesOf(source);
      const signed = sentences.filter((s) => s.signs.length > 0);
      if (signed.length === 0) continue;
      const start = chatterSuffixStart(post, sentences);
      const chatter = start >= 0 ? sentences.slice(start) : signed;
      const level = chatterLevel(chatter);
      if (level === null) continue;
      found.push({
        line: post.lines.lineAt(block.startOffset + chatter[0]!.offset),
        endLine: start >= 0 ? block.endLine : post.lines.lineAt(block.startOffset + signed[signed.length - 1]!.offset),
        whole: start === 0,
        level,
        chatter,
        // A weak sign alone is no ground for deleting text.
        fix: start >= 0 && level !== 'info' ? chatterFix(post, block, sentences, start) : undefined,
      });
    }
    return mergeTurns(post, found).map(toReport);
  },
});

interface Found {
  line: number;
  endLine: number;
  /** The whole paragraph is chatter. */
  whole: boolean;
  level: ChatterLevel;
  chatter: Located[];
  fix: Fix | undefined;
}

const RANK: Record<ChatterLevel, number> = { info: 0, warning: 1, error: 2 };

/** Consecutive paragraphs that are all chatter are one turn of the model: one finding, one deletion. */
function mergeTurns(post: Post, found: readonly Found[]): Found[] {
  const out: Found[] = [];
  for (const f of found) {
    const prev = out[out.length - 1];
    const adjacent = prev !== undefined && prev.whole && f.whole && allBlank(post, prev.endLine + 1, f.line - 1);
    if (!adjacent || prev.level === 'info' || f.level === 'info') {
      out.push(f);
      continue;
    }
    const chatter = [...prev.chatter, ...f.chatter];
    const level = [f.level, prev.level, chatterLevel(chatter) ?? 'info'].reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
    out[out.length - 1] = {
      line: prev.line,
      endLine: f.endLine,
      whole: true,
      level,
      chatter,
      fix: prev.fix && f.fix ? { line: prev.fix.line, endLine: f.fix.endLine, replacement: '' } : undefined,
    };
  }
  return out;
}

function allBlank(post: Post, from: number, to: number): boolean {
  for (let line = from; line <= to; line++) if (!post.lines.isBlank(line)) return false;
  return true;
}

function toReport(f: Found): Report {
  const kinds = [...new Set(f.chatter.flatMap((s) => s.signs.map((sg) => sg.kind)))];
  const quoted = clip(f.chatter[0]!.text);
  const report: Report = {
    line: f.line,
    endLine: f.endLine,
    severity: f.level,
    messageId: f.fix ? 'chatter' : 'chatterInContext',
    data: { kinds: { en: kinds.map((k) => KIND_NAMES[k].en).join(', '), ja: kinds.map((k) => KIND_NAMES[k].ja).join('、') }, quoted },
  };
  if (f.fix) report.fix = f.fix;
  return report;
}
