import type { Config } from '../config/schema.js';
import { CATEGORIES, findingsByPath, type Finding, type Fix, type Severity } from '../core/finding.js';
import { fingerprint } from '../lint/fingerprint.js';
import { selectFixes } from '../lint/fix.js';
import { ruleDocsUrl } from '../lint/rule-docs.js';
import type { Post } from '../post/post.js';
import { clip, codeSpan, escapeMarkdown, escapePath, fenced, marker } from './markdown.js';
import { splitLines, type Fixpoints } from '../lint/fix-until-stable.js';
import { regions } from './regions.js';
import { hunkContaining, type Hunk } from './patch.js';

/**
 * The pure core of the App: from the checked files (with their diff hunks), the findings and what the App
 * already said on the pull request, decide the one review, the check run and the comments to minimise.
 * No I/O here; `run.ts` feeds it and sends what it returns.
 */

export const CHECK_NAME = 'editorial-review';
/** How every review of the App's begins (the fence before posting recognises the App's reviews by it). */
export const REVIEW_HEADING = `**${CHECK_NAME}**`;

/** A changed file that matched the post globs. */
export interface ReviewedFile {
  path: string;
  /** GitHub's file status: added, modified, renamed, copied, changed. */
  status: string;
  /** RIGHT-side hunks of the patch; empty when GitHub gave no patch. */
  hunks: Hunk[];
  hasPatch: boolean;
  /** The post as read at the head commit; absent when the file was skipped (see `note`). */
  post?: Post;
  /** Why the file was skipped or only partly reviewed (too large, not a file, no patch, read error). */
  note?: string;
}

/** A review comment the App posted before, found by its hidden fingerprint. */
export interface PreviousComment {
  key: string;
  path: string;
  /** GraphQL node id, for `minimizeComment`. */
  nodeId: string;
}

export interface PlanInput {
  headSha: string;
  files: ReviewedFile[];
  findings: Finding[];
  config: Config;
  previousComments: PreviousComment[];
  /** Keys already reported in the body of an earlier review (findings outside the diff, overflow). */
  previousBodyKeys: ReadonlySet<string>;
  /** Paths of every changed file of the pull request (to tell a vanished post from an unread one). */
  changedPaths: ReadonlySet<string>;
  /** `https://github.com/owner/repo`, for links in the summary. */
  repoUrl?: string;
  /** Notes about the whole run (e.g. more than 3,000 files). */
  notes?: string[];
  /**
   * What `check --fix` makes of each file (all passes). When given, suggestions are the changes from the
   * file to that result, so applying every suggestion gives exactly the `--fix` output.
   */
  fixpoints?: Fixpoints;
}

export interface ReviewComment {
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

export interface ReviewRequest {
  commit_id: string;
  event: 'COMMENT' | 'REQUEST_CHANGES';
  body: string;
  comments: ReviewComment[];
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title: string;
  raw_details?: string;
}

export interface CheckRunRequest {
  name: string;
  head_sha: string;
  status: 'completed';
  conclusion: 'success' | 'failure' | 'neutral';
  output: { title: string; summary: string };
}

export interface PlanStats {
  files: number;
  posts: number;
  findings: number;
  errors: number;
  comments: number;
  suggestions: number;
  alreadyPosted: number;
  outsideDiff: number;
  overflow: number;
  minimized: number;
}

export interface Plan {
  /** Null when there is nothing new to say (e.g. a re-run on the same head). */
  review: ReviewRequest | null;
  checkRun: CheckRunRequest;
  /** Every annotation; the sender posts them in batches of 50. */
  annotations: Annotation[];
  /** Node ids of our earlier comments whose finding is gone. */
  minimize: string[];
  stats: PlanStats;
}

/** A finding with its identity and where it can go. */
interface Placed {
  finding: Finding;
  key: string;
  file: ReviewedFile;
  /** Set when it can be a line comment. */
  anchor?: { start: number; end: number; suggestion?: string };
  /** A fix that could not be a suggestion here (outside the diff, overlapping another). */
  fixNote?: string;
  /** Other findings the same suggestion fixes (same lines), and findings a first fix reveals. */
  also?: Finding[];
  later?: Finding[];
  /** Every fingerprint the comment carries (the primary key first). */
  keys: string[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const LEVEL: Record<Severity, Annotation['annotation_level']> = { error: 'failure', warning: 'warning', info: 'notice' };
const ICON: Record<Severity, string> = { error: '🔴', warning: '🟡', info: '🔵' };

/** Keys: fingerprint (rule + path + normalised text), with `:n` for the n-th identical finding in a file. */
export function findingKeys(findings: readonly Finding[], posts: ReadonlyMap<string, Post>): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const post = posts.get(finding.path);
    const fp = post ? fingerprint(finding, post.lines) : fingerprint(finding, EMPTY_LINES);
    const n = seen.get(fp) ?? 0;
    seen.set(fp, n + 1);
    return n === 0 ? fp : `${fp}:${n}`;
  });
}

