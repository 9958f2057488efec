import type { Memo } from '../../core/memo.js';
/** The generators whose sites the reviewer understands. */
export type Generator = 'jekyll' | 'hugo' | 'astro' | 'zola';

/** A front-matter default by path (Jekyll `defaults:`): values a post gets unless it sets them itself. */
export interface PathDefault {
  /** Root-relative folder the default applies to ('' = everywhere). */
  path: string;
  /** Jekyll document type (`posts`, `pages`, a collection), when the scope names one. */
  type?: string;
  values: Record<string, unknown>;
}

/** A declared set of terms (categories or tags) and where the site declares it. */
export interface DeclaredTerms {
  terms: string[];
  /** Root-relative file that declares them, and the key (for messages). */
  source: string;
}

/**
 * What decides how a site publishes its posts, read from its configuration: the URL pattern, the time
 * zone dates are read in, which files are posts, defaults by path, the declared taxonomy terms.
 */
export interface Site {
  generator: Generator;
  /** What is worked out from these settings (the post-glob matcher), kept with them (`core/memo.ts`). */
  readonly memo: Memo;
  /** The site's root: an absolute directory (CLI) or a repository-relative folder ('' = the repository root). */
  root: string;
  /** Root-relative path of the configuration file read. */
  configPath: string;
  baseUrl?: string;
  /** IANA time zone the generator reads and writes dates in (Jekyll `timezone`, Hugo `timeZone`); undefined: UTC. */
  timezone?: string;
  /** Root-relative globs of the files that are posts. */
  postGlobs: string[];
  /** URL patterns: key '' is the site-wide one; others are a Jekyll collection or a Hugo/Astro/Zola section. */
  permalinks: Record<string, string>;
  defaults: PathDefault[];
  categories: DeclaredTerms | null;
  tags: DeclaredTerms | null;
  /** Where the generator's content lives (Hugo/Zola `content`, Astro `src/content`; Jekyll ''). */
  contentDir: string;
  /** Astro: collection → URL prefix of its pages route (`blog` → `/blog/`). */
  routes: Record<string, string>;
  /** Problems reading the configuration (a broken file is reported, never fatal). */
  problems: string[];
}

/** One post of the site as the generator sees it: its metadata (front matter, defaults applied) and its URL. */
export interface SitePost {
  /** Root-relative path. */
  path: string;
  meta: SitePostMeta;
  /** The URL it renders to (path only, decoded, NFC). */
  url: string;
  /** `YYYY-MM-DD` of the date the URL is built from (in the site's zone), when the generator dates it. */
  urlDate?: string;
  /** The body's first line (`firstBodyLine`), when the reader had the text: title rules compare titles with headlines. */
  headline?: string;
}

export interface SitePostMeta {
  title?: string;
  /** The post's own `excerpt`, for rules that compare excerpts across posts. */
  excerpt?: string;
  /** The date value as written, and the key it came from (`date`, `publishDate`, `pubDate`…). */
  date?: string;
  dateKey?: string;
  slug?: string;
  /** A URL the post sets for itself (Jekyll `permalink`, Hugo `url`, Zola `path`). */
  permalink?: string;
  categories?: string[];
  tags?: string[];
  /** `published: false` or `draft: true`. */
  unpublished?: boolean;
}
