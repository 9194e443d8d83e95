// What a route of the fake GitHub gets (the checked request) and gives back (a reply), with the
// replies GitHub shapes the same way everywhere: its error body, a page with \`Link\` headers, and
// the refusal of a body over GitHub's limit.
import type { Operation } from './github-openapi.js';
import type { GitHubUser, RepoRecord, Urls } from './github-resources.js';
import { GITHUB_BODY_LIMIT } from './github-api-types.js';
import type { World } from './github-world.js';

/** An answer to send: status, JSON body (none for 204) and extra headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request that passed the OpenAPI checks, as a route sees it: path, query and body typed by the description. */
export interface Context {
  operation: Operation;
  repo: RepoRecord;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  user: GitHubUser;
  /** The request URL as an absolute URL on the fake, for `Link` headers. */
  requestUrl: URL;
}

/** One operation of the model. */
export type Route = (world: World, urls: Urls, ctx: Context) => Reply;

/**
 * GitHub's page: `per_page` defaults to 30 and is capped at 100; `Link` carries `prev`, `next`,
 * `last` and `first` as absolute URLs that keep the other query parameters (octokit's paginate
 * follows `rel="next"` until it is absent).
 */
export function paginate<T>(ctx: Context, items: T[], render: (item: T) => unknown): Reply {
  const perPageAsked = typeof ctx.query.per_page === 'number' ? ctx.query.per_page : 30;
  const perPage = Math.min(100, Math.max(1, Math.trunc(perPageAsked)));
  const page = Math.max(1, typeof ctx.query.page === 'number' ? Math.trunc(ctx.query.page) : 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const body = items.slice((page - 1) * perPage, page * perPage).map(render);
  const link = (n: number, rel: string): string => {
    const url = new URL(ctx.requestUrl);
    url.searchParams.set('page', String(n));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(Math.min(page - 1, last), 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return { status: 200, body, ...(links.length > 0 && { headers: { link: links.join(', ') } }) };
}

/** 422 "Validation Failed" when \`body\` is over GITHUB_BODY_LIMIT characters, as GitHub answers; else \`undefined\`. */
export function bodyTooLong(resource: 'Issue' | 'IssueComment', body: string, operation: Operation): Reply | undefined {
  // GitHub counts characters (code points), not UTF-16 units or bytes.
  if ([...body].length <= GITHUB_BODY_LIMIT) return undefined;
  return githubError(422, 'Validation Failed', operation.docsUrl, {
    errors: [{ resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${GITHUB_BODY_LIMIT} characters)` }],
  });
}

/** GitHub's error body: \`message\`, \`documentation_url\` and \`status\` (a string), plus \`extra\` fields. */
export function githubError(status: number, message: string, docsUrl: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { message, ...extra, documentation_url: docsUrl, status: String(status) } };
}
