/**
 * Finds and writes tpsync's sticky comment on a pull request with octokit: every page of
 * comments is searched (a PR may have hundreds), the comment is updated in place, an
 * unchanged body is not sent again, and a second comment is never created.
 *
 * Only comments written by tpsync's own login count (anyone can comment on a public pull
 * request, marker included): others that carry the marker are reported, never edited, never
 * trusted. A redirect answered to any request is an error, never a success: fetch would turn a
 * redirected POST into a GET and octokit would hand back the target's 200.
 */
import { Octokit, RequestError } from 'octokit';
import type { Redactor } from '../redaction/redactor.js';
import { isPlanComment } from './comment-marker.js';
import { isCommentAuthor, type GitHubContext } from './github-context.js';

export interface FoundComment {
  readonly id: number;
  readonly body: string;
  /** The author's login. */
  readonly author: string;
  readonly url: string | undefined;
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
}

/** tpsync's comments for a plan path on one pull request, and the imitations by anyone else. */
export interface PlanComments {
  /** By tpsync's login, oldest first: the first is the sticky one. */
  readonly own: readonly FoundComment[];
  /** Carrying the marker, by someone else: never edited, never trusted. */
  readonly foreign: readonly FoundComment[];
}

export type UpsertResult = {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly id: number;
  readonly url?: string;
  /** Who GitHub says wrote the comment (for a created or updated one). */
  readonly author?: string;
  /** Set when an edit was refused with 403 and a new comment was posted instead. */
  readonly editRefused?: FoundComment;
};

/** A redirect answered to a request to GitHub. */
export class GitHubRedirectError extends Error {
  override readonly name = 'GitHubRedirectError';
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
  ) {
    super(`GitHub answered ${status} (a redirect) to ${method} ${path}; tpsync follows no redirects, so nothing was written there`);
  }
}

/**
 * A request to a URL outside GITHUB_API_URL: octokit's pagination follows the `Link` header an
 * answer gives, to any host, with the token. tpsync refuses it before anything is sent.
 */
export class GitHubForeignUrlError extends Error {
  override readonly name = 'GitHubForeignUrlError';
  constructor(readonly method: string) {
    super(
      `GitHub's answer pointed ${method} at a URL outside GITHUB_API_URL (a Link header to another host or path); tpsync sends its token only to GITHUB_API_URL, so nothing was sent there`,
    );
  }
}

/** Whether an absolute `url` lies under the API root `apiUrl` (same origin, path below it). */
function underApi(url: string, apiUrl: string): boolean {
  try {
    const target = new URL(url);
    const root = new URL(apiUrl);
    const base = root.pathname.replace(/\/+$/, '');
    return target.origin === root.origin && (target.pathname === base || target.pathname.startsWith(`${base}/`));
  } catch {
    return false;
  }
}

/**
 * An Octokit for `context.apiUrl` with the run's token, two retries, no redirects followed
 * (a 3xx throws GitHubRedirectError), no request to a URL outside `context.apiUrl` (pagination's
 * `Link` header: GitHubForeignUrlError), and every request body redacted with `redactor`.
 * Writes are a second apart, as GitHub asks of a client (octokit's throttling), unless
 * `spaceWrites` is false (see GitHubRun.spaceWrites).
 */
export function makeOctokit(context: GitHubContext, userAgent: string, redactor?: Redactor, spaceWrites = true): Octokit {
  const octokit = new Octokit({
    auth: context.token,
    baseUrl: context.apiUrl,
    userAgent,
    // 'manual': a 3xx comes back as it is (Node's fetch gives its status), so the hook below sees it.
    request: { retries: 2, redirect: 'manual' },
    ...(spaceWrites ? {} : { throttle: { enabled: false } }),
  });
  octokit.hook.before('request', (options) => {
    // A route is a template under baseUrl; an absolute URL comes from an answer (pagination's Link).
    const url = String(options.url);
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !underApi(url, context.apiUrl)) throw new GitHubForeignUrlError(options.method);
    // Secrets never leave in a comment, an issue or anything else tpsync writes to GitHub.
    if (redactor && options.body !== undefined) options.body = redactor.redactDeep(options.body);
  });
  octokit.hook.after('request', (response, options) => {
    if (response.status >= 300 && response.status < 400) {
      // `response.url` is the URL requested (redirects are not followed); `options.url` is still a template.
      throw new GitHubRedirectError(response.status, options.method, pathOf(response.url || options.url));
    }
  });
  return octokit;
}

