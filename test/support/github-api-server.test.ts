// The fake GitHub is only worth trusting if it behaves like GitHub where our code can tell: these
// tests drive it with the real Octokit and assert what GitHub would answer.
import { afterEach, describe, expect, it } from 'vitest';
import { Octokit } from 'octokit';
import { GITHUB_BODY_LIMIT, startGitHubApiServer, type GitHubApiServer, type GitHubApiServerOptions } from './github-api-server.js';
import { loadGitHubSpec } from './github-openapi.js';

const repo = { owner: 'octo-org', repo: 'tracking-plan' };
const MERGE_SHA = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';

const servers: GitHubApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options?: GitHubApiServerOptions): Promise<GitHubApiServer> {
  const server = await startGitHubApiServer(options);
  servers.push(server);
  return server;
}

/** `auth: null` sends no token at all. */
function client(server: GitHubApiServer, auth: string | null = 'ghs_workflow_token'): Octokit {
  // No retries or throttling: a test wants the first answer, at once.
  return new Octokit({
    ...(auth !== null && { auth }),
    baseUrl: server.url,
    request: { retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

const earlierComments = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ issueNumber: 7, body: `comment ${i + 1}`, user: i % 2 ? 'alice' : 'bob' }));

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

describe('issue and pull request comments', () => {
  it('creates, reads, updates and deletes a comment with the fields Octokit users read', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });
    const octokit = client(server);

    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: '<!-- tpsync -->\nplan' });
    const id = created.data.id;
    const fetched = await octokit.rest.issues.getComment({ ...repo, comment_id: id });
    const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body: '<!-- tpsync -->\napplied' });
    const deleted = await octokit.rest.issues.deleteComment({ ...repo, comment_id: id });

    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${server.url}/repos/octo-org/tracking-plan/issues/comments/${id}`);
    expect(created.data).toMatchObject({
      body: '<!-- tpsync -->\nplan',
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      url: `${server.url}/repos/octo-org/tracking-plan/issues/comments/${id}`,
      html_url: `${server.webUrl}/octo-org/tracking-plan/pull/7#issuecomment-${id}`,
      issue_url: `${server.url}/repos/octo-org/tracking-plan/issues/7`,
    });
    expect(created.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(fetched.data).toEqual(created.data);
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({ id, body: '<!-- tpsync -->\napplied', created_at: created.data.created_at });
    expect(deleted.status).toBe(204);
    await expect(octokit.rest.issues.getComment({ ...repo, comment_id: id })).rejects.toMatchObject({ status: 404 });
    expect(server.state.comments).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('answers 404 to a comment on an issue that does not exist', async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });

    await expect(client(server).rest.issues.createComment({ ...repo, issue_number: 8, body: 'hi' })).rejects.toMatchObject({ status: 404 });
    expect(server.violations).toEqual([]);
  });

  it('pages 30 at a time by default, with the Link header GitHub sends', async () => {
    const server = await start({ seed: { comments: earlierComments(130) } });
    const octokit = client(server);
    const page = (n: number, perPage?: number) => {
      const query = new URLSearchParams({ ...(perPage && { per_page: String(perPage) }), page: String(n) });
      return `${server.url}/repos/octo-org/tracking-plan/issues/7/comments?${query.toString()}`;
    };

    const first = await octokit.rest.issues.listComments({ ...repo, issue_number: 7 });
    const middle = await octokit.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 50, page: 2 });
    const last = await octokit.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 50, page: 3 });
    const capped = await octokit.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 500 });

    expect(first.data.map((c) => c.body)).toEqual(earlierComments(30).map((c) => c.body));
    expect(first.headers.link).toBe(`<${page(2)}>; rel="next", <${page(5)}>; rel="last"`);
    expect(middle.data.map((c) => c.body)).toEqual(
      earlierComments(100)
        .slice(50)
        .map((c) => c.body),
    );
    expect(middle.headers.link).toBe(
      `<${page(1, 50)}>; rel="prev", <${page(3, 50)}>; rel="next", <${page(3, 50)}>; rel="last", <${page(1, 50)}>; rel="first"`,
    );
    expect(last.data).toHaveLength(30);
    expect(last.headers.link).toBe(`<${page(2, 50)}>; rel="prev", <${page(1, 50)}>; rel="first"`);
    expect(capped.data).toHaveLength(100);
    expect(server.violations).toEqual([]);
  });

  it("lets octokit.paginate find a sticky comment past page one among 130 others' comments", async () => {
    const server = await start({ seed: { comments: earlierComments(130) } });
    const octokit = client(server);
    await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: '<!-- tpsync:plan -->' });
    server.requests.length = 0;

    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 7, per_page: 100 });

    expect(all).toHaveLength(131);
    expect(all.findIndex((c) => c.body?.includes('<!-- tpsync:plan -->'))).toBe(130);
    expect(all.filter((c) => c.user?.login === 'github-actions[bot]')).toHaveLength(1);
    expect(server.requests.map((r) => r.query)).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }]);
    expect(server.violations).toEqual([]);
  });

  it('filters by `since` on the last update', async () => {
    const clock = { now: new Date('2024-05-01T10:00:00Z') };
    const server = await start({ seed: { comments: earlierComments(3) }, tokens: { 'alice-token': 'alice' }, now: () => clock.now });
    // The second comment is alice's: only she may edit it.
    const octokit = client(server, 'alice-token');
    clock.now = new Date('2024-05-02T10:00:00Z');
    const [, second] = server.commentsOn(7);
    await octokit.rest.issues.updateComment({ ...repo, comment_id: second!.id, body: 'edited' });

    const { data } = await octokit.rest.issues.listComments({ ...repo, issue_number: 7, since: '2024-05-02T00:00:00Z' });

    expect(data.map((c) => [c.body, c.updated_at])).toEqual([['edited', '2024-05-02T10:00:00Z']]);
    expect(server.violations).toEqual([]);
  });

  it("records each comment's author by token, and refuses to let one user edit or delete another's comment", async () => {
    const clock = { now: new Date('2024-05-01T10:00:00Z') };
    const server = await start({
      seed: { pulls: [{ number: 7 }] },
      tokens: { 'bot-token': 'github-actions[bot]', 'mallory-token': 'mallory' },
      now: () => clock.now,
    });
    const bot = client(server, 'bot-token');
    const mallory = client(server, 'mallory-token');
    const { data: own } = await bot.rest.issues.createComment({ ...repo, issue_number: 7, body: 'by the bot' });
    const { data: theirs } = await mallory.rest.issues.createComment({ ...repo, issue_number: 7, body: 'by mallory' });
    expect([own.user?.login, theirs.user?.login]).toEqual(['github-actions[bot]', 'mallory']);
    expect([own.created_at, own.updated_at]).toEqual(['2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z']);

    const denied = await mallory.rest.issues.updateComment({ ...repo, comment_id: own.id, body: 'hijacked' }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ status: 403 });
    const deniedBot = await bot.rest.issues.deleteComment({ ...repo, comment_id: theirs.id }).catch((e: unknown) => e);
    expect(deniedBot).toMatchObject({ status: 403, message: expect.stringContaining('Resource not accessible by integration') });

    clock.now = new Date('2024-05-02T08:00:00Z');
    const { data: edited } = await bot.rest.issues.updateComment({ ...repo, comment_id: own.id, body: 'edited by the bot' });
    expect([edited.created_at, edited.updated_at]).toEqual(['2024-05-01T10:00:00Z', '2024-05-02T08:00:00Z']);
    expect(server.commentsOn(7).map((c) => [c.user.login, c.body])).toEqual([
      ['github-actions[bot]', 'edited by the bot'],
      ['mallory', 'by mallory'],
    ]);
    expect(server.violations).toEqual([]);
  });

  it("enforces GitHub's 65,536-character limit on comment bodies", async () => {
    const server = await start({ seed: { pulls: [{ number: 7 }] } });
    const octokit = client(server);
    const tooLong = {
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'IssueComment',
              code: 'custom',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ],
        },
      },
    };

    const atLimit = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'x'.repeat(GITHUB_BODY_LIMIT) });
    await expect(
      octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'x'.repeat(GITHUB_BODY_LIMIT + 1) }),
    ).rejects.toMatchObject(tooLong);
    await expect(
      octokit.rest.issues.updateComment({ ...repo, comment_id: atLimit.data.id, body: 'y'.repeat(GITHUB_BODY_LIMIT + 1) }),
    ).rejects.toMatchObject(tooLong);

    expect(atLimit.status).toBe(201);
    expect(server.state.comments.map((c) => c.body.length)).toEqual([GITHUB_BODY_LIMIT]);
    expect(server.state.comments[0]!.body[0]).toBe('x');
    // Over the limit is GitHub's answer to a valid request, not a contract violation.
    expect(server.violations).toEqual([]);
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

