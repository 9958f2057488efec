import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fg from 'fast-glob';
import { ConfigError, defaultConfig } from '../config/load.js';
import { loadConfigFile } from '../lint/config.js';
import type { Config } from '../config/schema.js';
import { SEVERITIES, type Finding, type Severity } from '../core/finding.js';
import { checkSources, closePool } from '../lint/pool.js';
import { OctokitClient, type OctokitLike } from '../github/client.js';
import { CorpusCache } from '../review/corpus.js';
import { fixAndReview, fixReply, type FixOutcome } from '../review/fix-request.js';
import { escapeMarkdown } from '../review/markdown.js';
import type { Annotation, Plan } from '../review/plan.js';
import { headVerdict, reviewPullRequest, type Logger, type ReviewTarget, type RunReport } from '../review/run.js';
import { ReadOnlyClient } from './read-only-client.js';

/**
 * The GitHub Action: the App's review pipeline run inside the user's workflow with its `GITHUB_TOKEN`.
 * - `pull_request`: the changed posts are reviewed exactly as the App does (one review per push with
 *   suggestions and fingerprints, one check run); with `fix: commit`, every safe fix is first committed to
 *   the head branch and the new head is reviewed.
 * - A pull request from a fork gets a read-only token: the same plan becomes annotations (workflow
 *   commands) and the job summary instead.
 * - Any other event (push, schedule, workflow_dispatch): the posts matching `posts` in the checked-out
 *   workspace are checked, with annotations and a summary.
 * The step fails when a finding reaches `fail-level`.
 */

export const FAIL_LEVELS = [...SEVERITIES, 'never'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];
export const FIX_MODES = ['suggest', 'commit'] as const;
export type FixMode = (typeof FIX_MODES)[number];

/** The inputs `action.yml` declares (a test keeps the two lists equal). */
export const INPUTS = ['github-token', 'config', 'fail-level', 'fix'] as const;

export interface ActionInputs {
  token: string;
  configPath: string;
  failLevel: FailLevel;
  fix: FixMode;
}

export class InputError extends Error {}

/** Inputs as `@actions/core` reads them (`INPUT_<NAME>`), checked. */
export function readInputs(get: (name: (typeof INPUTS)[number]) => string): ActionInputs {
  const token = get('github-token');
  if (!token) throw new InputError('`github-token` is empty: keep its default, `${{ github.token }}`.');
  const failLevel = (get('fail-level') || 'error') as FailLevel;
  if (!FAIL_LEVELS.includes(failLevel)) throw new InputError(`\`fail-level\` must be one of ${FAIL_LEVELS.join(', ')} (got "${failLevel}").`);
  const fix = (get('fix') || 'suggest') as FixMode;
  if (!FIX_MODES.includes(fix)) throw new InputError(`\`fix\` must be one of ${FIX_MODES.join(', ')} (got "${fix}").`);
  return { token, configPath: get('config') || '.github/editorial-review.yml', failLevel, fix };
}

/** What the runner tells every step (https://docs.github.com/actions/reference/variables-reference). */
export interface ActionEnv {
  eventName: string;
  payload: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  workspace: string;
  runnerTemp: string;
  runAttempt: number;
}

/** The runner's side: logging, annotations and the job summary (`@actions/core` in `main.ts`). */
export interface ActionIo {
  info(message: string): void;
  annotate(level: 'error' | 'warning' | 'notice', message: string, where: { file: string; startLine: number; endLine: number; title: string }): void;
  summary(markdown: string): Promise<void>;
}

