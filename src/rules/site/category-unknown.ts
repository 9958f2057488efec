import { defineRule, type Report } from '../rule.js';
import { getEntry, listEntryFix } from '../../post/front-matter.js';
import type { FrontMatterEntry, Post } from '../../post/post.js';
import type { SiteContext } from '../../analysis/site/context.js';
import { slugify } from '../../analysis/site/posts.js';
import type { DeclaredTerms } from '../../analysis/site/site.js';

const SITE = {
  '_config.yml':
    'timezone: Asia/Tokyo\ncontent_categories:\n  - name: "最新動向"\n  - name: "技術解説"\n  - name: "研究論文"\n  - name: "実装事例"\n  - name: "業界分析"\n',
};

/** Keys a post names its terms under, per generator (Zola keeps them in `[taxonomies]`). */
function termEntry(post: Post, site: SiteContext, kind: 'categories' | 'tags'): FrontMatterEntry | undefined {
  if (site.site.generator === 'zola') return getEntry(post.frontMatter, `taxonomies.${kind}`);
  const singular = kind === 'categories' ? 'category' : 'tag';
  const keys = site.site.generator === 'hugo' ? post.frontMatter?.entries.filter((e) => [kind, singular].includes(e.key.toLowerCase())) : undefined;
  return keys?.[0] ?? getEntry(post.frontMatter, kind) ?? getEntry(post.frontMatter, singular);
}

/** Comparison key: the slug of the term, so `Machine Learning` matches a term page `machine-learning`. */
function termKey(term: string): string {
  return slugify(term) || term.normalize('NFKC').trim().toLowerCase();
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i]! + c);
}

/** Dice coefficient of character bigrams: shared words or kanji compounds make two terms near. */
function similarity(a: string, b: string): number {
  const x = bigrams(termKey(a));
  const y = bigrams(termKey(b));
  if (x.length === 0 || y.length === 0) return 0;
  const pool = [...y];
  let shared = 0;
  for (const g of x) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      shared++;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** The one declared term nearest to `term`, or undefined when none is near or two are equally near. */
function nearestTerm(term: string, declared: readonly string[]): string | undefined {
  const scored = declared.map((d) => ({ d, s: similarity(term, d) })).sort((a, b) => b.s - a.s);
  const [best, second] = scored;
  if (!best || best.s < 0.25 || (second && second.s === best.s)) return undefined;
  return best.d;
}

function itemsOf(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return null;
}

/**
 * Categories and tags outside the set the site declares (a list in `_config.yml` or `_data/`, the
 * term pages of a Hugo taxonomy, an enum in an Astro content schema): the site's category pages never
 * list the post. Sites that declare no set are not checked.
 */
export default defineRule({
  id: 'site/category-unknown',
  category: 'site',
  defaultSeverity: 'warning',
  crossPost: true,
  description: {
    en: 'A category or tag is outside the set the site declares.',
    ja: 'カテゴリーやタグがサイトの定める一覧にない。',
  },
  messages: {
    undeclared: {
      en: '{{what}} {{names}} {{are}} not among those the site declares in {{source}} ({{list}}), so its {{pages}} pages will not list this post{{nearest}}',
      ja: '{{what}} {{names}} はサイトが {{source}} で定める一覧（{{list}}）になく、一覧ページにこの記事が載りません{{nearest}}',
    },
  },
  evidence: {
    warning:
      'The site declares its categories (or tags): a top-level list in `_config.yml` (`categories`, `…_categories`) or `_data/categories.yml`, Hugo term pages `content/categories/<term>/_index.md`, an Astro schema `z.enum([…])`; the post names one outside it. The fix is the one declared term nearest in characters, when one is clearly nearest.',
  },
  examples: {
    valid: [
      { name: 'a declared category', site: SITE, path: '_posts/2025-09-12-x.md', text: '---\ntitle: x\ncategories: ["最新動向"]\n---\n\nBody.\n' },
      { name: 'a site that declares none', site: { '_config.yml': 'timezone: Asia/Tokyo\n' }, path: '_posts/2025-09-12-x.md', text: '---\ntitle: x\ncategories: ["投資分析"]\n---\n\nBody.\n' },
    ],
    invalid: [
      {
        name: 'a category the site has no page for; the nearest declared one as the fix',
        source: 'ai-blog-system _posts/2025-09-12-2-ai-article-update.md at bb2c490f (MIT)',
        site: SITE,
        path: '_posts/2025-09-12-2-ai-article-update.md',
        text: '---\nlayout: post\ntitle: "ソフトバンクと東大が描く「x"\ndate: 2025-09-12 16:41:54 +0000\ncategories: ["投資分析"]\n---\n\n本文。\n',
        findings: [{ line: 5, severity: 'warning', message: '業界分析' }],
        output: '---\nlayout: post\ntitle: "ソフトバンクと東大が描く「x"\ndate: 2025-09-12 16:41:54 +0000\ncategories: ["業界分析"]\n---\n\n本文。\n',
      },
    ],
  },
  check({ post, site }) {
    if (!site || !post.frontMatter) return [];
    const reports: Report[] = [];
    for (const [kind, declared] of [
      ['categories', site.site.categories],
      ['tags', site.site.tags],
    ] as [('categories' | 'tags'), DeclaredTerms | null][]) {
      if (!declared) continue;
      const entry = termEntry(post, site, kind);
      const items = entry ? itemsOf(entry.value) : null;
      if (!entry || !items) continue;
      const known = new Set(declared.terms.map(termKey));
      const unknown = items.filter((item) => item.trim() !== '' && !known.has(termKey(item)));
      if (unknown.length === 0) continue;
      const replacements = new Map(unknown.map((u) => [u, nearestTerm(u, declared.terms)]));
      const allNear = [...replacements.values()].every((r) => r !== undefined);
      const fixed = [...new Set(items.map((item) => replacements.get(item) ?? item))];
      const fix = allNear && Array.isArray(entry.value) ? listEntryFix(post.lines, entry, fixed) : undefined;
      const names = unknown.map((u) => `"${u}"`).join(', ');
      const list = declared.terms.slice(0, 12).join(', ') + (declared.terms.length > 12 ? ', …' : '');
      const hint = unknown.map((u) => replacements.get(u) && `"${u}" → "${replacements.get(u)}"`).filter(Boolean).join(', ');
      const what = kind === 'categories' ? { en: 'categories', ja: 'カテゴリー' } : { en: 'tags', ja: 'タグ' };
      reports.push({
        line: entry.line,
        endLine: entry.endLine,
        messageId: 'undeclared',
        data: {
          what,
          names,
          are: unknown.length === 1 ? 'is' : 'are',
          source: declared.source,
          list,
          pages: kind === 'categories' ? 'category' : 'tag',
          nearest: hint ? { en: `; nearest: ${hint}`, ja: `。近いもの: ${hint}` } : '',
        },
        ...(fix ? { fix } : {}),
      });
    }
    return reports;
  },
});
