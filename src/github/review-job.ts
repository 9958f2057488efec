import type { Probot } from 'probot';
import type { Job } from '../queue/journal.js';
import { commitSignal, type JobQueue, type QueueOptions } from '../queue/queue.js';
import { isTransientFailure } from '../queue/failure.js';
import { CHECK_NAME } from '../review/plan.js';
import type { CorpusCache } from '../review/corpus.js';
import { reviewPullRequest, type ReviewBudget, type RunReport } from '../review/run.js';
import type { ReviewThread } from '../review/thread.js';
import { escapeMarkdown } from '../review/markdown.js';
import { fixAndReview } from '../review/fix-request.js';
import { mayPost, noNewReviewOfOurs, reviewsOnHead } from './fence.js';
import type { AppInstallations } from './installations.js';

export interface ReviewJobOptions {
  installations: AppInstallations;
  /** The queue the jobs run from (made after these handlers, which it takes). */
  queue: () => JobQueue;
  /** The base branch's post index, when the App keeps one. */
  corpus?: CorpusCache;
  /** Reviews and fix requests run in this thread instead of the webhook's (`review/thread.ts`); it keeps its own post index. */
  thread?: ReviewThread;
  budget: Partial<ReviewBudget>;
  onRun?: (report: RunReport, job: Job) => void;
  log: Probot['log'];
}

/**
 * What the queue does with a job: a fix request is applied and answered; a push or a re-requested check is
 * reviewed on the pull request's head as GitHub reports it when the run starts (our own pushes, closed pull
 * requests and heads already reviewed are skipped; a fork's re-requested check joins its pull request's
 * line), and posted only while that head is still current (`fence.ts`). A job given up gets a neutral check
 * run that says why.
 */
