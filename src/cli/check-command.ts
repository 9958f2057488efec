import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { fixUntilStable } from '../lint/fix-until-stable.js';
import type { Finding } from '../core/finding.js';
import { checkPosts, readPost } from '../lint/run.js';
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
    const result = fixUntilStable(posts, findings, (current) => checkPosts(current, options.config, others).findings);
    posts.forEach((post, i) => {
      if (result.files.get(post.path)?.changed) writeFileSync(absolute(options.files[i]!), result.texts.get(post.path)!);
    });
    ({ posts, findings, applied: fixed } = result);
  }

  const output = format(findings, posts, options, fixed);
  return { output, exitCode: findings.some((f) => f.severity === 'error') ? 1 : 0 };
}

function format(findings: Finding[], posts: Post[], options: CheckCommandOptions, fixed: number): string {
  switch (options.format) {
    case 'json':
      return formatJson(findings);
    case 'sarif':
      return formatSarif(findings, allRules, posts, options.version, options.config);
    default:
      return formatText(findings, { color: options.color, ...(options.fix ? { fixed } : {}) });
  }
}
