import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Reconciler, type ReconcileRequester } from '../../src/github/reconcile.js';
import { FakeGitHub } from '../fake-github/server.js';
import { FULL, issueCommentPayload, OWNER, pullRequestPayload, REPO, SECRET, startApp, TestRepo, type TestApp } from './harness.js';
import { until } from './process.js';

/**
 * One reconciliation pass against the fake GitHub's delivery log (`GET /app/hook/deliveries`,
 * `POST …/attempts`, validated against the OpenAPI description): which deliveries are asked for again,
 * and when the App asks for none (its own record unavailable, asked recently). The endpoint answers 503
 * here, as the App does while Redis is down.
 */

let fake: FakeGitHub;
let repo: TestRepo;
let app: TestApp;
let endpoint: Server;

beforeEach(async () => {
  fake = await new FakeGitHub().start();
  repo = new TestRepo('main');
  repo.commit({ 'README.md': '# blog\n' });
  fake.addRepo(FULL, repo.dir, 'main');
  app = await startApp(fake, { load: false });
  endpoint = createServer((_req, res) => res.writeHead(503).end());
  await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
  fake.webhook = { url: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/api/github/webhooks`, secret: SECRET };
});

afterEach(async () => {
  await new Promise<void>((r) => endpoint.close(() => r()));
  await fake.stop();
  repo.remove();
});

async function failedDelivery(): Promise<void> {
  const pull = fake.setPull(FULL, 1, 'main', 'main');
  expect(await fake.sendWebhook('pull_request', pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' }), 'guid-1')).toBe(503);
}

const asks = () => fake.log.filter((r) => r.route === 'POST /app/hook/deliveries/{delivery_id}/attempts').length;
const reads = () => fake.log.filter((r) => r.route === 'GET /app/hook/deliveries/{delivery_id}').length;

/** A comment in PR #1's conversation whose delivery failed (the endpoint answered 503). */
async function failedComment(body: string, guid: string): Promise<void> {
  fake.setPull(FULL, 1, 'main', 'main');
  const payload = issueCommentPayload({ owner: OWNER, repo: REPO, number: 1, defaultBranch: 'main', body, user: { login: 'maintainer' } });
  expect(await fake.sendWebhook('issue_comment', payload, guid)).toBe(503);
}

describe('a reconciliation pass', () => {
  it('asks for nothing while the App cannot read its own record (a redelivery would fail again), and for the failed delivery once it can', async () => {
    await failedDelivery();
    let redisUp = false;
    const recorded = async () => {
      if (!redisUp) throw new Error('Connection is closed.');
      return false;
    };
    const reconciler = new Reconciler(async () => (await app.probot.auth()) as unknown as ReconcileRequester, recorded, { settleMs: 0 });
    await expect(reconciler.pass()).rejects.toThrow('Connection is closed');
    expect(asks()).toBe(0);
    redisUp = true;
    expect(await reconciler.pass()).toMatchObject({ listed: 1, failed: 1, redelivered: 1 });
    await until(() => fake.webhookAttempts.some((a) => a.redelivery), 'the redelivery');
    expect(fake.violations).toEqual([]);
  });

  it('a delivery on record is not asked for, answered or not', async () => {
    await failedDelivery();
    const reconciler = new Reconciler(async () => (await app.probot.auth()) as unknown as ReconcileRequester, async () => true, { settleMs: 0 });
    expect(await reconciler.pass()).toMatchObject({ listed: 1, failed: 0, unrecorded: 0, redelivered: 0 });
    expect(asks()).toBe(0);
  });

  it('a failed `/editorial-review fix` comment is redelivered; a failed comment that asks for nothing is not, and its payload is read once', async () => {
    await failedComment('/editorial-review fix', 'guid-fix');
    await failedComment('Thanks, looks good to me.', 'guid-chat');
    const reconciler = new Reconciler(async () => (await app.probot.auth()) as unknown as ReconcileRequester, async () => false, { settleMs: 0 });
    expect(await reconciler.pass()).toMatchObject({ listed: 2, failed: 1, redelivered: 1 });
    await until(() => fake.webhookAttempts.some((a) => a.redelivery), 'the redelivery');
    expect(fake.webhookAttempts.filter((a) => a.redelivery).map((a) => [a.guid, a.event])).toEqual([['guid-fix', 'issue_comment']]);
    expect(reads()).toBe(2);
    // The next pass reads neither payload again: the chat stays ignored, the fix request waits for its backoff.
    const before = reads();
    await reconciler.pass();
    expect(reads()).toBe(before);
    expect(fake.violations).toEqual([]);
  });

  it('a delivery that keeps failing is asked for again after waits that double, five times at most', async () => {
    await failedDelivery();
    const settle = 1000;
    let now = Date.now() + settle;
    const reconciler = new Reconciler(async () => (await app.probot.auth()) as unknown as ReconcileRequester, async () => false, { settleMs: settle, now: () => now });
    const askedAt: number[] = [];
    // Passes every half settle time over 40 settle times: asks at 0, 1, 3, 7, 15 settle times, then none.
    const start = now;
    for (let t = 0; t <= 40 * settle; t += settle / 2) {
      now = start + t;
      if ((await reconciler.pass()).redelivered > 0) askedAt.push(t / settle);
    }
    expect(askedAt).toEqual([0, 1, 3, 7, 15]);
  });
});
