import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { Octokit } from '@octokit/core';
import type { OctokitLike } from '../github/client.js';
import { InputError, readInputs, runAction, type ActionEnv } from './run.js';

/**
 * The Action's entry point (`action.yml` → `dist/action/bundle.mjs`, built from this file by
 * `npm run build:action`). The runner's variables and `@actions/core` for inputs, annotations (workflow
 * commands) and the job summary; `@octokit/core` for GitHub, pointed at `GITHUB_API_URL` (GitHub
 * Enterprise Server too).
 */
async function main(): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  const eventPath = process.env.GITHUB_EVENT_PATH;
  const env: ActionEnv = {
    eventName: process.env.GITHUB_EVENT_NAME ?? '',
    payload: eventPath ? (JSON.parse(readFileSync(eventPath, 'utf8')) as ActionEnv['payload']) : {},
    workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    runnerTemp: process.env.RUNNER_TEMP ?? tmpdir(),
    runAttempt: Number(process.env.GITHUB_RUN_ATTEMPT ?? '1') || 1,
  };
  core.setSecret(inputs.token);
  const octokit = new Octokit({ auth: inputs.token, baseUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com', userAgent: 'editorial-review-action' });
  const result = await runAction(inputs, env, octokit as unknown as OctokitLike, {
    info: (message) => core.info(message),
    annotate: (level, message, where) => core[level](message, where),
    summary: async (markdown) => {
      // Outside a runner (no GITHUB_STEP_SUMMARY) the summary goes to the log.
      if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
      else core.info(markdown);
    },
  });
  core.setOutput('findings', String(result.findings.length));
  core.setOutput('errors', String(result.findings.filter((f) => f.severity === 'error').length));
  if (result.fix?.kind === 'committed') core.setOutput('fix-commit', result.fix.sha);
  if (result.failure) core.setFailed(`editorial-review: ${result.failure}`);
}

main().catch((error: unknown) => {
  core.setFailed(error instanceof InputError ? error.message : `editorial-review: ${(error as Error).stack ?? String(error)}`);
});
