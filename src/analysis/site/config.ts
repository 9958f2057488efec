import { parse as parseYaml } from 'yaml';
import { parseJsonData, parseTomlData } from '../../post/front-matter-source.js';
import { Memo } from '../../core/memo.js';
import type { SiteFiles } from './files.js';
import type { DeclaredTerms, Generator, PathDefault, Site } from './site.js';

/**
 * Which generator builds the site whose root is `files`, and from which configuration file: the files
 * each generator's documentation names (Jekyll `_config.yml`, Hugo `hugo.toml`/`config.*`, Astro
 * `astro.config.*`, Zola `zola.toml`/`config.toml`). Null when the folder is no site root.
 */
export function detectGenerator(files: SiteFiles): { generator: Generator; configPath: string } | null {
  for (const name of ['_config.yml', '_config.yaml', '_config.toml']) if (files.exists(name)) return { generator: 'jekyll', configPath: name };
  for (const ext of ['toml', 'yaml', 'yml', 'json']) {
    if (files.exists(`hugo.${ext}`)) return { generator: 'hugo', configPath: `hugo.${ext}` };
  }
  if (files.exists('zola.toml')) return { generator: 'zola', configPath: 'zola.toml' };
  for (const ext of ['mjs', 'js', 'ts', 'mts', 'cjs', 'cts']) {
    if (files.exists(`astro.config.${ext}`)) return { generator: 'astro', configPath: `astro.config.${ext}` };
  }
  for (const ext of ['toml', 'yaml', 'yml', 'json']) {
    const path = `config.${ext}`;
    const text = files.exists(path) ? files.read(path) : undefined;
    if (text === undefined) continue;
    // Zola's config.toml says `base_url`; Hugo's says `baseURL` (its keys are case-insensitive).
    if (ext === 'toml' && /^\s*base_url\s*=/m.test(text)) return { generator: 'zola', configPath: path };
    if (/^\s*["']?baseurl["']?\s*[=:]/im.test(text) || files.exists('archetypes') || files.exists('layouts')) return { generator: 'hugo', configPath: path };
    if (files.exists('templates') && files.exists('content')) return { generator: 'zola', configPath: path };
  }
  for (const dir of ['config/_default', 'config/production']) {
    for (const name of ['hugo', 'config']) {
      for (const ext of ['toml', 'yaml', 'yml', 'json']) {
        if (files.exists(`${dir}/${name}.${ext}`)) return { generator: 'hugo', configPath: `${dir}/${name}.${ext}` };
      }
    }
  }
  // Jekyll also reads `_config.<env>.yml` given with --config. Only the root's own files: a folder that is
  // no site (the CLI asks every folder above a checked file) is not walked.
  const extra = files.list('', false).find((path) => /^_config\.[^/]+\.ya?ml$/.test(path));
  if (extra) return { generator: 'jekyll', configPath: extra };
  return null;
}

/** Reads a YAML, TOML or JSON file into plain data; a problem is pushed, never thrown. */
export function readDataFile(files: SiteFiles, path: string, problems: string[]): Record<string, unknown> | null {
  const text = files.read(path);
  if (text === undefined) return null;
  try {
    let data: unknown;
    if (/\.toml$/i.test(path)) {
      const result = parseTomlData(text);
      if (!result.data) throw new Error(result.error?.message ?? 'unreadable TOML');
      data = result.data;
    } else if (/\.json$/i.test(path)) {
      const parsed = parseJsonData(text);
      if (parsed.error) throw new Error(parsed.error.message);
      data = parsed.data;
    } else data = parseYaml(text, { schema: 'core', maxAliasCount: 100 });
    if (data === null || data === undefined) return {};
    if (typeof data !== 'object') throw new Error('not a mapping');
    return data as Record<string, unknown>;
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** Reads the site whose root is `files` (`root` is how the caller names that folder). */
export function readSite(files: SiteFiles, root: string): Site | null {
  const found = detectGenerator(files);
  if (!found) return null;
  const problems: string[] = [];
  const base: Site = {
    generator: found.generator,
    memo: new Memo(),
    root,
    configPath: found.configPath,
    postGlobs: [],
    permalinks: {},
    defaults: [],
    categories: null,
    tags: null,
    contentDir: '',
    routes: {},
    problems,
  };
  switch (found.generator) {
    case 'jekyll':
      return readJekyll(files, base);
    case 'hugo':
      return readHugo(files, base);
    case 'zola':
      return readZola(files, base);
    case 'astro':
      return readAstro(files, base);
  }
}

function readJekyll(files: SiteFiles, site: Site): Site {
  const config = readDataFile(files, site.configPath, site.problems) ?? {};
  const url = str(config.url);
  const baseurl = str(config.baseurl);
  if (url || baseurl) site.baseUrl = `${(url ?? '').replace(/\/+$/, '')}${baseurl ? `/${baseurl.replace(/^\/+|\/+$/g, '')}` : ''}`;
  site.timezone = validZone(str(config.timezone), site);
  site.postGlobs = ['_posts/**/*.{md,markdown}', '**/_posts/**/*.{md,markdown}'];
  const collections = config.collections;
  const postsCollection = collections && typeof collections === 'object' && !Array.isArray(collections) ? (collections as Record<string, unknown>).posts : undefined;
  const collectionPermalink = postsCollection && typeof postsCollection === 'object' ? str((postsCollection as Record<string, unknown>).permalink) : undefined;
  site.permalinks[''] = collectionPermalink ?? str(config.permalink) ?? 'date';
  if (Array.isArray(config.defaults)) {
    for (const d of config.defaults) {
      if (!d || typeof d !== 'object') continue;
      const scope = ((d as Record<string, unknown>).scope ?? {}) as Record<string, unknown>;
      const values = (d as Record<string, unknown>).values;
      if (!values || typeof values !== 'object') continue;
      site.defaults.push({
        path: typeof scope.path === 'string' ? scope.path.replace(/^\/+|\/+$/g, '') : '',
        ...(typeof scope.type === 'string' ? { type: scope.type } : {}),
        values: values as Record<string, unknown>,
      });
    }
  }
  site.categories =
    declaredInConfig(config, /^(?:[a-z0-9]+_)?categories$|^category_list$/i, site.configPath) ??
    declaredInData(files, 'categories', site.problems) ??
    nestedCategories(config, site.configPath);
  site.tags = declaredInConfig(config, /^(?:[a-z0-9]+_)?tags$|^tag_list$/i, site.configPath) ?? declaredInData(files, 'tags', site.problems);
  return site;
}

/**
 * A top-level list in the config naming the site's terms: strings, or objects with a `name`/`title`/
 * `slug`/`id` (e.g. `content_categories: [{name: 最新動向, …}]`). Nested keys (a generator's prompt
 * settings, a plugin's options) are not the site's declared set and are not read.
 */
function declaredInConfig(config: Record<string, unknown>, key: RegExp, source: string): DeclaredTerms | null {
  for (const [k, v] of Object.entries(config)) {
    if (!key.test(k)) continue;
    const terms = termsOf(v);
    if (terms && terms.length > 0) return { terms, source: `${source} (${k})` };
  }
  return null;
}

function termsOf(value: unknown): string[] | null {
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (const item of value) {
      if (typeof item === 'string' || typeof item === 'number') out.push(String(item));
      else if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const name = str(o.name) ?? str(o.title) ?? str(o.label) ?? str(o.slug) ?? str(o.id);
        if (name) out.push(name);
      }
    }
    return out.length === value.length ? out : null;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length > 0 && Object.values(value).every((v) => v && typeof v === 'object') ? keys : null;
  }
  return null;
}

/**
 * A `categories:` list one level down (`blog: {categories: […]}`), when the site declares none at the
 * top: categories are the site's sections and are listed where its settings live. Tags are free-form
 * on most sites, so only a top-level or `_data/` list of tags counts.
 */
function nestedCategories(config: Record<string, unknown>, source: string): DeclaredTerms | null {
  for (const [k, v] of Object.entries(config)) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const terms = termsOf((v as Record<string, unknown>).categories);
    if (terms && terms.length > 0 && terms.every((t) => typeof t === 'string')) return { terms, source: `${source} (${k}.categories)` };
  }
  return null;
}

/** `_data/categories.yml` (or .yaml/.json/.toml): the site's own data file of terms. */
function declaredInData(files: SiteFiles, name: string, problems: string[]): DeclaredTerms | null {
  for (const ext of ['yml', 'yaml', 'json', 'toml']) {
    const path = `_data/${name}.${ext}`;
    if (!files.exists(path)) continue;
    const text = files.read(path);
    let data: unknown = null;
    try {
      data = ext === 'json' ? JSON.parse(text ?? 'null') : ext === 'toml' ? readDataFile(files, path, problems) : parseYaml(text ?? '', { schema: 'core', maxAliasCount: 100 });
    } catch (error) {
      problems.push(`${path}: ${(error as Error).message.split('\n')[0]}`);
    }
    const terms = termsOf(data);
    if (terms && terms.length > 0) return { terms, source: path };
  }
  return null;
}

function validZone(zone: string | undefined, site: Site): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    site.problems.push(`${site.configPath}: unknown time zone "${zone}"; dates are read in UTC`);
    return undefined;
  }
}

