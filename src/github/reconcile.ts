import { HANDLED_EVENTS, jobFromDelivery } from './deliveries.js';
import { PayloadShapeError } from './webhook-server.js';

/**
 * Reconciliation with GitHub's delivery log, as GitHub's documentation recommends for Apps ("Handling
 * failed webhook deliveries"): GitHub never redelivers by itself, but keeps every delivery of the App's
 * webhook for 3 days and redelivers one on request. On start and then periodically the App lists the
 * deliveries of the last `windowMs` (REST `GET /app/hook/deliveries`, JWT) and asks for a redelivery
 * (`POST /app/hook/deliveries/{delivery_id}/attempts`) of each delivery the App needs that
 * - failed at every attempt (answered 5xx while the journal or Redis was down, timed out, the App was
 *   down), or
 * - was answered but is not on record (Redis flushed or lost after answering).
 * The App needs a delivery when it would have become a job: its event and action are among those the App
 * handles (a push to a pull request, a re-requested check, a comment: `HANDLED_EVENTS`), and its payload,
 * read from the log (`GET /app/hook/deliveries/{delivery_id}`), makes a job (`jobFromDelivery`: only our
 * check, only a `/editorial-review fix` comment). Deliveries the App ignores are never recorded, so the
 * payload is what tells them from lost ones; each is read once per process.
 * A redelivery carries the same delivery id (guid): recorded once, whichever instance gets it. Before
 * asking, the App looks up the guid in its own record, for failed deliveries too: while the record (Redis)
 * is unavailable the lookup throws and the pass asks for nothing, since a redelivery would only fail again.
 * A guid is asked for again only after a wait that doubles from the settle time, and at most `MAX_ASKS`
 * times per process (a redelivery may still fail, e.g. while Redis is coming back), so a delivery the App
 * cannot take is never asked for in a loop.
 */

export interface ReconcileRequester {
  request: (route: string, parameters?: Record<string, unknown>) => Promise<{ data: unknown; headers: Record<string, unknown> }>;
}

export interface HookDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
  event: string;
  action: string | null;
}

export interface ReconcileOptions {
  /** How far back deliveries are looked at (default 6 h; GitHub keeps 3 days). */
  windowMs?: number;
  /** At most this many redeliveries asked per pass (default 100). */
  maxRedeliveries?: number;
  /** Deliveries younger than this are left alone: their first answer may still be on its way (default 30 s). */
  settleMs?: number;
  now?: () => number;
  signal?: AbortSignal;
}

export interface ReconcileResult {
  listed: number;
  failed: number;
  unrecorded: number;
  redelivered: number;
}

const PER_PAGE = 100;
const MAX_ASKS = 5;

/** Whether the App handles this event and action at all (others are not worth reading or redelivering). */
export function handled(event: string, action: string | null): boolean {
  return (HANDLED_EVENTS as readonly string[]).includes(`${event}.${action ?? ''}`);
}

export class Reconciler {
  /** Redeliveries this process asked for: how many times, and when last. */
  private readonly asked = new Map<string, { count: number; at: number }>();
  /** Deliveries whose payload makes no job (a comment that is not a fix command, another App's check). */
  private readonly ignored = new Set<string>();

  constructor(
    private readonly github: () => Promise<ReconcileRequester>,
    private readonly recorded: (guid: string) => Promise<boolean>,
    private readonly options: ReconcileOptions = {},
  ) {}

  async pass(): Promise<ReconcileResult> {
    const now = (this.options.now ?? Date.now)();
    const since = now - (this.options.windowMs ?? 6 * 3600_000);
    const settle = this.options.settleMs ?? 30_000;
    const signal = this.options.signal;
    const octokit = await this.github();
    // Newest first: stop paging at the first delivery older than the window.
    const byGuid = new Map<string, HookDelivery[]>();
    let listed = 0;
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const { data, headers } = await octokit.request('GET /app/hook/deliveries', { per_page: PER_PAGE, ...(cursor ? { cursor } : {}), request: { retries: 0, ...(signal ? { signal } : {}) } });
      const items = data as HookDelivery[];
      let old = false;
      for (const d of items) {
        if (Date.parse(d.delivered_at) < since) {
          old = true;
          continue;
        }
        listed++;
        const list = byGuid.get(d.guid) ?? [];
        list.push(d);
        byGuid.set(d.guid, list);
      }
      cursor = /[?&]cursor=([^&>]+)[^>]*>;\s*rel="next"/.exec(String(headers.link ?? ''))?.[1];
      if (old || !cursor || items.length === 0) break;
    }
    const result: ReconcileResult = { listed, failed: 0, unrecorded: 0, redelivered: 0 };
    const max = this.options.maxRedeliveries ?? 100;
    for (const [guid, attempts] of byGuid) {
      if (result.redelivered >= max) break;
      const latest = attempts.reduce((a, b) => (Date.parse(b.delivered_at) > Date.parse(a.delivered_at) ? b : a));
      const asked = this.asked.get(guid);
      if (!handled(latest.event, latest.action) || this.ignored.has(guid) || (asked && (asked.count >= MAX_ASKS || now - asked.at < settle * 2 ** (asked.count - 1)))) continue;
      if (now - Date.parse(latest.delivered_at) < settle) continue;
      // Throws while the record is unavailable: the pass ends without asking (and is tried again later).
      if (await this.recorded(guid)) continue;
      if (!asked && !(await this.makesJob(octokit, latest))) {
        this.ignored.add(guid);
        continue;
      }
      if (attempts.some((d) => d.status_code >= 200 && d.status_code < 300)) result.unrecorded++;
      else result.failed++;
      this.asked.set(guid, { count: (asked?.count ?? 0) + 1, at: now });
      await octokit.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: latest.id, request: { retries: 0, ...(signal ? { signal } : {}) } });
      result.redelivered++;
    }
    return result;
  }

  /** Whether the delivery's payload, as GitHub's log keeps it, asks the App for a job. */
  private async makesJob(octokit: ReconcileRequester, delivery: HookDelivery): Promise<boolean> {
    const signal = this.options.signal;
    const { data } = await octokit.request('GET /app/hook/deliveries/{delivery_id}', { delivery_id: delivery.id, request: { retries: 0, ...(signal ? { signal } : {}) } });
    const payload = (data as { request?: { payload?: unknown } }).request?.payload;
    try {
      return jobFromDelivery({ id: delivery.guid, name: delivery.event, payload }) !== null;
    } catch (error) {
      if (error instanceof PayloadShapeError) return false; // answered 400 before; it would be again
      throw error;
    }
  }
}
