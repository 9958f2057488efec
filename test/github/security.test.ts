import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createNodeMiddleware } from 'probot';
import { DEFAULT_RULE_DOCS } from '../../src/core/project.js';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/github/app.js';
import { LocalGitClient } from '../../src/review/local.js';
import { codeSpan, escapeMarkdown, escapePath } from '../../src/review/markdown.js';
import { unsafePath } from '../../src/review/paths.js';
import type { Plan } from '../../src/review/plan.js';
import { FakeGitHub } from '../fake-github/server.js';
import { deliver, key, SECRET, startApp, TestRepo, type TestApp, useGitHub, lastReview, pullRequestPush, OWNER, REPO, FULL } from './harness.js';
import { DEFECTIVE } from './posts.js';


let fake: FakeGitHub;
let repo: TestRepo;
let app: TestApp;

useGitHub((fixture) => ({ fake, repo, app } = fixture));

const push = (action: 'opened' | 'synchronize' = 'opened') => pullRequestPush({ fake, repo }, action);

const plan = (): Plan => lastReview(app).plan;

/**
 * What GitHub would render as text (outside fenced blocks and code spans), read the way CommonMark reads
 * it: the place where a mention would ping and HTML would render.
 */
function renderedText(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,})/.exec(lines[i]!);
    if (open) {
      const fence = open[1]!;
      i++;
      while (i < lines.length && !new RegExp(`^ {0,3}\`{${fence.length},}\\s*$`).test(lines[i]!)) i++;
      continue;
    }
    // Drop code spans (backtick runs closed by a run of the same length) and backslash escapes.
    out.push(lines[i]!.replace(/\\[\\`[\]()!|#~*_]/g, '').replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, ''));
  }
  return out.join('\n');
}

/** Every Markdown text the App wrote to GitHub (annotation messages are shown as plain text, never rendered). */
function written(): string[] {
  return [
    ...fake.reviews.map((r) => r.body),
    ...fake.comments.map((c) => c.body),
    ...fake.checkRuns.flatMap((c) => [c.output.title ?? '', c.output.summary ?? '']),
  ];
}

const MENTION = /@(?!\u200b)[A-Za-z0-9]/;
// Our own hidden markers only: a finding's key, and the run that posted the review (post-review.ts).
const TAG = /<(?!!-- editorial-review:(?:fp=|posting run=))[A-Za-z/!?]/;
const LINK = /\]\(|!\[/;

describe('a pull request cannot weaken its own checks', () => {
  it('the config is read from the default branch only; a PR that turns every rule off and moves the post globs changes nothing', async () => {
    repo.commit({ 'README.md': '# blog\n' });
    repo.checkout('pr', true);
    repo.commit({
      '_posts/a.md': DEFECTIVE(1),
      '.github/editorial-review.yml': 'posts: ["nothing/**"]\nrules:\n  duplication/exact-repeat: off\n  truncation/post-ends-mid-sentence: off\nreview:\n  maxComments: 0\n',
    });
    await deliver(app, 'pull_request', push());
    expect(fake.violations).toEqual([]);
    const configReads = fake.requests().filter((r) => r.url.includes('editorial-review.yml'));
    expect(configReads.length).toBeGreaterThan(0);
    for (const r of configReads) expect(r.url).toMatch(/[?&]ref=main(&|$)/);
    const rules = new Set(plan().annotations.map((a) => a.title));
    expect(rules).toContain('duplication/exact-repeat');
    expect(rules).toContain('truncation/post-ends-mid-sentence');
    expect(fake.comments.length).toBeGreaterThan(0);
  });
});

describe('the App reads nothing outside the repository', () => {
  const HOSTILE = ['../../etc/passwd', '/etc/passwd', '_posts/../../../etc/passwd.md', '_posts/./a.md', '_posts//a.md', 'C:/Windows/win.ini', '_posts\\..\\..\\x.md', '.git/config', '_posts/.git/HEAD', 'a\u0000b.md', ''];

  it('unsafe paths are named', () => {
    for (const p of HOSTILE) expect(unsafePath(p), p).not.toBeNull();
    for (const p of ['_posts/2024-01-01-a.md', '_posts/日本語 タイトル.md', '_posts/a..b.md', '_posts/.hidden.md', '_posts/@x #1 (draft).md']) expect(unsafePath(p), p).toBeNull();
  });

  it('the dry-run reader (local git): no traversal, no absolute path, no pathspec magic, symlinks not followed, the working tree never read', async () => {
    repo.commit({
      '_posts/a.md': 'post a\n',
      '_posts/link-out.md': { symlink: '/etc/passwd' },
      '_posts/link-in.md': { symlink: '../README.md' },
      'README.md': 'readme\n',
    });
    writeFileSync(join(repo.dir, '_posts', 'untracked.md'), 'not committed\n');
    const client = new LocalGitClient(repo.dir, 'main', 'main');
    for (const p of [...HOSTILE.filter(Boolean), '_posts/*.md', ':(glob)_posts/*', '_posts/a.md/', '_posts/untracked.md']) {
      const file = await client.readFile(p, 'main', 1 << 20);
      expect(file.kind, p).toBe('missing');
    }
    expect(await client.readFile('_posts/link-out.md', 'main', 1 << 20)).toEqual({ kind: 'not-a-file', type: 'symlink' });
    expect(await client.readFile('_posts/link-in.md', 'main', 1 << 20)).toEqual({ kind: 'not-a-file', type: 'symlink' });
    const a = await client.readFile('_posts/a.md', 'main', 1 << 20);
    expect(a.kind === 'file' && Buffer.from(a.bytes).toString()).toBe('post a\n');
  });

  it('on GitHub: hostile file names in the PR are never requested; odd but valid ones are requested percent-encoded, exactly', async () => {
    repo.commit({ 'README.md': '# blog\n' });
    repo.checkout('pr', true);
    const odd = '_posts/2024-01-01 a#b?c%2e&d=1 (x).md';
    repo.commit({ [odd]: DEFECTIVE(1), '_posts/link.md': { symlink: '../../../../etc/passwd' } });
    const payload = push();
    const pull = fake.repos.get(FULL)!.pulls.get(1)!;
    const patch = pull.files[0]!.patch!;
    for (const name of ['_posts/../../../etc/passwd.md', '_posts/%2e%2e/%2e%2e/x.md', '_posts/..%2f..%2fx.md', '/_posts/abs.md']) pull.files.push({ filename: name, status: 'added', patch });
    await deliver(app, 'pull_request', payload);
    expect(fake.violations).toEqual([]);
    const contents = fake.requests().filter((r) => r.route.endsWith('/contents/{path}'));
    const asked = contents.map((r) => decodeURIComponent(new URL(r.url, 'http://x').pathname.replace(/^\/repos\/[^/]+\/[^/]+\/contents\//, '')));
    expect(asked).toContain(odd);
    expect(asked).toContain('_posts/link.md');
    for (const p of asked) expect(['.github/editorial-review.yml', odd, '_posts/link.md', '_posts/%2e%2e/%2e%2e/x.md', '_posts/..%2f..%2fx.md']).toContain(p);
    // Every request stayed under this repository's contents route (`/` inside the name is %2F).
    for (const r of contents) expect(r.url.startsWith(`/repos/${OWNER}/${REPO}/contents/`)).toBe(true);
    expect(asked).not.toContain('_posts/../../../etc/passwd.md');
    expect(plan().stats.posts).toBe(1);
    expect(fake.checkRuns[0]!.output.summary).toContain('not a regular file (symlink)');
  });
});

describe('hostile post content and file names cannot ping, render HTML, add links or break a suggestion', () => {
  it('escapeMarkdown, escapePath and codeSpan on hostile strings', () => {
    const hostile = [
      '@octocat and @org/team please look',
      '<img src=x onerror=alert(1)> </details><details open>',
      '[click](https://evil.example) ![x](https://evil.example/x.png)',
      '\\`@octocat\\` and ``@a` b``',
      '`` ` `` @here',
      '```\n# heading\n@admins\n```',
      '`'.repeat(5000) + '@octocat',
    ];
    for (const h of hostile) {
      const text = renderedText(escapeMarkdown(h));
      expect(text, h).not.toMatch(MENTION);
      expect(text, h).not.toMatch(TAG);
      expect(text, h).not.toMatch(LINK);
      expect(escapeMarkdown(h)).not.toContain('\n');
      const path = renderedText(escapePath(h));
      expect(path).not.toMatch(MENTION);
      expect(path).not.toMatch(TAG);
      expect(path).not.toMatch(LINK);
      expect(renderedText(codeSpan(h)).trim()).toBe('');
    }
    // Our own code spans survive.
    expect(escapeMarkdown('use `<br>` here')).toBe('use `<br>` here');
  });

  it('through the App: every text written to GitHub is inert, and each suggestion block stays intact', async () => {
    repo.commit({ 'README.md': '# blog\n' });
    repo.checkout('pr', true);
    const evil = 'See @octocat and @org/security-team <img src=x onerror=alert(1)> [click](https://evil.example) ``` ````';
    const post = `---\nlayout: post\ntitle: "Hello @octocat <b>x</b> [a](https://evil.example)"\ndate: 2024-01-02 10:00:00 +0000\n---\n\n${evil}. Version 1 fixes a bug.\n\n${evil}. Version 1 fixes a bug.\n\nWe will explain @octocat <script>x</script> \`\`\`\` in the next`;
    const names = ['_posts/@octocat <img src=x>.md', '_posts/x](https%3A%2F%2Fevil.example)[y.md', '_posts/`@admins`.md'];
    repo.commit(Object.fromEntries(names.map((n) => [n, post])));
    await deliver(app, 'pull_request', push());
    expect(fake.violations).toEqual([]);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.comments.length).toBeGreaterThan(0);
    for (const text of written()) {
      const rendered = renderedText(text);
      expect(rendered, text.slice(0, 300)).not.toMatch(MENTION);
      expect(rendered, text.slice(0, 300)).not.toMatch(TAG);
      // The only links are ours: to the repository, and to each rule's documentation.
      const ruleDocs = new RegExp(`^${DEFAULT_RULE_DOCS.replace(/[.?+*()[\]]/g, '\\$&').replace('{id}', '[a-z-]+/[a-z-]+')}$`);
      for (const m of rendered.matchAll(/\]\((?<url>[^)\s]*)\)/g)) {
        expect(m.groups!.url!.startsWith(`https://github.com/${OWNER}/${REPO}/blob/`) || ruleDocs.test(m.groups!.url!), m.groups!.url).toBe(true);
      }
    }
    // The hostile text did reach the output (quoted by the messages, and as file names), escaped.
    expect(written().some((t) => t.includes('@\u200boctocat'))).toBe(true);
    expect(written().some((t) => t.includes('&lt;img'))).toBe(true);
    // Each suggestion block is intact: a fence longer than any backtick run inside, closed once.
    for (const c of fake.comments) {
      const m = /^(`{3,})suggestion\n([\s\S]*?)\n?^\1$/m.exec(c.body);
      if (!m) continue;
      const inside = m[2]!;
      const longest = Math.max(0, ...[...inside.matchAll(/`+/g)].map((x) => x[0].length));
      expect(m[1]!.length).toBeGreaterThan(longest);
    }
  });
});

