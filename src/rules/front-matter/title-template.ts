import type { Corpus } from '../../post/corpus.js';
import { memoKey } from '../../core/memo.js';
import { defineRule } from '../rule.js';
import type { Post } from '../../post/post.js';
import type { SiteContext } from '../../analysis/site/context.js';
import { analyzeTitle, bodyHeadline, comparable, stringEntry, stripInlineMarkdown, titleFixOr } from '../../analysis/front-matter.js';

/** Tails shorter than this (characters, after normalisation) are ordinary endings (`とは？`, "guide"). */
const MIN_TAIL = 4;
const MAX_TAIL = 32;

/** A title as the template learning sees it: normalised, without a trailing broken character or label. */
function titleKey(value: string): string {
  return comparable(stripInlineMarkdown(value.replace(/\uFFFD+$/u, '')));
}

interface Heads {
  /** The titles' beginnings before the tail, numbers folded (`Vim 2013` and `Vim 2014` are one series). */
  series: Set<string>;
  /** The beginnings as written. */
  raw: Set<string>;
}

interface Templates {
  /** Tail → the heads (title minus tail) it was found after. */
  heads: Map<string, Heads>;
}

const TITLES = memoKey<string[]>('site titles');
const TEMPLATES = memoKey<Templates>('title templates');

/**
 * The titles of the site: those of the corpus's posts, or, when the caller knows the site and it
 * has more (the CLI run on a few files of a clone holds only those as parsed posts; the index has the
 * rest as features), every post the site has (`site.posts[].meta.title`, the checked ones at their
 * checked version). Read once per corpus and site.
 */
function siteTitles(corpus: Corpus, site: SiteContext | undefined): string[] {
  return corpus.memo.get(TITLES, [corpus.size, site], () => {
    const titles: string[] = [];
    for (const post of corpus.posts()) {
      const title = stringEntry(post, 'title');
      if (title) titles.push(title.value);
    }
    if (!site || site.posts.length <= titles.length) return titles;
    const fromSite = site.posts.flatMap((p) => (typeof p.meta.title === 'string' ? [p.meta.title] : []));
    return fromSite.length > titles.length ? fromSite : titles;
  });
}

/**
 * The site's template tails: endings shared by titles with different beginnings. Counted once per
 * list of titles (each title's suffixes of MIN_TAIL..MAX_TAIL characters), so a whole site stays linear.
 */
function templatesOf(corpus: Corpus, site: SiteContext | undefined, minPosts: number): Templates {
  return corpus.memo.get(TEMPLATES, [minPosts, corpus.size, site], () => learnTemplates(siteTitles(corpus, site), minPosts));
}

function learnTemplates(titles: readonly string[], minPosts: number): Templates {
  const heads = new Map<string, Heads>();
  for (const value of titles) {
    const key = titleKey(value);
    for (let n = MIN_TAIL; n <= Math.min(MAX_TAIL, key.length - 1); n++) {
      const tail = key.slice(-n);
      let entry = heads.get(tail);
      if (!entry) heads.set(tail, (entry = { series: new Set(), raw: new Set() }));
      entry.raw.add(key.slice(0, -n));
      entry.series.add(key.slice(0, -n).replace(/\d+/gu, '0'));
    }
  }
  for (const [tail, entry] of heads) if (entry.series.size < minPosts || !variedBefore(entry.raw)) heads.delete(tail);
  return { heads };
}

/**
 * A tail starts where the text before it varies: `の可能性とは？` follows `AI`, `産業`, `戦略`…, while
 * `可能性とは？` nearly always follows `の` (so it is the end of a longer tail, not a tail of its own).
 * At least three different characters precede it and none precedes more than half of the titles.
 */
