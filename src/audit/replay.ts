import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { checkPost } from '../lint/check.js';
import type { Category, Severity } from '../core/finding.js';
import { fingerprint } from '../lint/fingerprint.js';
import type { Corpus, PostSummary } from '../analysis/corpus/corpus.js';
import { postSummary } from '../analysis/corpus/summary.js';
import type { Rule } from '../rules/rule.js';
import { parsePostBytes } from '../post/parse.js';
import type { Post } from '../post/post.js';
import { allRules } from '../rules/index.js';
import { blobText, indexOptionsFor } from '../analysis/corpus/compare.js';
import { CorpusIndex, type IndexedCorpus } from '../analysis/corpus/index.js';
import { changedFiles, commitBefore, listCommits, readBlobs, remoteWebUrl, treeFiles, type CommitInfo } from './git.js';
import { Memo } from '../core/memo.js';

/**
 * History audit: replays a repository's history commit by commit (oldest first) as if each commit had
 * been a pull request on the posts it changed. A defect is a finding's fingerprint (rule + file lineage +
 * normalised text of its lines, `lint/fingerprint.ts`), so an edit elsewhere in the post does not make
 * it new; it is *introduced* by the first commit whose version of the post has it and *fixed* by the
 * first later commit whose version no longer has it. Renames keep the lineage; a deleted post's open
 * defects are counted as removed, not fixed. Cross-post findings are computed against the repository as
 * it stood at that commit (a changed post is compared with every post of the tree).
 */
export interface AuditOptions {
  repo: string;
  since?: string;
  rev?: string;
  config: Config;
  rules?: readonly Rule[];
  onProgress?: (done: number, total: number, commit: CommitInfo) => void;
}

export interface DefectRef {
  rule: string;
  category: Category;
  severity: Severity;
  path: string;
  line: number;
  endLine: number;
  fingerprint: string;
  message: string;
}

export interface FixedDefect extends DefectRef {
  /** The introducing commit; null when the defect predates the audited range (--since). */
  introducedBy: string | null;
  introducedAt: string | null;
  hoursToFix: number | null;
}

export interface CommitReport {
  sha: string;
  date: string;
  author: string;
  subject: string;
  /** Posts the commit added or changed (checked). */
  postsChecked: number;
  introduced: DefectRef[];
  fixed: FixedDefect[];
  /** Open defects that disappeared because their post was deleted. */
  removedWithPost: number;
}

export interface RuleTotals {
  rule: string;
  category: Category;
  introduced: number;
  fixed: number;
  open: number;
  removedWithPost: number;
  medianHoursToFix: number | null;
}

export interface AuthorTotals {
  author: string;
  commits: number;
  introduced: number;
  fixed: number;
}

/** A defect still open at the head, with where it came from. */
export interface OpenDefect extends DefectRef {
  /** The commit that introduced it; null when it predates the audited range. */
  introducedBy: string | null;
  introducedAt: string | null;
}

/** One post's open defects at the head: what a maintainer fixes next, worst post first. */
export interface OpenPost {
  path: string;
  errors: number;
  warnings: number;
  infos: number;
  /** Errors first, then by line. */
  defects: OpenDefect[];
}

export interface AuditReport {
  repo: string;
  /** Web address of the repository (from its remote), for links to commits and posts; null without one. */
  webUrl: string | null;
  head: string | null;
  since: string | null;
  baseline: string | null;
  /** Defects already present at the baseline (with --since). */
  baselineDefects: number;
  commits: CommitReport[];
  totals: {
    commits: number;
    postsChecked: number;
    introduced: number;
    fixed: number;
    open: number;
    removedWithPost: number;
    medianHoursToFix: number | null;
    byRule: RuleTotals[];
    byAuthor: AuthorTotals[];
  };
  /** Open defects per post at the head, the post with the most errors (then warnings, infos) first. */
  openByPost: OpenPost[];
  /** Defects introduced per week (weeks start on Monday, UTC) and family. */
  weekly: { week: string; byFamily: Record<string, number> }[];
  families: string[];
  durationMs: number;
}

interface Open {
  ref: DefectRef;
  commit: string | null;
  date: string | null;
}


/** The tree as it stood: current posts plus an index kept up to date incrementally. */
class AuditCorpus implements Corpus, IndexedCorpus {
  readonly memo = new Memo();
  constructor(
    private readonly current: Map<string, Post>,
    private readonly index: CorpusIndex,
  ) {}
  summaries(): Iterable<PostSummary> {
    return [...this.current.values()].map(postSummary);
  }
  get size(): number {
    return this.current.size;
  }
  corpusIndex(): CorpusIndex {
    return this.index;
  }
}

