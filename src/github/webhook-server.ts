import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';
import type { AppLogger } from '../queue/queue.js';

/**
 * The App's webhook endpoint, in front of everything else: a request is answered from its headers when it
 * cannot be a delivery (no signature, no event name, a declared body over GitHub's cap), the body is read
 * with a running byte count (a body without a length is cut off at the cap), the HMAC signature is checked
 * on the exact bytes, and only a signed, parsed delivery reaches `receive`, which records it and returns.
 * No request body, signed or not, is ever logged: only the delivery id, the event, the status and the time.
 */

/** GitHub caps webhook payloads at 25 MB and does not send larger ones. */
export const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

export interface Delivery {
  id: string;
  name: string;
  payload: unknown;
}

/** `receive` throws this for a signed payload that is not what its event promises: answered 400, no text. */
export class PayloadShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadShapeError';
  }
}

export type ReceiveResult = 'recorded' | 'duplicate' | 'ignored';

export interface WebhookHandlerOptions {
  secret: string;
  /** Default `/api/github/webhooks` (Probot's). */
  path?: string;
  maxBytes?: number;
  /** Records the delivery (durably) and returns; never waits for the review. */
  receive: (delivery: Delivery) => Promise<ReceiveResult>;
  log?: AppLogger;
}

const STATUS: Record<ReceiveResult, number> = { recorded: 202, duplicate: 200, ignored: 200 };

/** A request handler: true when it answered (the webhook path or `/ping`), false to let another handler answer. */
export function createWebhookHandler(options: WebhookHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const path = options.path ?? '/api/github/webhooks';
  const maxBytes = options.maxBytes ?? MAX_PAYLOAD_BYTES;
  return async (req, res) => {
    const url = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && url === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
      return true;
    }
    if (url !== path) return false;
    const started = performance.now();
    const id = header(req, 'x-github-delivery');
    const name = header(req, 'x-github-event');
    const signature = header(req, 'x-hub-signature-256');
    const answer = (status: number, note?: string) => {
      refuse(req, res, status);
      const entry = { delivery: id?.slice(0, 80), event: name?.slice(0, 80), status, ms: Math.round(performance.now() - started) };
      if (status >= 500) options.log?.error({ ...entry, ...(note ? { err: note } : {}) }, 'editorial-review: delivery not recorded');
      else if (status >= 400) options.log?.warn(entry, 'editorial-review: webhook request refused');
      else options.log?.info(entry, 'editorial-review: webhook answered');
      return true;
    };
    if (req.method !== 'POST') return answer(405);
    if (!id || !name || !signature) return answer(400);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return answer(413);

    const body = await readCapped(req, maxBytes);
    if (body === 'too-large') return answer(413);
    if (body === 'aborted') return true;
    const text = body.toString('utf8');
    let valid = false;
    try {
      valid = await verify(options.secret, text, signature);
    } catch {
      valid = false; // a malformed signature header
    }
    if (!valid) return answer(401);
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return answer(400);
    }
    let result: ReceiveResult;
    try {
      result = await options.receive({ id, name, payload });
    } catch (error) {
      if (error instanceof PayloadShapeError) return answer(400);
      // Not recorded (the journal or Redis is unavailable): 5xx at once, so GitHub's delivery log marks it
      // failed and reconciliation redelivers it.
      return answer(503, (error as Error).message);
    }
    res.writeHead(STATUS[result], { 'content-type': 'text/plain' }).end(result);
    options.log?.info({ delivery: id, event: name, status: STATUS[result], result, ms: Math.round(performance.now() - started) }, 'editorial-review: webhook answered');
    return true;
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Answers with an empty body and closes the connection, so an unread request body is never read. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { connection: 'close', 'content-length': '0' }).end();
  if (!req.complete) res.once('finish', () => req.destroy());
}

/** The body, or 'too-large' as soon as more than `max` bytes arrived (the rest is never read). */
function readCapped(req: IncomingMessage, max: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Buffer | 'too-large' | 'aborted') => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        req.pause();
        settle('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(Buffer.concat(chunks, size)));
    req.once('error', () => settle('aborted'));
    req.once('close', () => settle(req.complete ? Buffer.concat(chunks, size) : 'aborted'));
  });
}
