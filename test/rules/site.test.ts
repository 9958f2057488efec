import { ruleTester } from '../rule-tester.js';
import { siteRules } from '../../src/rules/site/index.js';

for (const rule of siteRules) ruleTester(rule);
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import urlCollision from '../../src/rules/site/url-collision.js';

const corpus = (name: string) => readFileSync(join(__dirname, '../fixtures/corpus/_posts', name), 'utf8');

// The clash the old repository/duplicate-permalink rule was shown with, now read through the site.
ruleTester(urlCollision, {
  invalid: [
    {
      name: 'an explicit permalink equal to another post’s URL in Jekyll’s default `date` style',
      source: 'test/fixtures/corpus (ai-blog-system, MIT)',
      site: { '_config.yml': 'title: x\n', '_posts/2025-09-20-2-nvidia.md': corpus('2025-09-20-2-nvidia.md') },
      path: '_posts/2025-11-01-1-permalink-clash.md',
      text: corpus('2025-11-01-1-permalink-clash.md'),
      findings: [{ line: 6, severity: 'error', message: '/業界分析/2025/09/20/2-nvidia.html' }],
    },
  ],
  valid: [
    {
      name: 'with the `pretty` style the other post’s URL ends in a slash: no clash',
      site: { '_config.yml': 'permalink: pretty\n', '_posts/2025-09-20-2-nvidia.md': corpus('2025-09-20-2-nvidia.md') },
      path: '_posts/2025-11-01-1-permalink-clash.md',
      text: corpus('2025-11-01-1-permalink-clash.md'),
    },
  ],
});

import { readdirSync } from 'node:fs';
import linkBroken from '../../src/rules/site/link-broken.js';

const SLICE = join(__dirname, '../fixtures/sites/jekyll-ai-blog');
const sliceFiles: Record<string, string> = {
  '_config.yml': readFileSync(join(SLICE, '_config.yml'), 'utf8'),
  ...Object.fromEntries(readdirSync(join(SLICE, '_posts')).map((n) => [`_posts/${n}`, readFileSync(join(SLICE, '_posts', n), 'utf8')])),
};

// A link built from a post's file name, on the real site where UTC dates moved URLs to the next day.
ruleTester(linkBroken, {
  invalid: [
    {
      name: 'a link to K2 Think by its file-name date: the post renders a day later; the fix is its URL',
      source: 'test/fixtures/sites/jekyll-ai-blog (ai-blog-system, MIT)',
      site: sliceFiles,
      path: '_posts/2025-09-20-1-follow-up.md',
      text: '---\ntitle: follow-up\n---\n\n前回の[「K2 Think」の記事](https://ai-allforces.allforces.wuaze.com/2025/09/12/2-k2-thinkai/)の続きです。\n',
      findings: [{ line: 5, severity: 'warning', message: '/2025/09/13/2-k2-thinkai/' }],
      output: '---\ntitle: follow-up\n---\n\n前回の[「K2 Think」の記事](https://ai-allforces.allforces.wuaze.com/2025/09/13/2-k2-thinkai/)の続きです。\n',
    },
  ],
  valid: [
    {
      name: 'the link the site really has',
      site: sliceFiles,
      path: '_posts/2025-09-20-1-follow-up.md',
      text: '---\ntitle: follow-up\n---\n\n前回の[記事](/2025/09/13/2-k2-thinkai/)の続きです。\n',
    },
  ],
});
