#!/usr/bin/env node
// Builds the bundled example blog repository (see examples/blog/README.md): a `main` branch of clean posts
// and a `pr` branch adding the five seeds as Jekyll posts plus an edit of an existing post. Deterministic.
//   node scripts/make-example-repo.mjs [DIR]     (default .editorial-review-cache/example-blog)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DIR = join(ROOT, '.editorial-review-cache', 'example-blog');
const SEEDS = join(ROOT, 'test', 'fixtures', 'seeds');
const SOURCE = join(ROOT, 'examples', 'blog');
/** The existing post the PR edits. */
export const EDITED_POST = '_posts/2014-11-12-jekyll-2-5-2-released.markdown';

/** `_posts/YYYY-MM-DD-slug.md` from the post's `date:` and the ASCII words of its title. */
export function jekyllName(text, fallback) {
  const date = /^date:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(text)?.[1] ?? '1970-01-01';
  const title = /^title:\s*(.*)$/m.exec(text)?.[1] ?? '';
  const words = (title.match(/[A-Za-z0-9]+/g) ?? []).slice(0, 5).map((w) => w.toLowerCase());
  return `_posts/${date}-${words.length ? words.join('-') : 'post'}-${fallback}.md`;
}

export function makeExampleRepo(dir = DEFAULT_DIR) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let tick = 0;
  const git = (...args) => {
    tick++;
    const date = `2026-01-0${Math.min(tick, 9)}T12:00:00Z`;
    return execFileSync('git', args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Example Author',
        GIT_AUTHOR_EMAIL: 'author@example.com',
        GIT_COMMITTER_NAME: 'Example Author',
        GIT_COMMITTER_EMAIL: 'author@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_SYSTEM: '/dev/null',
      },
    }).toString();
  };
  git('init', '-q', '-b', 'main');
  cpSync(join(SOURCE, '_posts'), join(dir, '_posts'), { recursive: true });
  cpSync(join(SOURCE, 'LICENSE-jekyll-posts'), join(dir, 'LICENSE-jekyll-posts'));
  writeFileSync(join(dir, '_config.yml'), 'title: Example blog\n');
  // On main, where the App reads it. The PR adds five heavily damaged posts: a comment cap above the
  // default 30 lets the review carry every suggestion, so applying them all equals `check --fix`.
  mkdirSync(join(dir, '.github'), { recursive: true });
  writeFileSync(join(dir, '.github', 'editorial-review.yml'), 'review:\n  maxComments: 80\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'A clean blog');

  git('checkout', '-q', '-b', 'pr');
  const added = [];
  for (const [i, name] of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().entries()) {
    const text = readFileSync(join(SEEDS, name), 'utf8');
    const path = jekyllName(text, String(i).padStart(3, '0'));
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    added.push(path);
  }
  // The edit of an existing post: a new paragraph, pasted twice (front matter untouched, outside the diff).
  const edited = join(dir, EDITED_POST);
  const paragraph =
    'Upgrading is as simple as running `gem update jekyll`. If anything breaks, please open an issue and tell us which version you came from.';
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('\nHappy Jekylling!', `\n${paragraph}\n\n${paragraph}\n\nHappy Jekylling!`));
  git('add', '-A');
  git('commit', '-q', '-m', 'Add five posts and update the 2.5.2 release note');
  git('checkout', '-q', 'main');
  return { dir, base: 'main', head: 'pr', added, edited: EDITED_POST };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir } = makeExampleRepo(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_DIR);
  process.stdout.write(`${dir}\n`);
}
