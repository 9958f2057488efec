import { ConfigError } from '../config/load.js';
import { checkPostsInSlices } from '../lint/run.js';
import { SLICE_MS, Slices } from '../lint/slices.js';
import type { Post } from '../post/post.js';
import type { CommitFile, FixWriter, GitHubClient } from './client.js';
import { fixUntilStableInSlices } from '../lint/fix-until-stable.js';
import { codeSpan, escapeMarkdown } from './markdown.js';
import { headVerdict, readChangedPosts, readConfig, reviewPullRequest, type Logger, type ReviewTarget, type RunOptions, type RunReport } from './run.js';

/**
 * Fixes on request: a maintainer comments `/editorial-review fix` on a pull request (the App) or the
 * Action runs with `fix: commit`. Every fix `editorial-review check --fix` would apply to the pull
 * request's changed posts (the same fix-until-stable pipeline the suggestions show) becomes ONE commit on
 * the head branch, authored by the App, followed by a fresh review of the new head. A second request
 * finds nothing to fix and writes nothing. Refused, with a reply, for people without write access and for
 * forks whose author does not allow edits by maintainers.
 */

/** The comment that asks for fixes: `/editorial-review fix` at the start of a line. */
export const FIX_COMMAND = /^[ \t]*\/editorial-review[ \t]+fix\b/m;

export function isFixCommand(body: string | null | undefined): boolean {
  return FIX_COMMAND.test(body ?? '');
}

export interface FixRequest {
  pull: number;
  /** The pull request's repository, `owner/name` (the head branch may live in a fork). */
  repo: string;
  /** Where the config is read (the default branch). */
  configRef: string;
  configPath?: string;
  /** The login that asked; its permission is checked. Absent for the Action's `fix: commit` (set by the workflow's author). */
  requestedBy?: string;
}

export type FixRefusal = 'closed' | 'no-write-access' | 'fork' | 'config-error' | 'branch-moved' | 'cannot-push';

export type FixOutcome =
  | { kind: 'committed'; sha: string; files: string[]; fixes: number; parentSha: string }
  | { kind: 'nothing-to-fix'; posts: number }
  | { kind: 'refused'; reason: FixRefusal; detail?: string };

/** Permissions (`GET …/collaborators/{username}/permission`) that may push: `maintain` is reported as `write`. */
const MAY_PUSH = new Set(['admin', 'write']);

export async function commitFixes(client: GitHubClient & FixWriter, request: FixRequest, options: Pick<RunOptions, 'signal'> = {}): Promise<FixOutcome> {
  const pull = await client.getPull(request.pull);
  if (pull.state !== 'open') return { kind: 'refused', reason: 'closed' };
  if (request.requestedBy !== undefined && !MAY_PUSH.has(await client.permissionOf(request.requestedBy))) {
    return { kind: 'refused', reason: 'no-write-access' };
  }
  if (pull.headRepo !== request.repo && !pull.maintainerCanModify) return { kind: 'refused', reason: 'fork' };

  let config;
  try {
    config = await readConfig(client, request);
  } catch (error) {
    if (error instanceof ConfigError) return { kind: 'refused', reason: 'config-error', detail: error.message };
    throw error;
  }
  const { files } = await readChangedPosts(client, pull.number, pull.headSha, config, []);
  const posts = files.flatMap((f) => (f.post ? [f.post] : []));
  // Exactly `editorial-review check --fix <the changed posts>`: the same findings, the same passes.
  // In slices, so the App keeps answering webhooks while a large pull request is fixed.
  const slices = new Slices(SLICE_MS, () => options.signal?.throwIfAborted());
  const recheck = (current: Post[]) => checkPostsInSlices(current, config, slices);
  const findings = await recheck(posts);
  const fixed = findings.some((f) => f.fix) ? await fixUntilStableInSlices(posts, findings, recheck, slices) : undefined;
  const changes: CommitFile[] = [];
  for (const post of posts) {
    const output = fixed?.texts.get(post.path);
    if (output !== undefined && output !== originalText(post)) changes.push({ path: post.path, content: output });
  }
  if (changes.length === 0 || !fixed) return { kind: 'nothing-to-fix', posts: posts.length };

  if (options.signal?.aborted) throw new Error('aborted');
  const message = commitMessage(fixed.applied, changes, request);
  let sha: string | null;
  try {
    sha = await client.commitFiles(pull.headRepo, pull.headRef, pull.headSha, changes, message);
  } catch (error) {
    // No `contents: write` for this installation or token, a protected branch, a fork that went away.
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404 || status === 409 || status === 422) return { kind: 'refused', reason: 'cannot-push', detail: (error as Error).message };
    throw error;
  }
  if (sha === null) return { kind: 'refused', reason: 'branch-moved' };
  return { kind: 'committed', sha, files: changes.map((c) => c.path), fixes: fixed.applied, parentSha: pull.headSha };
}

