import { z } from 'zod';
import { SEVERITIES } from '../core/finding.js';
import { DEFAULT_RULE_DOCS } from '../core/project.js';
import { frontMatterOptions } from './front-matter.js';
import { duplicationOptions } from './duplication.js';
import { truncationOptions } from './truncation.js';
import { claimsOptions } from './claims.js';
import { corpusOptions } from './corpus.js';
import { artifactsOptions } from './artifacts.js';

/** How the App answers on GitHub (`review:`). The CLI ignores it. */
export const reviewOptions = z
  .strictObject({
    /** `REQUEST_CHANGES` is used only when this is set and an error-level finding exists. */
    requestChangesOnErrors: z.boolean().default(false),
    maxComments: z.number().int().min(0).max(100).default(30),
    /** Check-run conclusion when error-level findings exist. */
    conclusionOnErrors: z.enum(['failure', 'neutral']).default('failure'),
    includeDrafts: z.boolean().default(false),
    /** Posts larger than this are skipped with a note. */
    maxFileBytes: z.number().int().positive().default(1024 * 1024),
  })
  .prefault({});

/** The site, for rules that need URLs (`site:`). */
export const siteOptions = z
  .strictObject({
    /** Jekyll permalink pattern, e.g. `/:categories/:year/:month/:day/:title/`. */
    permalink: z.string().optional(),
    baseUrl: z.string().optional(),
  })
  .prefault({});

export type SiteOptions = z.infer<typeof siteOptions>;

/** `.github/editorial-review.yml`: the same file for the CLI (`--config`) and the App (default branch). */
export const configSchema = z
  .strictObject({
    /**
     * Organisation-wide defaults this file builds on (as probot/settings and stale do). The App reads
     * `.github` (the organisation's `.github` repository), `repo`, `owner/repo` or `repo:path.yml` (same
     * path by default); the CLI a file path relative to this file. Keys set here win over the inherited.
     */
    _extends: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Defaults to build on: in the GitHub App `.github`, `repo`, `owner/repo` or `repo:path.yml`; in the CLI a file path relative to this file.' }),
    /** Language of messages: `auto` follows each post. */
    language: z.enum(['auto', 'en', 'ja']).default('auto').meta({ description: 'Language of messages: `auto` follows each post.' }),
    /** Which changed files are posts (the App; the CLI when given a directory). */
    posts: z.array(z.string()).min(1).default(['_posts/**/*.{md,markdown}']).meta({ description: 'Globs of the files that are posts.' }),
    /** Per-rule severity or `off`, by rule id. */
    rules: z
      .record(z.string(), z.enum([...SEVERITIES, 'off']))
      .default({})
      .meta({ description: 'Severity per rule id (`error`, `warning`, `info`) or `off`.' }),
    /**
     * URL of a rule's documentation, `{id}` standing for the rule id (SARIF `helpUri`, the review's links);
     * default: the rule's page under `docs/rules/` in the project's repository, written from its metadata.
     */
    ruleDocs: z
      .string()
      .includes('{id}')
      .default(DEFAULT_RULE_DOCS)
      .meta({ description: "URL of a rule's documentation, `{id}` standing for the rule id; default: the rule's page under docs/rules/." }),
    frontMatter: frontMatterOptions,
    duplication: duplicationOptions,
    truncation: truncationOptions,
    claims: claimsOptions,
    artifacts: artifactsOptions,
    corpus: corpusOptions,
    review: reviewOptions,
    site: siteOptions,
  })
  .prefault({});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
