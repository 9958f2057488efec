import { defineRule, ruleOptions, type Report } from '../rule.js';
import { proseBlocks } from '../../analysis/blocks.js';

const ASCII = /^[\x20-\x7e]+$/u;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** The phrase lists and their patterns, made once per list (the config's array) rather than for every post. */
interface StockPatterns {
  japanese: string[];
  englishPattern: RegExp | null;
  anyEnglish: RegExp | null;
  anyJapanese: RegExp | null;
}
const compiled = new WeakMap<readonly string[], StockPatterns>();

function stockPatterns(stockPhrases: readonly string[]): StockPatterns {
  let patterns = compiled.get(stockPhrases);
  if (patterns) return patterns;
  const phrases = stockPhrases.filter((p) => p.trim() !== '');
  const english = phrases.filter((p) => ASCII.test(p));
  const japanese = phrases.filter((p) => !ASCII.test(p));
  patterns = {
    japanese,
    englishPattern: english.length ? new RegExp(`(?<![A-Za-z])(?:${english.map(escape).join('|')})(?![A-Za-z])`, 'giu') : null,
    // Cheap scans that rule a paragraph out (the usual case): one phrase of each list anywhere, with the
    // same flags and without the word-boundary look-arounds (a look-behind tried at every position is
    // most of a scan's cost). Every match of the full pattern, and every phrase `includes` finds, holds one.
    anyEnglish: english.length ? new RegExp(english.map(escape).join('|'), 'iu') : null,
    anyJapanese: japanese.length ? new RegExp(japanese.map(escape).join('|'), 'u') : null,
  };
  compiled.set(stockPhrases, patterns);
  return patterns;
}

/**
 * Stock phrases of generated text (`artifacts.stockPhrases`: `いかがでしたでしょうか`, "delve into",
 * "In today's fast-paced world"…). People write them too, so this is information for an editor: once per
 * phrase per paragraph, in the post's own prose (quotes and code skipped). English phrases match whole
 * words, case-insensitively; Japanese ones as written.
 */
export default defineRule({
  id: 'artifacts/stock-phrase',
  category: 'artifacts',
  defaultSeverity: 'info',
  options: ruleOptions('artifacts', 'stockPhrases'),
  description: {
    en: 'A stock phrase of generated text (a configurable list).',
    ja: '生成文章に多い定型句（設定で変更可能）。',
  },
  messages: {
    stockPhrases: {
      en: 'Stock phrase{{s}} of generated text: {{phrases}}. Say it plainly, or cut it.',
      ja: '生成文章に多い定型句: {{phrases}}。具体的な表現に書き換えるか、削除を検討してください。',
    },
  },
  evidence: {
    info: 'A phrase of `artifacts.stockPhrases` in a paragraph or heading of the post’s own prose.',
  },
  examples: {
    valid: [
      { name: 'a phrase inside a quote', text: '---\ntitle: x\n---\n\n> いかがでしたでしょうか\n' },
      { name: 'an empty list turns the rule off', text: '---\ntitle: x\n---\n\nLet us delve into it.\n', config: { artifacts: { stockPhrases: [] } } },
    ],
    invalid: [
      {
        name: 'the opening of a generated post',
        source: 'ai-blog-system 2025-08-26 post (MIT)',
        text: '---\ntitle: x\n---\n\n2025年に入り、AI技術は急速な進展を見せています。本記事では、技術者が注目すべき最新のAI技術動向について詳しく解説します。\n',
        findings: [{ line: 5, severity: 'info', message: '本記事では' }],
      },
      {
        name: 'English stock phrases',
        text: "---\ntitle: x\n---\n\nIn today's fast-paced world, teams delve into observability.\n",
        findings: [{ line: 5, severity: 'info', message: 'delve into' }],
      },
    ],
  },
  check({ post, options }) {
    // Compiled once per list: made per post, the lists and patterns cost ~20 ms over the site head's posts.
    const { japanese, englishPattern, anyEnglish, anyJapanese } = stockPatterns(options.stockPhrases);
    if (!englishPattern && !anyJapanese) return [];
    const reports: Report[] = [];
    for (const block of proseBlocks(post)) {
      const text = block.text.includes('’') || block.text.includes('‘') ? block.text.replace(/[’‘]/gu, "'") : block.text;
      const found = new Set<string>();
      if (anyJapanese?.test(text)) for (const p of japanese) if (text.includes(p)) found.add(p);
      if (englishPattern && anyEnglish!.test(text)) for (const m of text.matchAll(englishPattern)) found.add(m[0].toLowerCase());
      if (found.size === 0) continue;
      const list = [...found].slice(0, 5);
      reports.push({
        line: block.line,
        endLine: block.endLine,
        messageId: 'stockPhrases',
        data: { s: list.length > 1 ? 's' : '', phrases: { en: list.map((p) => `"${p}"`).join(', '), ja: list.map((p) => `「${p}」`).join('、') } },
      });
    }
    return reports;
  },
});
