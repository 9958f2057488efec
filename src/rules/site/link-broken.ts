import { defineRule, type Report } from '../rule.js';
import type { Post } from '../../post/post.js';
import type { SiteContext } from '../../analysis/site/context.js';
import { normalizeUrl } from '../../analysis/site/posts.js';
import type { SitePost } from '../../analysis/site/site.js';
import { isBuilt } from './shared.js';
import { memoKey } from '../../core/memo.js';

const SITE = { '_config.yml': 'url: "https://example.org"\npermalink: /:year/:month/:day/:title/\ntimezone: Asia/Tokyo\n' };
const TARGET = { '_posts/2025-09-12-2-k2-thinkai.md': '---\ntitle: K2 Think\ndate: 2025-09-12 20:30:00 +0000\n---\n' };

/** One internal reference found in the body, with the exact text to replace when it can be corrected. */
interface Reference {
  kind: 'url' | 'post_url' | 'link' | 'ref' | 'zola';
  target: string;
  offset: number;
}

/** `needs`: text every match contains, looked for first (most blocks hold no link at all). */
const PATTERNS: { kind: Reference['kind']; re: RegExp; needs: string }[] = [
  { kind: 'post_url', re: /\{%-?\s*post_url\s+([^\s%]+)\s*-?%\}/g, needs: 'post_url' },
  { kind: 'link', re: /\{%-?\s*link\s+([^\s%]+)\s*-?%\}/g, needs: '{%' },
  { kind: 'ref', re: /\{\{[<%]\s*(?:rel)?ref\s+"([^"]+)"\s*[>%]\}\}/g, needs: '{{' },
  { kind: 'zola', re: /\]\(\s*@\/([^)\s#]+)/g, needs: '](' },
  { kind: 'url', re: /\]\(\s*<?([^)\s>]+)/g, needs: '](' },
  { kind: 'url', re: /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)/gm, needs: ']:' },
  { kind: 'url', re: /\bhref\s*=\s*["']([^"']+)["']/g, needs: 'href' },
];

function references(post: Post): Reference[] {
  const found: Reference[] = [];
  for (const block of post.blocks) {
    if (block.type === 'code') continue;
    for (const { kind, re, needs } of PATTERNS) {
      if (!block.source.includes(needs)) continue;
      re.lastIndex = 0;
      for (const m of block.source.matchAll(re)) {
        const target = m[1]!;
        if (kind === 'url' && (target.includes('{{') || target.includes('{%'))) continue;
        found.push({ kind, target, offset: block.startOffset + m.index! + m[0].indexOf(target) });
      }
    }
  }
  return found;
}

/** The site-relative path of a URL that points into the site, or undefined for other sites. */
function internalPath(url: string, site: SiteContext): string | undefined {
  const base = site.site.baseUrl ? new URL(site.site.baseUrl.includes('://') ? site.site.baseUrl : `https://site.invalid${site.site.baseUrl.startsWith('/') ? '' : '/'}${site.site.baseUrl}`) : undefined;
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    let parsed: URL;
    try {
      parsed = new URL(url.startsWith('//') ? `https:${url}` : url);
    } catch {
      return undefined;
    }
    if (!base || parsed.host !== base.host) return undefined;
    path = parsed.pathname;
  } else if (url.startsWith('/')) path = url;
  else return undefined;
  const prefix = base?.pathname.replace(/\/+$/, '') ?? '';
  if (prefix && path.startsWith(`${prefix}/`)) path = path.slice(prefix.length);
  return normalizeUrl(path);
}

/** URL forms that reach one page: with or without the trailing slash, `.html`, `index.html`. */
function variants(url: string): string[] {
  const bare = url.replace(/\/$/, '').replace(/\.html?$/i, '');
  return [url, `${bare}/`, bare, `${bare}.html`];
}

const DATE_PATH = /\/(\d{4})\/(\d{2})\/(\d{2})\//;

/**
 * Links shaped like the site's post URLs: a dated path under a prefix the site's dated posts have
 * (`/2025/09/13/…`, `/news/2016/04/19/…`), or a path in a section that holds posts. A dated link under
 * another prefix is another site's or section's, which this site does not build.
 */
function postShaped(path: string, datePrefixes: Set<string>, sections: Set<string>): boolean {
  const dated = DATE_PATH.exec(path);
  if (dated) return datePrefixes.has(path.slice(0, dated.index));
  const parts = path.split('/').filter(Boolean);
  return parts.length >= 2 && sections.has(parts[0]!);
}

function lastSegment(url: string): string {
  return url.replace(/\/$/, '').replace(/\.html?$/i, '').split('/').pop() ?? '';
}

function dayDistance(a: string, b: string): number {
  const x = DATE_PATH.exec(a);
  const y = DATE_PATH.exec(b);
  if (!x || !y) return Number.POSITIVE_INFINITY;
  return Math.abs(Date.UTC(+x[1]!, +x[2]! - 1, +x[3]!) - Date.UTC(+y[1]!, +y[2]! - 1, +y[3]!)) / 86_400_000;
}

