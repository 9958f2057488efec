import { z } from 'zod';
import { regularExpression } from './pattern.js';

/** Options of the front-matter rules (`frontMatter:` in .github/editorial-review.yml). */
export const frontMatterOptions = z
  .strictObject({
    requiredKeys: z.array(z.string()).default(['layout', 'title', 'date']),
    /** Keys a post may carry; others are reported as info. Empty list: no check. */
    knownKeys: z
      .array(z.string())
      .default([
        'layout', 'title', 'date', 'categories', 'category', 'tags', 'author', 'excerpt', 'reading_time',
        'permalink', 'published', 'description', 'image', 'last_modified_at', 'slug', 'lang', 'draft', 'toc',
        'comments', 'redirect_from', 'series', 'summary', 'version', 'cover', 'hero', 'sitemap',
        // Hugo, Astro and Zola names.
        'publishDate', 'pubDate', 'updatedDate', 'lastmod', 'expiryDate', 'url', 'aliases', 'weight', 'keywords',
        'images', 'heroImage', 'authors', 'taxonomies', 'extra', 'path', 'template', 'updated',
      ]),
    /** Allowed values; empty = anything goes. */
    allowedCategories: z.array(z.string()).default([]),
    allowedTags: z.array(z.string()).default([]),
    /** Title length bounds in characters, per script. */
    titleLength: z
      .strictObject({
        cjk: z.strictObject({ min: z.number().int().min(0).default(10), max: z.number().int().min(1).default(60) }).default({ min: 10, max: 60 }),
        latin: z.strictObject({ min: z.number().int().min(0).default(15), max: z.number().int().min(1).default(100) }).default({ min: 15, max: 100 }),
      })
      .default({ cjk: { min: 10, max: 60 }, latin: { min: 15, max: 100 } }),
    /** Excerpt text a template left behind (a regular expression each, matched against the excerpt). */
    excerptTemplates: z
      .array(regularExpression)
      .default(['について詳細に分析します。?$', 'について(詳しく)?解説します。?$', '^This (post|article) (discusses|analyzes|explores)']),
    readingTime: z
      .strictObject({
        key: z.string().default('reading_time'),
        /** Characters per minute for Japanese text (default 500: the common figure for silent reading of Japanese). */
        cjkCharsPerMinute: z.number().positive().default(500),
        /** Words per minute for Latin-script text (default 238: Brysbaert 2019, silent reading of non-fiction). */
        latinWordsPerMinute: z.number().positive().default(238),
        /** Report when off by more than this ratio AND more than `minMinutes`. */
        tolerance: z.number().min(0).default(0.3),
        minMinutes: z.number().min(0).default(2),
      })
      .default({ key: 'reading_time', cjkCharsPerMinute: 500, latinWordsPerMinute: 238, tolerance: 0.3, minMinutes: 2 }),
    /**
     * A title ending shared by at least this many titles with different beginnings across the site is a
     * template tail (`front-matter/title-template`); twice as many make an error.
     */
    templateMinPosts: z.number().int().min(2).default(5),
    /** Check that a Jekyll file name's date matches the front-matter date. */
    fileNameDate: z.boolean().default(true),
  })
  .prefault({});

export type FrontMatterOptions = z.infer<typeof frontMatterOptions>;