/** Hugo's configuration keys are case-insensitive: lower-case them all (values untouched). */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
  }
  return value;
}

function readHugo(files: SiteFiles, site: Site): Site {
  const config = (lowerKeys(readDataFile(files, site.configPath, site.problems) ?? {}) ?? {}) as Record<string, unknown>;
  const baseUrl = str(config.baseurl);
  if (baseUrl) site.baseUrl = baseUrl.replace(/\/+$/, '');
  site.timezone = validZone(str(config.timezone), site);
  site.contentDir = (str(config.contentdir) ?? 'content').replace(/^\.?\/+|\/+$/g, '');
  site.postGlobs = [`${site.contentDir}/**/*.{md,markdown}`];
  const permalinks = config.permalinks;
  if (permalinks && typeof permalinks === 'object') {
    const p = permalinks as Record<string, unknown>;
    const page = p.page && typeof p.page === 'object' ? (p.page as Record<string, unknown>) : {};
    for (const [section, pattern] of Object.entries({ ...p, ...page })) if (typeof pattern === 'string') site.permalinks[section] = pattern;
  }
  // Terms that have their own page (`content/categories/<term>/_index.md`) are the declared ones.
  const taxonomies = config.taxonomies && typeof config.taxonomies === 'object' ? (config.taxonomies as Record<string, unknown>) : { category: 'categories', tag: 'tags' };
  const plural = (singular: string): string | undefined => str(taxonomies[singular]);
  site.categories = termPages(files, site.contentDir, plural('category'));
  site.tags = termPages(files, site.contentDir, plural('tag'));
  return site;
}

