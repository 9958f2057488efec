import type { Probot } from 'probot';
import type { Job } from '../queue/journal.js';
import { OctokitClient, type ClientOptions, type OctokitLike } from './client.js';

/**
 * The App's GitHub access: its own login (`slug[bot]`, which marks its comments and its pushes) and one
 * client per job's installation, which mints a new installation token with the App's JWT when GitHub
 * refuses the current one mid-run (401).
 */
export class AppInstallations {
  #login: Promise<string | undefined> | undefined;

  constructor(
    private readonly app: Probot,
    private readonly options: { appSlug?: string; client?: ClientOptions } = {},
  ) {}

  /** `slug[bot]`: from the options, else `GET /app` once (asked again after a failure). */
  login(): Promise<string | undefined> {
    if (this.options.appSlug) return Promise.resolve(`${this.options.appSlug}[bot]`);
    this.#login ??= this.app
      .auth()
      .then((octokit) => octokit.request('GET /app'))
      .then(({ data }) => (data && 'slug' in data && data.slug ? `${data.slug}[bot]` : undefined))
      .catch(() => {
        this.#login = undefined;
        return undefined;
      });
    return this.#login;
  }

  async client(job: Job, signal?: AbortSignal): Promise<OctokitClient> {
    const { app } = this;
    const log = app.log.child({ delivery: job.id, pull: job.pull });
    const octokit = (await app.auth(job.installationId)) as unknown as OctokitLike;
    return new OctokitClient(octokit, job.owner, job.repo, {
      ...this.options.client,
      ...(signal ? { signal } : {}),
      // A 401 mid-run: mint a new installation token with the App's JWT and continue with it.
      reauthenticate: async () => {
        const appOctokit = await app.auth();
        const { data } = await appOctokit.request('POST /app/installations/{installation_id}/access_tokens', {
          installation_id: job.installationId,
          ...(signal ? { request: { signal } } : {}),
        });
        log.warn({}, 'editorial-review: installation token refused (401); continuing with a new one');
        const Octokit = octokit.constructor as new (options: object) => OctokitLike;
        return new Octokit({ auth: { token: data.token } });
      },
    });
  }
}
