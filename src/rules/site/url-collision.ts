import { defineRule } from '../rule.js';
import { absolute, isBuilt, relatedSitePost, urlEntry } from './shared.js';

const SITE = { '_config.yml': 'permalink: /:year/:month/:day/:title/\ntimezone: Asia/Tokyo\n' };
const OTHER = '_posts/2025-10-03-3-ai-article-update.md';

/**
 * Two posts that render to one URL: the generator writes one file over the other, so one article
 * disappears from the site and every link to it shows the other. The URL is computed as the site's
 * generator computes it (permalink pattern, slug, date in the site's zone, the post's own permalink).
 */
export default defineRule({
  id: 'site/url-collision',
  category: 'site',
  defaultSeverity: 'error',
  crossPost: true,
  specificity: 30,
  description: {
    en: 'Another post of the site renders to the same URL.',
    ja: 'サイトの別の記事と同じ URL に出力される。',
  },
  messages: {
    sameUrl: {
      en: 'this post and {{names}} both render to {{url}}: one overwrites the other on the site. Give this post its own slug{{orDate}}',
      ja: 'この記事と {{names}} はどちらも {{url}} に出力され、サイト上で一方が他方を上書きします。この記事に別のスラッグ{{orDate}}を付けてください',
    },
  },
  evidence: {
    error: "Another published post of the site whose URL, computed from the site's configuration as its generator does, is the same.",
  },
  examples: {
    valid: [
      {
        name: 'the same slug on another day',
        site: { ...SITE, [OTHER]: '---\ntitle: a\ndate: 2025-10-03 01:00:00 +0900\n---\n' },
        path: '_posts/2025-10-04-3-ai-article-update.md',
        text: '---\ntitle: b\ndate: 2025-10-04 10:00:00 +0900\n---\n\nBody.\n',
      },
      {
        name: 'the other post is not published',
        site: { ...SITE, [OTHER]: '---\ntitle: a\npublished: false\ndate: 2025-10-04 01:00:00 +0900\n---\n' },
        path: '_posts/2025-10-04-3-ai-article-update.md',
        text: '---\ntitle: b\ndate: 2025-10-04 10:00:00 +0900\n---\n\nBody.\n',
      },
    ],
    invalid: [
      {
        name: "yesterday's post moved into today by the time zone",
        source: 'ai-blog-system _posts/2025-10-04-3-ai-article-update.md at 88acc73c (MIT)',
        site: { ...SITE, [OTHER]: '---\nlayout: post\ntitle: "テキサスがAIデータセンターの新たな聖地となる真意とは？"\ndate: 2025-10-03 16:38:02 +0000\n---\n' },
        path: '_posts/2025-10-04-3-ai-article-update.md',
        text: '---\nlayout: post\ntitle: "河南省のAI産業の可能性とは"\ndate: 2025-10-04 04:35:54 +0000\n---\n\n本文。\n',
        findings: [{ line: 4, severity: 'error', message: OTHER }],
      },
    ],
  },
  check({ post, site }) {
    if (!site || !post.frontMatter) return [];
    const self = site.postFor(post);
    if (!self || !isBuilt(self)) return [];
    const others = (site.byUrl.get(self.url) ?? []).filter((p) => p.path !== self.path && isBuilt(p));
    if (others.length === 0) return [];
    const entry = urlEntry(post, site);
    const line = entry?.line ?? post.frontMatter.startLine;
    const names = others.map((p) => site.displayPath(p.path)).join(', ');
    const url = absolute(site, self.url);
    return [
      {
        line,
        endLine: entry?.endLine ?? line,
        messageId: 'sameUrl',
        data: { names, url, orDate: site.site.generator === 'jekyll' ? { en: ' (file name) or date', ja: '（ファイル名）か日付' } : '' },
        related: others.map((p) => relatedSitePost(site, p, 'same URL')),
      },
    ];
  },
});
