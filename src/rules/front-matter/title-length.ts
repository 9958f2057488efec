import { defineRule, ruleOptions } from '../rule.js';
import { hasCjk } from '../../core/language.js';
import { analyzeTitle } from '../../analysis/front-matter.js';

/** Far too short or long titles; CJK titles carry more per character than Latin ones. */
export default defineRule({
  id: 'front-matter/title-length',
  category: 'front-matter',
  defaultSeverity: 'warning',
  options: ruleOptions('frontMatter', 'titleLength'),
  description: {
    en: 'The title length is within the configured bounds (separate bounds for CJK and Latin titles).',
    ja: 'タイトルの長さが設定範囲内であること（日本語と英語で別の基準）。',
  },
  messages: {
    tooShort: {
      en: 'title is very short ({{length}} characters; at least {{min}} expected for a {{script}} title): say what the post is about',
      ja: 'タイトルが短すぎます（{{length}} 文字。{{script}}のタイトルは {{min}} 文字以上が目安）。内容が分かるタイトルにしてください',
    },
    tooLong: {
      en: 'title is very long ({{length}} characters; at most {{max}} expected for a {{script}} title): shorten it, move the rest to the excerpt',
      ja: 'タイトルが長すぎます（{{length}} 文字。{{script}}のタイトルは {{max}} 文字以内が目安）。短くして、残りは抜粋に回してください',
    },
  },
  evidence: {
    warning: 'The title is longer than `frontMatter.titleLength.*.max` characters (60 for CJK titles, 100 for Latin ones, NFKC).',
    info: 'The title is shorter than `frontMatter.titleLength.*.min` (10 / 15): short titles are often fine, so this is advice.',
  },
  examples: {
    valid: [
      { name: 'a Japanese title of ordinary length', source: 'vim-jp.org 2018-03-19-terminal-changes.md (CC BY 4.0)', text: '---\ntitle: terminal 機能の変更点について\n---\n\n本文です。\n' },
      {
        name: 'a Japanese headline of a usual length',
        source: 'ai-blog-system test/fixtures/seeds/003 (MIT)',
        text: '---\ntitle: "AmazonのAIチップ「Trainium2」は、AI開発に何をもたらすのか？"\n---\n\n本文です。\n',
      },
    ],
    invalid: [
      {
        name: 'a short Japanese title is advice, not a warning',
        source: 'issue 11',
        text: '---\ntitle: 技術的負債\n---\n\n本文です。\n',
        findings: [{ line: 2, severity: 'info' }],
      },
      {
        name: 'a title that is the first words of the headline only',
        source: 'ai-blog-system _posts/2025-09-30-3-vfx.md lines 1-12, cut (MIT)',
        text: '---\nlayout: post\ntitle: "VFX市場における"\ndate: 2025-09-30 13:11:55 +0000\n---\n\nVFX市場における現在のダイナミズムは、まさに技術と創造性が激しく交錯する最前線だと言えるでしょう。\n',
        findings: [{ line: 3, severity: 'info', message: 'タイトルが短すぎます' }],
      },
    ],
  },
  check({ post, options }) {
    const title = analyzeTitle(post);
    if (!title) return [];
    const text = title.stripped.normalize('NFKC');
    const length = [...text].length;
    const cjk = hasCjk(text);
    const bounds = cjk ? options.titleLength.cjk : options.titleLength.latin;
    const script = cjk ? { en: 'CJK', ja: '日本語' } : { en: 'Latin-script', ja: '英文' };
    if (length < bounds.min) {
      return [
        {
          line: title.entry.line,
          endLine: title.entry.endLine,
          // Short titles are normal (`技術的負債`, `Vimmers`): advice only; a cut title is title-truncated's finding.
          severity: 'info',
          messageId: 'tooShort',
          data: { length, min: bounds.min, script },
        },
      ];
    }
    if (length > bounds.max) {
      return [
        {
          line: title.entry.line,
          endLine: title.entry.endLine,
          messageId: 'tooLong',
          data: { length, max: bounds.max, script },
        },
      ];
    }
    return [];
  },
});
