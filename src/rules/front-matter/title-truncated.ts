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
  evidence: {
    error: 'The title is a strict prefix of the body’s first heading or first line and stops inside a word or a character: the generator cut it.',
    warning: 'The title is such a prefix but stops at a word boundary of the heading, or ends in a particle, a comma or a colon: probably cut, possibly a short form.',
  },
  examples: {
    valid: [
      {
        name: 'a title that is the whole headline',
        source: 'ai-blog-system _posts/2025-09-12-2-k2-thinkai.md lines 3 and 12-14, repaired (MIT)',
        text: '---\ntitle: "「K2 Think」が示すAIの新たな地平：MBZUAIとG42の挑戦は何を変えるのか？"\n---\n\n「K2 Think」が示すAIの新たな地平：MBZUAIとG42の挑戦は何を変えるのか？\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。\n',
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
    ],
  },
  check({ post }) {
    const title = analyzeTitle(post);
    if (!title) return [];
    if (title.truncatedFrom) {
      const fix = titleFix(post, title);
      const { source, midWord } = title.truncatedFrom;
      const how = title.cutInCharacter
        ? { en: 'inside a character (broken UTF-8 at the end)', ja: '文字の途中で（末尾が文字化け）' }
        : midWord
          ? { en: 'mid-word', ja: '語の途中で' }
          : { en: 'short of the heading', ja: '見出しの途中で' };
      return [
        {
          line: title.entry.line,
          endLine: title.entry.endLine,
          ...(midWord ? {} : { severity: 'warning' as const }),
          message: {
            en: `title is cut off ${how.en}: it is the start of line ${source.line} ("${source.text}"); use the full text as the title`,
            ja: `タイトルが${how.ja}切れています（${source.line} 行目「${source.text}」の途中まで）。全文をタイトルにしてください`,
          },
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
          message: title.cutInCharacter
            ? {
                en: 'title is cut inside a character (it ends in broken UTF-8, shown as �); complete it',
                ja: 'タイトルが文字の途中で切れています（末尾が文字化けしています）。最後まで書いてください',
              }
            : {
                en: `title ends with "${last}", where no word or sentence can end: it looks cut off; complete it`,
                ja: `タイトルが「${last}」で終わっていて、途中で切れているようです。最後まで書いてください`,
              },
          ...(fix ? { fix } : {}),
        },
      ];
    }
    return [];
  },
});
