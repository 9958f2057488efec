import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCheck } from './check-command.js';
import { loadCliConfig } from './config-file.js';
import { resolveFiles } from './files.js';
import { auditCommand } from './audit-command.js';
import { reviewCommand } from './review-command.js';
import type { Io } from './io.js';

const USAGE = `Usage:
  editorial-review check [files/dirs/globs…] [--format text|json|sarif] [--fix] [--config FILE] [--corpus DIR]
  editorial-review review --repo PATH --base REF --head REF [--format text|json]   (dry run of the GitHub App)
  editorial-review audit --repo PATH [--since DATE] [--format json|html] [--output FILE]   (history audit)

Checks blog posts (Markdown with front matter) and prints findings with suggested fixes.
  --format   text (default), json ({"findings":[…]}), sarif (SARIF 2.1.0 for GitHub code scanning)
  --fix      apply every suggested fix in place (repeated until nothing changes)
  --config   config file (default: .github/editorial-review.yml when present)
  --corpus   directory of the repository's other posts, for cross-post rules

Exit status: 0 no error-level finding, 1 error-level findings, 2 usage or config error.`;

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

/** The CLI as a function of argv, so tests run it in-process; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.stderr(`editorial-review: unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }
  return handler(rest, io);
}

type Command = (args: string[], io: Io) => Promise<number> | number;

/** Sub-commands; each parses its own arguments. */
const COMMANDS: Record<string, Command> = { audit: auditCommand, check: checkCommand, review: reviewCommand };

function checkCommand(args: string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        fix: { type: 'boolean', default: false },
        config: { type: 'string' },
        corpus: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`editorial-review: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    io.stderr(`editorial-review: --format must be text, json or sarif (got "${format}")\n`);
    return 2;
  }
  if (positionals.length === 0) {
    io.stderr(`editorial-review: name the posts to check (files, directories or globs)\n\n${USAGE}\n`);
    return 2;
  }
  const config = loadCliConfig(values.config, io.cwd, io.cwd, io.stderr);
  if (!config) return 2;
  const { files, missing } = resolveFiles(positionals, io.cwd);
  if (missing.length > 0) {
    io.stderr(`editorial-review: no such file or no match: ${missing.join(', ')}\n`);
    return 2;
  }
  const result = runCheck({
    files,
    cwd: io.cwd,
    format,
    fix: values.fix ?? false,
    config,
    ...(values.corpus ? { corpus: values.corpus } : {}),
    color: io.isTty && format === 'text',
    version: version(),
  });
  io.stdout(result.output);
  return result.exitCode;
}
