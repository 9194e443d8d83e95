// The fake GitHub is only worth trusting if it behaves like GitHub where our code can tell: these
// tests drive it with the real Octokit and assert what GitHub would answer to requests that do not
// fit its API, to tokens, to armed faults and under an Enterprise base path.
import { describe, expect, it } from 'vitest';
import { loadGitHubSpec } from './github-openapi.js';
import { client, earlierComments, repo, serversClosedAfterEach } from './github-api-server-harness.js';

const start = serversClosedAfterEach();

describe('checking requests against the OpenAPI description', () => {
  it('answers 404 to an operation GitHub does not have, and records it', async () => {
    const server = await start();

    await expect(client(server).request('GET /repos/{owner}/{repo}/sticky-comments', repo)).rejects.toMatchObject({
      status: 404,
    });

    expect(server.violations).toEqual([
      {
        kind: 'unknown-operation',
        method: 'GET',
        path: '/repos/octo-org/tracking-plan/sticky-comments',
        problems: ["GET /repos/octo-org/tracking-plan/sticky-comments is not an operation of GitHub's REST API"],
      },
    ]);
  });

  it('answers 422 to a body that fails the schema, records it, and stores nothing', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });

    const posting = client(server).rest.issues.createComment({ ...repo, issue_number: 7, body: 123 as unknown as string });

    await expect(posting).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Invalid request.\n\nbody/body must be string', status: '422' } },
    });
    expect(server.violations).toEqual([
      {
        kind: 'invalid-request',
        method: 'POST',
        path: '/repos/octo-org/tracking-plan/issues/7/comments',
        operationId: 'issues/create-comment',
        problems: ['body/body must be string'],
      },
    ]);
    expect(server.state.comments).toEqual([]);
  });

  it('checks path and query parameters by their declared types, and rejects undeclared ones', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });
    const octokit = client(server);

    await expect(
      octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: 'seven' as unknown as number }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: 7, perpage: 100 }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.issues.listComments({ ...repo, issue_number: 7, since: 'yesterday' })).rejects.toMatchObject({ status: 422 });
    // The same parameters, spelled right, pass: `per_page` arrives as the string "100".
    await octokit.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 100, since: '2024-01-01T00:00:00Z' });

    expect(server.violations.map((v) => v.problems)).toEqual([
      ['path/issue_number must be integer'],
      ['query/perpage is not a parameter of issues/list-comments'],
      ['query/since must match format "date-time"'],
    ]);
  });

  it('asks for a token, as GitHub does for a private repository', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });

    await expect(client(server, null).rest.issues.listComments({ ...repo, issue_number: 7 })).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'Requires authentication' } },
    });
    expect(server.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/repos/octo-org/tracking-plan/issues/7/comments', 401],
    ]);
    expect(server.violations).toEqual([]);
  });

  it('acts as the user a token belongs to, and refuses unknown tokens', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] }, tokens: { ghp_maintainer: 'octo-maintainer' } });

    const { data } = await client(server, 'ghp_maintainer').rest.issues.createComment({ ...repo, issue_number: 7, body: 'hi' });
    await expect(client(server, 'ghp_stolen').rest.issues.createComment({ ...repo, issue_number: 7, body: 'hi' })).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'Bad credentials' } },
    });

    expect(data.user).toMatchObject({ login: 'octo-maintainer', type: 'User' });
    expect(server.state.comments.map((c) => c.user.login)).toEqual(['octo-maintainer']);
    expect(server.violations).toEqual([]);
  });

  it('records a real operation it does not model instead of pretending', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });

    await expect(client(server).rest.issues.lock({ ...repo, issue_number: 7 })).rejects.toMatchObject({ status: 501 });

    expect(server.violations).toEqual([expect.objectContaining({ kind: 'unimplemented', operationId: 'issues/lock' })]);
  });

  it('answers 404 for a repository that does not exist', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });
    const octokit = client(server);

    await expect(octokit.rest.issues.listComments({ owner: 'octo-org', repo: 'tracking-plans', issue_number: 7 })).rejects.toMatchObject({
      status: 404,
    });
    // Names are case-insensitive on GitHub.
    const { status } = await octokit.rest.issues.listComments({ owner: 'Octo-Org', repo: 'Tracking-Plan', issue_number: 7 });

    expect(status).toBe(200);
    expect(server.violations).toEqual([]);
  });

  it('matches the most specific path template, as GitHub routes', () => {
    const spec = loadGitHubSpec();

    expect(spec.match('GET', '/repos/o/r/issues/comments/42')).toMatchObject({
      operation: { operationId: 'issues/get-comment' },
      pathParams: { owner: 'o', repo: 'r', comment_id: '42' },
    });
    expect(spec.match('GET', '/repos/o/r/issues/42')?.operation.operationId).toBe('issues/get');
    expect(spec.match('PUT', '/repos/o/r/issues/42')).toBeUndefined();
  });

  it("catches a response of the fake's own that does not fit the description", () => {
    const spec = loadGitHubSpec();
    const getComment = spec.operationsById.get('issues/get-comment')!;

    expect(spec.checkResponse(getComment, 200, { id: 1 })).toContain("response 200:  must have required property 'node_id'");
    expect(spec.checkResponse(getComment, 200, 'not an object')).toEqual(['response 200:  must be object']);
  });
});