function variedBefore(heads: ReadonlySet<string>): boolean {
  const counts = new Map<string, number>();
  for (const head of heads) {
    const c = head.slice(-1);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return counts.size >= 3 && Math.max(...counts.values()) * 2 <= heads.size;
}

interface Substitution {
  tail: string;
  head: string;
  posts: number;
}

/**
 * The title is `head + tail` where `tail` is one of the site's template tails, and the body's headline
 * starts with `head` but goes on with something else: the template replaced the headline's ending.
 * A title that was cut inside its last character may end in only the start of the tail.
 */
function substitution(post: Post, corpus: Corpus, site: SiteContext | undefined, minPosts: number, headline: string): Substitution | null {
  const title = stringEntry(post, 'title');
  if (!title) return null;
  const key = titleKey(title.value);
  const cut = /\uFFFD$/u.test(title.value.trim().replace(/["']$/u, ''));
  const { heads } = templatesOf(corpus, site, minPosts);
  const line = comparable(headline);
  let best: Substitution | null = null;
  for (const [tail, { series }] of heads) {
    let head: string | null = null;
    if (key.endsWith(tail)) head = key.slice(0, key.length - tail.length);
    else if (cut) {
      // `…の可能性�`: the title ends with a prefix of the tail (at least MIN_TAIL characters of it).
      for (let n = tail.length - 1; n >= MIN_TAIL && head === null; n--) if (key.endsWith(tail.slice(0, n))) head = key.slice(0, key.length - n);
    }
    if (head === null) continue;
    const trimmedHead = head.replace(/[\s、，,：:「『（(]+$/u, '');
    if (!line.startsWith(trimmedHead) || line.length <= trimmedHead.length) continue;
    // The headline ends the same way: the title is the headline (or its start), not a substitution.
    const rest = line.slice(trimmedHead.length);
    if (rest.startsWith(tail) || rest.startsWith(key.slice(trimmedHead.length))) continue;
    // The tail most titles share is the template; a longer one that also varies before it is a
    // coincidence of a few heads (`AIの可能性とは？`).
    if (!best || series.size > best.posts || (series.size === best.posts && tail.length > best.tail.length)) best = { tail, head: trimmedHead, posts: series.size };
  }
  return best;
}

/**
 * A title rewritten by a template: its beginning is the headline's, its end a phrase the site puts on
 * many titles (`…の可能性とは？`, `：その真意は？`), while the body's headline says something else.
 * The tails are learnt from the site's own titles (`frontMatter.templateMinPosts`); the fix is the
 * headline.
 */
export default defineRule({
  id: 'front-matter/title-template',
  category: 'front-matter',
  defaultSeverity: 'warning',
  crossPost: true,
  description: {
    en: 'The title’s ending was replaced by a phrase the site puts on many titles, while the body’s headline says something else.',
    ja: 'タイトルの末尾が、サイトの多くのタイトルに付く定型句に置き換えられ、本文の見出しと食い違っている。',
  },
  evidence: {
    error: 'The tail follows at least twice `frontMatter.templateMinPosts` different title beginnings across the site, and the headline begins like the title and goes on differently.',
    warning: 'The tail follows at least `frontMatter.templateMinPosts` different beginnings, and the headline begins like the title and goes on differently.',
  },
  examples: {
    valid: [
      {
        name: 'a title equal to the headline, with a common ending',
        source: 'ai-blog-system 2025 posts (MIT)',
        text: '---\ntitle: "量子計算の可能性とは？"\n---\n\n量子計算の可能性とは？\n\n本文。\n',
        corpus: ['生成AIの可能性とは？', '宇宙開発の可能性とは？', '自動運転の可能性とは？'].map((t, i) => ({ path: `_posts/2024-01-0${i + 2}-x.md`, text: `---\ntitle: "${t}"\n---\n\n本文。\n` })),
        config: { frontMatter: { templateMinPosts: 3 } },
      },
      {
        name: 'a series whose titles differ only in a number',
        source: 'vim-jp.org blog, Vim 2013–2016 calendar posts (CC BY 4.0)',
        text: '---\ntitle: Vim 2016 カレンダー\n---\n\n[Vim 2016 calendar available](https://groups.google.com/d/msg/vim_announce/Dv0lzmn8_-w/JETsVkeMAgAJ)\n',
        corpus: [2012, 2013, 2014, 2015, 2019].map((y) => ({ path: `_posts/${y}-12-01-vim_${y}_calendar.md`, text: `---\ntitle: Vim ${y} カレンダー\n---\n\n[Vim ${y} calendar available](https://example.com/${y})\n` })),
        config: { frontMatter: { templateMinPosts: 3 } },
      },
      {
        name: 'a short title for a release sentence',
        source: 'vim-jp.org KaoriYa release posts (CC BY 4.0)',
        text: '---\ntitle: Windows 32ビット Kaoriya 7.3.447 リリース\n---\n\nWindows 32ビット Kaoriya 7.3.447 がリリースされました。\n',
        corpus: ['Vim 7.4 リリース', 'NeoBundle 3.0 リリース', 'vimproc 9.1 リリース', 'Kaoriya 64 リリース'].map((t, i) => ({ path: `_posts/2012-01-0${i + 2}-x.md`, text: `---\ntitle: ${t}\n---\n\n${t.replace(' リリース', '')} がリリースされました。\n` })),
        config: { frontMatter: { templateMinPosts: 3 } },
      },
      {
        name: 'a shared ending but no other post has it',
        text: '---\ntitle: "iPhone 17のAIの可能性とは？"\n---\n\niPhone 17のAI、その真意はどこにあるのか？\n\n本文。\n',
      },
    ],
    invalid: [
      {
        name: 'the headline’s ending replaced by the site’s template',
        source: 'ai-blog-system 2025-09-19 post and titles of the site (MIT)',
        text: '---\ntitle: "iPhone 17のAIの可能性とは？"\n---\n\niPhone 17のAI、その真意はどこにあるのか？ Appleの次なる一手を探る\n\n本文。\n',
        corpus: ['河南省のAI産業の可能性とは？', 'BioNTechのAI戦略の可能性とは？', '中国の可能性とは？'].map((t, i) => ({ path: `_posts/2025-01-0${i + 2}-x.md`, text: `---\ntitle: "${t}"\n---\n\n本文。\n` })),
        config: { frontMatter: { templateMinPosts: 3 } },
        findings: [{ line: 2, severity: 'warning', message: 'の可能性とは？' }],
        output: '---\ntitle: "iPhone 17のAI、その真意はどこにあるのか？ Appleの次なる一手を探る"\n---\n\niPhone 17のAI、その真意はどこにあるのか？ Appleの次なる一手を探る\n\n本文。\n',
      },
      {
        name: 'the template learnt from the site around a post checked alone (the CLI on one file of a clone)',
        source: 'ai-blog-system 2025-09-19 post and titles of the site (MIT)',
        path: '_posts/2025-09-19-2-iphone-17ai.md',
        text: '---\ntitle: "iPhone 17のAIの可能性とは？"\n---\n\niPhone 17のAI、その真意はどこにあるのか？ Appleの次なる一手を探る\n\n本文。\n',
        site: Object.fromEntries([
          ['_config.yml', 'title: ALLFORCES\ntimezone: Asia/Tokyo\n'],
          ...['河南省のAI産業の可能性とは？', 'BioNTechのAI戦略の可能性とは？', '中国の可能性とは？'].map((t, i) => [`_posts/2025-01-0${i + 2}-x.md`, `---\ntitle: "${t}"\n---\n\n本文。\n`]),
        ]),
        config: { frontMatter: { templateMinPosts: 3 } },
        findings: [{ line: 2, severity: 'warning', message: 'の可能性とは？' }],
        output: '---\ntitle: "iPhone 17のAI、その真意はどこにあるのか？ Appleの次なる一手を探る"\n---\n\niPhone 17のAI、その真意はどこにあるのか？ Appleの次なる一手を探る\n\n本文。\n',
      },
      {
        name: 'English: a stock tail on a different headline',
        text: '---\ntitle: "Kubernetes 1.31: What It Means for You"\n---\n\n# Kubernetes 1.31 ships stable sidecar containers\n\nText.\n',
        corpus: ['Rust 2024: What It Means for You', 'Node 22: What It Means for You', 'Postgres 17: What It Means for You'].map((t, i) => ({ path: `_posts/2025-01-0${i + 2}-x.md`, text: `---\ntitle: "${t}"\n---\n\nText.\n` })),
        config: { frontMatter: { templateMinPosts: 3 } },
        findings: [{ line: 2, severity: 'warning' }],
        output: '---\ntitle: "Kubernetes 1.31 ships stable sidecar containers"\n---\n\n# Kubernetes 1.31 ships stable sidecar containers\n\nText.\n',
      },
    ],
  },
  check({ post, config, corpus, site }) {
    const minPosts = config.frontMatter.templateMinPosts;
    if (siteTitles(corpus, site).length < minPosts) return [];
    const title = analyzeTitle(post);
    const headline = bodyHeadline(post);
    if (!title || !headline) return [];
    // A headline is no sentence: a first line ending in `。`, `.` or `:` is the opening of the text.
    if (/[。．.:：]$/u.test(headline.text)) return [];
    const found = substitution(post, corpus, site, minPosts, headline.text);
    if (!found) return [];
    const fix = titleFixOr(post, title, headline.text);
    // The tail as the title writes it (the match ran on the normalised form).
    const raw = stripInlineMarkdown(title.value).trim();
    const shown = comparable(raw.slice(-found.tail.length)) === found.tail ? raw.slice(-found.tail.length) : found.tail;
    return [
      {
        line: title.entry.line,
        endLine: title.entry.endLine,
        severity: found.posts >= 2 * minPosts ? 'error' : 'warning',
        message: {
          en: `The title ends with "${shown}", a template phrase that follows ${found.posts} different titles of the site, while the headline (line ${headline.line}) reads "${headline.text}". Use the headline.`,
          ja: `タイトル末尾の「${shown}」はサイトの${found.posts}件の異なるタイトルに付く定型句で、本文の見出し（${headline.line} 行目）は「${headline.text}」です。見出しをタイトルにしてください。`,
        },
        related: [{ path: post.path, line: headline.line, endLine: headline.line, label: 'headline' }],
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
