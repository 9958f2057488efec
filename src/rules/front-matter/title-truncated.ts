import { defineRule } from '../rule.js';
import { analyzeTitle, titleFix } from '../../analysis/front-matter.js';

/**
 * The title is cut: a strict prefix of the first heading / first body line that stops inside a word,
 * or it ends where no word can (a small tsu, a dangling `、` or `：`).
 */
export default defineRule({
  id: 'front-matter/title-truncated',
  category: 'front-matter',
  defaultSeverity: 'error',
  description: {
    en: 'The title is not cut off mid-word (e.g. the start of the first heading).',
    ja: 'タイトルが語の途中で切れていないこと（先頭の見出しの途中までになっていないか）。',
  },
  messages: {
    prefixOf: {
      en: 'title is cut off {{how}}: it is the start of line {{line}} ("{{text}}"); use the full text as the title',
      ja: 'タイトルが{{how}}切れています（{{line}} 行目「{{text}}」の途中まで）。全文をタイトルにしてください',
    },
    cutInCharacter: {
      en: 'title is cut inside a character (it ends in broken UTF-8, shown as �); complete it',
      ja: 'タイトルが文字の途中で切れています（末尾が文字化けしています）。最後まで書いてください',
    },
    endsCut: {
      en: 'title ends with "{{last}}", where no word or sentence can end: it looks cut off; complete it',
      ja: 'タイトルが「{{last}}」で終わっていて、途中で切れているようです。最後まで書いてください',
    },
  },
  evidence: {
    error:
      'The title is a strict prefix of the first heading or first sentence and the cut falls inside a word (Latin letters on both sides, or no morpheme boundary of the Japanese source there) or inside a phrase (the title ends on a particle, `、`, a comma or `…`); or it ends inside a character (U+FFFD).',
    warning:
      'The title is a strict prefix of the heading that stops where the heading goes on after a comma; or no body line shows the rest, but the title ends where no word can: a small っ, `、`, `：`, an opening bracket or a connector.',
  },
  examples: {
    valid: [
      {
        name: 'a title that is the whole headline',
        source: 'ai-blog-system _posts/2025-09-12-2-k2-thinkai.md lines 3 and 12-14, repaired (MIT)',
        text: '---\ntitle: "「K2 Think」が示すAIの新たな地平：MBZUAIとG42の挑戦は何を変えるのか？"\n---\n\n「K2 Think」が示すAIの新たな地平：MBZUAIとG42の挑戦は何を変えるのか？\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。\n',
      },
      {
        name: 'a short title at a word boundary of the first sentence',
        source: 'vim-jp.org 2013-07-06-vim_7.4a_ready_for_beta_testing.md (CC BY 4.0)',
        text: '---\ntitle: Vim 7.4a ベータ版リリース\n---\n\nVim 7.4a ベータ版がリリースされました。\n',
      },
      {
        name: 'a noun-phrase title that the first sentence goes on from',
        source: 'vim-jp.org 2018-03-12-recent-changes.md (CC BY 4.0)',
        text: '---\ntitle: 最近追加された機能\n---\n\n最近追加された機能について説明します。\n\n## terminal バッファ強制終了の動作\n',
      },
      {
        name: 'a release title the heading adds a particle and a verb to',
        source: 'vim-jp.org 2014-05-02-vim74mac-7.4.258.md (CC BY 4.0)',
        text: '---\ntitle: OS X 10.8/10.9 7.4.258 リリース\n---\n## OS X 10.8/10.9 7.4.258 がリリースされました。\n\n詳細はリリースページを参照してください。\n',
      },
    ],
    invalid: [
      {
        name: 'a title cut inside a word: the body headline is offered',
        source: 'ai-blog-system _posts/2025-09-12-2-k2-thinkai.md lines 3 and 12-14 (MIT)',
        text: '---\ntitle: "「K2 Think」が示すAIの新たな地"\n---\n\n「K2 Think」が示すAIの新たな地平：MBZUAIとG42の挑戦は何を変えるのか？\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。\n',
        findings: [{ line: 2, severity: 'error' }],
        output: '---\ntitle: "「K2 Think」が示すAIの新たな地平：MBZUAIとG42の挑戦は何を変えるのか？"\n---\n\n「K2 Think」が示すAIの新たな地平：MBZUAIとG42の挑戦は何を変えるのか？\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。\n',
      },
      {
        name: 'cut inside a word of the heading',
        source: 'ai-blog-system seed 000 (MIT)',
        text: '---\ntitle: "Amazonが示すAIチップ進化の新"\n---\n\n## Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？\n\n本文です。\n',
        findings: [{ line: 2, severity: 'error' }],
        output: '---\ntitle: "Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？"\n---\n\n## Amazonが示すAIチップ進化の新たな局面：20%向上は小さな一歩か、大きな戦略か？\n\n本文です。\n',
      },
      {
        name: 'cut after a particle',
        source: 'ai-blog-system seed 000 (MIT), cut for the case',
        text: '---\ntitle: "Amazonが示すAIチップ進化の"\n---\n\n## Amazonが示すAIチップ進化の新たな局面\n\n本文です。\n',
        findings: [{ line: 2, severity: 'error' }],
        output: '---\ntitle: "Amazonが示すAIチップ進化の新たな局面"\n---\n\n## Amazonが示すAIチップ進化の新たな局面\n\n本文です。\n',
      },
    ],
  },
  check({ post }) {
    const title = analyzeTitle(post);
    if (!title) return [];
    if (title.truncatedFrom) {
      const fix = titleFix(post, title);
      const { source, midWord, midPhrase } = title.truncatedFrom;
      const how = title.cutInCharacter
        ? { en: 'inside a character (broken UTF-8 at the end)', ja: '文字の途中で（末尾が文字化け）' }
        : midWord
          ? { en: 'mid-word', ja: '語の途中で' }
          : midPhrase
            ? { en: 'mid-phrase (it ends on a particle or a comma)', ja: '句の途中で（助詞や読点で終わって）' }
            : { en: 'where the heading goes on after a comma', ja: '見出しの読点の手前で' };
      return [
        {
          line: title.entry.line,
          endLine: title.entry.endLine,
          ...(midWord || midPhrase || title.cutInCharacter ? {} : { severity: 'warning' as const }),
          messageId: 'prefixOf',
          data: { how, line: source.line, text: source.text },
          related: [{ path: post.path, line: source.line, endLine: source.line, label: 'full text' }],
          ...(fix ? { fix } : {}),
        },
      ];
    }
    if (title.endsCut) {
      const fix = titleFix(post, title);
      const last = title.stripped.replace(/\uFFFD+$/u, '').slice(-1);
      return [
        {
          line: title.entry.line,
          endLine: title.entry.endLine,
          ...(title.cutInCharacter ? {} : { severity: 'warning' as const }),
          ...(title.cutInCharacter ? { messageId: 'cutInCharacter' } : { messageId: 'endsCut', data: { last } }),
          ...(fix ? { fix } : {}),
        },
      ];
    }
    return [];
  },
});
