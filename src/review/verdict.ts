/** Whether a run may post, and if not why (said in the log and in the run's outcome). */
export type PostVerdict = { post: true } | { post: false; reason: string };

/** Thrown (and caught by `reviewPullRequest`) when the run must not post; the message says why. */
export class StandDown extends Error {}

/**
 * Another run of the App holds GitHub's lock on the pull request (its PENDING review: one per user and
 * pull request) while it posts. Transient: the queue runs the job again later, when that review is out
 * (the run then finds it) or the lock turned out to be a crashed run's leftover (deleted once stale).
 */
export class ReviewInProgress extends Error {
  /** Read by the queue's failure classification (`isTransientFailure`). */
  readonly transient = true;
}
