import type { Corpus } from '../../analysis/corpus/corpus.js';
import { memoKey } from '../../core/memo.js';
import { defineRule, ruleOptions } from '../rule.js';
import type { Post } from '../../post/post.js';
import type { SiteContext } from '../../analysis/site/context.js';
import { analyzeTitle, bodyHeadline, comparable, siteEntries, stringEntry, stripInlineMarkdown, titleFixOr, type SiteEntry } from '../../analysis/front-matter.js';

/** Tails shorter than this (characters, after normalisation) are ordinary endings (`とは？`, "guide"). */
const MIN_TAIL = 4;
const MAX_TAIL = 32;

/** A title as the template learning sees it: normalised, without a trailing broken character or label. */
function titleKey(value: string): string {
  return comparable(stripInlineMarkdown(value.replace(/\uFFFD+$/u, '')));
}

/** Where a headline's first phrase ends: a comma, a colon, a dash or bar, a question or exclamation mark. */
const PHRASE_BREAK = /^\s*[、，,：:・—–\-｜|／/？?！!]/u;
/** Fewest titles, each corroborated by its own headline, that make a tail a template (with the checked one). */
const CORROBORATED_MIN = 3;

interface Heads {
  /** The titles' beginnings before the tail, numbers folded (`Vim 2013` and `Vim 2014` are one series). */
  series: Set<string>;
  /** The beginnings as written. */
  raw: Set<string>;
  /** The beginnings (numbers folded) of titles whose own headline diverges exactly there (`divergesAt`). */
  corroborated: Set<string>;
  /** The beginnings as written of those titles. */
  corroboratedRaw: Set<string>;
}

interface Templates {
  /** Tail → the heads (title minus tail) it was found after; only tails that read as a template. */
  heads: Map<string, Heads>;
}

const TEMPLATES = memoKey<Templates>('title templates');

const SITE_TITLES = memoKey<SiteTitle[]>('site titles');

/**
 * The site's titles (with their first lines) for the template learning: listed once per site, as the
 * entries they come from (every checked post asks how many there are).
 */
function siteTitles(corpus: Corpus, site: SiteContext | undefined): SiteTitle[] {
  return corpus.memo.get(SITE_TITLES, [corpus.size, site], () =>
    siteEntries(corpus, site).flatMap((e) => (e.title !== undefined ? [{ title: e.title, ...(e.headline !== undefined ? { headline: e.headline } : {}) }] : [])),
  );
}

type SiteTitle = SiteEntry & { title: string };

/**
 * The site's template tails: endings shared by titles with different beginnings. Counted once per
 * list of titles (each title's suffixes of MIN_TAIL..MAX_TAIL characters), so a whole site stays linear.
 */
function templatesOf(corpus: Corpus, site: SiteContext | undefined, minPosts: number): Templates {
  return corpus.memo.get(TEMPLATES, [minPosts, corpus.size, site], () => learnTemplates(siteTitles(corpus, site), minPosts));
}