export interface ActionResult {
  /** Why the step fails, or null. */
  failure: string | null;
  mode: 'review' | 'annotations' | 'check' | 'skipped';
  report?: RunReport;
  fix?: FixOutcome;
  findings: Finding[];
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
const LEVEL: Record<Annotation['annotation_level'], 'error' | 'warning' | 'notice'> = { failure: 'error', warning: 'warning', notice: 'notice' };
const SEVERITY_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

export async function runAction(inputs: ActionInputs, env: ActionEnv, octokit: OctokitLike, io: ActionIo): Promise<ActionResult> {
  if (!PULL_REQUEST_EVENTS.has(env.eventName)) return checkWorkspace(inputs, env, io);
  const { pull_request: pr, repository } = env.payload;
  const full = String(repository.full_name);
  const [owner, repo] = full.split('/') as [string, string];
  const log: Logger = {
    info: (obj, msg) => io.info(`${msg ?? ''} ${JSON.stringify(obj)}`),
    warn: (obj, msg) => io.info(`warning: ${msg ?? ''} ${JSON.stringify(obj)}`),
  };
  const client = new OctokitClient(octokit, owner, repo);
  // On `pull_request` from a fork GitHub hands the workflow a read-only token (and no secrets).
  const fork = pr.head?.repo?.full_name !== full;
  const readOnly = env.eventName === 'pull_request' && fork;
  const corpus = new CorpusCache({ dir: join(env.runnerTemp, 'editorial-review', 'cache'), env: {} });
  const target: ReviewTarget = {
    pull: Number(pr.number),
    headSha: String(pr.head.sha),
    configRef: String(repository.default_branch),
    baseRef: String(pr.base.ref),
    draft: Boolean(pr.draft),
    // A re-run of the workflow for the same `opened` event must still find the comments of the first run.
    fresh: env.payload.action === 'opened' && env.runAttempt <= 1,
    repoUrl: String(repository.html_url),
    configPath: inputs.configPath,
  };
  const mayPost = () => headVerdict(client, target.pull, target.headSha);
  try {
    let fix: FixOutcome | undefined;
    let report: RunReport | undefined;
    if (inputs.fix === 'commit' && !readOnly) {
      const { configPath, pull, ...base } = target;
      const done = await fixAndReview(client, { pull, repo: full, configRef: target.configRef, configPath }, base, { reply: false, log, run: { corpus } });
      fix = done.fix;
      report = done.review;
    }
    if (!report && !readOnly) {
      try {
        report = await reviewPullRequest(client, target, log, { corpus, mayPost });
      } catch (error) {
        // The token may not write here (no `checks: write`, a Dependabot pull request): show it all in the job instead.
        if ((error as { status?: number }).status !== 403) throw error;
        io.info('editorial-review: the token may not write the review or the check run (403); reporting in the job instead.');
      }
    }
    if (report) {
      const findings = report.outcome.kind === 'reviewed' ? report.outcome.findings : [];
      await io.summary(reviewSummary(report, fix, false));
      return { failure: failureOf(report, findings, inputs.failLevel), mode: 'review', report, ...(fix ? { fix } : {}), findings };
    }
    const recorder = new ReadOnlyClient(client);
    const shown = await reviewPullRequest(recorder, target, log, { corpus });
    const findings = shown.outcome.kind === 'reviewed' ? shown.outcome.findings : [];
    if (shown.outcome.kind === 'reviewed') annotate(shown.outcome.plan, io);
    await io.summary(reviewSummary(shown, fix, readOnly ? 'fork' : 'forbidden', inputs.fix === 'commit'));
    return { failure: failureOf(shown, findings, inputs.failLevel), mode: 'annotations', report: shown, ...(fix ? { fix } : {}), findings };
  } finally {
    await corpus.close();
  }
}

function failureOf(report: RunReport, findings: readonly Finding[], failLevel: FailLevel): string | null {
  if (report.outcome.kind === 'config-error') return `invalid configuration: ${report.outcome.message}`;
  return failureFor(findings, failLevel);
}

function failureFor(findings: readonly Finding[], failLevel: FailLevel): string | null {
  if (failLevel === 'never') return null;
  const rank = SEVERITIES.indexOf(failLevel);
  const failing = findings.filter((f) => SEVERITIES.indexOf(f.severity) <= rank).length;
  return failing > 0 ? `${failing} finding(s) at or above \`fail-level: ${failLevel}\`` : null;
}

function annotate(plan: Plan, io: ActionIo): void {
  for (const a of plan.annotations) io.annotate(LEVEL[a.annotation_level], a.message, { file: a.path, startLine: a.start_line, endLine: a.end_line, title: a.title });
}

/** Why the review is shown in the job rather than posted: a fork's read-only token, or a token GitHub refused (403). */
type NotPosted = 'fork' | 'forbidden';

function reviewSummary(report: RunReport, fix: FixOutcome | undefined, notPosted: NotPosted | false, fixAsked = false): string {
  const out: string[] = ['## editorial-review', ''];
  if (fix) out.push(`**Fixes:** ${fixReply(fix, {})}`, '');
  if (notPosted === 'fork') {
    out.push(
      '> This pull request comes from a fork, so the workflow token may only read: the findings are shown here and as annotations ' +
        'instead of a review.' + (fixAsked ? ' `fix: commit` cannot push to a fork from here.' : ''),
      '',
    );
  } else if (notPosted === 'forbidden') {
    out.push(
      '> GitHub refused the review or the check run to this token (403): grant the job `pull-requests: write` and `checks: write`. ' +
        'The findings are shown here and as annotations instead.',
      '',
    );
  }
  const readOnly = notPosted !== false;
  const { outcome } = report;
  switch (outcome.kind) {
    case 'config-error':
      out.push(`Invalid configuration: ${escapeMarkdown(outcome.message)}`);
      break;
    case 'skipped-draft':
      out.push('Draft pull request: skipped (`review.includeDrafts`).');
      break;
    case 'superseded':
      out.push(`Nothing posted for this push: ${escapeMarkdown(outcome.reason)}.`);
      break;
    case 'reviewed': {
      const { plan } = outcome;
      out.push(`### ${plan.checkRun.output.title}`, '', plan.checkRun.output.summary);
      if (readOnly && plan.review) {
        out.push('', '### The review', '', plan.review.body);
        for (const c of plan.review.comments) {
          out.push('', `#### \`${c.path}\` line ${c.start_line !== undefined ? `${c.start_line}–` : ''}${c.line}`, '', c.body);
        }
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** Non-pull-request events: the posts of the checked-out workspace, as `editorial-review check` sees them. */
async function checkWorkspace(inputs: ActionInputs, env: ActionEnv, io: ActionIo): Promise<ActionResult> {
  const configFile = resolve(env.workspace, inputs.configPath);
  let config: Config;
  try {
    config = existsSync(configFile) ? await loadConfigFile(configFile) : defaultConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    await io.summary(`## editorial-review\n\nInvalid configuration: ${escapeMarkdown(error.message)}\n`);
    return { failure: `invalid configuration: ${error.message}`, mode: 'check', findings: [] };
  }
  const paths = fg.sync(config.posts, { cwd: env.workspace, dot: true, onlyFiles: true, followSymbolicLinks: false }).sort();
  // Only the findings are read: each post's model goes once it is checked (memory does not grow with the posts).
  const { findings } = await checkSources(
    paths.map((path) => ({ path, file: join(env.workspace, path) })),
    { config, keepPosts: false },
  );
  await closePool();
  for (const f of findings) io.annotate(SEVERITY_LEVEL[f.severity], f.message, { file: f.path, startLine: f.line, endLine: f.endLine, title: f.rule });
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const rows = findings.map((f) => `| \`${f.path}\`:${f.line} | ${f.severity} | \`${f.rule}\` | ${escapeMarkdown(f.message).replace(/\|/g, '\\|')} |`);
  await io.summary(
    [
      '## editorial-review',
      '',
      `${paths.length} post(s) matching \`posts\` checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info.`,
      ...(rows.length ? ['', '| where | severity | rule | message |', '|---|---|---|---|', ...rows.slice(0, 500)] : []),
      ...(rows.length > 500 ? ['', `… and ${rows.length - 500} more (see the annotations).`] : []),
      '',
    ].join('\n'),
  );
  return { failure: failureFor(findings, inputs.failLevel), mode: 'check', findings };
}