function originalText(post: Post): string {
  return (post.hasBom ? '\ufeff' : '') + post.text;
}

function commitMessage(fixes: number, changes: readonly CommitFile[], request: FixRequest): string {
  const asked = request.requestedBy === undefined ? 'Requested by the workflow (fix: commit).' : `Requested by ${request.requestedBy} in #${request.pull}.`;
  return `editorial-review: apply ${fixes} fix${fixes === 1 ? '' : 'es'} to ${changes.length} post${changes.length === 1 ? '' : 's'}\n\nWhat \`editorial-review check --fix\` writes for:\n${changes.map((c) => `- ${c.path}`).join('\n')}\n\n${asked}`;
}

/** The answer in the pull request's conversation, polite in every case. */
export function fixReply(outcome: FixOutcome, request: Pick<FixRequest, 'requestedBy'>): string {
  const who = request.requestedBy === undefined ? '' : `${codeSpan(request.requestedBy)}: `;
  switch (outcome.kind) {
    case 'committed':
      return (
        `${who}applied ${outcome.fixes} fix${outcome.fixes === 1 ? '' : 'es'} to ${outcome.files.length} post${outcome.files.length === 1 ? '' : 's'} ` +
        `in ${outcome.sha.slice(0, 7)} (what \`editorial-review check --fix\` writes):\n\n${outcome.files.map((f) => `- ${codeSpan(f)}`).join('\n')}\n\n` +
        'A fresh review of the new head follows. The findings left need a human decision.'
      );
    case 'nothing-to-fix':
      return `${who}nothing to fix: no finding in the ${outcome.posts} changed post${outcome.posts === 1 ? '' : 's'} has a safe automatic fix. The findings left need a human decision.`;
    case 'refused':
      switch (outcome.reason) {
        case 'closed':
          return `${who}this pull request is closed, so I left it as it is.`;
        case 'no-write-access':
          return `${who}sorry, only people with write access to this repository can ask me to push fixes. You can still apply the review's suggestions one by one, or ask a maintainer.`;
        case 'fork':
          return `${who}sorry, this pull request comes from a fork that does not allow edits by maintainers, so I cannot push to its branch. Its author can tick “Allow edits by maintainers” and ask again, or apply the review's suggestions.`;
        case 'config-error':
          return `${who}the configuration on the default branch cannot be used, so I changed nothing:\n\n> ${escapeMarkdown(outcome.detail ?? '')}`;
        case 'cannot-push':
          return `${who}GitHub did not let me push to this branch (${escapeMarkdown(outcome.detail ?? 'refused')}), so nothing changed. The App needs \`contents: write\`, and a protected branch must allow it.`;
        case 'branch-moved':
          return `${who}the branch moved while I was preparing the fixes, so I pushed nothing. Ask again with \`/editorial-review fix\` once the push is reviewed.`;
      }
  }
}

export interface FixAndReviewResult {
  fix: FixOutcome;
  /** The review of the new head, when a commit was made. */
  review?: RunReport;
}

/**
 * The whole request: the commit, the reply (when `reply` is true: the App answers the comment) and the
 * review of the new head. GitHub does not start workflows for a push made with a workflow's token, and the
 * App ignores its own pushes, so the fresh review is made here.
 */
export async function fixAndReview(
  client: GitHubClient & FixWriter,
  request: FixRequest,
  review: Omit<ReviewTarget, 'headSha' | 'fresh' | 'draft' | 'pull'>,
  options: { reply: boolean; log?: Logger; run?: RunOptions; sleep?: (ms: number) => Promise<void> },
): Promise<FixAndReviewResult> {
  const fix = await commitFixes(client, request, options.run?.signal ? { signal: options.run.signal } : {});
  if (options.reply) await client.comment(request.pull, fixReply(fix, request));
  if (fix.kind !== 'committed') return { fix };
  // GitHub moves the pull request's head a moment after the branch: review once it shows the new commit
  // (the review checks the head before posting, and would otherwise take its own commit for a stale one).
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let pull = await client.getPull(request.pull);
  for (let wait = 250; pull.headSha !== fix.sha && wait <= 8000 && !options.run?.signal?.aborted; wait *= 2) {
    await sleep(wait);
    pull = await client.getPull(request.pull);
  }
  if (pull.headSha !== fix.sha) options.log?.warn({ pull: request.pull, sha: fix.sha.slice(0, 12) }, 'editorial-review: the pull request does not show the fix commit yet; review skipped');
  const report = await reviewPullRequest(
    client,
    { ...review, pull: request.pull, headSha: fix.sha, draft: pull.draft, fresh: false, ...(request.configPath ? { configPath: request.configPath } : {}) },
    options.log,
    { ...options.run, mayPost: () => headVerdict(client, request.pull, fix.sha) },
  );
  return { fix, review: report };
}
