import { defineRule } from '../rule.js';
import { hasCjk } from '../../core/language.js';
import { analyzeTitle } from '../../analysis/front-matter.js';

/** Far too short or long titles; CJK titles carry more per character than Latin ones. */
export default defineRule({
  id: 'front-matter/title-length',
  category: 'front-matter',
  defaultSeverity: 'warning',
  description: {
    en: 'The title length is within the configured bounds (separate bounds for CJK and Latin titles).',
    ja: 'タイトルの長さが設定範囲内であること（日本語と英語で別の基準）。',
  },
  check({ post, config }) {
    const title = analyzeTitle(post);
    if (!title) return [];
    const text = title.stripped.normalize('NFKC');
    const length = [...text].length;
    const cjk = hasCjk(text);
    const bounds = cjk ? config.frontMatter.titleLength.cjk : config.frontMatter.titleLength.latin;
    const script = cjk ? { en: 'CJK', ja: '日本語' } : { en: 'Latin-script', ja: '英文' };
    if (length < bounds.min) {
      return [
        {
          line: title.entry.line,
          endLine: title.entry.endLine,
          message: {
            en: `title is very short (${length} characters; at least ${bounds.min} expected for a ${script.en} title): say what the post is about`,
            ja: `タイトルが短すぎます（${length} 文字。${script.ja}のタイトルは ${bounds.min} 文字以上が目安）。内容が分かるタイトルにしてください`,
          },
        },
      ];
    }
    if (length > bounds.max) {
      return [
        {
          line: title.entry.line,
          endLine: title.entry.endLine,
          message: {
            en: `title is very long (${length} characters; at most ${bounds.max} expected for a ${script.en} title): shorten it, move the rest to the excerpt`,
            ja: `タイトルが長すぎます（${length} 文字。${script.ja}のタイトルは ${bounds.max} 文字以内が目安）。短くして、残りは抜粋に回してください`,
          },
        },
      ];
    }
    return [];
  },
});
