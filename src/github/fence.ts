import type { ReviewedHeads } from '../queue/heads.js';
import type { ExistingReview, GitHubClient } from '../review/client.js';
import { REVIEW_HEADING } from '../review/plan.js';

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
 * What remains: a flush between step 4 of one run and its review reaching GitHub, while another run goes
 * through steps 2 to 4 in that time (one POST's round trip).
 */

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
}

/** True when the run may post; false when it must stand down (nothing is posted, the run counts as superseded). */
export async function mayPost(t: FenceTarget): Promise<boolean> {
  if ((await t.client.getPull(t.pull)).headSha !== t.headSha) return false;
  if (!(await t.heads.claim(t.key, t.headSha, t.runner, t.again))) return false;
  for (const id of await reviewsOnHead(t.client, t.pull, t.headSha, t.appLogin)) if (!t.known.has(id)) return false;
  return t.heads.claim(t.key, t.headSha, t.runner, t.again);
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
