import { it } from 'vitest';
import { FakeGitHub } from '../fake-github/server.js';
import { deliver, pullRequestPayload, startApp, TestRepo } from './harness.js';
const CLEAN = (n: number) =>
  `---\nlayout: post\ntitle: "Release notes ${n}"\ndate: 2024-01-${String((n % 28) + 1).padStart(2, '0')} 10:00:00 +0000\n---\n\nThis release fixes a bug in the build of page ${n}. Thanks to everyone who reported it.\n`;
it('dbg', async () => {
  const fake = await new FakeGitHub().start();
  const repo = new TestRepo('main');
  const app = await startApp(fake);
  repo.commit({ 'README.md': 'x\n' }); repo.checkout('pr', true);
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`_posts/p-${i}.md`] = CLEAN(i);
  let t = Date.now();
  repo.commit(files);
  console.log('commit', Date.now() - t); t = Date.now();
  fake.addRepo('o/r', repo.dir, 'main');
  const pull = fake.setPull('o/r', 1, 'main', 'pr');
  console.log('setPull', Date.now() - t); t = Date.now();
  await deliver(app, 'pull_request', pullRequestPayload('opened', { owner: 'o', repo: 'r', number: 1, headSha: pull.headSha, defaultBranch: 'main' }));
  console.log('deliver', Date.now() - t, app.runs[0]!.durationMs, 'fake', Math.round(fake.busyMs));
});
