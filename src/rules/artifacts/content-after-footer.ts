import type { Block, Post } from '../../post/post.js';
import { memoKey } from '../../core/memo.js';
import type { Corpus } from '../../analysis/corpus/corpus.js';
import { defineRule, ruleOptions } from '../rule.js';
import { proseBlocks } from '../../analysis/blocks.js';
import { comparable, comparableStart, stringEntry } from '../../analysis/front-matter.js';
import { deletionFix } from '../../analysis/duplication.js';
import { CLOSING_KEY_CHARS, closingKey } from '../../analysis/corpus/summary.js';

/** Normalised text of a block, for comparing closing blocks across posts (as the corpus's summaries hold them). */
function key(block: Block): string {
  return closingKey(block.text);
}

/**
 * Whether the block's key is one of `footers`: folded whole only when a footer begins with the fold of
 * its first words (`comparableStart`; `comparable` of the whole begins with it), as few blocks are.
 */
function isFooter(block: Block, footers: Set<string>): boolean {
  const start = comparableStart(block.text, START_CHARS);
  if (start.whole) return footers.has(start.text.slice(0, CLOSING_KEY_CHARS));
  const head = start.text.slice(0, CLOSING_KEY_CHARS);
  for (const footer of footers) if (footer.startsWith(head)) return footers.has(key(block));
  return false;
}

/** Characters of a block folded to rule it out as a footer: a footer key is at least 10 characters. */
const START_CHARS = 16;

const FOOTERS = memoKey<Set<string>>('closing blocks');

/**
 * The site's closing blocks: a block that ends at least `minPosts` posts of the corpus (their last
 * prose block: a disclaimer, an affiliate notice, a call to action). Learnt once per corpus object.
 */
function footersOf(corpus: Corpus, minPosts: number): Set<string> {
  return corpus.memo.get(FOOTERS, [corpus.size, minPosts], () => learnFooters(corpus, minPosts));
}

function learnFooters(corpus: Corpus, minPosts: number): Set<string> {
  const counts = new Map<string, number>();
  for (const { closing: k } of corpus.summaries()) {
    if (k !== undefined && k.length >= 10) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= minPosts).map(([k]) => k));
}

/** The post's opening: title and first paragraph, as a restart would repeat them. */
function openings(post: Post, blocks: readonly Block[]): string[] {
  const out: string[] = [];
  const title = stringEntry(post, 'title')?.value;
  if (title) out.push(comparable(title).slice(0, 20));
  const first = blocks[0];
  if (first) out.push(comparable(first.text).slice(0, 20));
  return out.filter((o) => o.length >= 8);
}

/**
 * Text after the post's closing block: the block the site ends many posts with (learnt from the
 * corpus, `artifacts.footerMinPosts`) is followed by more prose, typically the article starting
 * again. Fix (when the text after it repeats the post's opening): delete everything after the footer.
 */
