import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, seedPath } from '../helpers.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const scratch = mkdtempSync(join(tmpdir(), 'er-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What `npm pack` reports (`--json`). */
interface Packed {
  filename: string;
  files: { path: string }[];
}

/**
 * The package as a user gets it: packed from a copy of the sources (so `prepack` builds from nothing and
 * the checkout's dist/ is left alone for the other tests), installed with `npm install -g` into an empty
 * prefix, and its `editorial-review` run on a real post (seed 000 of the MIT-licensed blog
 * nullponull/ai-blog-system) in an empty directory. Needs the npm registry (or npm's cache) for the
 * dependencies, as any install does.
 */
describe('the npm package', () => {
  it('packs with prepack building dist/, installs globally in an empty prefix, and the CLI runs', async () => {
    const source = join(scratch, 'source');
    mkdirSync(source);
    for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'bin', 'scripts', 'app.yml', 'LICENSE', 'README.md']) {
      cpSync(join(ROOT, path), join(source, path), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
    const out = join(scratch, 'out');
    mkdirSync(out);
    const { stdout: packJson } = await run('npm', ['pack', '--json', '--pack-destination', out], { cwd: source, maxBuffer: 64 << 20 });
    const [packed] = JSON.parse(packJson.slice(packJson.indexOf('['))) as Packed[];
    expect(packed!.filename).toBe(`${pkg.name}-${pkg.version}.tgz`);
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'app.yml', 'bin/editorial-review.js', 'dist/cli/bin.js', 'dist/bundle/cli.cjs', 'dist/bundle/pool-worker.cjs', 'dist/github/app.js', 'package.json']));
    expect(files.filter((f) => /^(src|test|bench|scripts)\/|\.map$|\.ts$/.test(f))).toEqual([]);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    // The README's CLI snippet is what this test does.
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`npm pack && npm install -g ./${packed!.filename}`);

    const prefix = join(scratch, 'prefix');
    mkdirSync(prefix);
    await run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(out, packed!.filename)], { cwd: scratch, maxBuffer: 64 << 20 });
    const cli = join(prefix, 'bin', 'editorial-review');

    const blog = join(scratch, 'blog');
    mkdirSync(join(blog, '_posts'), { recursive: true });
    cpSync(seedPath(0), join(blog, '_posts', '2025-12-30-amazon-ai.md'));
    const { stdout: version } = await run(cli, ['--version'], { cwd: blog });
    expect(version.trim()).toBe(pkg.version);
    // Findings exit 1: execFile rejects with the output attached.
    const result = await run(cli, ['check', '--format', 'json', '_posts/'], { cwd: blog }).catch((error: { code: number; stdout: string }) => error);
    expect((result as { code?: number }).code).toBe(1);
    const { findings } = JSON.parse((result as { stdout: string }).stdout) as { findings: { path: string; rule: string }[] };
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.path))).toEqual(new Set(['_posts/2025-12-30-amazon-ai.md']));
    expect(findings.map((f) => f.rule)).toContain('front-matter/title-markdown');
  }, 600_000);
});
