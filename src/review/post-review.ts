import type { GitHubClient, ReviewDraft } from './client.js';
import { parsePatch, hunkContaining, type Hunk } from './patch.js';
import type { ReviewComment, ReviewRequest } from './plan.js';
import { clip, codeSpan } from './markdown.js';
import { isTransient } from './client.js';
import { ReviewInProgress, StandDown, type PostVerdict } from './verdict.js';

/**
 * Posting the one review so that it is never lost as a whole, and, in the App, never posted twice.
 *
 * The lock (`PostLock`, the App): GitHub lets a user (the App) hold one PENDING review per pull request,
 * so the review is created PENDING (no `event`), which takes that lock, then checked (`confirm`: no
 * review of ours landed on the head meanwhile) and submitted (`POST …/reviews/{id}/events`). Two runs of
 * one pull request that both got past the queue's claims (Redis flushed, a POST slower than the fence's
 * wait) are ordered by GitHub itself: the second one's creation is refused (422 "one pending review"),
 * or, if it lands after the first was submitted, its check finds that review and it stands down. A PENDING
 * review names its run in a hidden marker: a run's own leftover (a crash between creation and submission)
 * and one older than `STALE_PENDING_MS` (a crashed run's) are deleted; another live run's makes this run
 * back off (`ReviewInProgress`: the queue runs the job again later). Without a lock (the CLI's dry run,
 * the Action) the review is created with its event in one request.
 *
 * GitHub rejects a review with 422 when any comment does not anchor in the diff (a file changed or
 * vanished since the plan, a patch GitHub reads differently) without saying which comment. Then:
 * 1. a PENDING review left by a crashed run ("can only have one pending review") is deleted, and the
 *    review is sent again;
 * 2. the comments are checked against the current diff (one listing of the files): those that no longer
 *    anchor move into the review body, and the rest is sent again;
 * 3. if GitHub still refuses, the comments are bisected with PENDING probe reviews (created, then deleted;
 *    never visible to anyone), within a fixed budget of probes; comments GitHub refuses, or that the
 *    budget leaves undecided, move into the body;
 * 4. last resort: the review with every comment in its body.
 * Requests without a lock: 1 when accepted; at most 2 + 2 + 2 × PROBE_BUDGET + 1 otherwise. A lock adds
 * a check and a submission to each review sent.
 */

/** A PENDING review of another run older than this is a crashed run's leftover: deleted (a live run submits within seconds). */
export const STALE_PENDING_MS = 5 * 60_000;

/** GitHub's one-pending-review lock, held while the App posts (see above). */
export interface PostLock {
  /** This run across its retries and restarts: a PENDING review it left is its own to delete. */
  runner: string;
  /** Asked while the lock is held, right before submitting: whether a review of another run landed meanwhile. */
  confirm?: () => Promise<PostVerdict>;
  now?: () => number;
  /** Default `STALE_PENDING_MS`. */
  staleMs?: number;
}

const LOCK_MARKER = /<!-- editorial-review:posting run=(\S+) at=(\d+) -->/;

/** The hidden line that names the run holding the lock in its PENDING review's body (no `@`: never a mention). */
export function lockMarker(runner: string, at: number): string {
  return `<!-- editorial-review:posting run=${runner.replace(/[^\w:.#/-]/g, '_')} at=${at} -->`;
}

function lockHolder(body: string): { runner: string; at: number } | undefined {
  const m = LOCK_MARKER.exec(body);
  return m ? { runner: m[1]!, at: Number(m[2]) } : undefined;
}

/** Probe reviews at most (one bad comment among 30 needs about 2 × log2(30) ≈ 10). */
export const PROBE_BUDGET = 12;

export interface PostedReview {
  /** Comments moved into the body because GitHub would not anchor them. */
  dropped: ReviewComment[];
  /** Pending reviews of ours deleted before posting. */
  deletedPending: number;
  /** Requests spent on the review (creation, listings, probes). */
  requests: number;
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { data?: { message?: string; errors?: unknown[] } };
}

function is422(error: unknown): boolean {
  return (error as HttpError).status === 422;
}

/** GitHub's words for a user that already has a PENDING review on the pull request. */
export function isPendingConflict(error: unknown): boolean {
  const e = error as HttpError;
  const text = `${e.message ?? ''} ${JSON.stringify(e.response?.data ?? '')}`;
  return e.status === 422 && /one pending review/i.test(text);
}

