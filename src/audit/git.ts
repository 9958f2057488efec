import { execFileSync } from 'node:child_process';

/** Read-only git plumbing for the history audit (never writes to the repository). */
const MAX_BUFFER = 1024 * 1024 * 1024;

export function git(repo: string, args: string[], input?: string | Buffer): Buffer {
  return execFileSync('git', ['-C', repo, ...args], {
    maxBuffer: MAX_BUFFER,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(input !== undefined ? { input } : {}),
  });
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  date: string;
  author: string;
  subject: string;
}

/** Commits oldest first (parents before children), optionally only those after `since`. */
export function listCommits(repo: string, since?: string, rev = 'HEAD'): CommitInfo[] {
  const args = ['log', '--reverse', '--topo-order', '--format=%H%x1f%P%x1f%aI%x1f%an%x1f%s%x1e'];
  if (since) args.push(`--since=${since}`);
  args.push(rev, '--');
  const out = git(repo, args).toString('utf8');
  return out
    .split('\x1e')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [sha, parents, date, author, subject] = r.split('\x1f');
      return { sha: sha!, parents: parents ? parents.split(' ') : [], date: date!, author: author ?? '', subject: subject ?? '' };
    });
}

/** The last commit at or before `date`, the audit's baseline with --since. */
export function commitBefore(repo: string, date: string, rev = 'HEAD'): string | undefined {
  const out = git(repo, ['rev-list', '-1', `--before=${date}`, rev, '--']).toString('utf8').trim();
  return out || undefined;
}

export interface Change {
  status: 'A' | 'M' | 'D' | 'R' | 'T';
  path: string;
  oldPath?: string;
  blobSha: string;
}

/** Files a commit changed against its first parent (renames detected), with the new blob SHAs. */
export function changedFiles(repo: string, commit: CommitInfo): Change[] {
  const args = ['diff-tree', '-r', '-z', '-M', '--raw', '--no-commit-id'];
  if (commit.parents.length === 0) args.push('--root', commit.sha);
  else args.push(commit.parents[0]!, commit.sha);
  const fields = git(repo, args).toString('utf8').split('\0');
  const changes: Change[] = [];
  for (let i = 0; i < fields.length; ) {
    const meta = fields[i++];
    if (!meta || !meta.startsWith(':')) continue;
    const [, , , newSha, status] = meta.slice(1).split(' ');
    const kind = status![0]!;
    if (kind === 'R' || kind === 'C') {
      const oldPath = fields[i++]!;
      const path = fields[i++]!;
      changes.push(kind === 'R' ? { status: 'R', oldPath, path, blobSha: newSha! } : { status: 'A', path, blobSha: newSha! });
    } else {
      const path = fields[i++]!;
      if (kind === 'A' || kind === 'M' || kind === 'D' || kind === 'T') changes.push({ status: kind, path, blobSha: newSha! });
    }
  }
  return changes;
}

/** Every file of a commit's tree with its blob SHA. */
export function treeFiles(repo: string, commit: string): { path: string; blobSha: string }[] {
  const out = git(repo, ['ls-tree', '-r', '-z', commit]).toString('utf8');
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [, type, sha] = line.slice(0, tab).split(' ');
      return { path: line.slice(tab + 1), blobSha: sha!, type: type! };
    })
    .filter((e) => e.type === 'blob')
    .map(({ path, blobSha }) => ({ path, blobSha }));
}

/** Blob contents by SHA, in one `git cat-file --batch` call. */
export function readBlobs(repo: string, shas: readonly string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (shas.length === 0) return out;
  const buf = git(repo, ['cat-file', '--batch'], `${shas.join('\n')}\n`);
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    const header = buf.subarray(pos, nl).toString('utf8').split(' ');
    pos = nl + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    out.set(header[0]!, buf.subarray(pos, pos + size));
    pos += size + 1; // content is followed by a newline
  }
  return out;
}

/**
 * The web address of the repository's remote (`origin`, else the first one), for links to commits and
 * posts: `git@github.com:owner/blog.git`, `ssh://git@host/owner/blog.git` and `https://host/owner/blog`
 * all become `https://host/owner/blog`. Null without a remote or for a local path; credentials in the
 * URL are dropped.
 */
export function remoteWebUrl(repo: string): string | null {
  let remotes: string[];
  try {
    remotes = git(repo, ['remote']).toString('utf8').split('\n').filter(Boolean);
  } catch {
    return null;
  }
  const name = remotes.includes('origin') ? 'origin' : remotes[0];
  if (!name) return null;
  let url: string;
  try {
    url = git(repo, ['remote', 'get-url', name]).toString('utf8').trim();
  } catch {
    return null;
  }
  return webUrlOf(url);
}

export function webUrlOf(remote: string): string | null {
  const scp = /^(?:[\w.-]+@)?([\w.-]+\.[a-z]{2,}):(?!\/\/)([\w.-]+(?:\/[\w.-]+)+)\/?$/i.exec(remote);
  if (scp) return `https://${scp[1]}/${scp[2]!.replace(/\.git$/, '')}`;
  let parsed: URL;
  try {
    parsed = new URL(remote);
  } catch {
    return null;
  }
  if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:'].includes(parsed.protocol)) return null;
  const path = parsed.pathname.replace(/\.git\/?$/, '').replace(/\/$/, '');
  if (!/^\/[\w.-]+\/[\w.-]+/.test(path)) return null;
  return `https://${parsed.hostname}${path}`;
}
