import type { ReviewedHeads } from '../queue/heads.js';
import type { ExistingReview, GitHubClient } from '../review/client.js';
import { REVIEW_HEADING } from '../review/plan.js';
import { headVerdict } from '../review/run.js';
import type { PostVerdict } from '../review/verdict.js';

/**
 * The last check before a run posts its review: one review per head, even when the queue's own record is
 * lost or two executions of one job overlap. The claim on the head (`ReviewedHeads`, in Redis with several
 * instances) orders two runs of one pull request, but a Redis flushed or replaced between one run's post
 * and the other's claim forgets it, and a job whose worker stalled (its event loop blocked past the lock)
 * runs again under the same claim. GitHub keeps what was posted, so the run also looks there:
 * 1. the head has not moved (a newer push supersedes this run);
 * 2. the run claims the head (fails when another job holds it);
 * 3. no review of ours appeared on this head since the run read the pull request's state (`known`: the
 *    reviews it planned around, none for a fresh run). One that did was posted by another run, and this
 *    run's plan does not account for it. A retry or a restart after a crash lists the earlier attempt's
 *    review in `known`, so it still posts what is new and its check run;
 * 4. the claim is still this run's (claimed again): of two runs that both claimed after a flush and both
 *    found nothing new on GitHub, the one whose claim was overwritten stands down.
 * One case is left to GitHub's timing: a run that claimed before a flush, whose review is still on its way
 * (its POST sent, not yet stored), while another run claims after the flush and looks. So when the store
 * reports a loss (`lostAt`), step 3 waits until `inFlightMs` after it, by when such a review has landed.
 * A POST slower than that is ordered by GitHub itself: the review is posted under GitHub's lock (one
 * PENDING review per user and pull request) and step 3 is asked again while the lock is held, right
 * before the review is submitted (`noNewReviewOfOurs`, `PostLock` in review/post-review.ts).
 */

/** How long after Redis lost its data a review posted before the loss may still be on its way (default). */
export const IN_FLIGHT_MS = 30_000;

export interface FenceTarget {
  client: Pick<GitHubClient, 'getPull' | 'listReviews'>;
  heads: ReviewedHeads;
  /** The pull request's queue key (`owner/repo#n`), its number and the head the run reviewed. */
  key: string;
  pull: number;
  headSha: string;
  /** This job across its retries and restarts. */
  runner: string;
  /** A re-requested check or a PR leaving draft: the claim is taken even when another job holds the head. */
  again: boolean;
  /** Ids of our reviews on this head when the run started (`reviewsOnHead`). */
  known: ReadonlySet<number>;
  /** The App's login (`slug[bot]`); unknown: a bot's review under our heading counts as ours. */
  appLogin?: string;
  /** Default `IN_FLIGHT_MS`. */
  inFlightMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Whether the run may post; when not, why (nothing is posted, the run stands down and says so in its log). */
export async function mayPost(t: FenceTarget): Promise<PostVerdict> {
  const head = await headVerdict(t.client, t.pull, t.headSha);
  if (!head.post) return head;
  const claimed: PostVerdict = { post: false, reason: 'another job holds the claim on this head' };
  if (!(await t.heads.claim(t.key, t.headSha, t.runner, t.again))) return claimed;
  const lost = (await t.heads.lostAt?.()) ?? 0;
  const wait = lost > 0 ? lost + (t.inFlightMs ?? IN_FLIGHT_MS) - Date.now() : 0;
  if (wait > 0) await (t.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(wait);
  const review = await noNewReviewOfOurs(t);
  if (!review.post) return review;
  return (await t.heads.claim(t.key, t.headSha, t.runner, t.again)) ? { post: true } : { post: false, reason: 'another job claimed this head after the claims were lost' };
}

/**
 * Step 3 alone: no review of ours appeared on the head since the run read the pull request's state. Also
 * asked while the run holds GitHub's one-pending-review lock, right before it submits (`PostLock.confirm`).
 */
export async function noNewReviewOfOurs(t: Pick<FenceTarget, 'client' | 'pull' | 'headSha' | 'known' | 'appLogin'>): Promise<PostVerdict> {
  for (const id of await reviewsOnHead(t.client, t.pull, t.headSha, t.appLogin)) {
    if (!t.known.has(id)) return { post: false, reason: `a review of ours (${id}) appeared on this head while the run worked (another run posted it)` };
  }
  return { post: true };
}

/** Ids of the App's submitted reviews on `headSha`. */
export async function reviewsOnHead(client: Pick<GitHubClient, 'listReviews'>, pull: number, headSha: string, appLogin: string | undefined): Promise<Set<number>> {
  return new Set((await client.listReviews(pull)).filter((r) => r.commitId === headSha && isOurs(r, appLogin)).map((r) => r.id));
}

/** A submitted review of the App's (a PENDING one was never published: a crashed run's leftover or a probe). */
export function isOurs(review: ExistingReview, appLogin: string | undefined): boolean {
  if (review.state === 'PENDING') return false;
  return appLogin === undefined ? review.authorType === 'Bot' && review.body.startsWith(REVIEW_HEADING) : review.author === appLogin;
}
