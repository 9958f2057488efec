import { defineRule, SPECIFICITY, type Report } from '../rule.js';
import { deletionFix } from '../../analysis/duplication.js';
import { clip, proseBlocks } from '../../analysis/blocks.js';
import { requestSentence } from '../../text/prompt-request.js';

/**
 * The names a generation prompt gives its parts: what the model is given (the existing article, search
 * results, reference material), what it must do (instructions, requirements, constraints, output
 * format, its role). A post never labels its own sections so; `【お知らせ】` or `【追記】` are not here.
 */
const PART_JA =
  '(?:既存の記事(?:の(?:最後の部分|続き|末尾))?|記事の(?:最後の部分|続き|末尾)|これまでの(?:記事|文章)|要求事項|制約条件|出力形式|出力フォーマット|参考情報|システムプロンプト|ペルソナ|執筆(?:ルール|条件|要件))';
/** Names that are prompt parts only inside 【】 or []: as `出力：` or `入力：` they head a tutorial's example. */
const PART_JA_BRACKETED = '(?:指示(?:内容)?|タスク|役割|入力(?:情報|データ)?|出力|検索結果|プロンプト|制約|要件)';
const PART_EN = '(?:system prompt|output format|existing article|previous (?:part|section) of the article|persona)';
/** English names that head lists in tutorials ("Requirements:") and are prompt parts only in brackets. */
const PART_EN_BRACKETED = '(?:instructions?|requirements|constraints|task|role|context|input|search results)';

/** A line that is only a prompt part's label: `【既存の記事の最後の部分】`, `## 出力形式：`, `[Instructions]`. */
const LABEL = new RegExp(
  `^\\s*(?:#{1,6}\\s*)?(?:[【\\[]\\s*(?:${PART_JA}|${PART_JA_BRACKETED}|${PART_EN}|${PART_EN_BRACKETED})\\s*[】\\]]|■\\s*${PART_JA}|(?:${PART_JA}|${PART_EN})\\s*[:：])\\s*$`,
  'iu',
);
/** Chat-template markup: the turn markers of the model's own input format. */
const TEMPLATE = /^\s*(?:<\|(?:im_start|im_end|system|user|assistant)\|>|\[\/?INST\]|<<\/?SYS>>|(?:system|user|assistant)\s*:\s*$)/iu;

/** A request addressed to the model: what the pipeline asked it to write. */
export default defineRule({
  id: 'artifacts/prompt-leak',
  category: 'artifacts',
  defaultSeverity: 'error',
  keptInDeletedCopies: true,
  specificity: SPECIFICITY.promptLeak,
  description: {
    en: "The generation prompt (its section labels, chat-template markers, or a request to the model) was published in the post.",
    ja: '生成プロンプト（その区切りラベル、チャットテンプレートの記号、モデルへの依頼文）が記事に残っている。',
  },
  messages: {
    scaffolding: {
      en: 'Prompt scaffolding "{{label}}" was published: it labels a part of the generator\'s input, not of the article. Delete it (and check that the text after it is not a second copy).',
      ja: '生成プロンプトの区切り「{{label}}」が記事に残っています（記事ではなく生成への入力の見出しです）。削除し、後に続く文が重複していないか確認してください。',
    },
    request: {
      en: 'A request to the model was published: "{{request}}". It is the pipeline\'s prompt, not the article; delete it.',
      ja: 'モデルへの依頼文が記事に残っています:「{{request}}」。生成の指示であり記事ではありません。削除してください。',
    },
  },
  evidence: {
    error: 'A line that is only the label of a prompt part (the existing article, instructions, requirements, output format, role…) or a chat-template marker, outside code and quotes.',
    warning: 'A sentence that asks the model to write: "continue the article", "the article stops midway", "you are a professional writer".',
  },
  examples: {
    valid: [
      { name: 'a notice label of the author', text: '---\ntitle: x\n---\n\n【追記】\n\n2024年3月に内容を更新しました。\n' },
      { name: 'a tutorial heads its lists and examples so', text: '---\ntitle: x\n---\n\nRequirements:\n\n- Go 1.22\n\n入力：\n\n```\nfoo\n```\n\n## Instructions\n\nRun it.\n' },
      { name: 'requirements as a topic, inside prose', text: '---\ntitle: x\n---\n\n高リスクAIシステムのプロバイダーは、以下の技術的要件を満たす必要があります。\n' },
      { name: 'a prompt shown as code', text: '---\ntitle: Prompting\n---\n\n```\nYou are a professional writer.\n## Instructions\n```\n' },
    ],
    invalid: [
      {
        name: 'the label of the existing article before it is pasted again',
        source: 'ai-blog-system 2025-09-22 post (MIT)',
        text: '---\ntitle: x\n---\n\n変化の兆しは見えています。\n\n【既存の記事の最後の部分】\nFRONTEOと塩野義が描くAI認知機能判定の未来、その真意とは？\n',
        findings: [{ line: 7, severity: 'error' }],
        output: '---\ntitle: x\n---\n\n変化の兆しは見えています。\n\nFRONTEOと塩野義が描くAI認知機能判定の未来、その真意とは？\n',
      },
      {
        name: 'the request to continue the article',
        source: 'ai-blog-system 2025 post (MIT)',
        text: '---\ntitle: x\n---\n\n以下の記事「AIハードウェアの内製化の可否」が途中で終わっています。この記事の続きを自然に書いて完成させてください。\n\n本文の続き。\n',
        findings: [{ line: 5, severity: 'warning' }],
        output: '---\ntitle: x\n---\n\n本文の続き。\n',
      },
      {
        name: 'English: the role prompt and an instructions heading',
        text: '---\ntitle: Observability in 2025\n---\n\nYou are a senior SRE writing for a technical blog.\n\n[Instructions]\n\nOpenTelemetry is now the default.\n',
        findings: [
          { line: 5, severity: 'warning' },
          { line: 7, severity: 'error' },
        ],
        output: '---\ntitle: Observability in 2025\n---\n\nOpenTelemetry is now the default.\n',
      },
    ],
  },
  check({ post }) {
    const reports: Report[] = [];
    const labelLines = new Set<number>();
    for (const block of post.blocks) {
      if (block.type !== 'paragraph' && block.type !== 'heading') continue;
      if (block.ancestors.includes('blockquote')) continue;
      for (let line = block.line; line <= block.endLine; line++) {
        const text = post.lines.line(line);
        if (!LABEL.test(text) && !TEMPLATE.test(text)) continue;
        labelLines.add(line);
        reports.push({
          line,
          messageId: 'scaffolding',
          data: { label: clip(text.trim()) },
          // A label that is a block of its own goes with the blank line before it.
          fix: block.line === block.endLine ? deletionFix(post, line, line) : { line, endLine: line, replacement: '' },
        });
      }
    }
    for (const block of proseBlocks(post)) {
      if (labelLines.has(block.line)) continue;
      const request = requestSentence(block.text);
      if (request === null) continue;
      reports.push({
        line: block.line,
        endLine: block.endLine,
        severity: 'warning',
        messageId: 'request',
        data: { request: clip(request) },
        fix: deletionFix(post, block.line, block.endLine),
      });
    }
    return reports.sort((a, b) => a.line - b.line);
  },
});
