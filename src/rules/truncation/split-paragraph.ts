import { defineRule, ruleOptions, SPECIFICITY, type Report } from '../rule.js';
import type { Block, Post } from '../../post/post.js';
import { normalizeForComparison } from '../../text/normalize.js';
import { hasCjk } from '../../core/language.js';
import { analyzeDuplication, type DuplicationAnalysisOptions } from '../../analysis/duplication.js';
import { contentBlocks, postProse, type PostProse } from '../../analysis/prose.js';

/**
 * A paragraph cut in the middle of a word or sentence whose continuation starts the next paragraph
 * (`…インスタンスが使` + `使われていれば…`). Evidence that the two belong together: the next paragraph
 * starts with the characters the first one ends with (the generator repeated them), or the joined text
 * appears elsewhere in the post. Fix: join them, dropping the repeated characters and the lines between.
 */
export default defineRule({
  id: 'truncation/split-paragraph',
  category: 'truncation',
  defaultSeverity: 'error',
  options: ruleOptions('duplication', 'minChars', 'ngram', 'nearError', 'nearWarning', 'containment').and('truncation', 'markers'),
  specificity: SPECIFICITY.splitParagraph,
  description: {
    en: 'A paragraph is cut mid-sentence and continues in the next paragraph.',
    ja: '段落が文の途中で切れ、続きが次の段落になっている。',
  },
  messages: {
    split: {
      en: 'The paragraph at line {{line}} is cut mid-sentence and continues at line {{next}}; join the two paragraphs{{overlap}}.',
      ja: '{{line}}行目の段落が文の途中で切れ、{{next}}行目に続いています。2つの段落をつなげてください{{overlap}}。',
    },
  },
  evidence: {
    error:
      'A prose paragraph that stops where no sentence can end, and the next prose paragraph completes it: it starts again with at least two of the characters the first ends with (the generator repeated them), or the text across the break appears whole in another block of the post (outside a collapsed article). The fix joins the two.',
  },
  examples: {
    valid: [
      {
        name: 'a lead-in that the list after it completes',
        source: 'vim-jp.org 2012-07-02-vital-is-licensed-as-nysl.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\nライセンス付与に関して幾らか議論を行いましたが、最終的には\n\n* ユーザーが vital.vim を使っている事を明記しなくてもよい\n\nという、とても緩やかなライセンスを実現する為に NYSL を採用する事となりました。\n',
      },
    ],
    invalid: [
      {
        name: 'a sentence broken by a blank line; the section generated again shows it whole',
        source: 'ai-blog-system _posts/2025-09-20-3-chromeai.md lines 72-75 and 165-167 (MIT)',
        text: "---\ntitle: x\n---\n\n**倫理的側面と社会への影響：共存の道を模索する**\nこのChromeのAI統合は、倫理的な側面や社会全体への影響についても深く考えるきっかけを与えてくれます。AIの判断が私たちの\n\n日常生活や意思決定にどれほど深く関わるようになるのか、そしてその判断が常に公平で、透明性のあるものとして受け入れられるのか、という根本的な問いです。\n\n**倫理的側面と社会への影響：共存の道を模索する**\nこのChromeのAI統合は、倫理的な側面や社会全体への影響についても深く考えるきっかけを与えてくれます。AIの判断が私たちの日常生活や意思決定にどれほど深く関わるようになるのか、そしてその判断が常に公平で、透明性のあるものとして受け入れられるのか、という根本的な問いです。\n",
        findings: [{ line: 5, endLine: 8, severity: 'error' }],
        output: "---\ntitle: x\n---\n\n**倫理的側面と社会への影響：共存の道を模索する**\nこのChromeのAI統合は、倫理的な側面や社会全体への影響についても深く考えるきっかけを与えてくれます。AIの判断が私たちの日常生活や意思決定にどれほど深く関わるようになるのか、そしてその判断が常に公平で、透明性のあるものとして受け入れられるのか、という根本的な問いです。\n\n**倫理的側面と社会への影響：共存の道を模索する**\nこのChromeのAI統合は、倫理的な側面や社会全体への影響についても深く考えるきっかけを与えてくれます。AIの判断が私たちの日常生活や意思決定にどれほど深く関わるようになるのか、そしてその判断が常に公平で、透明性のあるものとして受け入れられるのか、という根本的な問いです。\n",
      },
    ],
  },
  check({ post, options }) {
    const blocks = contentBlocks(post, options);
    const prose = postProse(post, options);
    const reports: Report[] = [];
    const budget = { probes: MAX_PROBES_PER_POST };
    for (let i = 0; i + 1 < blocks.length; i++) {
      const a = blocks[i]!;
      const b = blocks[i + 1]!;
      // `a` unfinished: it stops where no sentence may (see `paragraphTail`).
      if (!prose.isProse(a) || !prose.isProse(b) || prose.tail(a).state === 'finished') continue;
      const split = findSplit(post, prose, a, b, options, budget);
      if (!split) continue;
      const aLines = post.lines.slice(a.line, a.endLine).split('\n');
      const bLines = post.lines.slice(b.line, b.endLine).split('\n');
      const aLast = aLines[aLines.length - 1]!.trimEnd();
      const bFirst = bLines[0]!;
      const joinable = aLast.endsWith(split.overlap) && bFirst.startsWith(split.overlap);
      const glue = split.overlap === '' && !hasCjk(aLast) ? ' ' : '';
      const report: Report = {
        line: a.line,
        endLine: b.endLine,
        messageId: 'split',
        data: {
          line: a.endLine,
          next: b.line,
          overlap: split.overlap ? { en: ` (dropping the repeated “${split.overlap}”)`, ja: `（重複した「${split.overlap}」は削除）` } : '',
        },
      };
      if (joinable) {
        const joined = [...aLines.slice(0, -1), aLast + glue + bFirst.slice(split.overlap.length), ...bLines.slice(1)];
        report.fix = { line: a.line, endLine: b.endLine, replacement: joined.join('\n') };
      }
      reports.push(report);
      i++; // b is consumed
    }
    return reports;
  },
});

