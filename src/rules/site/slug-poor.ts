import { defineRule, type Report } from '../rule.js';
import { getEntry } from '../../post/front-matter.js';
import type { Post } from '../../post/post.js';
import type { SiteContext } from '../../analysis/site/context.js';
import type { SitePost } from '../../analysis/site/site.js';
import { memoKey } from '../../core/memo.js';
import { parseJekyllPostName } from '../../text/jekyll-date.js';
import { basename } from '../../text/jekyll-date.js';

const SITE = { '_config.yml': 'permalink: /:year/:month/:day/:title/\n' };
const GENERIC_OTHERS = {
  '_posts/2025-09-10-1-ai-article-update.md': '---\ntitle: "NVIDIAの新チップ"\n---\n',
  '_posts/2025-09-11-3-ai-article-update.md': '---\ntitle: "EUのAI規制"\n---\n',
  '_posts/2025-09-11-1-ai-article-update.md': '---\ntitle: "OpenAIの資金調達"\n---\n',
};

/**
 * Other posts that must share a slug before it counts as a template's placeholder: a slug used twice is
 * often an annual or follow-up post (`vim_charity_financial_results` each year); four posts make a pattern.
 */
const MIN_SHARING = 3;

/** The slug a post's URL ends in, and where it comes from. */
function slugOf(post: Post, site: SiteContext | undefined): { slug: string; fromFileName: boolean } | null {
  const own = getEntry(post.frontMatter, 'slug');
  if (own && typeof own.value === 'string') return { slug: own.value, fromFileName: false };
  const name = basename(post.path);
  const jekyll = parseJekyllPostName(name);
  if (jekyll && (!site || site.site.generator === 'jekyll')) return { slug: jekyll.slug, fromFileName: true };
  if (!site) return null;
  const parts = post.path.split(/[\\/]/);
  const file = name.replace(/\.[^.]+$/, '');
  const stem = file === 'index' ? (parts[parts.length - 2] ?? file) : file;
  return { slug: stem.replace(/^\d{4}-\d{2}-\d{2}[-_]/, ''), fromFileName: true };
}

/** The slug without the ordinal a pipeline puts first (`2-ai-article-update` → `ai-article-update`). */
function coreSlug(slug: string): string {
  return slug.replace(/^\d{1,3}-(?=.)/, '');
}