describe('pull requests', () => {
  const seed: GitHubApiServerOptions['seed'] = {
    pulls: [
      { number: 7, title: 'Add checkout events', merged: true, mergeCommitSha: MERGE_SHA, headRef: 'add-checkout' },
      { number: 8, headSha: 'beef'.repeat(10) },
    ],
    issues: [{ number: 9, title: 'Not a pull request' }],
    commits: [{ sha: 'f00d'.repeat(10), pulls: [7, 8] }],
  };

  it('lists the merged pull request of a merge commit', async () => {
    const server = await start({ seed });

    const { data } = await client(server).rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: MERGE_SHA });

    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      number: 7,
      title: 'Add checkout events',
      state: 'closed',
      merge_commit_sha: MERGE_SHA,
      head: { ref: 'add-checkout' },
      base: { ref: 'main', repo: { full_name: 'octo-org/tracking-plan' } },
      html_url: `${server.webUrl}/octo-org/tracking-plan/pull/7`,
    });
    expect(data[0]!.merged_at).toMatch(/Z$/);
    expect(server.violations).toEqual([]);
  });

  it('lists head-commit and seeded associations, and 422s an unknown commit like GitHub', async () => {
    const server = await start({ seed });
    const octokit = client(server);

    const byHead = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: 'beef'.repeat(10) });
    const seeded = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: 'f00d'.repeat(10) });
    await expect(octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: 'dead'.repeat(10) })).rejects.toMatchObject(
      { status: 422, response: { data: { message: `No commit found for SHA: ${'dead'.repeat(10)}` } } },
    );

    expect(byHead.data.map((p) => [p.number, p.state, p.merged_at])).toEqual([[8, 'open', null]]);
    expect(seeded.data.map((p) => p.number)).toEqual([7, 8]);
    expect(server.violations).toEqual([]);
  });

  it('lists the default branch history from a commit, and the merged pull request of each merge', async () => {
    const server = await start({ seed: { pulls: [{ number: 1 }, { number: 2 }, { number: 3 }] } });
    const first = server.mergePull(1);
    const second = server.mergePull(2);
    const third = server.mergePull(3, { sha: MERGE_SHA });
    const octokit = client(server);

    const { data: commits } = await octokit.rest.repos.listCommits({ ...repo, sha: third, per_page: 100 });
    expect(commits.map((c) => c.sha)).toEqual([third, second, first]);
    expect(commits[0]!.parents.map((p) => p.sha)).toEqual([second]);
    const { data: fromSecond } = await octokit.rest.repos.listCommits({ ...repo, sha: second });
    expect(fromSecond.map((c) => c.sha)).toEqual([second, first]);

    const { data: pulls } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: second });
    expect(pulls.map((p) => [p.number, p.merge_commit_sha, p.merged_at !== null])).toEqual([[2, second, true]]);

    const unknown = await octokit.rest.repos.listCommits({ ...repo, sha: 'f'.repeat(40) }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 404 });
    expect(server.violations).toEqual([]);
  });

  it('gets a pull request, and 404s for an issue number', async () => {
    const server = await start({ seed });
    const octokit = client(server);

    const merged = await octokit.rest.pulls.get({ ...repo, pull_number: 7 });
    const open = await octokit.rest.pulls.get({ ...repo, pull_number: 8 });
    await expect(octokit.rest.pulls.get({ ...repo, pull_number: 9 })).rejects.toMatchObject({ status: 404 });

    expect(merged.data).toMatchObject({ number: 7, merged: true, state: 'closed', merge_commit_sha: MERGE_SHA });
    expect(open.data).toMatchObject({ number: 8, merged: false, state: 'open', merged_at: null });
    expect(server.violations).toEqual([]);
  });
});

