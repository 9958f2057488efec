import type { ApplicationFunction, Context, Probot } from 'probot';
import { OctokitClient, type OctokitLike } from './client.js';
import { CHECK_NAME } from './plan.js';
import { reviewPullRequest, type RunReport } from './run.js';

/**
 * The Probot app: GitHub events → one handler (`reviewPullRequest`). Everything GitHub-facing goes through
 * `OctokitClient` over `context.octokit` (Probot's Octokit: throttling and retry included).
 */

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

export interface AppOptions {
  /** The App's slug; its `slug[bot]` login marks our comments and our own pushes. Default: `GET /app`, once. */
  appSlug?: string;
  /** Called after each run (tests, metrics). */
  onRun?: (report: RunReport) => void;
}

export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    let login: Promise<string | undefined> | undefined;
    const appLogin = (): Promise<string | undefined> => {
      if (options.appSlug) return Promise.resolve(`${options.appSlug}[bot]`);
      login ??= app
        .auth()
        .then((octokit) => octokit.request('GET /app'))
        .then(({ data }) => (data && 'slug' in data && data.slug ? `${data.slug}[bot]` : undefined))
        .catch(() => {
          login = undefined;
          return undefined;
        });
      return login;
    };

    app.on([...PULL_REQUEST_EVENTS], async (context: Context<'pull_request'>) => {
      const { pull_request: pr, repository, sender } = context.payload;
      const self = await appLogin();
      if (context.payload.action === 'synchronize' && self && sender?.login === self) {
        context.log.info({ pull: pr.number }, 'editorial-review: own push ignored');
        return;
      }
      const client = new OctokitClient(context.octokit as unknown as OctokitLike, repository.owner.login, repository.name);
      const report = await reviewPullRequest(
        client,
        {
          pull: pr.number,
          headSha: pr.head.sha,
          configRef: repository.default_branch,
          draft: pr.draft ?? false,
          fresh: context.payload.action === 'opened',
          repoUrl: repository.html_url,
          ...(self ? { appLogin: self } : {}),
        },
        context.log,
      );
      options.onRun?.(report);
    });

    app.on('check_run.rerequested', async (context: Context<'check_run.rerequested'>) => {
      const { check_run: checkRun, repository } = context.payload;
      if (checkRun.name !== CHECK_NAME) return;
      const client = new OctokitClient(context.octokit as unknown as OctokitLike, repository.owner.login, repository.name);
      // pull_requests is empty for fork pull requests: find the open one whose head is this commit.
      const listed = checkRun.pull_requests[0];
      const pull = listed ? await client.getPull(listed.number) : await client.findPullByHead(checkRun.head_sha);
      if (!pull) {
        context.log.info({ sha: checkRun.head_sha }, 'editorial-review: no open pull request for the re-requested check');
        return;
      }
      const self = await appLogin();
      const report = await reviewPullRequest(
        client,
        {
          pull: pull.number,
          headSha: pull.headSha,
          configRef: repository.default_branch,
          draft: pull.draft,
          fresh: false,
          repoUrl: repository.html_url,
          ...(self ? { appLogin: self } : {}),
        },
        context.log,
      );
      options.onRun?.(report);
    });
  };
}

/** `probot run ./dist/github/app.js` loads this. */
export default createApp({ ...(process.env.APP_SLUG ? { appSlug: process.env.APP_SLUG } : {}) });
