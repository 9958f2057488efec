import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway git repository for audit tests (never the project checkout). */
export class TempRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'er-audit-'));
  constructor() {
    this.git(['init', '-q', '-b', 'main']);
  }
  git(args: string[], env: Record<string, string> = {}): string {
    return execFileSync('git', ['-C', this.dir, ...args], {
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  }
  write(path: string, text: string): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), text);
  }
  remove(path: string): void {
    rmSync(join(this.dir, path));
  }
  commit(message: string, date: string, author = 'editor'): string {
    this.git(['add', '-A']);
    const env = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    this.git(['-c', `user.name=${author}`, '-c', 'user.email=e@example.com', 'commit', '-q', '--allow-empty', '-m', message], env);
    return this.git(['rev-parse', 'HEAD']).trim();
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
