import { defineRule, ruleOptions, type Report } from '../rule.js';
import { detectPasted, type Detection, type How } from '../../analysis/claims/pasted.js';
import { foldWidth } from '../../analysis/claims/width.js';
import { replaceOnLine } from './shared.js';

const WHY: Record<How, { en: string; ja: string }> = {
  substitution: { en: 'a known pipeline substitution (claims.substitutions)', ja: '既知の自動置換（claims.substitutions）' },
  'comparative-share': {
    en: '"より" (more) directly followed by a share of a population: the figure replaced "多くの"',
    ja: '比較の「より」の直後に母集団の割合が続いています（「より多くの」が数値に置き換えられた形）',
  },
  'no-quantity': {
    en: 'a percentage modifying a noun that takes no quantity: the figure replaced an adjective such as "大幅な"',
    ja: '量を取らない名詞を割合が修飾しています（「大幅な」などが数値に置き換えられた形）',
  },
  recurring: { en: 'the same figure phrase recurs in other posts of the repository', ja: '同じ数値表現がリポジトリの他の記事にも繰り返し現れます' },
};

/**
 * A figure pasted where a plain word belongs (the blog's pipeline rewrote `多くの企業` → `75%以上の企業`,
 * `大幅な` → `300%の`, `高い成長` → `年率25%以上の成長`). Found three ways, each usable alone:
 * 1. the configured substitutions (figure phrase → plain phrase), exact after width folding;
 * 2. grammar (see `src/analysis/claims/grammar.ts`): `より` + a share of a population, a percentage + `の` + a
 *    noun that takes no quantity;
 * 3. recurrence: a share-of-population or growth phrase with `以上`/`超` (`75%以上の企業`,
 *    `25%以上の成長`) that occurs in at least `recurringMinPosts` other posts.
 * One report per line, its fix rewriting every pasted figure of the line back to the plain wording.
 */
export default defineRule({
  id: 'claims/pasted-statistic',
  category: 'claims',
  defaultSeverity: 'error',
  options: ruleOptions('claims', 'substitutions', 'recurringMinPosts'),
  crossPost: true,
  keptInDeletedCopies: true,
  description: {
    en: 'A figure pasted into a sentence where a plain word belongs, with a fix back to the plain wording.',
    ja: '平易な語の代わりに貼り込まれた数値（元の表現に戻す修正案つき）。',
  },
  messages: {
    pasted: {
      en: 'Pasted statistic: {{phrases}}. Unless a source gives exactly this figure for this sentence, restore the plain wording.',
      ja: '貼り込まれた統計値: {{phrases}}。この文について出典が正確にこの数値を示していない限り、元の平易な表現に戻してください。',
    },
  },
  evidence: {
    error:
      'A figure phrase that one of three signs shows was pasted over plain words: a configured substitution (`claims.substitutions`); grammar (`より` + a share of a group, a percentage modifying a noun that takes no quantity); or the same `以上`/`超` phrase in at least `claims.recurringMinPosts` other posts.',
  },
  examples: {
    valid: [
      {
        name: 'a figure with its own subject and source sentence',
        source: 'ai-blog-system _posts/2025-09-27-1-snapdragon-8-elite-gen-5ai-npu-37.md line 18, cut (MIT)',
        text: '---\ntitle: x\n---\n\n3nmという最先端の製造プロセスを採用し、電力効率も16%向上しているというから驚きです。\n',
      },
    ],
    invalid: [
      {
        name: 'a percentage modifying a noun that takes no quantity',
        source: 'ai-blog-system seed 000 line 40 (MIT)',
        text: '---\ntitle: x\n---\n\n何万、何十万というインスタンスが稼働するAWSのような巨大なスケールでは、このわずかな改善が累積的に莫大なコスト削減や、顧客への300%の価値提供に繋がる。\n',
        findings: [{ line: 5, severity: 'error' }],
        output: '---\ntitle: x\n---\n\n何万、何十万というインスタンスが稼働するAWSのような巨大なスケールでは、このわずかな改善が累積的に莫大なコスト削減や、顧客への大幅な価値提供に繋がる。\n',
      },
    ],
  },
  check({ post, options, corpus }) {
    const kept = detectPasted(post, options, corpus);
    const byLine = new Map<number, Detection[]>();
    for (const d of kept) {
      const group = byLine.get(d.line);
      if (group) group.push(d);
      else byLine.set(d.line, [d]);
    }

    const reports: Report[] = [];
    for (const [line, group] of byLine) {
      const first = group[0]!;
      const last = group[group.length - 1]!;
      const lineStart = post.lines.startOf(line);
      // A message lists at most five figures of the line (a pathological line may have thousands).
      const listed = group.slice(0, 5);
      const more = group.length > listed.length ? ` (+${group.length - listed.length})` : '';
      const phrases = listed.map((d) => `"${foldWidth(d.phrase)}" → "${d.plain}" (${WHY[d.how].en}${d.others ? `, ${d.others} other posts` : ''})`).join('; ') + more;
      const phrasesJa = listed.map((d) => `「${foldWidth(d.phrase)}」→「${d.plain}」（${WHY[d.how].ja}${d.others ? `、他${d.others}記事` : ''}）`).join('、') + more;
      const report: Report = {
        line,
        column: first.start - lineStart + 1,
        endColumn: last.end - lineStart + 1,
        messageId: 'pasted',
        data: { phrases: { en: phrases, ja: phrasesJa } },
      };
      const edits = group.filter((d) => d.replacement !== null).map((d) => ({ start: d.start, end: d.end, text: d.replacement! }));
      if (edits.length > 0) report.fix = { line, endLine: line, replacement: replaceOnLine(post, line, edits) };
      reports.push(report);
    }
    return reports;
  },
});
