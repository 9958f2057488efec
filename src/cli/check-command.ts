import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { applyFixes } from '../lint/fix.js';
import type { Finding } from '../core/finding.js';
import { checkPosts, readPost } from '../lint/run.js';
import { parsePost } from '../post/parse.js';
import type { Post } from '../post/post.js';
import { allRules } from '../rules/index.js';
import { displayPath, postsBelow } from './files.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { formatText } from './format/text.js';

export interface CheckCommandOptions {
  /** Paths as the user named them, relative to `cwd` (findings show them so). */
  files: string[];
  cwd: string;
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  config: Config;
  corpus?: string;
  color: boolean;
  version: string;
}

const MAX_FIX_PASSES = 10;

export interface CheckCommandResult {
  output: string;
  exitCode: number;
}

/** `editorial-review check`: read, check, optionally fix until nothing changes, and format. */
export function runCheck(options: CheckCommandOptions): CheckCommandResult {
  const absolute = (file: string) => resolve(options.cwd, file);
  const corpus = options.corpus
    ? postsBelow(absolute(options.corpus)).map((file) => readPost(file, displayPath(file, options.cwd)))
    : [];
  let posts: Post[] = options.files.map((file) => readPost(absolute(file), displayPath(file, options.cwd)));
  // A checked file that is also in the corpus is compared with the others, not with itself twice.
  const others = corpus.filter((post) => !posts.some((p) => p.path === post.path));
  let { findings } = checkPosts(posts, options.config, others);

  let fixed = 0;
  if (options.fix) {
    // Like ESLint: fixes that overlapped are applied on the next pass; stop when a pass changes nothing.
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      let changed = false;
      posts = posts.map((post, i) => {
        const fixes = findings.filter((f) => f.path === post.path && f.fix).map((f) => f.fix!);
        if (fixes.length === 0 || post.problems.some((p) => p.kind === 'binary' || p.kind === 'too-large')) return post;
        const original = readFileSync(absolute(options.files[i]!), 'utf8');
        const result = applyFixes(original, fixes);
        if (result.applied.length === 0) return post;
        writeFileSync(absolute(options.files[i]!), result.output);
        fixed += result.applied.length;
        changed = true;
        return parsePost(post.path, result.output);
      });
      ({ findings } = checkPosts(posts, options.config, others));
      if (!changed) break;
    }
  }

  const output = format(findings, posts, options, fixed);
  return { output, exitCode: findings.some((f) => f.severity === 'error') ? 1 : 0 };
}

function format(findings: Finding[], posts: Post[], options: CheckCommandOptions, fixed: number): string {
  switch (options.format) {
    case 'json':
      return formatJson(findings);
    case 'sarif':
      return formatSarif(findings, allRules, posts, options.version);
    default:
      return formatText(findings, { color: options.color, ...(options.fix ? { fixed } : {}) });
  }
}
