/** The head of a pull request last claimed for posting, and the job that claimed it. */
export interface ReviewedHead {
  head: string;
  by: string;
}

/**
 * One review per head, whichever instance or delivery runs it: a run claims the head right before it
 * posts; a claim fails when another job claimed the same head (that one posts), unless `force` (a
 * re-requested check). A job may claim its own head again (its retry after a failure).
 */
export interface ReviewedHeads {
  lastReviewed(key: string): Promise<ReviewedHead | undefined>;
  claim(key: string, head: string, by: string, force?: boolean): Promise<boolean>;
  /**
   * When a claim last found the store emptied (Redis flushed or replaced: every claim made before is gone),
   * in ms since the epoch; 0 when it never did. Left out by stores that cannot lose their records.
   */
  lostAt?(): Promise<number>;
}

/** The claim rule of `ReviewedHeads`, for stores that hold the value as `head by`. */
export function claimable(current: string | undefined | null, head: string, by: string, force = false): boolean {
  if (force || !current) return true;
  const [currentHead, currentBy] = current.split(' ');
  return currentHead !== head || currentBy === by;
}

export function parseReviewed(value: string | undefined | null): ReviewedHead | undefined {
  if (!value) return undefined;
  const [head = '', by = ''] = value.split(' ');
  return { head, by };
}