interface Split {
  /** Characters that end `a` and start `b` again (may be empty). */
  overlap: string;
}

const MAX_OVERLAP = 16;
const PROBE = 6;
// Each weak-evidence probe scans the post's blocks; real posts need a handful, so a hostile post with
// thousands of unfinished paragraphs stops being searched here instead of going quadratic.
const MAX_PROBES_PER_POST = 64;

function findSplit(post: Post, prose: PostProse, a: Block, b: Block, options: DuplicationAnalysisOptions, budget: { probes: number }): Split | null {
  const aText = prose.text(a);
  const bText = prose.text(b);
  const lastChar = aText.charAt(aText.length - 1);
  // Cut inside a word: the last character is a letter, digit, kana or kanji, never punctuation.
  if (!/[\p{L}\p{N}]/u.test(lastChar)) return null;
  // An English sentence goes on in lower case; a Japanese one goes on anywhere (decided per paragraph).
  if (!hasCjk(aText.slice(-PROBE)) && !/^[a-z]/u.test(bText)) return null;
  let overlap = '';
  for (let k = Math.min(MAX_OVERLAP, aText.length - 1, bText.length - 1); k >= 1; k--) {
    if (aText.endsWith(bText.slice(0, k))) {
      overlap = bText.slice(0, k);
      break;
    }
  }
  if (overlap.length >= 2) return { overlap };
  // Weak or no overlap: the joined text must appear in another block of the post.
  const probe = normalizeForComparison(aText.slice(-PROBE - overlap.length) + bText.slice(overlap.length, overlap.length + PROBE));
  if (probe.length < PROBE || budget.probes <= 0) return null;
  budget.probes--;
  // Not in a collapsed article: that concatenates every block, so it joins any two neighbours.
  const { units, collapsed } = analyzeDuplication(post, options);
  const skip = new Set(collapsed.map((c) => c.unit));
  const found = units.some((u) => u.block !== a && u.block !== b && !skip.has(u.id) && u.norm.includes(probe));
  return found ? { overlap } : null;
}
