import { defineRule, ruleOptions } from '../rule.js';
import { getEntry } from '../../post/front-matter.js';
import { countReadableText, readingMinutes } from '../../text/reading-time.js';
import { entryFix } from '../../analysis/front-matter.js';
import type { Post } from '../../post/post.js';

const SKIPPED = new Set(['code', 'html', 'thematicBreak', 'definition']);

/** Readable text of the body: top-level blocks without code, HTML or link definitions (URLs go too). */
export function bodyCounts(post: Post) {
  const parts: string[] = [];
  for (const block of post.blocks) {
    if (block.ancestors.length === 0 && !SKIPPED.has(block.type)) parts.push(block.text);
  }
  return countReadableText(parts.join('\n'));
}

/**
 * `reading_time` recomputed from the body: CJK characters / cjkCharsPerMinute + Latin words /
 * latinWordsPerMinute, rounded up. Reported when off by more than `tolerance` (ratio of the recomputed
 * value) AND more than `minMinutes`, so small rounding differences never show.
 */
export default defineRule({
  id: 'front-matter/reading-time',
  category: 'front-matter',
  defaultSeverity: 'warning',
  options: ruleOptions('frontMatter', 'readingTime'),
  description: {
    en: 'The reading time in front matter matches the length of the body.',
    ja: 'フロントマターの読了時間が本文の長さと合っていること。',
  },
  messages: {
    mismatch: {
      en: '{{key}} is {{declared}} but the body reads in about {{computed}} min ({{basis}}); set it to {{computed}}',
      ja: '{{key}} は {{declared}} ですが、本文の読了時間は約 {{computed}} 分です（{{basis}}）。{{computed}} にしてください',
    },
  },
  evidence: {
    warning: 'The stated reading time differs from the one recomputed from the body’s prose (CJK characters and Latin words at the configured speeds) by more than `readingTime.tolerance` of it and by more than `readingTime.minMinutes`: a hard-coded or stale value.',
  },
  examples: {
    valid: [
      {
        name: 'a short post that says 1 minute',
        source: 'vim-jp.org blog, 2025-11-25-vimconf2025small-is-over-ja.md, one line (CC BY 4.0)',
        text: '---\ntitle: x\nreading_time: 1\n---\n\n「Vim ってまだこんなに進化してるんだ…！」と改めて感動した一日でした。\n',
      },
    ],
    invalid: [
      {
        name: 'the pipeline’s hard-coded 8 minutes on a two-sentence body',
        source: 'ai-blog-system _posts/2025-09-12-2-k2-thinkai.md lines 1-14, cut (MIT)',
        text: '---\ntitle: "「K2 Think」が示すAIの新たな地"\nreading_time: 8\n---\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。毎日どこかで新しい発表があり、正直なところ、その全てを追いかけるのは至難の業です。\n',
        findings: [{ line: 3, severity: 'warning' }],
        output: '---\ntitle: "「K2 Think」が示すAIの新たな地"\nreading_time: 1\n---\n\nあなたも感じているかもしれませんが、最近のAI業界は本当に目まぐるしいですよね。毎日どこかで新しい発表があり、正直なところ、その全てを追いかけるのは至難の業です。\n',
      },
    ],
  },
  check({ post, options: { readingTime: options } }) {
    const entry = getEntry(post.frontMatter, options.key);
    if (!entry) return [];
    const declared = typeof entry.value === 'number' ? entry.value : typeof entry.value === 'string' && /^\s*\d+\s*$/.test(entry.value) ? Number(entry.value) : NaN;
    if (!Number.isFinite(declared)) return []; // value-types reports it
    const counts = bodyCounts(post);
    const computed = readingMinutes(counts, options.cjkCharsPerMinute, options.latinWordsPerMinute);
    const diff = Math.abs(declared - computed);
    if (diff <= options.minMinutes || diff <= options.tolerance * computed) return [];
    const basis = [
      counts.cjkChars > 0 ? `${counts.cjkChars} CJK characters at ${options.cjkCharsPerMinute}/min` : '',
      counts.latinWords > 0 ? `${counts.latinWords} words at ${options.latinWordsPerMinute}/min` : '',
    ].filter(Boolean);
    const basisJa = [
      counts.cjkChars > 0 ? `日本語 ${counts.cjkChars} 字（毎分 ${options.cjkCharsPerMinute} 字）` : '',
      counts.latinWords > 0 ? `英単語 ${counts.latinWords} 語（毎分 ${options.latinWordsPerMinute} 語）` : '',
    ].filter(Boolean);
    return [
      {
        line: entry.line,
        endLine: entry.endLine,
        messageId: 'mismatch',
        data: { key: options.key, declared, computed, basis: { en: basis.join(' + ') || 'no text', ja: basisJa.join(' + ') || '本文なし' } },
        fix: entryFix(post, entry, computed),
      },
    ];
  },
});