export default defineRule({
  id: 'artifacts/content-after-footer',
  category: 'artifacts',
  defaultSeverity: 'error',
  options: ruleOptions('artifacts', 'footerMinPosts'),
  crossPost: true,
  description: {
    en: 'Prose after the closing block the site ends its posts with (the article starting again after its footer).',
    ja: 'サイトが記事の最後に置く締めのブロック（免責事項など）の後に本文が続いている（記事がフッターの後で再開している）。',
  },
  messages: {
    articleRestarts: {
      en: '{{count}} paragraph(s) after the closing block this site ends its posts with (line {{line}}): the article starts again. Delete what follows the footer.',
      ja: 'このサイトが記事の最後に置く締めのブロック（{{line}} 行目）の後に {{count}} 段落が続いています（記事が最初から再開しています）。フッターより後を削除してください。',
    },
    textAfterFooter: {
      en: '{{count}} paragraph(s) after the closing block this site ends its posts with (line {{line}}). Delete what follows the footer, or move the footer to the end.',
      ja: 'このサイトが記事の最後に置く締めのブロック（{{line}} 行目）の後に {{count}} 段落が続いています。フッターより後を削除してください（またはフッターを末尾に移してください）。',
    },
  },
  evidence: {
    error: 'A block that ends at least `artifacts.footerMinPosts` other posts of the site is followed by prose that repeats the post’s title or first paragraph.',
    info: 'Such a block is followed by two or more paragraphs that do not repeat the opening: a person may close a section with the same line (a series of posts ending alike).',
  },
  examples: {
    valid: [
      {
        name: 'the footer ends the post',
        text: '---\ntitle: "量子計算の現在地"\n---\n\n量子計算の現在地について。\n\n※本記事は情報提供を目的としたものであり、投資助言ではありません。\n',
        corpus: [1, 2, 3].map((i) => ({ path: `_posts/2025-01-0${i}-x.md`, text: `---\ntitle: t${i}\n---\n\n本文${i}です。\n\n※本記事は情報提供を目的としたものであり、投資助言ではありません。\n` })),
        config: { artifacts: { footerMinPosts: 3 } },
      },
    ],
    invalid: [
      {
        name: 'a series whose posts close alike, one with more after it: information only',
        source: 'written after the vim-jp.org calendar posts (CC BY 4.0)',
        text: '---\ntitle: Vim 2015 カレンダー\n---\n\nカレンダーが公開されました。\n\nHappy Vimming!\n\n追記: 印刷版もあります。\n\n追記2: 壁紙版もあります。\n',
        corpus: [1, 2, 3].map((i) => ({ path: `_posts/2012-12-0${i}-x.md`, text: `---\ntitle: t${i}\n---\n\n本文${i}です。\n\nHappy Vimming!\n` })),
        config: { artifacts: { footerMinPosts: 3 } },
        findings: [{ line: 9, endLine: 11, severity: 'info' }],
      },
      {
        name: 'the article starts again after the footer',
        source: 'written after the ai-blog-system posts that restart after their closing block (MIT)',
        text: '---\ntitle: "量子計算の現在地と課題"\n---\n\n量子計算の現在地と課題について整理します。\n\n※本記事は情報提供を目的としたものであり、投資助言ではありません。\n\n量子計算の現在地と課題について整理します。誤り訂正が鍵です。\n\n結論として、実用化はまだ先です。\n',
        corpus: [1, 2, 3].map((i) => ({ path: `_posts/2025-01-0${i}-x.md`, text: `---\ntitle: t${i}\n---\n\n本文${i}です。\n\n※本記事は情報提供を目的としたものであり、投資助言ではありません。\n` })),
        config: { artifacts: { footerMinPosts: 3 } },
        findings: [{ line: 9, endLine: 11, severity: 'error' }],
        output: '---\ntitle: "量子計算の現在地と課題"\n---\n\n量子計算の現在地と課題について整理します。\n\n※本記事は情報提供を目的としたものであり、投資助言ではありません。\n',
      },
    ],
  },
  check({ post, options, corpus }) {
    const minPosts = options.footerMinPosts;
    if (corpus.size <= minPosts) return [];
    const footers = footersOf(corpus, minPosts);
    if (footers.size === 0) return [];
    const blocks = proseBlocks(post).filter((b) => b.type === 'paragraph');
    const at = blocks.findIndex((b) => isFooter(b, footers));
    if (at < 0) return [];
    const after = blocks.slice(at + 1).filter((b) => !isFooter(b, footers));
    if (after.length === 0) return [];
    const starts = openings(post, blocks.slice(0, at));
    const restart = starts.some((o) => comparable(after[0]!.text).startsWith(o));
    if (!restart && after.length < 2) return [];
    const first = after[0]!;
    const last = blocks[blocks.length - 1]!;
    const endLine = Math.max(last.endLine, post.lines.count - (post.lines.line(post.lines.count) === '' ? 1 : 0));
    return [
      {
        line: first.line,
        endLine: last.endLine,
        severity: restart ? 'error' : 'info',
        messageId: restart ? 'articleRestarts' : 'textAfterFooter',
        data: { count: after.length, line: blocks[at]!.line },
        related: [{ path: post.path, line: blocks[at]!.line, endLine: blocks[at]!.endLine, label: 'footer' }],
        ...(restart ? { fix: deletionFix(post, first.line, endLine) } : {}),
      },
    ];
  },
});
