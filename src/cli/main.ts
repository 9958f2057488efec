import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FORMATS, runCheck, type Format } from './check-command.js';
import { progressLine } from './progress.js';
import { closePool, sampleCpu } from '../lint/pool.js';
import { CheckTimes } from '../lint/timing.js';
import { loadCliConfig } from './config-file.js';
import { notProjectFile, resolveFiles } from './files.js';
import { findSite } from './site.js';
import type { Site } from '../analysis/site/site.js';
import { isSitePost } from '../analysis/site/posts.js';
import { configSchema, type Config } from '../config/schema.js';
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Io } from './io.js';

const USAGE = `Usage:
  editorial-review check [files/dirs/globs…] [--format text|json|sarif|rdjson] [--fix] [--config FILE] [--corpus DIR]
                         [--baseline FILE [--write-baseline]] [--max-warnings N] [--no-site] [--base REF] [--jobs auto|N]
                         [--timing]
  editorial-review review --repo PATH --base REF --head REF [--format text|json]   (dry run of the GitHub App)
  editorial-review audit --repo PATH [--since DATE] [--format json|html] [--output FILE]   (history audit)
  editorial-review rules [RULE-ID…] [--format markdown|text|json]   (the rules' documentation)
  editorial-review schema [--output FILE]          (JSON Schema of the config file, for editors)

Checks blog posts (Markdown with front matter) and prints findings with suggested fixes.
  --format          text (default), json ({"findings":[…]}), sarif (SARIF 2.1.0 for GitHub code scanning),
                    rdjson (Reviewdog Diagnostic Format: | reviewdog -f=rdjson -reporter=github-pr-review)
  --fix             apply every suggested fix in place (repeated until nothing changes)
  --config          config file (default: .github/editorial-review.yml when present)
  --corpus          directory of the site's other posts (the corpus), for cross-post rules
  --baseline        report only findings that FILE does not hold (matched by fingerprint, not line)
  --write-baseline  write every current finding to the --baseline FILE and exit 0
  --max-warnings    exit 1 when more than N warning-level findings remain
  --no-site         do not look for the site (Jekyll _config.yml, Hugo, Astro, Zola config) around the posts;
                    by default its configuration and its other posts are used, and a directory selects its posts
  --base            git ref the change is compared with (default: HEAD, for uncommitted edits)
  --jobs, -j        threads that read and check posts: auto (default: one per available core, started only
                    when there are enough posts to repay a worker's start, ~4 MiB for two) or a number;
                    1 checks in one thread. The findings are the same whatever the value
  --timing          after the check, print to stderr where its time went: the passes, the slowest rules and
                    shared analyses (Markdown tables); checks in one thread, so the times are the rules' own
Inline, <!-- editorial-review-disable-next-line RULE --> (and -disable, -enable, -disable-line,
-disable-file) switches rules off in a post.

Exit status: 0 no error-level finding, 1 error-level findings (or too many warnings), 2 usage or config error.`;

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

/**
 * Sub-commands; each parses its own arguments. The others are loaded when named: `check` on one post
 * does not pay for loading the review, the history audit or the schema generator.
 */
const COMMANDS: Record<string, Command> = {
  audit: async (args, io) => (await import('./audit-command.js')).auditCommand(args, io),
  check: checkCommand,
  review: async (args, io) => (await import('./review-command.js')).reviewCommand(args, io),
  rules: async (args, io) => (await import('./rules-command.js')).rulesCommand(args, io),
  schema: async (args, io) => (await import('./schema-command.js')).schemaCommand(args, io),
};