export async function postReview(
  client: GitHubClient,
  pull: number,
  review: ReviewRequest,
  options: { appLogin?: string; maxFiles?: number; lock?: PostLock } = {},
): Promise<PostedReview> {
  const result: PostedReview = { dropped: [], deletedPending: 0, requests: 0 };
  const lock = options.lock && client.submitReview ? options.lock : undefined;
  const now = lock?.now ?? Date.now;
  const marker = lock ? lockMarker(lock.runner, now()) : '';
  const ours = (r: { author: string; authorType: string }) => (options.appLogin === undefined ? r.authorType === 'Bot' : r.author === options.appLogin);
  /** Creates the review (a probe when it has no event: left PENDING for the caller to delete); returns its id. */
  const create = async (r: ReviewDraft): Promise<number> => {
    result.requests++;
    if (!lock) return client.createReview(pull, r);
    const { event, ...draft } = r;
    const body = `${r.body}\n\n${marker}`;
    const id = await client.createReview(pull, { ...draft, body });
    if (event === undefined) return id;
    // The lock is ours: a review of another run is either on GitHub now, or comes after ours and sees it.
    result.requests += 2;
    const verdict = (await lock.confirm?.()) ?? { post: true };
    if (!verdict.post) {
      await client.deleteReview(pull, id);
      throw new StandDown(verdict.reason);
    }
    try {
      await client.submitReview!(pull, id, { event, body });
    } catch (error) {
      // Refused for good: the PENDING review must not hold the lock. A transient failure keeps it for the retry (its own).
      if (!isTransient(error)) await client.deleteReview(pull, id).catch(() => undefined);
      throw error;
    }
    return id;
  };
  /** After "one pending review": deletes the PENDING reviews of ours that no live run holds (a crash's leftovers). */
  const clearPending = async (): Promise<void> => {
    result.requests++;
    const pending = (await client.listReviews(pull)).filter((r) => r.state === 'PENDING' && ours(r));
    if (lock) {
      const held = pending.map((r) => lockHolder(r.body)).find((h) => h && h.runner !== lockMarkerRunner(lock.runner) && now() - h.at < (lock.staleMs ?? STALE_PENDING_MS));
      if (held) throw new ReviewInProgress(`another run (${held.runner}) is posting its review on this pull request`);
      // The PENDING review that refused ours is gone already (submitted, or a probe deleted): nothing to clear, and its run may have posted.
      if (pending.length === 0) throw new ReviewInProgress('another run held the pull request\'s pending review a moment ago');
    }
    for (const r of pending) {
      result.requests++;
      await client.deleteReview(pull, r.id);
      result.deletedPending++;
    }
  };
  const withDropped = (kept: ReviewComment[], dropped: ReviewComment[]): ReviewRequest => ({
    ...review,
    comments: kept,
    body: dropped.length ? clip(`${review.body}\n\n${droppedSection(dropped)}`) : review.body,
  });
  try {
    return await attempt();
  } catch (error) {
    // With the lock, "one pending review" past the first clearing means another run is posting now.
    if (lock && isPendingConflict(error)) throw new ReviewInProgress('another run holds the pull request\'s pending review');
    throw error;
  }

  async function attempt(): Promise<PostedReview> {
    // 1. As planned (clearing a crashed run's pending review once).
    try {
      await create(review);
      return result;
    } catch (error) {
      if (!is422(error)) throw error;
      if (isPendingConflict(error)) {
        await clearPending();
        try {
          await create(review);
          return result;
        } catch (again) {
          if (!is422(again) || isPendingConflict(again)) throw again;
        }
      }
    }
    if (review.comments.length === 0) throw new Error('GitHub refused a review without comments');

    // 2. Against the current diff.
    result.requests++;
    const files = await client.listFiles(pull, options.maxFiles ?? 3000);
    const hunks = new Map<string, Hunk[]>(files.filter((f) => f.patch !== undefined).map((f) => [f.filename, parsePatch(f.patch)]));
    const anchored = (c: ReviewComment) => {
      const h = hunks.get(c.path);
      return h !== undefined && hunkContaining(h, c.start_line ?? c.line, c.line) !== undefined;
    };
    let kept = review.comments.filter(anchored);
    const dropped = review.comments.filter((c) => !anchored(c));
    if (dropped.length > 0 && kept.length > 0) {
      try {
        await create(withDropped(kept, dropped));
        result.dropped = dropped;
        return result;
      } catch (error) {
        if (!is422(error)) throw error;
      }
    }

    // 3. Bisect the rest with pending probes (bounded).
    let budget = PROBE_BUDGET;
    const probe = async (list: ReviewComment[]): Promise<boolean> => {
      budget--;
      let id: number;
      try {
        id = await create({ commit_id: review.commit_id, body: '', comments: list });
      } catch (error) {
        if (is422(error) && !isPendingConflict(error)) return false;
        throw error;
      }
      result.requests++;
      await client.deleteReview(pull, id);
      return true;
    };
    const accepted: ReviewComment[] = [];
    const search = async (list: ReviewComment[], knownBad: boolean): Promise<void> => {
      if (list.length === 0) return;
      if (!knownBad) {
        if (budget <= 0) {
          dropped.push(...list);
          return;
        }
        if (await probe(list)) {
          accepted.push(...list);
          return;
        }
      }
      if (list.length === 1) {
        dropped.push(list[0]!);
        return;
      }
      const half = Math.ceil(list.length / 2);
      await search(list.slice(0, half), false);
      await search(list.slice(half), false);
    };
    await search(kept, true);
    kept = review.comments.filter((c) => accepted.includes(c));
    const droppedAll = review.comments.filter((c) => !accepted.includes(c));
    try {
      await create(withDropped(kept, droppedAll));
      result.dropped = droppedAll;
      return result;
    } catch (error) {
      if (!is422(error)) throw error;
    }
    // 4. Everything in the body.
    await create(withDropped([], review.comments));
    result.dropped = [...review.comments];
    return result;
  }
}

/** The runner as its lock marker spells it. */
function lockMarkerRunner(runner: string): string {
  return lockHolder(lockMarker(runner, 0))!.runner;
}

/** The comments GitHub would not anchor, in the body: text kept, suggestions shown as plain code. */
function droppedSection(dropped: ReviewComment[]): string {
  const items = dropped.map((c) => {
    const where = c.start_line !== undefined && c.start_line < c.line ? `lines ${c.start_line}–${c.line}` : `line ${c.line}`;
    const body = c.body.replace(/^(`{3,})suggestion$/gm, '$1text');
    return `**${codeSpan(c.path)} ${where}**\n\n${body}`;
  });
  return `${dropped.length === 1 ? 'One comment' : `${dropped.length} comments`} could not be placed on the diff (GitHub refused the position):\n\n${items.join('\n\n---\n\n')}`;
}