/**
 * What the rule looks posts up by, worked out once per site (every checked post reads it: scanning all
 * posts for each one made a whole-site check quadratic). Each list keeps the order of `site.posts`, so a
 * look-up filters the same posts in the same order as a scan of `site.posts` would.
 */
interface LinkTargets {
  /** First path segments of post URLs that are no year: the sections that hold posts. */
  sections: Set<string>;
  /** What comes before the date in dated post URLs (`''`, `/news`). */
  datePrefixes: Set<string>;
  /** Built posts by the last segment of their URL (`lastSegment`). */
  builtBySlug: Map<string, SitePost[]>;
  /** Posts by their file name without extension. */
  byFileName: Map<string, SitePost[]>;
}

const LINK_TARGETS = memoKey<LinkTargets>('site/link-broken targets');

function linkTargets(site: SiteContext): LinkTargets {
  return site.site.memo.get(LINK_TARGETS, [site.posts], () => {
    const sections = new Set(site.posts.map((p) => p.url.split('/').filter(Boolean)[0]).filter((s): s is string => s !== undefined && !/^\d{4}$/.test(s)));
    const datePrefixes = new Set(site.posts.map((p) => DATE_PATH.exec(p.url)).filter((m) => m !== null).map((m) => m.input.slice(0, m.index)));
    const builtBySlug = new Map<string, SitePost[]>();
    const byFileName = new Map<string, SitePost[]>();
    const add = (map: Map<string, SitePost[]>, key: string, p: SitePost) => {
      const list = map.get(key);
      if (list) list.push(p);
      else map.set(key, [p]);
    };
    for (const p of site.posts) {
      if (isBuilt(p)) add(builtBySlug, lastSegment(p.url), p);
      add(byFileName, fileName(p.path), p);
    }
    return { sections, datePrefixes, builtBySlug, byFileName };
  });
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}

