/**
 * Why a run failed decides what the queue does with its job: a transient failure (GitHub 5xx or rate
 * limit, a connection error, Redis or the rate limiter's state unavailable) is retried with backoff for as
 * long as the retry schedule allows (a day by default): an outage never drops a review. Anything else is
 * permanent (GitHub 404/422, a bug): retried a few times, then the App says so in a check run.
 */

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
/** Redis (ioredis) and the rate limiter kept in Redis (Bottleneck: `SETTINGS_KEY_NOT_FOUND` after a flush). */
const DEPENDENCY_MESSAGES = /SETTINGS_KEY_NOT_FOUND|Connection is closed|connect ECONNREFUSED|MaxRetriesPerRequest|Reached the max retries per request|LOADING|READONLY|CLUSTERDOWN|TRYAGAIN|Stream isn't writeable|socket hang up|fetch failed|other side closed/i;

export function isTransientFailure(error: unknown): boolean {
  const e = (error ?? {}) as { status?: unknown; code?: unknown; name?: unknown; message?: unknown; cause?: unknown; transient?: unknown; response?: { headers?: Record<string, unknown> } };
  // An error that says so itself (another run of the App holds the pull request's review lock).
  if (e.transient === true) return true;
  if (typeof e.status === 'number') {
    if (e.status >= 500 || e.status === 408 || e.status === 429 || e.status === 401) return true;
    if (e.status === 403) return e.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(String(e.message ?? ''));
    return false;
  }
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (e.name === 'ReplyError' || e.name === 'MaxRetriesPerRequestError' || e.name === 'BottleneckError') return true;
  if (DEPENDENCY_MESSAGES.test(String(e.message ?? ''))) return true;
  return e.cause !== undefined && e.cause !== error ? isTransientFailure(e.cause) : false;
}

export interface RetrySchedule {
  /** First retry delay; each next one doubles (default 10 s). */
  baseMs: number;
  /** Longest delay between two runs (default 10 minutes). */
  maxMs: number;
  /** A job failing transiently for longer than this is given up (default 24 h). */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY: RetrySchedule = { baseMs: 10_000, maxMs: 10 * 60_000, giveUpAfterMs: 24 * 3600_000 };

/**
 * The schedule from the environment: `REVIEW_RETRY_BASE_MS`, `REVIEW_RETRY_MAX_MS`,
 * `REVIEW_RETRY_GIVE_UP_MS` (tests compress hours into seconds this way; the shape stays the same).
 */
export function retryScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): RetrySchedule {
  const read = (name: string, fallback: number) => {
    const n = Number(env[name]);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    baseMs: read('REVIEW_RETRY_BASE_MS', DEFAULT_RETRY.baseMs),
    maxMs: read('REVIEW_RETRY_MAX_MS', DEFAULT_RETRY.maxMs),
    giveUpAfterMs: read('REVIEW_RETRY_GIVE_UP_MS', DEFAULT_RETRY.giveUpAfterMs),
  };
}

/** Delay before the run after `attempt` failures: exponential, capped, with ±10% jitter (instances spread out). */
export function retryDelay(schedule: RetrySchedule, attempt: number, random: () => number = Math.random): number {
  const exact = Math.min(schedule.baseMs * 2 ** Math.max(0, attempt - 1), schedule.maxMs);
  return Math.round(exact * (0.9 + 0.2 * random()));
}