describe('issues (the drift report)', () => {
  it('opens, finds, updates, closes and reopens a labelled issue', async () => {
    const server = await start({
      seed: {
        pulls: [{ number: 1, labels: ['tpsync-drift'] }],
        issues: [{ number: 2, title: 'Bug', labels: ['bug'], user: 'alice' }],
      },
    });
    const octokit = client(server);
    const findDrift = async (state: 'open' | 'closed' | 'all' = 'open') =>
      (await octokit.rest.issues.listForRepo({ ...repo, state, labels: 'tpsync-drift', creator: 'github-actions[bot]' })).data.map((i) => [
        i.number,
        i.state,
      ]);

    const opened = await octokit.rest.issues.create({ ...repo, title: 'Tracking plan drift', body: 'one', labels: ['tpsync-drift'] });
    const openList = await octokit.rest.issues.listForRepo(repo);
    const found = await findDrift();
    const updated = await octokit.rest.issues.update({ ...repo, issue_number: 3, body: 'two', title: 'Drift (2)' });
    const closed = await octokit.rest.issues.update({ ...repo, issue_number: 3, state: 'closed' });
    const foundOpenAfterClose = await findDrift();
    const foundAllAfterClose = await findDrift('all');
    const reopened = await octokit.rest.issues.update({ ...repo, issue_number: 3, state: 'open' });

    expect(opened.status).toBe(201);
    expect(opened.data).toMatchObject({
      number: 3, // issues and PRs share one sequence
      title: 'Tracking plan drift',
      body: 'one',
      state: 'open',
      user: { login: 'github-actions[bot]' },
      labels: [{ name: 'tpsync-drift' }],
      html_url: `${server.webUrl}/octo-org/tracking-plan/issues/3`,
    });
    expect(opened.data.pull_request).toBeUndefined();
    // Newest first, and pull requests are listed too, told apart by `pull_request`.
    expect(openList.data.map((i) => [i.number, i.pull_request !== undefined])).toEqual([
      [3, false],
      [2, false],
      [1, true],
    ]);
    expect(found).toEqual([[3, 'open']]);
    expect(updated.data).toMatchObject({ title: 'Drift (2)', body: 'two', labels: [{ name: 'tpsync-drift' }] });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(closed.data.closed_at).not.toBeNull();
    expect(foundOpenAfterClose).toEqual([]);
    expect(foundAllAfterClose).toEqual([[3, 'closed']]);
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
    expect(server.violations).toEqual([]);
  });

  it('replaces labels, and lists only issues carrying every requested label', async () => {
    const server = await start({
      seed: {
        issues: [
          { title: 'a', labels: ['tpsync-drift', 'plan:web'] },
          { title: 'b', labels: ['tpsync-drift'] },
        ],
      },
    });
    const octokit = client(server);

    const both = await octokit.rest.issues.listForRepo({ ...repo, labels: 'tpsync-drift,plan:web' });
    await octokit.rest.issues.update({ ...repo, issue_number: 1, labels: [{ name: 'plan:ios' }] });
    const after = await octokit.rest.issues.listForRepo({ ...repo, labels: 'tpsync-drift' });

    expect(both.data.map((i) => i.title)).toEqual(['a']);
    expect(after.data.map((i) => i.title)).toEqual(['b']);
    expect(server.state.issues[0]!.labels).toEqual(['plan:ios']);
    expect(server.violations).toEqual([]);
  });

  it('paginates the issue list for octokit.paginate', async () => {
    const server = await start({
      seed: { issues: Array.from({ length: 45 }, (_, i) => ({ title: `issue ${i + 1}` })) },
    });
    const octokit = client(server);

    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 20, direction: 'asc' });

    expect(all.map((i) => i.number)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(server.requests).toHaveLength(3);
    expect(server.violations).toEqual([]);
  });

  it("enforces GitHub's body limit on issues too", async () => {
    const server = await start({ seed: { issues: [{ title: 'drift', body: 'short' }] } });
    const octokit = client(server);
    const tooLong = {
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
        },
      },
    };

    await expect(octokit.rest.issues.create({ ...repo, title: 'drift', body: 'x'.repeat(GITHUB_BODY_LIMIT + 1) })).rejects.toMatchObject(
      tooLong,
    );
    await expect(
      octokit.rest.issues.update({ ...repo, issue_number: 1, body: 'x'.repeat(GITHUB_BODY_LIMIT + 1), state: 'closed' }),
    ).rejects.toMatchObject(tooLong);

    // A refused update changes nothing, not even the state sent alongside the body.
    expect(server.state.issues.map((i) => [i.body, i.state])).toEqual([['short', 'open']]);
    expect(server.violations).toEqual([]);
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