/** The one post a broken URL meant: the same slug, a day off at most when the link is dated. */
function correctedUrl(path: string, site: SiteContext): SitePost | undefined {
  const slug = lastSegment(path);
  if (!slug) return undefined;
  // The built posts whose URL ends in the slug, as a scan of every post would find them.
  const sameSlug = linkTargets(site).builtBySlug.get(slug) ?? [];
  const candidates = sameSlug.filter((p) => !DATE_PATH.test(path) || dayDistance(path, p.url) <= 1);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Posts `{% post_url [/subdir/]name %}` can mean: the file name, in that subfolder (before or inside `_posts/`). */
function postByName(name: string, site: SiteContext): SitePost[] {
  const clean = name.replace(/^\/+/, '');
  const cut = clean.lastIndexOf('/');
  const [dir, file] = cut >= 0 ? [clean.slice(0, cut), clean.slice(cut + 1)] : ['', clean];
  const sameName = linkTargets(site).byFileName.get(file) ?? [];
  return sameName.filter((p) => !dir || `/${p.path}`.includes(`/${dir}/`));
}

/**
 * Links to posts of the site that do not resolve: `{% post_url %}` and `{% link %}` (Jekyll fails the
 * build), Hugo `ref`/`relref` and Zola `@/` links (the build fails), and plain links to post-shaped URLs
 * (`/YYYY/MM/DD/slug/`, `/blog/slug/`) that no post renders — most often a post whose URL moved with
 * the time zone. When exactly one post matches the corrected date or name, the fix is that link.
 */
export default defineRule({
  id: 'site/link-broken',
  category: 'site',
  defaultSeverity: 'warning',
  crossPost: true,
  description: {
    en: 'An internal link points at a post or file the site does not have.',
    ja: 'サイト内リンクが存在しない記事やファイルを指している。',
  },
  messages: {
    noPostUrlTarget: {
      en: '{% post_url {{target}} %} names no post of the site: Jekyll stops the build',
      ja: '{% post_url {{target}} %} に当たる記事がサイトにありません。Jekyll のビルドが止まります',
    },
    noLinkTarget: {
      en: '{% link {{target}} %} names no file of the site: Jekyll stops the build',
      ja: '{% link {{target}} %} に当たるファイルがサイトにありません。Jekyll のビルドが止まります',
    },
    noContentFile: { en: '{{kind}} "{{target}}" names no content file: the build fails', ja: '{{kind}}「{{target}}」に当たるコンテンツがありません。ビルドが失敗します' },
    noPost: { en: 'link {{target}} points at no post of the site{{meant}}', ja: 'リンク {{target}} はサイトのどの記事も指していません{{meant}}' },
  },
  evidence: {
    error: '`{% post_url %}`, `{% link %}`, Hugo `ref`/`relref` or a Zola `@/` link whose target the site lacks: the generator stops the build.',
    warning: 'A link to a post-shaped URL of the site (dated, or in a section that holds posts) that no post renders, URLs computed as the generator does.',
  },
  examples: {
    valid: [
      { name: 'a link to the URL the post renders to', site: { ...SITE, ...TARGET }, path: '_posts/2025-09-20-x.md', text: '---\ntitle: x\n---\n\n[K2](/2025/09/13/2-k2-thinkai/)\n' },
      { name: 'a page, not a post', site: SITE, path: '_posts/2025-09-20-x.md', text: '---\ntitle: x\n---\n\n[About](/about/)\n' },
      { name: 'another site', site: SITE, path: '_posts/2025-09-20-x.md', text: '---\ntitle: x\n---\n\n[News](https://news.example.com/2025/09/12/k2/)\n' },
      {
        name: 'a dated path under a prefix none of the site’s posts has: another blog on the same host',
        source: 'vim-jp.org _posts/blog/2012-01-10-vim_advent_calendar.md (CC BY 4.0)',
        site: { ...SITE, ...TARGET },
        path: '_posts/2025-09-20-x.md',
        text: '---\ntitle: x\n---\n\n- [A Happy New Year](/vim-users-jp/2012/01/01/a-happy-new-year.html)\n',
      },
      {
        name: 'post_url with a leading slash and a subfolder inside _posts',
        source: 'vim-jp.org _posts/blog/2017-10-13-vimconf-2017-interview.md (CC BY 4.0)',
        site: { ...SITE, '_posts/blog/2017-10-12-vimconf2017-speakers.md': '---\ntitle: VimConf 2017 speakers\n---\n' },
        path: '_posts/blog/2017-10-13-vimconf-2017-interview.md',
        text: '---\ntitle: x\n---\n\n[スピーカー]({% post_url /blog/2017-10-12-vimconf2017-speakers %})の紹介です。\n',
      },
    ],
    invalid: [
      {
        name: 'the file-name date where the time zone moved the URL; the fix is the URL the post has',
        site: { ...SITE, ...TARGET },
        path: '_posts/2025-09-20-x.md',
        text: '---\ntitle: x\n---\n\n詳しくは[K2 Think](/2025/09/12/2-k2-thinkai/)を参照。\n',
        findings: [{ line: 5, severity: 'warning', message: '/2025/09/13/2-k2-thinkai/' }],
        output: '---\ntitle: x\n---\n\n詳しくは[K2 Think](/2025/09/13/2-k2-thinkai/)を参照。\n',
      },
      {
        name: 'post_url naming no post',
        site: { ...SITE, ...TARGET },
        path: '_posts/2025-09-20-x.md',
        text: '---\ntitle: x\n---\n\n[K2]({% post_url 2025-09-12-2-k2-think %})\n',
        findings: [{ line: 5, severity: 'error' }],
      },
    ],
  },
  check({ post, site }) {
    if (!site || post.blocks.length === 0) return [];
    const { sections, datePrefixes } = linkTargets(site);
    const reports: Report[] = [];
    for (const ref of references(post)) {
      const line = post.lines.lineAt(ref.offset);
      const source = post.lines.line(line);
      const column = ref.offset - post.lines.startOf(line);
      const replaced = (value: string) => ({ line, endLine: line, replacement: source.slice(0, column) + value + source.slice(column + ref.target.length) });
      if (ref.kind === 'post_url') {
        if (postByName(ref.target, site).length > 0) continue;
        reports.push({
          line,
          severity: 'error',
          messageId: 'noPostUrlTarget',
          data: { target: ref.target },
        });
      } else if (ref.kind === 'link') {
        const target = ref.target.replace(/^\/+/, '');
        if (target.includes('{{') || site.exists(target)) continue;
        reports.push({
          line,
          severity: 'error',
          messageId: 'noLinkTarget',
          data: { target: ref.target },
        });
      } else if (ref.kind === 'ref' || ref.kind === 'zola') {
        const target = ref.target.replace(/^\/+/, '').replace(/#.*$/, '');
        const dir = site.site.contentDir ? `${site.site.contentDir}/` : '';
        const stem = target.replace(/\.(md|markdown)$/, '');
        const exists =
          site.exists(`${dir}${target}`) ||
          [`${dir}${stem}.md`, `${dir}${stem}/index.md`, `${dir}${stem}/_index.md`].some((p) => site.exists(p)) ||
          (ref.kind === 'ref' && !target.includes('/') && site.posts.some((p) => p.path.endsWith(`/${stem}.md`) || p.path.endsWith(`/${stem}/index.md`)));
        if (exists) continue;
        reports.push({
          line,
          severity: 'error',
          messageId: 'noContentFile',
          data: { kind: ref.kind === 'ref' ? 'ref' : '@/', target: ref.target },
        });
      } else {
        const path = internalPath(ref.target, site);
        if (path === undefined || !postShaped(path, datePrefixes, sections)) continue;
        if (variants(path).some((v) => (site.byUrl.get(v) ?? []).some(isBuilt))) continue;
        const meant = correctedUrl(path, site);
        const fixedTarget = meant ? ref.target.replace(ref.target.includes(path) ? path : ref.target, meant.url) : undefined;
        reports.push({
          line,
          messageId: 'noPost',
          data: {
            target: ref.target,
            meant: meant ? { en: `; ${site.displayPath(meant.path)} renders to ${meant.url}`, ja: `。${site.displayPath(meant.path)} の URL は ${meant.url} です` } : '',
          },
          ...(fixedTarget && fixedTarget !== ref.target ? { fix: replaced(fixedTarget) } : {}),
        });
      }
    }
    return reports;
  },
});