export function reviewJob(deps: ReviewJobOptions): Pick<QueueOptions, 'run' | 'onGiveUp'> {
  const run: QueueOptions['run'] = async (job, context) => {
    const { fresh } = context;
    const { signal, commit } = commitSignal(context.signal);
    const log = deps.log.child({ delivery: job.id, pull: job.pull });
    log.info({ attempts: job.attempts }, 'editorial-review: run started');
    const client = await deps.installations.client(job, signal);
    if (job.fix) {
      const fixer = await deps.installations.login();
      // In the review thread too: the fixes are worked out by the same checks and passes as a review.
      const fixing = deps.thread ? deps.thread.fixAndReview.bind(deps.thread) : fixAndReview;
      const { fix, review } = await fixing(
        client,
        { pull: job.pull, repo: `${job.owner}/${job.repo}`, configRef: job.configRef, requestedBy: job.fix.requestedBy },
        { configRef: job.configRef, ...(job.repoUrl ? { repoUrl: job.repoUrl } : {}), ...(fixer ? { appLogin: fixer } : {}) },
        { reply: true, log, run: { signal, ...(deps.corpus ? { corpus: deps.corpus } : {}) } },
      );
      log.info({ outcome: fix.kind, ...(fix.kind === 'refused' ? { reason: fix.reason } : {}) }, 'editorial-review: fix request');
      if (review) deps.onRun?.(review, job);
      return;
    }
    const self = await deps.installations.login();
    if (job.event === 'pull_request.synchronize' && self && job.sender === self) {
      log.info({}, 'editorial-review: own push ignored');
      return;
    }
    const pull = job.pull > 0 ? await client.getPull(job.pull) : await client.findPullByHead(job.headSha);
    if (!pull || pull.state !== 'open') {
      log.info({ sha: job.headSha.slice(0, 12) }, 'editorial-review: no open pull request; nothing to do');
      return;
    }
    if (job.pull === 0) {
      // A re-requested check of a fork PR (no PR number in the event): now that the PR is known, the work
      // joins that PR's line, so it is serialised with (and superseded by) its pushes.
      await deps.queue().accept({ ...job, id: `${job.id}:pr`, key: `${job.owner}/${job.repo}#${pull.number}`, pull: pull.number, acceptedAt: Date.now() });
      return;
    }
    // One review per head: another delivery for a head already reviewed (a second instance, a redelivery
    // under a new id) does nothing; a re-requested check and a PR leaving draft are reviewed again.
    const reviewed = await deps.queue().heads.lastReviewed(job.key);
    const again = job.event === 'check_run.rerequested' || job.event === 'pull_request.ready_for_review';
    // This job across its retries and restarts (a delivery recorded anew, e.g. redelivered after Redis lost it, is another).
    const runner = `${job.id}@${job.acceptedAt}`;
    if (reviewed?.head === pull.headSha && reviewed.by !== runner && !again) {
      log.info({ sha: pull.headSha.slice(0, 12) }, 'editorial-review: this head is already reviewed; nothing to do');
      return;
    }
    const isFresh = fresh && reviewed === undefined && pull.headSha === job.headSha;
    // Right before posting: the head has not moved, no other job claimed it, and no review of ours appeared
    // on it since this run started (two runs that overlap, e.g. after Redis lost a job record mid-run, post
    // once). Passing commits the run: from then on only a shutdown aborts it.
    const known = isFresh ? new Set<number>() : await reviewsOnHead(client, pull.number, pull.headSha, self);
    const fence = async () => {
      // Committed before the fence claims the head: a late delivery of an older push that aborted the run
      // between its claim and its post would leave the head claimed by a run that never posts, and the
      // queued job would skip it as "already reviewed" (a lost review). A verdict against posting still
      // ends the run (it stands down); one for posting is carried out even if a newer push lands meanwhile
      // (the queued job then reviews that push).
      commit();
      return mayPost({ client, heads: deps.queue().heads, key: job.key, pull: pull.number, headSha: pull.headSha, runner, again, known, ...(self ? { appLogin: self } : {}) });
    };
    const review = deps.thread ? deps.thread.review.bind(deps.thread) : reviewPullRequest;
    const report = await review(
      client,
      {
        pull: pull.number,
        headSha: pull.headSha,
        configRef: job.configRef,
        // A PR into a release branch is compared with that branch's posts; the config still comes from the default branch.
        baseRef: pull.baseRef,
        draft: pull.draft,
        fresh: isFresh,
        ...(job.repoUrl ? { repoUrl: job.repoUrl } : {}),
        ...(self ? { appLogin: self } : {}),
      },
      log,
      {
        signal,
        mayPost: fence,
        retriesTransientFailures: true,
        // Posted under GitHub's one-pending-review lock, checked again while holding it (fence.ts, post-review.ts).
        postLock: { runner, confirm: () => noNewReviewOfOurs({ client, pull: pull.number, headSha: pull.headSha, known, ...(self ? { appLogin: self } : {}) }) },
        ...(deps.corpus ? { corpus: deps.corpus } : {}),
        budget: deps.budget,
      },
    );
    deps.onRun?.(report, job);
  };

  /** A job given up (a permanent failure, or transient ones for longer than the retry schedule): a check run says so. */
  const onGiveUp = async (job: Job, error: unknown): Promise<void> => {
    if (job.pull === 0) return;
    const client = await deps.installations.client(job);
    const headSha = await client.getPull(job.pull).then((p) => p.headSha, () => job.headSha);
    const transient = isTransientFailure(error);
    await client.createCheckRun({
      name: CHECK_NAME,
      head_sha: headSha,
      status: 'completed',
      conclusion: 'neutral',
      output: {
        title: 'The review could not be completed',
        summary: `editorial-review could not review this push ${transient ? 'after retrying for as long as its retry schedule allows' : `after ${job.attempts + 1} attempts`}:\n\n> ${escapeMarkdown(String((error as Error).message ?? error)).slice(0, 1000)}\n\nPush again or re-run this check to try again.`,
      },
    });
  };

  return { run, onGiveUp };
}
