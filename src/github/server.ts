import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createProbot } from 'probot';
import type { JobQueue } from '../queue/queue.js';
import { createApp, installSignalHandlers, reconcileFromEnv } from './app.js';
import { createWebhookHandler, type Delivery, type ReceiveResult } from './webhook-server.js';

/**
 * The App's process (`npm start`): Probot for authentication and logging, and the App's own webhook
 * endpoint in front (`webhook-server.ts`): bodies over GitHub's 25 MB cap refused before they are read, the
 * signature checked before anything else, nothing of a payload logged, and a delivery answered as soon as
 * it is recorded. Probot's own server would read any body whole and log refused payloads.
 *
 * Environment: Probot's (`APP_ID`, `PRIVATE_KEY` or `PRIVATE_KEY_PATH`, `WEBHOOK_SECRET`, `WEBHOOK_PATH`,
 * `PORT`, `HOST`, `LOG_LEVEL`, `GHE_HOST`), plus `GITHUB_API_URL` (the REST API's base URL, overriding
 * `GHE_HOST`), `APP_SLUG` (optional: otherwise asked of GitHub when a review first needs it),
 * `SHUTDOWN_GRACE_MS`, the retry schedule (`REVIEW_RETRY_*`, see `queue/failure.ts`), reconciliation with
 * GitHub's delivery log (`RECONCILE_*`, see `app.ts`), and `REDIS_URL` for several instances (BullMQ).
 */

export interface RunningServer {
  server: Server;
  queue: JobQueue;
  url: string;
}

export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const secret = env.WEBHOOK_SECRET;
  if (!secret) throw new Error('WEBHOOK_SECRET is required: deliveries cannot be verified without it');
  const probot = createProbot({
    env,
    overrides: {
      ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL.replace(/\/$/, '') } : {}),
      // Redis holds the job queue, not Probot's write throttle: Bottleneck's cluster state in Redis makes every
      // GitHub call fail (ERR SETTINGS_KEY_NOT_FOUND) for about a minute after Redis is flushed or replaced.
      // Each instance throttles its own writes; secondary rate limits are waited out by `OctokitClient`.
      redisConfig: undefined,
    },
  });
  let queue: JobQueue | undefined;
  let receive: ((delivery: Delivery) => Promise<ReceiveResult>) | undefined;
  await probot.load(
    createApp({
      ...(env.APP_SLUG ? { appSlug: env.APP_SLUG } : {}),
      reconcile: reconcileFromEnv(env),
      // The webhook thread only records deliveries and answers; `REVIEW_THREAD=off` reviews in it (debugging).
      reviewThread: env.REVIEW_THREAD !== 'off',
      onQueue: (q) => (queue = q),
      onReceive: (r) => (receive = r),
    }),
  );
  if (!queue || !receive) throw new Error('the App did not start its queue');
  const handle = createWebhookHandler({ secret, path: env.WEBHOOK_PATH || '/api/github/webhooks', receive, log: probot.log });
  const server = createServer((req, res) => {
    handle(req, res).then(
      (handled) => {
        if (!handled && !res.headersSent) res.writeHead(404, { connection: 'close' }).end();
      },
      () => {
        if (!res.headersSent) res.writeHead(500, { connection: 'close' }).end();
      },
    );
  });
  // A slow sender cannot hold a connection for long (GitHub sends a delivery in well under a second).
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  const port = env.PORT && Number.isInteger(Number(env.PORT)) ? Number(env.PORT) : 3000; // 0: any free port
  const host = env.HOST || '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const url = typeof address === 'object' && address ? `http://${host}:${address.port}` : `http://${host}:${port}`;
  probot.log.info({ url }, 'editorial-review: listening');
  installSignalHandlers(probot.log, queue, Number(env.SHUTDOWN_GRACE_MS) || 8000, () => server.close());
  return { server, queue, url };
}

// Run as a program (not when imported by a test).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startServer().catch((error: Error) => {
    console.error(`editorial-review: cannot start: ${error.message}`);
    process.exit(1);
  });
}
