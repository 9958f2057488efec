import { describe, expect, it } from 'vitest';
import { permalinkOf } from '../../../src/analysis/corpus/permalink.js';

describe('permalinkOf (Jekyll placeholders)', () => {
  it('uses the date style by default, with lowercased categories and the file slug', () => {
    expect(permalinkOf('_posts/2025-09-20-2-nvidia.md', { date: '2025-09-20 16:34:20 +0000', categories: ['業界分析'] })).toBe(
      '/業界分析/2025/09/20/2-nvidia.html',
    );
    expect(permalinkOf('_posts/2024-01-05-Hello.md', { categories: ['Release', 'News'] })).toBe('/release/news/2024/01/05/Hello.html');
  });

  it('prefers the front-matter date and slug, and follows named styles and patterns', () => {
    const meta = { date: '2025-10-01 09:00:00 +0900', slug: 'My Post' };
    expect(permalinkOf('_posts/2025-09-30-x.md', meta, 'pretty')).toBe('/2025/10/01/my-post/');
    expect(permalinkOf('_posts/2025-09-30-x.md', meta, '/blog/:year/:title/')).toBe('/blog/2025/my-post/');
    expect(permalinkOf('content/posts/hello.md', {}, '/:title/')).toBe('/hello/');
  });

  it('a front-matter permalink wins and URLs are compared in one form', () => {
    expect(permalinkOf('_posts/2025-01-01-a.md', { permalink: '/news//a/index.html' })).toBe('/news/a/');
    expect(permalinkOf('_posts/2025-01-01-a.md', { permalink: '/%E6%A5%AD/a.html' })).toBe('/業/a.html');
  });
});