const EMPTY_LINES = { slice: () => '' } as unknown as Post['lines'];

/** Number of lines GitHub shows (a final newline does not start a line). */
function shownLines(post: Post): number {
  const count = post.lines.count;
  return count > 1 && post.lines.line(count) === '' ? count - 1 : count;
}

/** The fixes of one file that become suggestions: the ones the fix engine applies in its first pass. */
function suggestedFixes(post: Post, fixes: readonly Fix[]): Set<Fix> {
  return new Set(selectFixes(fixes, shownLines(post), (from, to) => post.lines.slice(from, to)).applied);
}

function place(input: PlanInput): Placed[] {
  const files = new Map(input.files.map((f) => [f.path, f]));
  const posts = new Map(input.files.filter((f) => f.post).map((f) => [f.path, f.post!]));
  const findings = input.findings.filter((f) => files.has(f.path));
  const keyList = findingKeys(findings, posts);
  const keyOf = new Map(findings.map((f, i) => [f, keyList[i]!]));
  const out: Placed[] = [];
  const assigned = new Set<Finding>();
  const withFixpoint = new Set<string>();
  const findingsOf = findingsByPath(findings);

  // Suggestions from the `--fix` result: one per changed region, naming every finding it settles.
  for (const [path, post] of posts) {
    const fixpoint = input.fixpoints?.files.get(path);
    if (!fixpoint?.changed) continue;
    withFixpoint.add(path);
    const file = files.get(path)!;
    const mine = findingsOf.get(path) ?? [];
    for (const region of regions(fixpoint, splitLines(post.text))) {
      if (!hunkContaining(file.hunks, region.start, region.end)) continue;
      const overlaps = (a: number, b: number) => a <= region.end && b >= region.start;
      const first = mine.filter(
        (f) => !assigned.has(f) && (region.by.includes(f) || overlaps(f.line, f.endLine) || (f.fix !== undefined && overlaps(f.fix.line, f.fix.endLine))),
      );
      const later = region.by.filter((f) => !keyOf.has(f));
      const primary = first[0] ?? later[0];
      if (!primary) continue;
      for (const f of first) assigned.add(f);
      const keys = [...first.map((f) => keyOf.get(f)!), ...later.map((f) => input.fixpoints!.laterKeys.get(f) ?? '').filter(Boolean)];
      if (keys.length === 0) continue;
      out.push({
        finding: primary,
        key: keys[0]!,
        keys,
        file,
        anchor: { start: region.start, end: region.end, suggestion: region.lines.join('\n') },
        also: first.slice(1),
        later: first.length ? later : later.slice(1),
      });
    }
  }

  const selected = new Map<string, Set<Fix>>();
  for (const [path, post] of posts) {
    selected.set(path, suggestedFixes(post, findings.filter((f) => f.path === path && f.fix).map((f) => f.fix!)));
  }
  for (const finding of findings) {
    if (assigned.has(finding)) continue;
    const file = files.get(finding.path)!;
    const key = keyOf.get(finding)!;
    const placed: Placed = { finding, key, keys: [key], file };
    const fix = finding.fix;
    const post = file.post;
    if (fix && post) {
      const current = post.lines.slice(fix.line, fix.endLine);
      const suggestable = !withFixpoint.has(finding.path) && selected.get(finding.path)?.has(fix) && hunkContaining(file.hunks, fix.line, fix.endLine);
      if (current === fix.replacement) {
        // Never a suggestion identical to the current text.
      } else if (suggestable) {
        placed.anchor = { start: fix.line, end: fix.endLine, suggestion: fix.replacement };
        out.push(placed);
        continue;
      } else {
        placed.fixNote = fixNote(fix, selected.get(finding.path)?.has(fix) ?? false);
      }
    }
    if (hunkContaining(file.hunks, finding.line, finding.endLine)) {
      placed.anchor = { start: finding.line, end: finding.endLine };
    }
    out.push(placed);
  }
  return out;
}

function fixNote(fix: Fix, selected: boolean): string {
  const where = fix.line === fix.endLine ? `line ${fix.line}` : `lines ${fix.line}–${fix.endLine}`;
  const why = selected ? 'outside the lines this pull request changed' : 'overlapping another suggestion; it is offered again once that one is applied';
  const replacement = fix.replacement === '' ? '_(delete the lines)_' : fenced('text', fix.replacement);
  return `Suggested fix for ${where} (${why}):\n\n${replacement}`;
}

