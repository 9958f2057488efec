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
