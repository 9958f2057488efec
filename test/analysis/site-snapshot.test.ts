import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { loadLocalSite, siteRun } from '../../src/cli/site.js';
import { checkedPost, checkedSitePosts } from '../../src/analysis/site/context.js';
import { restoreSiteContext, sitePathFor, type SiteContextSnapshot } from '../../src/analysis/site/directory.js';
import type { SiteContext } from '../../src/analysis/site/context.js';
import { parsePost } from '../../src/post/parse.js';
import { cloneSiteBundle, hasShared } from '../helpers.js';

// The site bundle's head (MIT, nullponull/ai-blog-system): a Jekyll site in Asia/Tokyo whose posts are dated in UTC.
let dir: string;
let site: string;

beforeAll(() => {
  if (!hasShared) return;
  dir = mkdtempSync(join(tmpdir(), 'er-site-snapshot-'));
  site = cloneSiteBundle(dir)!;
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasShared)('a site context sent to a worker (snapshot, restoreSiteContext)', () => {
  it('carries the checked posts as the site publishes them: the worker rebuilds the same context without dating them again', () => {
    const config = defaultConfig();
    const local = loadLocalSite(site, { cwd: site, config, noCache: true })!;
    // Every 10th post of the head, and a page outside the posts folder.
    const files = fg.sync('_posts/**/*.md', { cwd: site }).sort().filter((_, i) => i % 10 === 0);
    const checked = files.map((file) => checkedPost(parsePost(file, readFileSync(join(site, file), 'utf8'))));
    checked.push(checkedPost(parsePost('README.md', readFileSync(join(site, 'README.md'), 'utf8'))));
    const context = siteRun(local).context(checked) as SiteContext & { snapshot(): SiteContextSnapshot };

    const snapshot = deserialize(serialize(context.snapshot())) as SiteContextSnapshot;
    expect(snapshot.checkedSitePosts).toEqual(checkedSitePosts(local.site, checked, sitePathFor(site, site)));
    // The worker's context is the one the snapshot's posts make, whether or not they were carried.
    const { checkedSitePosts: _carried, ...without } = snapshot;
    for (const restored of [restoreSiteContext(snapshot), restoreSiteContext(without)]) {
      expect(restored.posts).toEqual(context.posts);
      expect([...restored.byPath]).toEqual([...context.byPath]);
      expect([...restored.byUrl]).toEqual([...context.byUrl]);
      for (const post of checked) expect(restored.sitePath({ path: post.path } as never)).toBe(context.sitePath({ path: post.path } as never));
    }
    // A carried post is the very object the restored context holds: it is not placed a second time.
    const restored = restoreSiteContext(snapshot);
    const carried = snapshot.checkedSitePosts!.filter((p) => p !== undefined && restored.byPath.has(p.path));
    expect(carried.length).toBeGreaterThan(100);
    for (const post of carried) expect(restored.byPath.get(post!.path)).toBe(post);
  });
});
