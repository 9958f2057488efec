import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeMiddleware } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/github/app.js';
import { FileJournal } from '../../src/queue/journal.js';
import { until } from './process.js';
import { FakeGitHub } from '../fake-github/server.js';
import { pullRequestPayload, startApp, TestRepo, type TestApp, signedPost } from './harness.js';
import { DEFECTIVE } from './posts.js';

const OWNER = 'Codertocat';
const REPO = 'Hello-World';
const FULL = `${OWNER}/${REPO}`;

let fake: FakeGitHub;
let repo: TestRepo;
let dir: string;
const servers: Server[] = [];

beforeEach(async () => {
  fake = await new FakeGitHub().start();
  repo = new TestRepo('main');
  dir = mkdtempSync(join(tmpdir(), 'er-delivery-'));
  repo.commit({ 'README.md': '# blog\n' });
  repo.checkout('pr', true);
  repo.commit({ '_posts/a.md': DEFECTIVE(1) });
  fake.addRepo(FULL, repo.dir, 'main');
});

afterEach(async () => {
  for (const s of servers.splice(0)) s.close();
  await fake.stop();
  repo.remove();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(app: TestApp): Promise<string> {
  const middleware = await createNodeMiddleware(createApp(app.appOptions), { probot: app.probot });
  const server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
}

/** The run's first call waits out a 2 s secondary rate limit: the review takes at least that long. */
function slowGitHub(): void {
  fake.inject({
    method: 'GET',
    path: `/repos/${FULL}/pulls/1`,
    status: 403,
    headers: { 'retry-after': '2' },
    body: { message: 'You have exceeded a secondary rate limit.', documentation_url: 'https://docs.github.com/rest' },
  });
}

describe('delivery', () => {
  it('the webhook is answered as soon as the delivery is recorded, before the review', async () => {
    const journalPath = join(dir, 'journal.jsonl');
    const app = await startApp(fake, { load: false, journal: new FileJournal(journalPath) });
    const url = await serve(app);
    const pull = fake.setPull(FULL, 1, 'main', 'pr');
    slowGitHub();
    const res = await signedPost(url, 'pull_request', pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' }), undefined, 'd-fast');
    expect(res.status).toBe(200);
    // Answered; the review is not there yet, but the delivery is on disk.
    expect(fake.reviews).toHaveLength(0);
    expect((await new FileJournal(journalPath).pending()).map((j) => j.id)).toEqual(['d-fast']);
    await app.queue!.idle();
    expect(fake.reviews).toHaveLength(1);
    expect(await app.queue!.pending()).toEqual([]);
  });

  it('a process that stops after answering (before the review) loses nothing: the next process posts the review, once', async () => {
    const journalPath = join(dir, 'journal.jsonl');
    const first = await startApp(fake, { load: false, journal: new FileJournal(journalPath) });
    const url = await serve(first);
    const pull = fake.setPull(FULL, 1, 'main', 'pr');
    slowGitHub();
    const res = await signedPost(url, 'pull_request', pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' }), undefined, 'd-crash');
    expect(res.status).toBe(200);
    // SIGTERM with no grace: the run is aborted before it posts anything; the delivery stays recorded.
    const stopped = await first.queue!.shutdown(0);
    expect(stopped.requeued).toBe(1);
    expect(fake.reviews).toHaveLength(0);
    expect(fake.checkRuns).toHaveLength(0);

    const second: TestApp = await startApp(fake, { journal: new FileJournal(journalPath) });
    // Recovery starts when the app loads, reading the journal asynchronously: idle only once it has.
    await until(() => second.queue!.stats.recovered === 1, 'the journal to be recovered');
    await second.queue!.idle();
    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviews[0]!.commit_id).toBe(pull.headSha);
    expect(await second.queue!.pending()).toEqual([]);
    // GitHub does not redeliver, but if the same delivery came again it would be recognised.
    await second.probot.receive({ id: 'd-crash', name: 'pull_request', payload: pullRequestPayload('opened', { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' }) } as never);
    await second.queue!.idle();
    expect(second.queue!.stats.duplicates).toBe(1);
    expect(fake.reviews).toHaveLength(1);
  });
});