/** The ASCII letters and digits of a text, lower case, run together (`Meta AIの広告` → `metaai`). */
function asciiOf(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Slugs that make poor URLs: none at all (Jekyll does not publish the file), no words (digits or a
 * timestamp), a placeholder the site already gives other posts (its words are not the title's), or one
 * so short it cannot say what the post is about.
 */
export default defineRule({
  id: 'site/slug-poor',
  category: 'site',
  defaultSeverity: 'warning',
  crossPost: true,
  description: {
    en: "The post's slug makes a poor URL: empty, without words, a generic one other posts use, or too short.",
    ja: '記事のスラッグが URL として不適切（空、単語がない、他の記事も使う汎用のもの、短すぎる）。',
  },
  messages: {
    missing: { en: 'file name "{{name}}" has no slug after the date, so Jekyll does not publish it; add one', ja: 'ファイル名「{{name}}」の日付の後にスラッグがなく、Jekyll は公開しません。追加してください' },
    noLetters: {
      en: 'slug "{{slug}}" has no letters, so the URL says nothing about the post; use words from the title',
      ja: 'スラッグ「{{slug}}」に文字がなく、URL から内容が分かりません。タイトルの語を使ってください',
    },
    generic: {
      en: "slug \"{{slug}}\" is a generic one: {{count}} other posts use it ({{names}}{{more}}) and neither their titles nor this one's name it; give the post a slug of its own",
      ja: 'スラッグ「{{slug}}」は汎用のもので、他の {{count}} 件の記事も使っています（{{names}}{{more}}）。この記事のタイトルにもそれらのタイトルにもない語です。記事固有のスラッグにしてください',
    },
    tooShort: {
      en: 'slug "{{slug}}" ({{length}} characters) is too short to tell what the post is about; use more words from the title',
      ja: 'スラッグ「{{slug}}」（{{length}} 文字）は短すぎて記事の内容が分かりません。タイトルの語をもっと使ってください',
    },
  },
  evidence: {
    error: 'A Jekyll post file name with nothing after the date: Jekyll does not publish it.',
    warning:
      'A slug with no letters (digits, a timestamp); or, inside a site, an ASCII slug (without its leading ordinal) that this title does not spell and that at least 3 other posts use whose titles mostly do not spell it either (a placeholder), or one of at most 3 letters and digits under a longer title.',
  },
  examples: {
    valid: [
      { name: 'a slug made of the title', path: '_posts/2025-09-12-panasonic-ai-board.md', text: '---\ntitle: Panasonic doubles AI board output\n---\n\nBody.\n' },
      { name: 'a short slug that is the whole title', site: SITE, path: '_posts/2019-05-05-vim.md', text: '---\ntitle: Vim\n---\n\nBody.\n' },
      {
        name: 'a shared slug whose words are the title’s',
        source: 'ai-blog-system _posts/2025-11-06-1-openai.md (MIT)',
        site: { ...SITE, '_posts/2025-11-05-1-openai.md': '---\ntitle: "OpenAIの新モデル"\n---\n' },
        path: '_posts/2025-11-06-1-openai.md',
        text: '---\ntitle: "ソフトバンクとOpenAIの日本合弁、その真意はどこにあるのか？"\n---\n\n本文。\n',
      },
      {
        name: 'an English slug reused once for the next year’s report, under Japanese titles',
        source: 'vim-jp.org _posts/blog/2013-01-24-vim_charity_financial_results.md (CC BY 4.0)',
        site: { ...SITE, '_posts/blog/2012-03-21-vim_charity_financial_results.md': '---\ntitle: "Vim チャリティ会計報告"\n---\n' },
        path: '_posts/blog/2013-01-24-vim_charity_financial_results.md',
        text: '---\ntitle: "2012年 Vim チャリティ会計報告"\n---\n\n本文。\n',
      },
      {
        name: 'a shared slug that names what the other posts are about, under a title in katakana',
        source: 'ai-blog-system _posts/2025-11-30-3-metaai.md at 05f5c77c (MIT)',
        site: {
          ...SITE,
          '_posts/2025-11-20-1-metaai.md': '---\ntitle: "MetaのAI広告の可能性とは？"\n---\n',
          '_posts/2025-11-25-2-metaai.md': '---\ntitle: "MetaのAIデータセンター新設、その真意はどこにあるのか？"\n---\n',
        },
        path: '_posts/2025-11-30-3-metaai.md',
        text: '---\ntitle: "メタアルケミストのAI会計"\n---\n\n本文。\n',
      },
    ],
    invalid: [
      {
        name: 'a timestamp for a slug',
        source: 'ai-blog-system _posts/2025-08-31-2-004839.md (MIT)',
        path: '_posts/2025-08-31-2-004839.md',
        text: '---\ntitle: "Google Geminiエコアーキテクチャの拡大"\n---\n\n本文。\n',
        findings: [{ line: 1, severity: 'warning', message: '2-004839' }],
      },
      {
        name: 'a placeholder slug the site already uses',
        source: 'ai-blog-system _posts/2025-09-12-2-ai-article-update.md at bb2c490f (MIT)',
        site: { ...SITE, ...GENERIC_OTHERS },
        path: '_posts/2025-09-12-2-ai-article-update.md',
        text: '---\ntitle: "ソフトバンクと東大が描く「x"\n---\n\n本文。\n',
        findings: [{ line: 1, severity: 'warning', message: '「ai-article-update」は汎用のもので、他の 3 件' }],
      },
      {
        name: 'three letters for a long title',
        source: 'ai-blog-system _posts/2025-10-06-3-gpu.md at e62daefc (MIT)',
        site: SITE,
        path: '_posts/2025-10-06-3-gpu.md',
        text: '---\ntitle: "データセクションの巨額GPU投資、その真意はどこにあるのか？"\n---\n\n本文。\n',
        findings: [{ line: 1, severity: 'warning', message: 'gpu' }],
      },
      {
        name: 'nothing after the date',
        path: '_posts/2025-09-12-.md',
        text: '---\ntitle: x\n---\n\nBody.\n',
        findings: [{ line: 1, severity: 'error' }],
      },
    ],
  },
  check({ post, site }) {
    const found = slugOf(post, site);
    if (!found) return [];
    const { slug, fromFileName } = found;
    const entry = fromFileName ? undefined : getEntry(post.frontMatter, 'slug');
    const where = { line: entry?.line ?? 1, endLine: entry?.endLine ?? 1 };
    const reports: Report[] = [];
    const name = basename(post.path);
    if (slug.trim() === '') {
      if (fromFileName && parseJekyllPostName(name)) {
        reports.push({
          ...where,
          severity: 'error',
          messageId: 'missing',
          data: { name },
        });
      }
      return reports;
    }
    if (!/\p{L}/u.test(slug)) {
      reports.push({
        ...where,
        messageId: 'noLetters',
        data: { slug },
      });
      return reports;
    }
    if (!site) return reports;
    const core = coreSlug(slug);
    const self = site.sitePath(post);
    const title = typeof post.frontMatter?.data.title === 'string' ? post.frontMatter.data.title : '';
    const letters = asciiOf(core);
    // A slug of ASCII words none of which this title carries, shared with other posts whose titles do
    // not carry them either: a placeholder, not a name. (A slug of the post's own script is its title.)
    if (letters !== '' && !/[^\x00-\x7f]/.test(core) && !asciiOf(title).includes(letters)) {
      const sharing = (postsByCoreSlug(site).get(core) ?? []).filter((p) => p.path !== self);
      const named = sharing.filter((p) => asciiOf(p.meta.title ?? '').includes(letters)).length;
      if (sharing.length >= MIN_SHARING && named * 2 < sharing.length) {
        const names = sharing.slice(0, 3).map((p) => site.displayPath(p.path)).join(', ');
        reports.push({
          ...where,
          messageId: 'generic',
          data: { slug: core, count: sharing.length, names, more: sharing.length > 3 ? { en: ', …', ja: '、…' } : '' },
        });
        return reports;
      }
    }
    const titleLetters = title.normalize('NFKC').toLowerCase();
    const alnum = core.replace(/[^\p{L}\p{N}]/gu, '');
    const titleRest = titleLetters.replace(/[^\p{L}\p{N}]/gu, '').replace(alnum.toLowerCase(), '');
    if (alnum.length <= 3 && titleRest.length >= 3) {
      reports.push({
        ...where,
        messageId: 'tooShort',
        data: { slug: core, length: alnum.length },
      });
    }
    return reports;
  },
});

const BY_CORE_SLUG = memoKey<Map<string, SitePost[]>>('site/slug-poor posts by core slug');

/** The site's posts by core slug, in site order: made once per site, not once per checked post. */
function postsByCoreSlug(site: SiteContext): Map<string, SitePost[]> {
  return site.site.memo.get(BY_CORE_SLUG, [site.posts], () => {
    const map = new Map<string, SitePost[]>();
    for (const p of site.posts) {
      const core = coreSlug(slugFromPath(p.path, p.meta.slug));
      const list = map.get(core);
      if (list) list.push(p);
      else map.set(core, [p]);
    }
    return map;
  });
}

/** A site post's slug from its path (Jekyll file name after the date; others the file or bundle name). */
function slugFromPath(path: string, own: string | undefined): string {
  if (own !== undefined) return own;
  const parts = path.split('/');
  const file = (parts.pop() ?? '').replace(/\.[^.]+$/, '');
  const stem = file === 'index' ? (parts.pop() ?? file) : file;
  return stem.replace(/^\d{4}-\d{2}-\d{2}[-_]/, '');
}
