import { defineRule, type Report } from '../../engine/rule.js';
import { claimsOf } from '../../claims/post-claims.js';

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
  description: {
    en: 'Hype or absolute wording that overstates a claim.',
    ja: '主張を誇張する表現・断定表現。',
  },
  check({ post, config }) {
    const words = config.claims.hype.filter((w) => w.trim() !== '');
    if (words.length === 0) return [];
    const matchers = words.map((word) => {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return { word, pattern: ASCII_WORD.test(word) ? new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'i') : null };
    });
    const reports: Report[] = [];
    for (const unit of claimsOf(post).units) {
      if (unit.place !== 'body') continue;
      for (const m of matchers) {
        const i = m.pattern ? (m.pattern.exec(unit.source)?.index ?? -1) : unit.source.indexOf(m.word);
        if (i < 0) continue;
        const offset = unit.start + i;
        const line = post.lines.lineAt(offset);
        const column = post.lines.columnAt(offset);
        reports.push({
          line,
          column,
          endColumn: column + m.word.length,
          message: {
            en: `"${m.word}" overstates the claim. Say what exactly changed and how you know it (a measurement, a source), or drop the word.`,
            ja: `「${m.word}」は主張を誇張しています。何がどう変わったのかを根拠（測定値・出典）とともに具体的に書くか、この語を削除してください。`,
          },
        });
      }
    }
    return reports;
  },
});