async function checkCommand(args: string[], io: Io): Promise<number> {
  // From here (or the process's start) the load of other processes is measured for `--jobs auto` (`CheckCommandOptions.cpuAtStart`).
  const cpuAtStart = io.cpuAtStart ?? sampleCpu();
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
        baseline: { type: 'string' },
        'write-baseline': { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        'no-site': { type: 'boolean', default: false },
        base: { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        timing: { type: 'boolean', default: false },
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
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`editorial-review: --format must be ${FORMATS.join(', ')} (got "${format}")\n`);
    return 2;
  }
  if (values['write-baseline'] && !values.baseline) {
    io.stderr('editorial-review: --write-baseline needs --baseline FILE\n');
    return 2;
  }
  if (values['write-baseline'] && values.fix) {
    io.stderr('editorial-review: --write-baseline records findings as they are; run --fix separately\n');
    return 2;
  }
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
    io.stderr(`editorial-review: --max-warnings must be a whole number ≥ 0 (got "${values['max-warnings']}")\n`);
    return 2;
  }
  const jobs = values.jobs === undefined || values.jobs === 'auto' ? values.jobs : Number(values.jobs);
  if (jobs !== undefined && jobs !== 'auto' && !(Number.isInteger(jobs) && jobs >= 1)) {
    io.stderr(`editorial-review: --jobs must be auto or a whole number ≥ 1 (got "${values.jobs}")\n`);
    return 2;
  }
  if (positionals.length === 0) {
    io.stderr(`editorial-review: name the posts to check (files, directories or globs)\n\n${USAGE}\n`);
    return 2;
  }
  const config = await loadCliConfig(values.config, io.cwd, io.cwd, io.stderr);
  if (!config) return 2;
  const useSite = !values['no-site'];
  const site = useSite ? locateSite(positionals, io.cwd, config) : undefined;
  const { files, missing } = resolveFiles(positionals, io.cwd, site?.isPost);
  if (missing.length > 0) {
    io.stderr(`editorial-review: no such file or no match: ${missing.join(', ')}\n`);
    return 2;
  }
  // A JSON report to a terminal is written while the posts are checked: no progress line between its pieces.
  const progress = io.stderrIsTty && !(format === 'json' && io.isTty) ? progressLine(io.stderr) : undefined;
  const timing = values.timing ? new CheckTimes() : undefined;
  let result;
  try {
    result = await runCheck({
      files,
      cpuAtStart,
      cwd: io.cwd,
      format,
      fix: values.fix ?? false,
      config,
      ...(values.corpus ? { corpus: values.corpus } : {}),
      ...(site ? { siteRoot: site.root, site: site.site } : {}),
      ...(values.base ? { base: values.base } : {}),
      color: io.isTty && format === 'text',
      version: version(),
      ...(values.baseline ? { baseline: { path: values.baseline, write: values['write-baseline'] ?? false } } : {}),
      ...(maxWarnings !== undefined ? { maxWarnings } : {}),
      ...(jobs !== undefined ? { jobs } : {}),
      ...(progress ? { progress: progress.update } : {}),
      ...(timing ? { timing } : {}),
    });
    // Inside: a JSON report is made (its posts checked) as it is written.
    for await (const piece of result.output) {
      progress?.done();
      io.stdout(piece);
      await io.drained?.();
    }
  } finally {
    progress?.done();
    await closePool();
  }
  for (const note of result.notes) io.stderr(`${note}\n`);
  if (timing) io.stderr(`\n${timing.report().join('\n')}\n`);
  return result.exitCode;
}

/**
 * The site the named posts belong to, found by walking up from the first one (a directory, a file's
 * folder, or the working directory for a glob), and which files below a named directory are its posts:
 * the config's `posts` globs when the config sets them, else the generator's own content folders.
 */
function locateSite(positionals: string[], cwd: string, config: Config): { root: string; site: Site; isPost: (path: string) => boolean } | undefined {
  const first = resolve(cwd, positionals[0] ?? '.');
  let start = cwd;
  if (existsSync(first)) start = statSync(first).isDirectory() ? first : dirname(first);
  const found = findSite(start);
  if (!found) return undefined;
  const { root, site } = found;
  const configured = JSON.stringify(config.posts) !== JSON.stringify(configSchema.parse({}).posts) ? picomatch(config.posts, { dot: true }) : undefined;
  return {
    root,
    site,
    isPost: (path) => {
      const rel = relative(root, path).split(sep).join('/');
      if (rel.startsWith('..')) return notProjectFile(path);
      return configured ? configured(rel) : isSitePost(site, rel);
    },
  };
}
