/**
 * Internal links over a whole site: every post of the ai-blog-system site at the bundle's head (or the
 * commit given) checked by site/link-broken, as `check` reads the site. Prints the internal references
 * found (Markdown links, reference definitions and `href`s to the site's own host or to root paths,
 * `{% post_url %}`, `{% link %}`), those that are post-shaped, the broken ones and the share with a fix.
 *
 *   npm run bench:site-links [-- --commit <sha>]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readSite } from '../src/analysis/site/config.js';
import { checkedPost, createSiteContext, readSitePosts } from '../src/analysis/site/context.js';
import { DirectorySiteFiles } from '../src/analysis/site/files.js';
import { defaultConfig } from '../src/config/load.js';
import { checkPost } from '../src/lint/check.js';
import { readPost } from '../src/lint/run.js';
import { emptyCorpus } from '../src/analysis/corpus/summary.js';
import linkBroken from '../src/rules/site/link-broken.js';

const { values } = parseArgs({ options: { commit: { type: 'string' } } });
const bundle = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'ai-blog-system-site.bundle');
const work = mkdtempSync(join(tmpdir(), 'er-bench-links-'));
execFileSync('git', ['clone', '-q', '-b', 'site-dev', bundle, work]);
if (values.commit) execFileSync('git', ['-C', work, 'checkout', '-q', values.commit]);
const head = execFileSync('git', ['-C', work, 'log', '-1', '--format=%h %cI'], { encoding: 'utf8' }).trim();
const files = new DirectorySiteFiles(work);
const site = readSite(files, work)!;
const sitePosts = readSitePosts(site, files);
const posts = sitePosts.map((p) => readPost(join(work, p.path), p.path));
const context = createSiteContext({ site, posts: sitePosts, checked: posts.map(checkedPost), exists: (p) => files.exists(p) });
const config = defaultConfig();

const host = site.baseUrl ? new URL(site.baseUrl).host : undefined;
const INTERNAL = /\]\(\s*<?((?:https?:\/\/[^/)\s]+)?\/[^)\s>]*)|\bhref\s*=\s*["']((?:https?:\/\/[^/"']+)?\/[^"']*)["']|\{%-?\s*(?:post_url|link)\s/g;
let internal = 0;
for (const post of posts) {
  for (const block of post.blocks) {
    if (block.type === 'code') continue;
    for (const m of block.source.matchAll(INTERNAL)) {
      const url = m[1] ?? m[2];
      if (url && /^https?:/.test(url) && host && !url.includes(`//${host}`)) continue;
      internal++;
    }
  }
}
let broken = 0;
let fixed = 0;
for (const post of posts) {
  for (const f of checkPost(post, { config, rules: [linkBroken], corpus: emptyCorpus(), site: context })) {
    broken++;
    if (f.fix) fixed++;
  }
}
console.log(`${site.generator} site at ${head}: ${posts.length} posts, ${sitePosts.length} URLs`);
console.log(`internal references (root paths, the site's host, post_url, link): ${internal}`);
console.log(`broken (site/link-broken): ${broken}; with a fix: ${fixed}${broken ? ` (${Math.round((100 * fixed) / broken)}%)` : ''}`);
rmSync(work, { recursive: true, force: true });
