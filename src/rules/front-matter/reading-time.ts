import { defineRule } from '../rule.js';
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
  description: {
    en: 'The reading time in front matter matches the length of the body.',
    ja: 'フロントマターの読了時間が本文の長さと合っていること。',
  },
  check({ post, config }) {
    const options = config.frontMatter.readingTime;
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
        message: {
          en: `${options.key} is ${declared} but the body reads in about ${computed} min (${basis.join(' + ') || 'no text'}); set it to ${computed}`,
          ja: `${options.key} は ${declared} ですが、本文の読了時間は約 ${computed} 分です（${basisJa.join(' + ') || '本文なし'}）。${computed} にしてください`,
        },
        fix: entryFix(post, entry, computed),
      },
    ];
  },
});
