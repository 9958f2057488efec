/**
 * PR cost against the fake GitHub server (`npm run bench:pr -- --fake [--base N]`): the App itself — Probot,
 * the queue, OctokitClient, the base-branch index with a file store — reviewing a 5-post pull request
 * whose base branch holds N real posts of the corpus (default: all). Prints the requests per run (REST
 * and GraphQL blob queries), the blobs read, and the wall time of the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunReport } from '../src/review/run.js';
import { FakeGitHub } from '../test/fake-github/server.js';
import { deliver, pullRequestPayload, startApp, TestRepo, type TestApp } from '../test/github/harness.js';

const OWNER = 'Codertocat';
const REPO = 'Hello-World';

export async function fakeGitHubPrCost(clone: string, baseCount?: number): Promise<void> {
  const paths = execFileSync('git', ['-C', clone, 'ls-tree', '-r', '--name-only', '-z', 'HEAD'])
    .toString()
    .split('\0')
    .filter((p) => /^_posts\/.+\.(md|markdown)$/.test(p));
  const base = paths.slice(0, baseCount ?? paths.length);
  const show = (path: string): string => execFileSync('git', ['-C', clone, 'show', `HEAD:${path}`], { maxBuffer: 1 << 28 }).toString();
  const repo = new TestRepo('main');
  const cacheDir = mkdtempSync(join(tmpdir(), 'er-prcost-fake-'));
  const fake = await new FakeGitHub().start();
  const apps: TestApp[] = [];
  try {
    repo.commit(Object.fromEntries([['_config.yml', 'title: blog\n'], ...base.map((p) => [p, show(p)])]), 'base');
    repo.checkout('pr', true);
    // Five new posts: the first republishes a base post verbatim under a new name, the others are retitled copies of posts not in the base.
    const extra = paths.slice(base.length).concat(paths).slice(0, 4);
    const pr: Record<string, string> = { '_posts/2099-12-01-pr-post-0.md': show(base[Math.floor(base.length / 2)]!) };
    extra.forEach((p, i) => (pr[`_posts/2099-12-0${i + 2}-pr-post-${i + 1}.md`] = show(p).replace(/^title: .*$/m, `title: "PR post ${i + 1}"`)));
    repo.commit(pr, 'five posts');
    fake.addRepo(`${OWNER}/${REPO}`, repo.dir, 'main');
    console.log(`fake GitHub: base branch ${base.length} posts; PR: 5 new posts (one republishes a base post)`);

    const measure = async (label: string, app: TestApp, action: 'opened' | 'synchronize'): Promise<void> => {
      fake.resetLog();
      const pull = fake.setPull(`${OWNER}/${REPO}`, 1, 'main', 'pr');
      const t0 = performance.now();
      await deliver(app, 'pull_request', pullRequestPayload(action, { owner: OWNER, repo: REPO, number: 1, headSha: pull.headSha, defaultBranch: 'main' }));
      const wall = performance.now() - t0;
      const report = app.runs.at(-1) as RunReport;
      const o = report.outcome;
      const requests = fake.requests();
      const graphql = requests.filter((r) => r.route === 'POST /graphql').length;
      const cost = o.kind === 'reviewed' ? o.corpus : undefined;
      const cross = o.kind === 'reviewed' ? o.findings.filter((f) => f.rule.startsWith('repository/')).length : 0;
      console.log(
        `${label.padEnd(40)} requests ${String(requests.length).padStart(3)} (GraphQL blob queries ${fake.blobQueries.length}, other GraphQL ${graphql - fake.blobQueries.length}); ` +
          `blobs read ${cost?.loaded ?? '-'}, from store ${cost?.fromStore ?? '-'}; run ${(report.durationMs / 1000).toFixed(2)} s, delivery to idle ${(wall / 1000).toFixed(2)} s; ${cross} cross-post findings`,
      );
      if (fake.violations.length) console.log(`  OpenAPI violations: ${fake.violations.join('; ')}`);
    };

    const cold = await startApp(fake, { corpus: { dir: cacheDir, env: {} }, level: 'warn' });
    apps.push(cold);
    await measure('cold index (empty store), PR opened', cold, 'opened');
    repo.commit({ '_posts/2099-12-02-pr-post-1.md': `${show(extra[0]!).replace(/^title: .*$/m, 'title: "PR post 1"')}\nOne more line.\n` }, 'edit');
    await measure('warm index (same process), second push', cold, 'synchronize');
    const restarted = await startApp(fake, { corpus: { dir: cacheDir, env: {} }, level: 'warn' });
    apps.push(restarted);
    repo.commit({ '_posts/2099-12-03-pr-post-2.md': `${show(extra[1]!).replace(/^title: .*$/m, 'title: "PR post 2"')}\nOne more line.\n` }, 'edit 2');
    await measure('warm store (restarted App), third push', restarted, 'synchronize');
    console.log('(requests exclude the installation-token request; the App sends 1 more per run when its token is not cached)');
  } finally {
    for (const app of apps) await app.queue?.shutdown(1000);
    await fake.stop();
    repo.remove();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
