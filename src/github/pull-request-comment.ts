/**
 * Finds and writes tpsync's sticky comment on a pull request with octokit: every page of
 * comments is searched (a PR may have hundreds), the comment is updated in place, an
 * unchanged body is not sent again, and a second comment is never created.
 */
import { Octokit, RequestError } from 'octokit';
import type { GitHubContext } from './github-context.js';
import { isPlanComment } from './comment-marker.js';

export interface FoundComment {
  readonly id: number;
  readonly body: string;
}

export type UpsertResult = { readonly action: 'created' | 'updated' | 'unchanged'; readonly id: number; readonly url?: string };

export function makeOctokit(context: GitHubContext, userAgent: string): Octokit {
  return new Octokit({ auth: context.token, baseUrl: context.apiUrl, userAgent, request: { retries: 2 } });
}

export async function findPlanComment(
  octokit: Octokit,
  context: GitHubContext,
  issueNumber: number,
  planPath: string,
): Promise<FoundComment | undefined> {
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: context.owner,
    repo: context.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const page of iterator) {
    const found = page.data.find((comment) => isPlanComment(comment.body, planPath));
    if (found) return { id: found.id, body: found.body ?? '' };
  }
  return undefined;
}

export async function upsertPlanComment(
  octokit: Octokit,
  context: GitHubContext,
  issueNumber: number,
  planPath: string,
  body: string,
): Promise<UpsertResult> {
  const existing = await findPlanComment(octokit, context, issueNumber, planPath);
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', id: existing.id };
    const updated = await octokit.rest.issues.updateComment({ owner: context.owner, repo: context.repo, comment_id: existing.id, body });
    return { action: 'updated', id: existing.id, url: updated.data.html_url };
  }
  const created = await octokit.rest.issues.createComment({ owner: context.owner, repo: context.repo, issue_number: issueNumber, body });
  return { action: 'created', id: created.data.id, url: created.data.html_url };
}

/** A fork's token (or a read-only one) may not write comments: GitHub answers 403. */
export function isPermissionDenied(error: unknown): boolean {
  return error instanceof RequestError && error.status === 403;
}

export function describeGitHubError(error: unknown): string {
  if (error instanceof RequestError) {
    const message = (error.response?.data as { message?: unknown } | undefined)?.message;
    return `GitHub answered ${error.status} to ${error.request.method} ${new URL(error.request.url).pathname}${typeof message === 'string' ? `: ${message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
