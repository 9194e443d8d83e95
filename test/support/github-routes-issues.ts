// The fake GitHub's routes for issues and their comments (sticky PR comments, the drift-report
// issue). They run after the request has passed the OpenAPI checks, so the fields they read have
// the types the description promises.
import { commentJson, issueJson, type CommentRecord, type IssueRecord } from './github-resources.js';
import { bodyTooLong, githubError, paginate, type Context, type Reply, type Route } from './github-replies.js';
import type { World } from './github-world.js';

/** Issue and issue-comment operations, by operationId. */
export const issueRoutes: Record<string, Route> = {
  'issues/list-comments': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.issue_number));
    if (!issue) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
    const comments = world.state.comments.filter(
      (c) => c.repo === issue.repo && c.issueNumber === issue.number && (since === undefined || Date.parse(c.updatedAt) >= since),
    );
    return paginate(ctx, comments, (c) => commentJson(urls, c, issue));
  },

  'issues/create-comment': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.issue_number));
    if (!issue) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const body = String(ctx.body.body);
    const tooLong = bodyTooLong('IssueComment', body, ctx.operation);
    if (tooLong) return tooLong;
    const at = world.timestamp();
    const comment: CommentRecord = {
      id: world.id(),
      repo: issue.repo,
      issueNumber: issue.number,
      body,
      user: ctx.user,
      createdAt: at,
      updatedAt: at,
    };
    world.state.comments.push(comment);
    issue.updatedAt = at;
    const json = commentJson(urls, comment, issue);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  },

  'issues/get-comment': (world, urls, ctx) => {
    const found = findComment(world, ctx);
    return found
      ? { status: 200, body: commentJson(urls, found.comment, found.issue) }
      : githubError(404, 'Not Found', ctx.operation.docsUrl);
  },

  'issues/update-comment': (world, urls, ctx) => {
    const found = findComment(world, ctx);
    if (!found) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const refused = othersComment(found.comment, ctx);
    if (refused) return refused;
    const body = String(ctx.body.body);
    const tooLong = bodyTooLong('IssueComment', body, ctx.operation);
    if (tooLong) return tooLong;
    found.comment.body = body;
    found.comment.updatedAt = world.timestamp();
    return { status: 200, body: commentJson(urls, found.comment, found.issue) };
  },

  'issues/delete-comment': (world, _urls, ctx) => {
    const found = findComment(world, ctx);
    if (!found) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const refused = othersComment(found.comment, ctx);
    if (refused) return refused;
    world.state.comments.splice(world.state.comments.indexOf(found.comment), 1);
    return { status: 204 };
  },

  'issues/get': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.issue_number));
    if (!issue) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    return { status: 200, body: issueJson(urls, issue, world.commentCount(issue)) };
  },

  'issues/list-for-repo': (world, urls, ctx) => {
    const q = ctx.query;
    const state = typeof q.state === 'string' ? q.state : 'open';
    const labels =
      typeof q.labels === 'string'
        ? q.labels
            .split(',')
            .map((l) => l.trim().toLowerCase())
            .filter(Boolean)
        : [];
    const creator = typeof q.creator === 'string' ? q.creator.toLowerCase() : undefined;
    const since = typeof q.since === 'string' ? Date.parse(q.since) : undefined;
    // The model has no assignees, milestones or issue types: "none" matches all, anything else none.
    const unmodelled = ['assignee', 'milestone', 'type'].some((k) => typeof q[k] === 'string' && q[k] !== 'none');
    const mentioned = typeof q.mentioned === 'string' ? `@${q.mentioned.toLowerCase()}` : undefined;
    const matching = world.state.issues.filter(
      (i) =>
        i.repo === ctx.repo.fullName &&
        !unmodelled &&
        (state === 'all' || i.state === state) &&
        // GitHub returns the issues that carry *every* listed label.
        labels.every((l) => i.labels.some((have) => have.toLowerCase() === l)) &&
        (creator === undefined || i.user.login.toLowerCase() === creator) &&
        (since === undefined || Date.parse(i.updatedAt) >= since) &&
        (mentioned === undefined || (i.body ?? '').toLowerCase().includes(mentioned)),
    );
    const sort = typeof q.sort === 'string' ? q.sort : 'created';
    const key = (i: IssueRecord): number =>
      sort === 'comments' ? world.commentCount(i) : sort === 'updated' ? Date.parse(i.updatedAt) : i.id;
    // Newest first unless asked otherwise; ties (same second) fall back to creation order.
    const sign = q.direction === 'asc' ? 1 : -1;
    matching.sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
    return paginate(ctx, matching, (i) => issueJson(urls, i, world.commentCount(i)));
  },

  'issues/create': (world, urls, ctx) => {
    const body = typeof ctx.body.body === 'string' ? ctx.body.body : null;
    const tooLong = body === null ? undefined : bodyTooLong('Issue', body, ctx.operation);
    if (tooLong) return tooLong;
    const issue = world.addIssue(ctx.repo, {
      // The schema allows a string or an integer.
      title: typeof ctx.body.title === 'number' ? String(ctx.body.title) : (ctx.body.title as string),
      body,
      user: ctx.user,
      labels: labelNames(ctx.body.labels) ?? [],
    });
    const json = issueJson(urls, issue, 0);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  },

  'issues/update': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.issue_number));
    if (!issue) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const b = ctx.body;
    if (typeof b.body === 'string') {
      const tooLong = bodyTooLong('Issue', b.body, ctx.operation);
      if (tooLong) return tooLong;
    }
    const at = world.timestamp();
    if (typeof b.title === 'string' || typeof b.title === 'number') issue.title = String(b.title);
    if (b.body !== undefined) issue.body = typeof b.body === 'string' ? b.body : null;
    const labels = labelNames(b.labels);
    if (labels) issue.labels = labels;
    if (b.state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closedAt = at;
      issue.stateReason = isStateReason(b.state_reason) ? b.state_reason : 'completed';
    } else if (b.state === 'open' && issue.state === 'closed') {
      issue.state = 'open';
      issue.closedAt = null;
      issue.stateReason = 'reopened';
    }
    issue.updatedAt = at;
    return { status: 200, body: issueJson(urls, issue, world.commentCount(issue)) };
  },
};

/**
 * A comment is edited or deleted only by its author here. (On GitHub a token with write access
 * may also edit others' comments; tpsync never tries, and a test that needs the refusal gets it.)
 */
function othersComment(comment: CommentRecord, ctx: Context): Reply | undefined {
  if (comment.user.login.toLowerCase() === ctx.user.login.toLowerCase()) return undefined;
  return githubError(
    403,
    ctx.user.type === 'Bot' ? 'Resource not accessible by integration' : 'Must have admin rights to Repository.',
    ctx.operation.docsUrl,
  );
}

function findComment(world: World, ctx: Context): { comment: CommentRecord; issue: IssueRecord } | undefined {
  const comment = world.state.comments.find((c) => c.repo === ctx.repo.fullName && c.id === Number(ctx.params.comment_id));
  const issue = comment && world.issue(ctx.repo, comment.issueNumber);
  return comment && issue ? { comment, issue } : undefined;
}

function labelNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value.map((l: unknown) =>
    typeof l === 'string' ? l : typeof l === 'object' && l !== null && 'name' in l ? String(l.name) : '',
  );
  return [...new Set(names.filter(Boolean))];
}

function isStateReason(value: unknown): value is 'completed' | 'not_planned' | 'duplicate' {
  return value === 'completed' || value === 'not_planned' || value === 'duplicate';
}
