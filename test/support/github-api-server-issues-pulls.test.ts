// The fake GitHub's pull requests (merge commits, the commits list) and issues (the drift report),
// driven by the real Octokit.
import { describe, expect, it } from 'vitest';
import { GITHUB_BODY_LIMIT, type GitHubApiServerOptions } from './github-api-server.js';
import { client, repo, serversClosedAfterEach } from './github-api-server-harness.js';

const start = serversClosedAfterEach();

const MERGE_SHA = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';

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