describe('webhook signature', () => {
  async function serve(): Promise<{ server: Server; url: string }> {
    app = await startApp(fake, { load: false });
    const middleware = await createNodeMiddleware(createApp(app.appOptions), { probot: app.probot });
    const server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks` };
  }

  it('bad, missing, tampered or wrong-algorithm signatures: 400, nothing recorded, nothing requested', async () => {
    repo.commit({ 'README.md': '# blog\n' });
    repo.checkout('pr', true);
    repo.commit({ '_posts/a.md': DEFECTIVE(1) });
    const payload = push();
    const { server, url } = await serve();
    try {
      const body = JSON.stringify(payload);
      const sign = (b: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(b).digest('hex')}`;
      const base = { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'd-1' };
      const attempts: Record<string, string>[] = [
        { ...base, 'x-hub-signature-256': sign(body, 'wrong-secret') },
        { ...base },
        { ...base, 'x-hub-signature-256': sign(body.replace('"opened"', '"closed"')) },
        { ...base, 'x-hub-signature-256': 'sha256=' },
        { ...base, 'x-hub-signature': `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}` },
      ];
      for (const headers of attempts) {
        const res = await fetch(url, { method: 'POST', body, headers });
        expect([400, 401]).toContain(res.status);
      }
      await app.queue!.idle();
      expect(await app.queue!.pending()).toEqual([]);
      expect(app.queue!.stats.accepted).toBe(0);
      expect(fake.log).toEqual([]);
      expect(app.runs).toEqual([]);
      // The same delivery, signed: accepted and reviewed.
      const ok = await fetch(url, { method: 'POST', body, headers: { ...base, 'x-hub-signature-256': sign(body) } });
      expect(ok.status).toBe(200);
      await app.queue!.idle();
      expect(fake.reviews).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});

describe('secrets are never logged', () => {
  it('at trace level, through a signed delivery, a 401 and a token refresh: no private key, webhook secret, token or JWT in the logs', async () => {
    app = await startApp(fake, { load: false, level: 'trace' });
    const middleware = await createNodeMiddleware(createApp(app.appOptions), { probot: app.probot });
    const server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
    try {
      repo.commit({ 'README.md': '# blog\n' });
      repo.checkout('pr', true);
      repo.commit({ '_posts/a.md': DEFECTIVE(1) });
      const payload = push();
      let expired = false;
      fake.onRequest = (_m, path) => {
        if (!expired && path.includes('/contents/_posts/')) {
          expired = true;
          fake.expireTokens();
        }
      };
      const body = JSON.stringify(payload);
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'pull_request',
          'x-github-delivery': 'd-secret',
          'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
        },
      });
      expect(res.status).toBe(200);
      await app.queue!.idle();
      expect(fake.reviews).toHaveLength(1);
      const tokens = fake.log.length; // tokens the fake issued look like ghs_fake<n>
      expect(tokens).toBeGreaterThan(0);
      const text = app.logs.map((l) => JSON.stringify(l)).join('\n');
      expect(app.logs.length).toBeGreaterThan(10);
      const pem = key().split('\n').filter((l) => l.length > 40);
      for (const line of pem) expect(text).not.toContain(line);
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/ghs_fake\d+/);
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // a JWT
      expect(text).not.toMatch(/"authorization":\s*"(?:token|bearer) (?!\[REDACTED\])/i);
    } finally {
      server.close();
    }
  });
});

