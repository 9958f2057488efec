import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderHtml } from '../audit/html.js';
import { runAudit } from '../audit/replay.js';
import { loadCliConfig } from './config-file.js';
import type { Io } from './io.js';

export const AUDIT_USAGE = `Usage:
  editorial-review audit --repo PATH [--since DATE] [--format json|html] [--output FILE] [--config FILE]

Replays the repository's history commit by commit, as if each commit had been a pull request on the posts
it changed, and reports which defects each commit introduced and which later commits fixed them
(time to fix), with totals per rule.
  --repo     a git repository (read only)
  --since    only commits after DATE (anything git understands: 2025-10-01, "3 months ago"); defects
             already present before it are counted at the baseline, not attributed
  --format   json (default) or html (one self-contained page: open defects per post worst first,
             a chart per day, week or month, links to commits and posts from the remote)
  --output   write the report to FILE instead of standard output
  --config   config file (default: PATH/.github/editorial-review.yml when present)`;

/** `editorial-review audit`. Exit status 0, or 2 on usage/config/git errors. */
export async function auditCommand(args: string[], io: Io): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        repo: { type: 'string' },
        since: { type: 'string' },
        format: { type: 'string', default: 'json' },
        output: { type: 'string' },
        config: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`editorial-review: ${(error as Error).message}\n\n${AUDIT_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${AUDIT_USAGE}\n`);
    return 0;
  }
  if (!values.repo) {
    io.stderr(`editorial-review: audit needs --repo PATH\n\n${AUDIT_USAGE}\n`);
    return 2;
  }
  if (values.format !== 'json' && values.format !== 'html') {
    io.stderr(`editorial-review: --format must be json or html (got "${values.format}")\n`);
    return 2;
  }
  const repo = resolve(io.cwd, values.repo);
  if (!existsSync(join(repo, '.git')) && !existsSync(join(repo, 'HEAD'))) {
    io.stderr(`editorial-review: ${values.repo} is not a git repository\n`);
    return 2;
  }
  const config = await loadCliConfig(values.config, repo, io.cwd, io.stderr);
  if (!config) return 2;
  let report;
  try {
    report = runAudit({
      repo,
      config,
      ...(values.since ? { since: values.since } : {}),
      ...(values.quiet
        ? {}
        : {
            onProgress: (done: number, total: number) => {
              if (done % 50 === 0) io.stderr(`audit: ${done}/${total} commits\n`);
            },
          }),
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    io.stderr(`editorial-review: audit failed: ${stderr || (error as Error).message}\n`);
    return 2;
  }
  const output = values.format === 'html' ? renderHtml(report) : `${JSON.stringify(report, null, 2)}\n`;
  if (values.output) {
    writeFileSync(resolve(io.cwd, values.output), output);
    const t = report.totals;
    io.stderr(`audit: ${t.commits} commits, ${t.introduced} defects introduced, ${t.fixed} fixed, ${t.open} open; ${(report.durationMs / 1000).toFixed(1)} s → ${values.output}\n`);
  } else {
    io.stdout(output);
  }
  return 0;
}