function termPages(files: SiteFiles, contentDir: string, taxonomy: string | undefined): DeclaredTerms | null {
  if (!taxonomy) return null;
  const dir = `${contentDir}/${taxonomy}`;
  const terms = new Set<string>();
  for (const path of files.list(dir)) {
    const m = new RegExp(`^${escapeRegExp(dir)}/([^/]+)/_index\\.(?:md|markdown)$`).exec(path);
    if (m) terms.add(m[1]!);
  }
  return terms.size > 0 ? { terms: [...terms].sort(), source: `${dir}/*/_index.md` } : null;
}

function readZola(files: SiteFiles, site: Site): Site {
  const config = readDataFile(files, site.configPath, site.problems) ?? {};
  const baseUrl = str(config.base_url);
  if (baseUrl) site.baseUrl = baseUrl.replace(/\/+$/, '');
  site.contentDir = 'content';
  site.postGlobs = ['content/**/*.md'];
  return site;
}

function readAstro(files: SiteFiles, site: Site): Site {
  const text = files.read(site.configPath) ?? '';
  // The config is code; its `site` and `base` are string literals in every documented example.
  const siteUrl = /\bsite\s*:\s*['"`]([^'"`]+)['"`]/.exec(text)?.[1];
  const baseDir = /\bbase\s*:\s*['"`]([^'"`]+)['"`]/.exec(text)?.[1];
  if (siteUrl || baseDir) site.baseUrl = `${(siteUrl ?? '').replace(/\/+$/, '')}${baseDir ? `/${baseDir.replace(/^\/+|\/+$/g, '')}` : ''}`;
  site.contentDir = 'src/content';
  site.postGlobs = ['src/content/**/*.{md,mdx}'];
  // Astro 5 collections may load from elsewhere: `glob({ pattern: …, base: './src/data/blog' })`.
  for (const path of ['src/content.config.ts', 'src/content.config.mjs', 'src/content.config.js', 'src/content/config.ts', 'src/content/config.mjs', 'src/content/config.js']) {
    const source = files.read(path);
    if (source === undefined) continue;
    for (const m of source.matchAll(/\bbase\s*:\s*['"`]\.?\/?([^'"`]+?)\/?['"`]/g)) site.postGlobs.push(`${m[1]}/**/*.{md,mdx}`);
    site.categories = astroEnum(source, /\bcategor(?:y|ies)\s*:/, path);
    site.tags = astroEnum(source, /\btags?\s*:/, path);
    break;
  }
  // Which URL a collection's entries get: the pages route that renders them (`src/pages/blog/[...slug].astro`).
  for (const path of files.list('src/pages')) {
    const m = /^src\/pages\/(.*?)\/?\[(?:\.\.\.)?(?:slug|id)\]\.(?:astro|md|mdx|ts|js)$/.exec(path);
    if (m) site.routes[m[1]!.split('/').pop() || ''] = m[1] ? `/${m[1]}/` : '/';
  }
  return site;
}

/** A zod `z.enum([...])` (or `z.array(z.enum([...]))`) for the key matched by `key`: the declared terms. */
function astroEnum(source: string, key: RegExp, path: string): DeclaredTerms | null {
  const at = source.search(key);
  if (at < 0) return null;
  const m = /^[^\n]*?z\s*\.\s*(?:array\(\s*z\s*\.\s*)?enum\(\s*\[([^\]]*)\]/.exec(source.slice(at));
  if (!m) return null;
  const terms = [...m[1]!.matchAll(/['"`]([^'"`]+)['"`]/g)].map((t) => t[1]!);
  return terms.length > 0 ? { terms, source: path } : null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type { PathDefault };
