import { defineRule, ruleOptions, type Report } from '../rule.js';
import { claimsOf } from '../../analysis/claims/post-claims.js';

const ASCII_WORD = /^[\x20-\x7e]+$/;

/**
 * Hype and absolute wording that overstates a claim (`革命的`, `間違いなく`, `revolutionary`,
 * `guaranteed`…), from `claims.hype`. Information only: once per word per paragraph, in prose (code and
 * URLs are blanked). English words match whole words, case-insensitively; Japanese words as substrings.
 */
export default defineRule({
  id: 'claims/hype',
  category: 'claims',
  defaultSeverity: 'info',
  options: ruleOptions('claims', 'hype'),
  description: {
    en: 'Hype or absolute wording that overstates a claim.',
    ja: '主張を誇張する表現・断定表現。',
  },
  messages: {
    overstates: {
      en: '"{{word}}" overstates the claim. Say what exactly changed and how you know it (a measurement, a source), or drop the word.',
      ja: '「{{word}}」は主張を誇張しています。何がどう変わったのかを根拠（測定値・出典）とともに具体的に書くか、この語を削除してください。',
    },
  },
  evidence: {
    info: 'A word of `claims.hype` in body prose (English as a whole word, any case; Japanese as a substring). Emphasis is a matter of voice: only advice.',
  },
  examples: {
    valid: [
      {
        name: 'plain wording',
        source: 'vim-jp.org 2018-03-12-recent-changes.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\n最近追加された機能について説明します。\n',
      },
    ],
    invalid: [
      {
        name: 'a hype word in a question',
        source: 'ai-blog-system seed 000 line 14, cut (MIT)',
        text: '---\ntitle: x\n---\n\n「うん、20%ね…それが本当にゲームチェンジャーになるのか？」という、ちょっとした懐疑心。\n',
        findings: [{ line: 5, severity: 'info', message: 'ゲームチェンジャー' }],
      },
    ],
  },
  check({ post, options }) {
    // Compiled once per list: made per post, the lists and patterns cost ~30 ms over the site head's posts.
    const { ascii, japanese, english, anyEnglish, anyJapanese } = hypePatterns(options.hype);
    if (!english && !anyJapanese) return [];
    const reports: Report[] = [];
    for (const unit of claimsOf(post).units) {
      if (unit.place !== 'body') continue;
      const hits: { i: number; word: string }[] = [];
      if (anyJapanese?.test(unit.source)) {
        for (const word of japanese) {
          const i = unit.source.indexOf(word);
          if (i >= 0) hits.push({ i, word });
        }
      }
      if (english && anyEnglish!.test(unit.source)) {
        const seen = new Set<string>();
        english.lastIndex = 0;
        for (const m of unit.source.matchAll(english)) {
          const word = ascii.find((w) => w.toLowerCase() === m[0].toLowerCase()) ?? m[0];
          if (!seen.has(word)) hits.push({ i: m.index, word });
          seen.add(word);
        }
      }
      for (const { i, word } of hits) {
        const offset = unit.start + i;
        const line = post.lines.lineAt(offset);
        const column = post.lines.columnAt(offset);
        reports.push({
          line,
          column,
          endColumn: column + word.length,
          messageId: 'overstates',
          data: { word },
        });
      }
    }
    return reports;
  },
});

/** The word lists and their patterns, made once per list (the config's array) rather than for every post. */
interface HypePatterns {
  ascii: string[];
  japanese: string[];
  english: RegExp | null;
  anyEnglish: RegExp | null;
  anyJapanese: RegExp | null;
}
const compiled = new WeakMap<readonly string[], HypePatterns>();

function hypePatterns(hype: readonly string[]): HypePatterns {
  let patterns = compiled.get(hype);
  if (patterns) return patterns;
  const words = hype.filter((w) => w.trim() !== '');
  const ascii = words.filter((w) => ASCII_WORD.test(w));
  const japanese = words.filter((w) => !ASCII_WORD.test(w));
  patterns = {
    ascii,
    japanese,
    // One pass per paragraph for all English words: an alternation without the `i` flag (each letter
    // as [xX]), which V8 scans far faster over Japanese text than a case-insensitive regex.
    english: ascii.length ? new RegExp(`(?<![A-Za-z0-9])(?:${ascii.map(caseless).join('|')})(?![A-Za-z0-9])`, 'g') : null,
    // Cheap scans that rule a paragraph out (the usual case): one word of each list anywhere, without the
    // word-boundary look-arounds (a look-behind tried at every position is most of a scan's cost). Every
    // match of the full pattern, and every word `indexOf` finds, holds one.
    anyEnglish: ascii.length ? new RegExp(ascii.map(caseless).join('|')) : null,
    anyJapanese: japanese.length ? new RegExp(japanese.map(escapeRegExp).join('|')) : null,
  };
  compiled.set(hype, patterns);
  return patterns;
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function caseless(word: string): string {
  return escapeRegExp(word).replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}