/** tpsync's comments (by `context.commentAuthor`) and others' imitations, for one plan path. */
export async function listPlanComments(
  octokit: Octokit,
  context: GitHubContext,
  issueNumber: number,
  planPath: string,
): Promise<PlanComments> {
  const own: FoundComment[] = [];
  const foreign: FoundComment[] = [];
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: context.owner,
    repo: context.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const page of iterator) {
    for (const comment of page.data) {
      if (!isPlanComment(comment.body, planPath)) continue;
      const found: FoundComment = {
        id: comment.id,
        body: comment.body ?? '',
        author: comment.user?.login ?? '(unknown)',
        url: comment.html_url,
        createdAt: comment.created_at,
        updatedAt: comment.updated_at,
      };
      (isCommentAuthor(comment.user?.login, context.commentAuthor) ? own : foreign).push(found);
    }
  }
  return { own, foreign };
}

/** The sticky comment tpsync wrote for `planPath`, if any. */
export async function findPlanComment(
  octokit: Octokit,
  context: GitHubContext,
  issueNumber: number,
  planPath: string,
): Promise<FoundComment | undefined> {
  return (await listPlanComments(octokit, context, issueNumber, planPath)).own[0];
}

/**
 * Creates tpsync's comment or updates it in place. `existing` is what listPlanComments found.
 * A 403 on the edit (the comment is not the token's to edit: `commentAuthor` is set to someone
 * else) posts tpsync's own comment instead.
 */
export async function upsertPlanComment(
  octokit: Octokit,
  context: GitHubContext,
  issueNumber: number,
  existing: FoundComment | undefined,
  body: string,
): Promise<UpsertResult> {
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', id: existing.id };
    try {
      const updated = await octokit.rest.issues.updateComment({ owner: context.owner, repo: context.repo, comment_id: existing.id, body });
      expectStatus(updated.status, 200, 'PATCH', 'the comment');
      return { action: 'updated', id: existing.id, url: updated.data.html_url, ...authorOf(updated.data.user) };
    } catch (error) {
      if (!isPermissionDenied(error)) throw error;
      const created = await createComment(octokit, context, issueNumber, body);
      return { ...created, editRefused: existing };
    }
  }
  return createComment(octokit, context, issueNumber, body);
}

async function createComment(octokit: Octokit, context: GitHubContext, issueNumber: number, body: string): Promise<UpsertResult> {
  const created = await octokit.rest.issues.createComment({ owner: context.owner, repo: context.repo, issue_number: issueNumber, body });
  expectStatus(created.status, 201, 'POST', 'the comment');
  return { action: 'created', id: created.data.id, url: created.data.html_url, ...authorOf(created.data.user) };
}

/** A 2xx other than the documented one is not the write we asked for. */
function expectStatus(status: number, expected: number, method: string, what: string): void {
  if (status !== expected)
    throw new Error(`GitHub answered ${status} to ${method} ${what} (expected ${expected}); nothing is known to be written`);
}

function authorOf(user: { login?: string } | null | undefined): { author?: string } {
  return user?.login ? { author: user.login } : {};
}

/** A fork's token (or a read-only one) may not write comments: GitHub answers 403. */
export function isPermissionDenied(error: unknown): boolean {
  return error instanceof RequestError && error.status === 403;
}

/** How much of GitHub's error message a description keeps. */
const MAX_MESSAGE_CHARS = 300;

/**
 * GitHub's answer to a failed request, in words: status, method, path and GitHub's message. The
 * message is cut with "…", so that a token GitHub echoes across the cut is still recognised and
 * redacted where the text leaves the process (a bare cut would leave its first characters).
 */
export function describeGitHubError(error: unknown): string {
  if (error instanceof RequestError) {
    const message = (error.response?.data as { message?: unknown } | undefined)?.message;
    return `GitHub answered ${error.status} to ${error.request.method} ${pathOf(error.request.url)}${typeof message === 'string' ? `: ${cutMessage(message)}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function cutMessage(message: string): string {
  const chars = [...message];
  return chars.length > MAX_MESSAGE_CHARS ? `${chars.slice(0, MAX_MESSAGE_CHARS).join('')}…` : message;
}

/** The path of a request's URL; never the URL itself (its host part could be anything GITHUB_API_URL held). */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(a request to GITHUB_API_URL)';
  }
}