/** The head of `head + tail` without the separator a template leaves before its tail (`X：その真意は？`). */
function trimHead(head: string): string {
  return head.replace(/[\s、，,：:「『（(]+$/u, '');
}

/**
 * The title `head + tail` was made from its headline by a template: the headline begins with the head and,
 * right there, its first phrase ends (a comma, a colon, a dash…) and it goes on with something other than
 * the tail (`iPhone 17のAI、その真意は…` / `iPhone 17のAIの可能性とは？`). A headline that goes on inside
 * the phrase (`Vim 7.4a ベータ版がリリースされました` / `Vim 7.4a ベータ版リリース`) is the title's own wording.
 */
function divergesAt(line: string, head: string, tail: string, key: string): boolean {
  if (head.length < 2 || !line.startsWith(head) || line.length <= head.length) return false;
  const rest = line.slice(head.length);
  return PHRASE_BREAK.test(rest) && !rest.startsWith(tail) && !rest.startsWith(key.slice(head.length));
}

/** Different characters that must precede a tail (`variedBefore`). */
const VARIED_MIN = 3;
/**
 * Fewest titles a tail must end to be kept: both tests end in `variedBefore`, which needs VARIED_MIN
 * different heads. The tails are counted first by a hash of each (no string made): only the few that end
 * enough titles get their four sets (making a string and four sets for each of the ~70,000 tails of a
 * 2,500-post site was most of the learning's time and garbage). A hash two tails share only counts them
 * together (more work, never a lost tail), so the templates are those of counting by string.
 */
const MIN_TAIL_TITLES = VARIED_MIN;
const TAIL_HASH_MASK = 0x3fffffff; // small integers stay unboxed Map keys in V8

/** Calls `visit(n, hash)` for each tail length n the learning considers, the hash of `key.slice(-n)` (built from the end). */
function forEachTail(key: string, visit: (n: number, hash: number) => void): void {
  let hash = 0x811c9dc5;
  for (let n = 1; n <= Math.min(MAX_TAIL, key.length - 1); n++) {
    hash = Math.imul(hash ^ key.charCodeAt(key.length - n), 0x01000193);
    if (n >= MIN_TAIL) visit(n, (hash ^ (hash >>> 15)) & TAIL_HASH_MASK);
  }
}

function learnTemplates(titles: readonly SiteTitle[], minPosts: number): Templates {
  const keys = titles.map(({ title }) => titleKey(title));
  const ends = new Map<number, number>();
  for (const key of keys) forEachTail(key, (_, hash) => ends.set(hash, (ends.get(hash) ?? 0) + 1));
  const heads = new Map<string, Heads>();
  titles.forEach(({ headline }, i) => {
    const key = keys[i]!;
    let line: string | undefined;
    forEachTail(key, (n, hash) => {
      if (ends.get(hash)! < MIN_TAIL_TITLES) return;
      const tail = key.slice(-n);
      let entry = heads.get(tail);
      if (!entry) heads.set(tail, (entry = { series: new Set(), raw: new Set(), corroborated: new Set(), corroboratedRaw: new Set() }));
      const head = key.slice(0, -n);
      const folded = head.replace(/\d+/gu, '0');
      entry.raw.add(head);
      entry.series.add(folded);
      line ??= headline === undefined ? '' : comparable(stripInlineMarkdown(headline));
      if (line !== '' && divergesAt(line, trimHead(head), tail, key)) {
        entry.corroborated.add(folded);
        entry.corroboratedRaw.add(head);
      }
    });
  });
  for (const [tail, entry] of heads) if (!isTemplate(entry, minPosts) && !isCorroborated(entry)) heads.delete(tail);
  return { heads };
}

/** Many titles with different beginnings end with the tail. */
function isTemplate(entry: Heads, minPosts: number): boolean {
  return entry.series.size >= minPosts && variedBefore(entry.raw);
}

/** Fewer titles, but each one's headline goes on differently exactly where the tail begins. */
function isCorroborated(entry: Heads): boolean {
  return entry.corroborated.size >= CORROBORATED_MIN && variedBefore(entry.corroboratedRaw);
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
  return counts.size >= VARIED_MIN && Math.max(...counts.values()) * 2 <= heads.size;
}

interface Substitution {
  tail: string;
  head: string;
  posts: number;
  /** Found by titles each corroborated by its headline (fewer than `templateMinPosts`). */
  corroborated: boolean;
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
  for (const [tail, entry] of heads) {
    let head: string | null = null;
    if (key.endsWith(tail)) head = key.slice(0, key.length - tail.length);
    else if (cut) {
      // `…の可能性�`: the title ends with a prefix of the tail (at least MIN_TAIL characters of it).
      for (let n = tail.length - 1; n >= MIN_TAIL && head === null; n--) if (key.endsWith(tail.slice(0, n))) head = key.slice(0, key.length - n);
    }
    if (head === null) continue;
    const trimmedHead = trimHead(head);
    if (!line.startsWith(trimmedHead) || line.length <= trimmedHead.length) continue;
    // The headline ends the same way: the title is the headline (or its start), not a substitution.
    const rest = line.slice(trimmedHead.length);
    if (rest.startsWith(tail) || rest.startsWith(key.slice(trimmedHead.length))) continue;
    let found: Substitution;
    if (isTemplate(entry, minPosts)) found = { tail, head: trimmedHead, posts: entry.series.size, corroborated: false };
    // A tail only a few titles share is a template when this title, too, diverges from its headline there.
    else if (divergesAt(line, trimmedHead, tail, key)) found = { tail, head: trimmedHead, posts: entry.corroborated.size, corroborated: true };
    else continue;
    // The tail most titles share is the template; a longer one that also varies before it is a
    // coincidence of a few heads (`AIの可能性とは？`).
    if (!best || strongerThan(found, best)) best = found;
  }
  return best;
}

/** A tail many titles share outranks one found by corroboration; then more titles, then a longer tail. */
function strongerThan(a: Substitution, b: Substitution): boolean {
  if (a.corroborated !== b.corroborated) return !a.corroborated;
  return a.posts > b.posts || (a.posts === b.posts && a.tail.length > b.tail.length);
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
  options: ruleOptions('frontMatter', 'templateMinPosts'),
  crossPost: true,
  description: {
    en: 'The title’s ending was replaced by a phrase the site puts on many titles, while the body’s headline says something else.',
    ja: 'タイトルの末尾が、サイトの多くのタイトルに付く定型句に置き換えられ、本文の見出しと食い違っている。',
  },
  messages: {
    corroboratedTemplate: {
      en: 'The title ends with "{{tail}}", like {{posts}} titles of the site whose own headlines go on differently exactly there (a template\'s phrase), while the headline (line {{line}}) reads "{{headline}}". Use the headline.',
      ja: 'タイトル末尾の「{{tail}}」は、本文の見出しがちょうどそこから別の言葉で続くタイトルがサイトに{{posts}}件ある定型句で、本文の見出し（{{line}} 行目）は「{{headline}}」です。見出しをタイトルにしてください。',
    },
    template: {
      en: 'The title ends with "{{tail}}", a template phrase that follows {{posts}} different titles of the site, while the headline (line {{line}}) reads "{{headline}}". Use the headline.',
      ja: 'タイトル末尾の「{{tail}}」はサイトの{{posts}}件の異なるタイトルに付く定型句で、本文の見出し（{{line}} 行目）は「{{headline}}」です。見出しをタイトルにしてください。',
    },
  },
  evidence: {
    error: 'The tail follows at least twice `frontMatter.templateMinPosts` different title beginnings across the site, and the headline begins like the title and goes on differently.',
    warning:
      'The tail follows at least `frontMatter.templateMinPosts` different beginnings, and the headline begins like the title and goes on differently; or fewer (at least 3, this title among them) but each of those titles corroborated by its own body: its first line begins with the title’s beginning and, exactly where the tail starts, ends its first phrase (a comma, a colon, a dash, a question mark) and goes on with other words (`iPhone 17のAI、その真意は…` under `iPhone 17のAIの可能性とは？`). A first line that goes on inside the phrase (`…ベータ版がリリースされました` under `…ベータ版リリース`) corroborates nothing.',
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
        name: 'release titles whose first lines go on inside the phrase (`…がリリースされました`): no corroboration',
        source: 'vim-jp.org KaoriYa release posts (CC BY 4.0), first lines without their full stop',
        text: '---\ntitle: Windows 32ビット 7.3.646 リリース\n---\n\n## Windows 32ビット 7.3.646 がリリースされました\n',
        corpus: [
          ['OS X 10.9+ 8.0.1207 リリース', '## OS X 10.9+ 8.0.1207 がリリースされました'],
          ['MacOSX 10.7/10.8 7.3.756 リリース', 'MacOSX 10.7/10.8 7.3.756 がリリースされました'],
          ['Vim 7.4b ベータ版リリース', 'Vim 7.4b ベータ版がリリースされました'],
        ].map(([t, h], i) => ({ path: `_posts/2012-01-0${i + 2}-x.md`, text: `---\ntitle: ${t}\n---\n\n${h}\n` })),
      },
      {
        name: 'a few titles corroborated by their headlines, but this one’s headline goes on inside the phrase',
        source: 'ai-blog-system 2025-09 titles and first lines (MIT)',
        text: '---\ntitle: "量子計算の可能性とは？"\n---\n\n量子計算の可能性と限界を考える\n\n本文。\n',
        corpus: [
          ['OpenAI GPT-5の可能性とは？', 'OpenAI GPT-5、その真価はどこにあるのか？20年見てきたアナリストの視点'],
          ['「Clarityの可能性とは？', '「Clarity、900万ポンド資金調達」というお話、興味深いですね。'],
          ['iPhone 17のAIの可能性とは？', 'iPhone 17のAI、その真意はどこにあるのか？ Appleの次なる一手を探る'],
        ].map(([t, h], i) => ({ path: `_posts/2025-09-1${i + 5}-x.md`, text: `---\ntitle: "${t}"\n---\n\n${h}\n\n本文。\n` })),
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
        name: 'a tail only three titles share, each diverging from its own headline where the tail begins (default `templateMinPosts`)',
        source: 'ai-blog-system 2025-09-15, 09-16 and 09-19 posts (MIT)',
        path: '_posts/2025-09-19-2-iphone-17ai.md',
        text: '---\ntitle: "iPhone 17のAIの可能性とは？"\n---\n\niPhone 17のAI、その真意はどこにあるのか？ Appleの次なる一手を探る\n\n本文。\n',
        corpus: [
          ['OpenAI GPT-5の可能性とは？', 'OpenAI GPT-5、その真価はどこにあるのか？20年見てきたアナリストの視点'],
          ['「Clarityの可能性とは？', '「Clarity、900万ポンド資金調達」というお話、興味深いですね。'],
        ].map(([t, h], i) => ({ path: `_posts/2025-09-1${i + 5}-x.md`, text: `---\ntitle: "${t}"\n---\n\n${h}\n\n本文。\n` })),
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
  check({ post, options, corpus, site }) {
    const minPosts = options.templateMinPosts;
    if (siteTitles(corpus, site).length < Math.min(minPosts, CORROBORATED_MIN)) return [];
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
        severity: !found.corroborated && found.posts >= 2 * minPosts ? 'error' : 'warning',
        messageId: found.corroborated ? 'corroboratedTemplate' : 'template',
        data: { tail: shown, posts: found.posts, line: headline.line, headline: headline.text },
        related: [{ path: post.path, line: headline.line, endLine: headline.line, label: 'headline' }],
        ...(fix ? { fix } : {}),
      },
    ];
  },
});