describe('read-only token (a pull request from a fork)', () => {
  it('answers 403 to every write and still serves reads', async () => {
    const server = await start({ readOnly: true, seed: { comments: earlierComments(1) } });
    const octokit = client(server);
    const [existing] = server.commentsOn(7);
    const forbidden = {
      status: 403,
      response: {
        data: {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
          status: '403',
        },
      },
    };

    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'plan' })).rejects.toMatchObject(forbidden);
    await expect(octokit.rest.issues.updateComment({ ...repo, comment_id: existing!.id, body: 'edited' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(octokit.rest.issues.create({ ...repo, title: 'drift' })).rejects.toMatchObject({ status: 403 });
    const { data } = await octokit.rest.issues.listComments({ ...repo, issue_number: 7 });

    expect(data.map((c) => c.body)).toEqual(['comment 1']);
    expect(server.state.comments.map((c) => c.body)).toEqual(['comment 1']);
    expect(server.state.issues).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('can lose or regain write access mid-test', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });
    const octokit = client(server);

    await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'one' });
    server.readOnly = true;
    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'two' })).rejects.toMatchObject({
      status: 403,
    });

    expect(server.commentsOn(7).map((c) => c.body)).toEqual(['one']);
  });
});

describe('fault injection', () => {
  it('answers a chosen status once, then behaves again', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });
    const octokit = client(server);
    server.fail('issues/create-comment', 502);

    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'plan' })).rejects.toMatchObject({
      status: 502,
      response: { data: { message: 'Bad Gateway' } },
    });
    await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'plan' });

    expect(server.requests.map((r) => r.status)).toEqual([502, 201]);
    expect(server.commentsOn(7)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('takes a METHOD /template route, a count, a body and headers, and only touches that route', async () => {
    const server = await start({
      seed: { pulls: [{ number: 7 }] },
      faults: [
        {
          operation: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
          status: 403,
          times: 2,
          body: { message: 'You have exceeded a secondary rate limit.' },
          headers: { 'retry-after': '60' },
        },
      ],
    });
    const octokit = client(server);
    const list = () => octokit.rest.issues.listComments({ ...repo, issue_number: 7 });

    await expect(list()).rejects.toMatchObject({ status: 403, response: { headers: { 'retry-after': '60' } } });
    await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'plan' });
    await expect(list()).rejects.toMatchObject({ status: 403 });
    const { data } = await list();

    expect(data.map((c) => c.body)).toEqual(['plan']);
    expect(server.requests.map((r) => r.status)).toEqual([403, 201, 403, 200]);
  });

  it('refuses to arm a fault on an operation GitHub does not have', async () => {
    const server = await start();

    expect(() => server.fail('issues/create-sticky-comment', 500)).toThrow(/no operation "issues\/create-sticky-comment"/);
  });
});

describe('GitHub Enterprise base path', () => {
  it('serves the API under /api/v3, with links and URLs that keep the prefix', async () => {
    const server = await start({ basePath: '/api/v3', seed: { comments: earlierComments(130) } });
    const octokit = client(server);

    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'plan' });
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 7, per_page: 100 });
    const outside = await fetch(`${server.webUrl}/repos/octo-org/tracking-plan/issues/7/comments`, {
      headers: { authorization: 'token ghs_workflow_token' },
    });

    expect(server.url).toBe(`${server.webUrl}/api/v3`);
    expect(created.data.url).toBe(`${server.webUrl}/api/v3/repos/octo-org/tracking-plan/issues/comments/${created.data.id}`);
    expect(all).toHaveLength(131);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v3/repos/octo-org/tracking-plan/issues/7/comments',
      '/api/v3/repos/octo-org/tracking-plan/issues/7/comments?per_page=100',
      '/api/v3/repos/octo-org/tracking-plan/issues/7/comments?per_page=100&page=2',
      '/repos/octo-org/tracking-plan/issues/7/comments',
    ]);
    expect(outside.status).toBe(404);
    expect(server.violations).toEqual([
      expect.objectContaining({ kind: 'unknown-operation', path: '/repos/octo-org/tracking-plan/issues/7/comments' }),
    ]);
  });
});
