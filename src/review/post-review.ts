import type { GitHubClient, ReviewDraft } from './client.js';
import { parsePatch, hunkContaining, type Hunk } from './patch.js';
import type { ReviewComment, ReviewRequest } from './plan.js';
import { clip, codeSpan } from './markdown.js';

/**
 * Posting the one review so that it is never lost as a whole. GitHub rejects a review with 422 when any
 * comment does not anchor in the diff (a file changed or vanished since the plan, a patch GitHub reads
 * differently) without saying which comment. Then:
 * 1. a PENDING review left by a crashed run ("can only have one pending review") is deleted, and the
 *    review is sent again;
 * 2. the comments are checked against the current diff (one listing of the files): those that no longer
 *    anchor move into the review body, and the rest is sent again;
 * 3. if GitHub still refuses, the comments are bisected with PENDING probe reviews (created, then deleted;
 *    never visible to anyone), within a fixed budget of probes; comments GitHub refuses, or that the
 *    budget leaves undecided, move into the body;
 * 4. last resort: the review with every comment in its body.
 * Requests: 1 when accepted; at most 2 + 2 + 2 × PROBE_BUDGET + 1 otherwise.
 */

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
  options: { appLogin?: string; maxFiles?: number } = {},
): Promise<PostedReview> {
  const result: PostedReview = { dropped: [], deletedPending: 0, requests: 0 };
  const create = async (r: ReviewDraft): Promise<number> => {
    result.requests++;
    return client.createReview(pull, r);
  };
  const withDropped = (kept: ReviewComment[], dropped: ReviewComment[]): ReviewRequest => ({
    ...review,
    comments: kept,
    body: dropped.length ? clip(`${review.body}\n\n${droppedSection(dropped)}`) : review.body,
  });

  // 1. As planned (clearing a crashed run's pending review once).
  try {
    await create(review);
    return result;
  } catch (error) {
    if (!is422(error)) throw error;
    if (isPendingConflict(error)) {
      result.requests++;
      const pending = (await client.listReviews(pull)).filter(
        (r) => r.state === 'PENDING' && (options.appLogin === undefined ? r.authorType === 'Bot' : r.author === options.appLogin),
      );
      for (const r of pending) {
        result.requests++;
        await client.deleteReview(pull, r.id);
        result.deletedPending++;
      }
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

/** The comments GitHub would not anchor, in the body: text kept, suggestions shown as plain code. */
function droppedSection(dropped: ReviewComment[]): string {
  const items = dropped.map((c) => {
    const where = c.start_line !== undefined && c.start_line < c.line ? `lines ${c.start_line}–${c.line}` : `line ${c.line}`;
    const body = c.body.replace(/^(`{3,})suggestion$/gm, '$1text');
    return `**${codeSpan(c.path)} ${where}**\n\n${body}`;
  });
  return `${dropped.length === 1 ? 'One comment' : `${dropped.length} comments`} could not be placed on the diff (GitHub refused the position):\n\n${items.join('\n\n---\n\n')}`;
}