export function runAudit(options: AuditOptions): AuditReport {
  const started = performance.now();
  const { repo, config } = options;
  const rules = options.rules ?? allRules;
  const isPost = picomatch(config.posts, { dot: false });
  const rev = options.rev ?? 'HEAD';
  const commits = listCommits(repo, options.since, rev);

  const current = new Map<string, Post>();
  const index = new CorpusIndex(indexOptionsFor(config));
  const lineage = new Map<string, string>();
  const open = new Map<string, Map<string, Open[]>>();
  const ruleTotals = new Map<string, RuleTotals & { hours: number[] }>();
  const authors = new Map<string, AuthorTotals>();
  const allHours: number[] = [];
  const weekly = new Map<string, Record<string, number>>();

  const totalsFor = (ref: DefectRef): RuleTotals & { hours: number[] } => {
    let t = ruleTotals.get(ref.rule);
    if (!t) {
      t = { rule: ref.rule, category: ref.category, introduced: 0, fixed: 0, open: 0, removedWithPost: 0, medianHoursToFix: null, hours: [] };
      ruleTotals.set(ref.rule, t);
    }
    return t;
  };

  const load = (path: string, bytes: Buffer): Post => {
    const post = parsePostBytes(path, bytes);
    current.set(path, post);
    index.addText(path, blobText(post));
    return post;
  };
  const defectsOf = (post: Post, corpus: Corpus): DefectRef[] => {
    const id = lineage.get(post.path) ?? post.path;
    return checkPost(post, { config, rules, corpus }).map((f) => ({
      rule: f.rule,
      category: f.category,
      severity: f.severity,
      path: f.path,
      line: f.line,
      endLine: f.endLine,
      fingerprint: fingerprint({ ...f, path: id }, post.lines),
      message: f.message,
    }));
  };

  // Baseline with --since: the tree before the range; its defects are open but not attributed.
  let baseline: string | null = null;
  let baselineDefects = 0;
  if (options.since) {
    baseline = commitBefore(repo, options.since, rev) ?? null;
    if (baseline) {
      const files = treeFiles(repo, baseline).filter((f) => isPost(f.path));
      const blobs = readBlobs(repo, files.map((f) => f.blobSha));
      const posts = files.flatMap((f) => (blobs.has(f.blobSha) ? [load(f.path, blobs.get(f.blobSha)!)] : []));
      const corpus = new AuditCorpus(current, index);
      for (const post of posts) {
        const byFp = new Map<string, Open[]>();
        for (const ref of defectsOf(post, corpus)) {
          push(byFp, ref.fingerprint, { ref, commit: null, date: null });
          baselineDefects++;
        }
        open.set(post.path, byFp);
      }
    }
  }

  const reports: CommitReport[] = [];
  commits.forEach((commit, n) => {
    options.onProgress?.(n, commits.length, commit);
    const changes = changedFiles(repo, commit).filter((c) => isPost(c.path) || (c.oldPath !== undefined && isPost(c.oldPath)));
    const report: CommitReport = {
      sha: commit.sha,
      date: commit.date,
      author: commit.author,
      subject: commit.subject,
      postsChecked: 0,
      introduced: [],
      fixed: [],
      removedWithPost: 0,
    };
    const author = authors.get(commit.author) ?? { author: commit.author, commits: 0, introduced: 0, fixed: 0 };
    authors.set(commit.author, author);
    author.commits++;

    const dropPost = (path: string): void => {
      const id = lineage.get(path) ?? path;
      for (const list of open.get(id)?.values() ?? []) {
        for (const o of list) {
          report.removedWithPost++;
          totalsFor(o.ref).removedWithPost++;
        }
      }
      open.delete(id);
      lineage.delete(path);
      current.delete(path);
      index.remove(path);
    };

    const blobs = readBlobs(repo, changes.filter((c) => c.status !== 'D').map((c) => c.blobSha));
    const changed: Post[] = [];
    for (const c of changes) {
      if (c.status === 'D') {
        if (isPost(c.path)) dropPost(c.path);
        continue;
      }
      if (c.status === 'R' && c.oldPath !== undefined) {
        const id = lineage.get(c.oldPath) ?? c.oldPath;
        lineage.delete(c.oldPath);
        current.delete(c.oldPath);
        index.remove(c.oldPath);
        if (!isPost(c.path)) {
          open.delete(id);
          continue;
        }
        lineage.set(c.path, id);
      }
      if (!isPost(c.path)) continue;
      const bytes = blobs.get(c.blobSha);
      if (bytes) changed.push(load(c.path, bytes));
    }

    const corpus = new AuditCorpus(current, index);
    for (const post of changed) {
      report.postsChecked++;
      const id = lineage.get(post.path) ?? post.path;
      const before = open.get(id) ?? new Map<string, Open[]>();
      const after = new Map<string, Open[]>();
      for (const ref of defectsOf(post, corpus)) {
        const previous = before.get(ref.fingerprint);
        if (previous && previous.length > 0) {
          // Still there: keep its original introduction, refresh where it is now.
          const kept = previous.shift()!;
          push(after, ref.fingerprint, { ...kept, ref });
        } else {
          push(after, ref.fingerprint, { ref, commit: commit.sha, date: commit.date });
          report.introduced.push(ref);
          totalsFor(ref).introduced++;
          author.introduced++;
          const week = weekOf(commit.date);
          const byFamily = weekly.get(week) ?? {};
          byFamily[ref.category] = (byFamily[ref.category] ?? 0) + 1;
          weekly.set(week, byFamily);
        }
      }
      for (const list of before.values()) {
        for (const o of list) {
          const hours = o.date ? (Date.parse(commit.date) - Date.parse(o.date)) / 3_600_000 : null;
          report.fixed.push({ ...o.ref, introducedBy: o.commit, introducedAt: o.date, hoursToFix: hours });
          const t = totalsFor(o.ref);
          t.fixed++;
          author.fixed++;
          if (hours !== null) {
            t.hours.push(hours);
            allHours.push(hours);
          }
        }
      }
      open.set(id, after);
    }
    reports.push(report);
  });

  for (const byFp of open.values()) for (const list of byFp.values()) for (const o of list) totalsFor(o.ref).open++;
  const byRule = [...ruleTotals.values()]
    .map(({ hours, ...t }) => ({ ...t, medianHoursToFix: median(hours) }))
    .sort((a, b) => b.introduced - a.introduced || a.rule.localeCompare(b.rule));
  const families = [...new Set(byRule.map((r) => r.category))].sort();
  const sum = (f: (r: RuleTotals) => number): number => byRule.reduce((s, r) => s + f(r), 0);
  return {
    repo,
    webUrl: remoteWebUrl(repo),
    head: commits.at(-1)?.sha ?? null,
    since: options.since ?? null,
    baseline,
    baselineDefects,
    commits: reports,
    totals: {
      commits: reports.length,
      postsChecked: reports.reduce((s, r) => s + r.postsChecked, 0),
      introduced: sum((r) => r.introduced),
      fixed: sum((r) => r.fixed),
      open: sum((r) => r.open),
      removedWithPost: sum((r) => r.removedWithPost),
      medianHoursToFix: median(allHours),
      byRule,
      byAuthor: [...authors.values()].sort((a, b) => b.commits - a.commits || a.author.localeCompare(b.author)),
    },
    openByPost: openByPost(open),
    weekly: fillWeeks(weekly),
    families,
    durationMs: Math.round(performance.now() - started),
  };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function openByPost(open: Map<string, Map<string, Open[]>>): OpenPost[] {
  const posts: OpenPost[] = [];
  for (const byFp of open.values()) {
    const defects: OpenDefect[] = [];
    for (const list of byFp.values()) for (const o of list) defects.push({ ...o.ref, introducedBy: o.commit, introducedAt: o.date });
    if (defects.length === 0) continue;
    defects.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line || a.rule.localeCompare(b.rule));
    const count = (s: Severity) => defects.filter((d) => d.severity === s).length;
    // The post's current path is where its defects are now.
    posts.push({ path: defects[0]!.path, errors: count('error'), warnings: count('warning'), infos: count('info'), defects });
  }
  return posts.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || b.infos - a.infos || a.path.localeCompare(b.path));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  return Math.round(v * 10) / 10;
}

/** Monday (UTC) of the week of an ISO date, as YYYY-MM-DD. */
export function weekOf(isoDate: string): string {
  const t = new Date(Date.parse(isoDate));
  const day = (t.getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() - day));
  return monday.toISOString().slice(0, 10);
}

/** Every week between the first and last, empty weeks included (a chart with gaps shows them). */
function fillWeeks(weekly: Map<string, Record<string, number>>): { week: string; byFamily: Record<string, number> }[] {
  const weeks = [...weekly.keys()].sort();
  if (weeks.length === 0) return [];
  const out: { week: string; byFamily: Record<string, number> }[] = [];
  for (let t = Date.parse(weeks[0]!); t <= Date.parse(weeks.at(-1)!); t += 7 * 86_400_000) {
    const week = new Date(t).toISOString().slice(0, 10);
    out.push({ week, byFamily: weekly.get(week) ?? {} });
  }
  return out;
}