function commentBody(p: Placed, config: Pick<Config, 'ruleDocs'>): string {
  const f = p.finding;
  const line = (x: Finding) => `${ICON[x.severity]} **${escapeMarkdown(x.message)}** [\`${x.rule}\`](${encodeURI(ruleDocsUrl(x.rule, config))})`;
  const parts = [line(f)];
  for (const x of p.also ?? []) parts.push(line(x));
  if (p.later?.length) parts.push(`Once the other fixes are applied:\n\n${p.later.map((x) => `- ${line(x)}`).join('\n')}`);
  if (p.anchor?.suggestion !== undefined) parts.push(fenced('suggestion', p.anchor.suggestion));
  else if (p.fixNote) parts.push(p.fixNote);
  if (f.related?.length) {
    parts.push(f.related.map((r) => `- ${escapeMarkdown(r.label ?? 'see')}: ${codeSpan(r.path)} line ${r.line}`).join('\n'));
  }
  parts.push(p.keys.map(marker).join('\n'));
  return parts.join('\n\n');
}

function link(input: PlanInput, path: string, line: number, endLine = line): string {
  const label = `${escapePath(path)}:${line}${endLine > line ? `-${endLine}` : ''}`;
  if (!input.repoUrl) return `\`${label}\``;
  const anchor = endLine > line ? `#L${line}-L${endLine}` : `#L${line}`;
  return `[${label}](${input.repoUrl}/blob/${input.headSha}/${encodePath(path)}${anchor})`;
}

