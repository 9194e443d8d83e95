// The fake GitHub's issue and pull-request comments, driven by the real Octokit: CRUD, pages and
// `Link` headers, `since`, authors per token, and GitHub's body limit.
import { describe, expect, it } from 'vitest';
import { GITHUB_BODY_LIMIT } from './github-api-server.js';
import { client, earlierComments, repo, serversClosedAfterEach } from './github-api-server-harness.js';

const start = serversClosedAfterEach();

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
