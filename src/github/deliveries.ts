import { z } from 'zod';
import type { Job } from '../queue/journal.js';
import { isFixCommand } from '../review/fix-request.js';
import { CHECK_NAME } from '../review/plan.js';
import { PayloadShapeError, type Delivery } from './webhook-server.js';

/**
 * Which deliveries become review jobs, read from the payload alone (no GitHub call before the delivery is
 * recorded). A signed payload whose event promises a pull request or a check run but lacks the fields the
 * job needs is refused with `PayloadShapeError` (the endpoint answers 400); every other event is ignored.
 */

export const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened', 'ready_for_review'] as const;
export const PULL_REQUEST_EVENTS = PULL_REQUEST_ACTIONS.map((a) => `pull_request.${a}` as const);
/** Every `event.action` that can become a job (`jobFromDelivery` decides from the payload). */
export const HANDLED_EVENTS = [...PULL_REQUEST_EVENTS, 'check_run.rerequested', 'issue_comment.created'] as const;

const login = z.object({ login: z.string().min(1) });
const repository = z.object({
  name: z.string().min(1),
  owner: login,
  default_branch: z.string().min(1),
  html_url: z.string().optional(),
});
const installation = z.object({ id: z.number().int().positive() });
const sha = z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/);

const pullRequestPayload = z.object({
  action: z.string(),
  pull_request: z.object({ number: z.number().int().positive(), head: z.object({ sha }) }),
  repository,
  installation: installation.optional(),
  sender: login.partial().optional(),
});

const checkRunPayload = z.object({
  action: z.string(),
  check_run: z.object({
    name: z.string(),
    head_sha: sha,
    pull_requests: z.array(z.object({ number: z.number().int().positive() })),
  }),
  repository,
  installation: installation.optional(),
});

const issueCommentPayload = z.object({
  action: z.string(),
  issue: z.object({ number: z.number().int().positive(), pull_request: z.object({}).passthrough().nullish() }),
  comment: z.object({ body: z.string().nullish(), user: z.object({ login: z.string(), type: z.string() }).partial().nullish() }),
  repository,
  installation: installation.optional(),
});

const envelope = z.object({ action: z.string().optional() });

export type JobDraft = Omit<Job, 'acceptedAt' | 'attempts'>;

/** The job a delivery asks for; null when the delivery asks for no review (another event, another check). */
export function jobFromDelivery(delivery: Delivery): JobDraft | null {
  const head = envelope.safeParse(delivery.payload);
  if (!head.success) throw new PayloadShapeError(`${delivery.name}: not an object with an action`);
  const action = head.data.action;
  if (delivery.name === 'pull_request' && (PULL_REQUEST_ACTIONS as readonly string[]).includes(action ?? '')) {
    const parsed = pullRequestPayload.safeParse(delivery.payload);
    if (!parsed.success) throw new PayloadShapeError(`pull_request.${action}: ${parsed.error.issues[0]?.path.join('.')}`);
    const p = parsed.data;
    if (!p.installation) return null;
    return {
      id: delivery.id,
      key: `${p.repository.owner.login}/${p.repository.name}#${p.pull_request.number}`,
      installationId: p.installation.id,
      owner: p.repository.owner.login,
      repo: p.repository.name,
      pull: p.pull_request.number,
      headSha: p.pull_request.head.sha,
      configRef: p.repository.default_branch,
      ...(p.repository.html_url ? { repoUrl: p.repository.html_url } : {}),
      event: `pull_request.${action}`,
      ...(p.sender?.login ? { sender: p.sender.login } : {}),
    };
  }
  if (delivery.name === 'issue_comment' && action === 'created') {
    // `/editorial-review fix` in a pull request's conversation: its own line per pull request, so a push
    // does not cancel the request (a push during the fix makes the commit refuse to land instead).
    const parsed = issueCommentPayload.safeParse(delivery.payload);
    if (!parsed.success) throw new PayloadShapeError(`issue_comment.created: ${parsed.error.issues[0]?.path.join('.')}`);
    const p = parsed.data;
    if (!p.issue.pull_request || p.comment.user?.type === 'Bot' || !isFixCommand(p.comment.body) || !p.installation) return null;
    const owner = p.repository.owner.login;
    return {
      id: delivery.id,
      key: `${owner}/${p.repository.name}#${p.issue.number}/fix`,
      installationId: p.installation.id,
      owner,
      repo: p.repository.name,
      pull: p.issue.number,
      headSha: '',
      configRef: p.repository.default_branch,
      ...(p.repository.html_url ? { repoUrl: p.repository.html_url } : {}),
      event: 'issue_comment.created',
      fix: { requestedBy: p.comment.user?.login ?? '' },
    };
  }
  if (delivery.name === 'check_run' && action === 'rerequested') {
    const parsed = checkRunPayload.safeParse(delivery.payload);
    if (!parsed.success) throw new PayloadShapeError(`check_run.rerequested: ${parsed.error.issues[0]?.path.join('.')}`);
    const p = parsed.data;
    if (p.check_run.name !== CHECK_NAME || !p.installation) return null;
    // pull_requests is empty for fork pull requests: the run finds the open one whose head is this commit.
    const listed = p.check_run.pull_requests[0];
    const owner = p.repository.owner.login;
    return {
      id: delivery.id,
      key: listed ? `${owner}/${p.repository.name}#${listed.number}` : `${owner}/${p.repository.name}@${p.check_run.head_sha}`,
      installationId: p.installation.id,
      owner,
      repo: p.repository.name,
      pull: listed?.number ?? 0,
      headSha: p.check_run.head_sha,
      configRef: p.repository.default_branch,
      ...(p.repository.html_url ? { repoUrl: p.repository.html_url } : {}),
      event: 'check_run.rerequested',
    };
  }
  return null;
}
