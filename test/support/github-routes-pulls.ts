// The fake GitHub's routes for pull requests, including those opened from a branch. They run after
// the request has passed the OpenAPI checks, so the fields they read have the types the
// description promises.
import { pullJson, pullSimpleJson } from './github-resources.js';
import { bodyTooLong, githubError, paginate, type Route } from './github-replies.js';

/** Pull-request operations, by operationId. */
export const pullRoutes: Record<string, Route> = {
  'pulls/get': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.pull_number));
    if (!issue?.pull) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    return { status: 200, body: pullJson(urls, ctx.repo, issue, world.commentCount(issue)) };
  },

  'pulls/list': (world, urls, ctx) => {
    const q = ctx.query;
    const state = typeof q.state === 'string' ? q.state : 'open';
    // `head` is `user:ref-name`; GitHub matches the branch of that user's repository.
    const [headOwner, headRef] = typeof q.head === 'string' ? q.head.split(':') : [];
    const matching = world.state.issues.filter(
      (i) =>
        i.repo === ctx.repo.fullName &&
        i.pull !== undefined &&
        (state === 'all' || i.state === state) &&
        (headRef === undefined || (headOwner?.toLowerCase() === ctx.repo.owner.login.toLowerCase() && i.pull.headRef === headRef)) &&
        (typeof q.base !== 'string' || i.pull.baseRef === q.base),
    );
    matching.sort((a, b) => b.id - a.id);
    return paginate(ctx, matching, (p) => pullSimpleJson(urls, ctx.repo, p));
  },

  'pulls/create': (world, urls, ctx) => {
    const head = String(ctx.body.head).replace(/^[^:]+:/, '');
    const base = String(ctx.body.base);
    const headRef = world.git.ref(ctx.repo.fullName, `refs/heads/${head}`);
    const baseRef = world.git.ref(ctx.repo.fullName, `refs/heads/${base}`);
    const invalid = (field: string) =>
      githubError(422, 'Validation Failed', ctx.operation.docsUrl, { errors: [{ resource: 'PullRequest', field, code: 'invalid' }] });
    if (!headRef) return invalid('head');
    if (!baseRef) return invalid('base');
    if (world.state.issues.some((i) => i.repo === ctx.repo.fullName && i.state === 'open' && i.pull?.headRef === head))
      return githubError(422, 'Validation Failed', ctx.operation.docsUrl, {
        errors: [
          { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${ctx.repo.owner.login}:${head}.` },
        ],
      });
    const body = typeof ctx.body.body === 'string' ? ctx.body.body : null;
    const tooLong = body === null ? undefined : bodyTooLong('Issue', body, ctx.operation);
    if (tooLong) return tooLong;
    const issue = world.addIssue(ctx.repo, {
      title: String(ctx.body.title),
      body,
      user: ctx.user,
      pull: {
        headRef: head,
        headSha: headRef.sha,
        baseRef: base,
        baseSha: baseRef.sha,
        draft: ctx.body.draft === true,
        mergedAt: null,
        mergeCommitSha: null,
      },
    });
    const json = pullJson(urls, ctx.repo, issue, 0);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  },

  'pulls/update': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.pull_number));
    if (!issue?.pull) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const b = ctx.body;
    if (typeof b.body === 'string') {
      const tooLong = bodyTooLong('Issue', b.body, ctx.operation);
      if (tooLong) return tooLong;
    }
    const at = world.timestamp();
    if (typeof b.title === 'string') issue.title = b.title;
    if (typeof b.body === 'string') issue.body = b.body;
    if (b.state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closedAt = at;
    } else if (b.state === 'open' && issue.state === 'closed' && issue.pull.mergedAt === null) {
      issue.state = 'open';
      issue.closedAt = null;
    }
    issue.updatedAt = at;
    return { status: 200, body: pullJson(urls, ctx.repo, issue, world.commentCount(issue)) };
  },
};
