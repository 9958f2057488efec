import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalGitClient } from '../review/local.js';
import type { ReviewRequest } from '../review/plan.js';
import { CorpusCache } from '../review/corpus.js';
import { reviewPullRequest, type RunReport } from '../review/run.js';
import type { Io } from './io.js';

const USAGE = `Usage:
  editorial-review review --repo PATH --base REF --head REF [--format text|json] [--pull N]

Computes, from a local git checkout, exactly the review the GitHub App would post for a pull request from
HEAD into BASE (diff anchoring, suggestions, check run), without credentials or network, and prints it.
The config is read from BASE (as the App reads it from the default branch).
  --format   text (default) or json (the exact request bodies: review, check run, annotation batches)
  --pull     pull request number used in the request URLs (default 1)

Exit status: 0 no error-level finding, 1 error-level findings, 2 usage, git or config error.`;

export async function reviewCommand(args: string[], io: Io): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        repo: { type: 'string', default: '.' },
        base: { type: 'string' },
        head: { type: 'string', default: 'HEAD' },
        format: { type: 'string', default: 'text' },
        pull: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`editorial-review: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    io.stderr(`editorial-review: --format must be text or json (got "${values.format}")\n`);
    return 2;
  }
  if (!values.base) {
    io.stderr(`editorial-review: --base is required\n\n${USAGE}\n`);
    return 2;
  }
  const pull = Number(values.pull);
  if (!Number.isInteger(pull) || pull < 1) {
    io.stderr('editorial-review: --pull must be a positive integer\n');
    return 2;
  }
  const client = new LocalGitClient(resolve(io.cwd, values.repo!), values.base, values.head!);
  let headSha: string;
  try {
    client.resolve(values.base);
    headSha = client.resolve(values.head!);
  } catch (error) {
    io.stderr(`editorial-review: not a git checkout or unknown ref: ${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim()}\n`);
    return 2;
  }
  // The same base-branch index as the App (Redis when REDIS_URL is set, else a file store in the user's
  // cache directory, never in the checkout).
  const corpus = new CorpusCache();
  let report: RunReport;
  try {
    report = await reviewPullRequest(client, { pull, headSha, configRef: values.base, draft: false, fresh: true }, undefined, { corpus });
  } finally {
    await corpus.close();
  }
  if (values.format === 'json') io.stdout(`${JSON.stringify({ requests: client.requests }, null, 2)}\n`);
  else io.stdout(formatReport(report, client.requests.find((r) => r.url.endsWith('/reviews'))?.body as ReviewRequest | undefined));
  if (report.outcome.kind === 'config-error') return 2;
  if (report.outcome.kind === 'reviewed') return report.outcome.plan.stats.errors > 0 ? 1 : 0;
  return 0;
}

function formatReport(report: RunReport, review: ReviewRequest | undefined): string {
  const { outcome } = report;
  if (outcome.kind === 'config-error') return `Invalid configuration: ${outcome.message}\n`;
  if (outcome.kind === 'skipped-draft') return 'Draft pull request: skipped.\n';
  if (outcome.kind === 'superseded') return `Nothing posted: ${outcome.reason}.\n`;
  const { plan } = outcome;
  const out: string[] = [];
  out.push(`Check run "${plan.checkRun.name}": ${plan.checkRun.conclusion} — ${plan.checkRun.output.title}`);
  out.push(`${plan.annotations.length} annotation(s), ${Math.max(1, Math.ceil(plan.annotations.length / 50))} check-run request(s)`);
  out.push('');
  if (!review) {
    out.push('No review: nothing new to say.');
  } else {
    out.push(`Review (${review.event}, commit ${review.commit_id.slice(0, 12)}), ${review.comments.length} comment(s):`);
    out.push('');
    out.push(indent(review.body));
    for (const c of review.comments) {
      out.push('');
      out.push(`── ${c.path}:${c.start_line !== undefined ? `${c.start_line}-` : ''}${c.line}`);
      out.push(indent(c.body));
    }
  }
  out.push('');
  out.push(
    `${plan.stats.posts} post(s), ${plan.stats.findings} finding(s) (${plan.stats.errors} error(s)); ${plan.stats.comments} comment(s) with ` +
      `${plan.stats.suggestions} suggestion(s), ${plan.stats.outsideDiff} outside the diff, ${plan.stats.overflow} over the limit.`,
  );
  if (outcome.corpus) {
    out.push(`Compared with the ${outcome.corpus.posts} post(s) of the base branch: ${outcome.corpus.loaded} read, ${outcome.corpus.fromStore} from the index cache.`);
  }
  return `${out.join('\n')}\n`;
}

function indent(text: string): string {
  // The hidden fingerprints are for the App, not for a reader.
  return text
    .replace(/\n*<!-- editorial-review:fp=[0-9a-f:]+ -->/g, '')
    .split('\n')
    .map((l) => `   ${l}`)
    .join('\n');
}