/** A file path inside a link URL: every character that could end the link or the URL is percent-encoded. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function counts(findings: readonly Finding[]): string {
  const e = findings.filter((f) => f.severity === 'error').length;
  const w = findings.filter((f) => f.severity === 'warning').length;
  const i = findings.length - e - w;
  const parts = [plural(e, 'error'), plural(w, 'warning')];
  if (i) parts.push(plural(i, 'note'));
  return parts.join(', ');
}

export function planReview(input: PlanInput): Plan {
  const placed = place(input);
  const postedKeys = new Set(input.previousComments.map((c) => c.key));
  const fresh = placed.filter((p) => !postedKeys.has(p.key) && !input.previousBodyKeys.has(p.key));
  const alreadyPosted = placed.length - fresh.length;

  const commentable = fresh
    .filter((p) => p.anchor)
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
        Number(b.anchor!.suggestion !== undefined) - Number(a.anchor!.suggestion !== undefined) ||
        a.finding.path.localeCompare(b.finding.path) ||
        a.finding.line - b.finding.line,
    );
  const max = input.config.review.maxComments;
  const posted = commentable.slice(0, max);
  const overflow = commentable.slice(max);
  const outside = fresh.filter((p) => !p.anchor);

  const comments: ReviewComment[] = posted
    .sort((a, b) => a.finding.path.localeCompare(b.finding.path) || a.anchor!.start - b.anchor!.start)
    .map((p) => {
      const comment: ReviewComment = { path: p.finding.path, line: p.anchor!.end, side: 'RIGHT', body: commentBody(p, input.config) };
      if (p.anchor!.start < p.anchor!.end) {
        comment.start_line = p.anchor!.start;
        comment.start_side = 'RIGHT';
      }
      return comment;
    });

  const paths = new Set(input.files.map((f) => f.path));
  const allFindings = input.findings.filter((f) => paths.has(f.path));
  const errors = allFindings.filter((f) => f.severity === 'error').length;
  let review: ReviewRequest | null = null;
  if (comments.length > 0 || outside.length > 0 || overflow.length > 0) {
    const current = new Set(allFindings);
    const freshFindings = fresh.flatMap((p) => [p.finding, ...(p.also ?? [])]).filter((f) => current.has(f));
    const body: string[] = [`${REVIEW_HEADING}: ${counts(freshFindings)} new on this push.`];
    if (outside.length > 0) {
      body.push(`Outside the lines this pull request changed (${outside.length}):`);
      body.push(
        outside
          .map((p) => {
            const f = p.finding;
            const head = `- ${ICON[f.severity]} ${link(input, f.path, f.line, f.endLine)} ${escapeMarkdown(f.message)} \`${f.rule}\``;
            return p.fixNote ? `${head}\n\n  ${p.fixNote.replace(/\n/g, '\n  ')}` : head;
          })
          .join('\n'),
      );
    }
    if (overflow.length > 0) {
      body.push(
        `${plural(overflow.length, 'more finding')} not shown as comments (limit ${max} per review); see the \`${CHECK_NAME}\` check run.`,
      );
    }
    body.push([...outside, ...overflow].flatMap((p) => p.keys.map(marker)).join('\n'));
    const event = input.config.review.requestChangesOnErrors && errors > 0 ? 'REQUEST_CHANGES' : 'COMMENT';
    review = { commit_id: input.headSha, event, body: clip(body.filter(Boolean).join('\n\n')), comments };
  }

  const currentKeys = new Set(placed.flatMap((p) => p.keys));
  const checked = new Set(input.files.filter((f) => f.post).map((f) => f.path));
  const minimize = input.previousComments
    .filter((c) => (checked.has(c.path) && !currentKeys.has(c.key)) || !input.changedPaths.has(c.path))
    .map((c) => c.nodeId);

  const stats: PlanStats = {
    files: input.files.length,
    posts: checked.size,
    findings: allFindings.length,
    errors,
    comments: comments.length,
    suggestions: posted.filter((p) => p.anchor!.suggestion !== undefined).length,
    alreadyPosted,
    outsideDiff: outside.length,
    overflow: overflow.length,
    minimized: minimize.length,
  };
  const conclusion = errors > 0 ? input.config.review.conclusionOnErrors : 'success';
  const title =
    allFindings.length === 0
      ? `No findings in ${plural(checked.size, 'post')}`
      : `${counts(allFindings)} in ${plural(new Set(allFindings.map((f) => f.path)).size, 'post')}`;
  return {
    review,
    checkRun: {
      name: CHECK_NAME,
      head_sha: input.headSha,
      status: 'completed',
      conclusion,
      output: { title, summary: clip(summary(input, allFindings, stats)) },
    },
    annotations: annotations(input, allFindings),
    minimize,
    stats,
  };
}

function summary(input: PlanInput, findings: Finding[], stats: PlanStats): string {
  const out: string[] = [];
  const posts = input.files.filter((f) => f.post);
  const findingsOf = findingsByPath(findings);
  if (posts.length === 0) out.push('No changed post to review.');
  else {
    out.push(`| Post | ${CATEGORIES.join(' | ')} |`, `| --- | ${CATEGORIES.map(() => '---:').join(' | ')} |`);
    for (const file of posts) {
      const mine = findingsOf.get(file.path) ?? [];
      const cells = CATEGORIES.map((c) => {
        const n = mine.filter((f) => f.category === c);
        const e = n.filter((f) => f.severity === 'error').length;
        return n.length === 0 ? '·' : e > 0 ? `**${n.length}** (${e} error${e === 1 ? '' : 's'})` : String(n.length);
      });
      out.push(`| ${escapePath(file.path)} | ${cells.join(' | ')} |`);
    }
    out.push('');
    for (const file of posts) {
      const mine = [...(findingsOf.get(file.path) ?? [])].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line);
      if (mine.length === 0) continue;
      out.push(`**${escapePath(file.path)}**`);
      for (const f of mine.slice(0, 3)) out.push(`- ${ICON[f.severity]} ${link(input, f.path, f.line, f.endLine)} ${escapeMarkdown(f.message)} \`${f.rule}\``);
      if (mine.length > 3) out.push(`- … and ${mine.length - 3} more (see the annotations)`);
      out.push('');
    }
  }
  out.push(
    `Review: ${plural(stats.comments, 'new comment')} (${plural(stats.suggestions, 'suggestion')}), ` +
      `${stats.alreadyPosted} already posted, ${stats.outsideDiff} outside the diff, ${stats.overflow} over the comment limit, ` +
      `${stats.minimized} outdated minimised.`,
  );
  const notes = [...(input.notes ?? []), ...input.files.filter((f) => f.note).map((f) => `${codeSpan(f.path)}: ${escapeMarkdown(f.note!)}`)];
  if (notes.length) out.push('', '**Notes**', ...notes.map((n) => `- ${n}`));
  return out.join('\n');
}

function annotations(input: PlanInput, findings: Finding[]): Annotation[] {
  const out: Annotation[] = findings.map((f) => {
    const a: Annotation = {
      path: f.path,
      start_line: f.line,
      end_line: f.endLine,
      annotation_level: LEVEL[f.severity],
      message: f.message.slice(0, 60_000),
      title: f.rule,
    };
    if (f.line === f.endLine && f.column !== undefined && f.endColumn !== undefined) {
      a.start_column = f.column;
      a.end_column = f.endColumn;
    }
    if (f.fix) a.raw_details = `Suggested replacement for lines ${f.fix.line}-${f.fix.endLine}:\n${f.fix.replacement}`.slice(0, 60_000);
    return a;
  });
  for (const file of input.files) {
    if (file.note) out.push({ path: file.path, start_line: 1, end_line: 1, annotation_level: 'notice', message: file.note, title: CHECK_NAME });
  }
  return out;
}