describe('escaping, property-based: parsed by a CommonMark + GFM parser, hostile text never becomes a mention, HTML, a link or a block', () => {
  it('escapeMarkdown / escapePath / codeSpan over random strings of dangerous tokens', async () => {
    const fc = (await import('fast-check')).default;
    const { unified } = await import('unified');
    const remarkParse = (await import('remark-parse')).default;
    const remarkGfm = (await import('remark-gfm')).default;
    const parser = unified().use(remarkParse).use(remarkGfm);
    const TOKENS = ['@', 'octocat', 'org/team', '`', '``', '```', '<', '>', '/', 'img', 'script', '[', ']', '(', ')', '!', '\\', '&', 'amp;', '#', '*', '_', '|', '~', ' ', '\n', '-', '1.', '>', '日本'];
    const hostile = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));
    type Node = { type: string; value?: string; children?: Node[] };
    const problems = (markdown: string): string[] => {
      const out: string[] = [];
      const walk = (n: Node, inParagraph: boolean) => {
        if (['html', 'link', 'image', 'linkReference', 'imageReference', 'definition', 'heading', 'code', 'list', 'blockquote', 'table', 'thematicBreak'].includes(n.type)) out.push(n.type);
        if (n.type === 'text' && /@(?!\u200b)[A-Za-z0-9]/.test(n.value ?? '')) out.push(`mention in ${JSON.stringify(n.value)}`);
        if (n.type === 'paragraph' && inParagraph) out.push('nested paragraph');
        for (const c of n.children ?? []) walk(c, inParagraph || n.type === 'paragraph');
      };
      const tree = parser.parse(markdown) as Node;
      const blocks = tree.children ?? [];
      if (blocks.length > 1) out.push(`${blocks.length} blocks`);
      walk(tree, false);
      return out;
    };
    fc.assert(
      fc.property(hostile, (h) => {
        // As the App writes them: a message in a list item / bold, a path in a table cell or heading line.
        expect(problems(`x ${escapeMarkdown(h)}`), h).toEqual([]);
        expect(problems(`x ${escapePath(h)}`), h).toEqual([]);
        expect(problems(`x ${codeSpan(h)}`).filter((p) => !p.startsWith('mention')), h).toEqual([]);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
