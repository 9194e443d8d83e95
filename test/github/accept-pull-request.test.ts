// `tpsync accept --pull-request` against the local GitHub server (every request checked against
// GitHub's OpenAPI description) and the emulator: one pull request "Accept edits made in Secoda",
// opened, then updated in place, then closed when Secoda matches the YAML; and the trust rules:
// only on the default branch, only the branch and the pull request tpsync made itself.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCEPT_BRANCH, ACCEPT_TRAILER } from '../../src/github/accept-branch.js';
import { ACCEPT_MARKER, ACCEPT_TITLE } from '../../src/github/accept-pull-request.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { DEFAULT_REPO, startGitHubApiServer, type GitHubApiServer, type GitHubApiServerOptions } from '../support/github-api-server.js';
import { runCli } from '../support/run-cli.js';
import { expectNoSecrets } from '../support/runner-env.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

const SECODA_TOKEN = 'sntlQ8zK3vX1mB7nR4tY6wE2a5e1f';
const GITHUB_TOKEN = 'ghs_sntlH5jD9fG2kL6pZ0b7d';
const BRANCH_REF = `refs/heads/${ACCEPT_BRANCH}`;

let secoda: RunningEmulator;
let github: GitHubApiServer;
let workspace: string;
let plan: string;
let original: Record<string, string>;
let base: string;

beforeEach(async () => {
  secoda = await startEmulator({ token: SECODA_TOKEN });
  workspace = await mkdtemp(join(tmpdir(), 'tpsync-accept-pr-'));
  plan = join(workspace, 'tracking-plan');
  await cp(join(REPO_ROOT, 'tracking-plan.example'), plan, { recursive: true });
  original = {};
  for (const name of await readdir(plan)) original[`tracking-plan/${name}`] = await readFile(join(plan, name), 'utf8');
  const applied = await runCli(['apply', plan, '--auto-approve', '--writes-per-minute', '0'], secodaEnv());
  expect(applied.code, applied.stderr).toBe(0);
});
afterEach(async () => {
  await secoda.close();
  await github.close();
  await rm(workspace, { recursive: true, force: true });
});

/** The fake GitHub with main's head holding the tracking plan as applied. */
async function startGitHub(options: GitHubApiServerOptions = {}): Promise<void> {
  github = await startGitHubApiServer(options);
  const tree = github.git.addTree(DEFAULT_REPO, { 'README.md': '# plan\n', ...original });
  base = github.git.addCommit(DEFAULT_REPO, { tree: tree.sha, parents: [], message: 'tracking plan', author: null }).sha;
  github.git.setRef(DEFAULT_REPO, 'refs/heads/main', base);
}

function secodaEnv(): Record<string, string> {
  return { SECODA_API_URL: secoda.url, SECODA_API_TOKEN: SECODA_TOKEN };
}

/** A scheduled run on main (GITHUB_REF the default branch, GITHUB_SHA its head). */
function scheduledRun(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...secodaEnv(),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_REPOSITORY: DEFAULT_REPO,
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN,
    GITHUB_SHA: base,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '77',
    ...extra,
  };
}

function editEvent(title: string, fields: Record<string, unknown>): void {
  const found = secoda.store.list('event').find((event) => event.title === title);
  if (found === undefined) throw new Error(`no event ${title}`);
  secoda.store.patch(found.id, fields);
}

/** The checkout as it was: each run starts from main's files, as a fresh checkout does. */
async function freshCheckout(): Promise<void> {
  for (const [path, text] of Object.entries(original)) await writeFile(join(workspace, path), text);
}

const pulls = () => github.state.issues.filter((issue) => issue.pull !== undefined);
const writes = () => github.requests.filter((request) => request.method !== 'GET');

describe('accept --pull-request', () => {
  it('opens one pull request with the accepted change, updates it in place, and closes it when Secoda matches again', async () => {
    await startGitHub();
    editEvent('Products Searched', { description: 'Edited in Secoda by a steward.' });
    const first = await runCli(['accept', plan, '--pull-request'], scheduledRun());
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`Opened pull request #1 (${ACCEPT_TITLE})`);

    expect(pulls()).toHaveLength(1);
    const pull = pulls()[0]!;
    expect(pull.title).toBe(ACCEPT_TITLE);
    expect(pull.user.login).toBe('github-actions[bot]');
    expect(pull.pull).toMatchObject({ headRef: ACCEPT_BRANCH, baseRef: 'main' });
    expect(pull.body?.startsWith(`${ACCEPT_MARKER}\n`)).toBe(true);
    expect(pull.body).toContain('Products Searched');
    expect(pull.body).toContain('Edited in Secoda by a steward.');
    // The branch holds main's files with the one edit, on main's head, with tpsync's trailer.
    const branchSha = github.git.ref(DEFAULT_REPO, BRANCH_REF)!.sha;
    const commit = github.git.commit(DEFAULT_REPO, branchSha)!;
    expect(commit.parents).toEqual([base]);
    expect(commit.message).toContain(ACCEPT_TRAILER);
    const files = github.git.files(DEFAULT_REPO, BRANCH_REF)!;
    expect(files['tracking-plan/search.yaml']).toBe(await readFile(join(plan, 'search.yaml'), 'utf8'));
    expect(files['tracking-plan/search.yaml']).toBe(
      original['tracking-plan/search.yaml']!.replace(
        'description: A shopper ran a product search.',
        'description: Edited in Secoda by a steward.',
      ),
    );
    for (const [path, text] of Object.entries(original)) if (path !== 'tracking-plan/search.yaml') expect(files[path]).toBe(text);
    expect(files['README.md']).toBe('# plan\n');

    // The next run, a second edit: the same pull request, its branch rebuilt, its body listing both.
    await freshCheckout();
    editEvent('Products Searched', { pii: true });
    const second = await runCli(['accept', plan, '--pull-request'], scheduledRun());
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Updated pull request #1`);
    expect(pulls()).toHaveLength(1);
    expect(pulls()[0]!.state).toBe('open');
    expect(pulls()[0]!.body).toContain('`pii`');
    expect(pulls()[0]!.body).toContain('Edited in Secoda by a steward.');
    const rebuilt = github.git.ref(DEFAULT_REPO, BRANCH_REF)!.sha;
    expect(rebuilt).not.toBe(branchSha);
    expect(github.git.commit(DEFAULT_REPO, rebuilt)!.parents).toEqual([base]);
    expect(github.git.files(DEFAULT_REPO, BRANCH_REF)!['tracking-plan/search.yaml']).toContain('pii: true');

    // The same edits again: the branch and the pull request stay as they are (the tree is only
    // built, to compare: it changes nothing that anyone sees).
    await freshCheckout();
    const before = writes().length;
    const same = await runCli(['accept', plan, '--pull-request'], scheduledRun());
    expect(same.code, same.stderr).toBe(0);
    expect(
      writes()
        .slice(before)
        .map((request) => request.operationId),
    ).toEqual(['git/create-tree']);
    expect(github.git.ref(DEFAULT_REPO, BRANCH_REF)!.sha).toBe(rebuilt);

    // Secoda is put back as the YAML says: the pull request is closed, no new one opened.
    await freshCheckout();
    const reverted = await runCli(['apply', plan, '--auto-approve', '--writes-per-minute', '0'], secodaEnv());
    expect(reverted.code, reverted.stderr).toBe(0);
    const closed = await runCli(['accept', plan, '--pull-request'], scheduledRun());
    expect(closed.code, closed.stderr).toBe(0);
    expect(pulls()).toHaveLength(1);
    expect(pulls()[0]!.state).toBe('closed');

    expect(github.violations).toEqual([]);
    expectNoSecrets(
      {
        out: [first, second, same, closed].map((r) => r.stdout + r.stderr).join('\n'),
        bodies: pulls()
          .map((p) => p.body ?? '')
          .join('\n'),
        commits: github.git.commits.map((c) => c.message).join('\n'),
      },
      [SECODA_TOKEN, GITHUB_TOKEN],
    );
  }, 60_000);

  it('refuses a branch of that name that someone else made: nothing written, the branch kept', async () => {
    await startGitHub();
    const theirs = github.git.addCommit(DEFAULT_REPO, {
      tree: github.git.commit(DEFAULT_REPO, base)!.tree,
      parents: [base],
      message: `my work\n\n${ACCEPT_TRAILER}`,
      author: { login: 'mallory', id: 666, type: 'User' },
    }).sha;
    github.git.setRef(DEFAULT_REPO, BRANCH_REF, theirs);
    editEvent('Products Searched', { description: 'Edited in Secoda.' });
    const run = await runCli(['accept', plan, '--pull-request'], scheduledRun());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the branch ${ACCEPT_BRANCH} exists and tpsync did not make it`);
    expect(run.stderr).toContain('by mallory');
    expect(github.git.ref(DEFAULT_REPO, BRANCH_REF)!.sha).toBe(theirs);
    expect(writes()).toEqual([]);
    expect(github.violations).toEqual([]);
  }, 60_000);

  it("a branch by tpsync's login without its trailer is not tpsync's either", async () => {
    await startGitHub();
    const other = github.git.addCommit(DEFAULT_REPO, {
      tree: github.git.commit(DEFAULT_REPO, base)!.tree,
      parents: [base],
      message: 'another workflow made this',
      author: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    }).sha;
    github.git.setRef(DEFAULT_REPO, BRANCH_REF, other);
    editEvent('Products Searched', { description: 'Edited in Secoda.' });
    const run = await runCli(['accept', plan, '--pull-request'], scheduledRun());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("without tpsync's trailer");
    expect(github.git.ref(DEFAULT_REPO, BRANCH_REF)!.sha).toBe(other);
    expect(writes()).toEqual([]);
  }, 60_000);

  it('refuses an open pull request from that branch that someone else opened: it is not edited, none is added', async () => {
    await startGitHub({
      seed: {
        pulls: [{ number: 3, title: ACCEPT_TITLE, body: `${ACCEPT_MARKER}\nlooks like tpsync's`, user: 'mallory', headRef: ACCEPT_BRANCH }],
      },
    });
    editEvent('Products Searched', { description: 'Edited in Secoda.' });
    const run = await runCli(['accept', plan, '--pull-request'], scheduledRun());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pull request #3');
    expect(run.stderr).toContain('tpsync did not make it (by mallory)');
    expect(pulls()).toHaveLength(1);
    expect(pulls()[0]!.body).toBe(`${ACCEPT_MARKER}\nlooks like tpsync's`);
    expect(writes()).toEqual([]);
    expect(github.violations).toEqual([]);
  }, 60_000);

  it('runs only on the default branch: a run on another branch, for a pull request or outside GitHub writes nothing, here or on GitHub', async () => {
    await startGitHub();
    editEvent('Products Searched', { description: 'Edited in Secoda.' });
    const untouched = async () => expect(await readFile(join(plan, 'search.yaml'), 'utf8')).toBe(original['tracking-plan/search.yaml']);
    const feature = await runCli(
      ['accept', plan, '--pull-request'],
      scheduledRun({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF: 'refs/heads/feature' }),
    );
    expect(feature.code).toBe(1);
    expect(feature.stderr).toContain('runs on the default branch (main), not on refs/heads/feature');
    await untouched();

    const eventPath = join(workspace, 'event.json');
    await writeFile(
      eventPath,
      JSON.stringify({
        number: 9,
        pull_request: { number: 9, head: { sha: base, repo: { full_name: DEFAULT_REPO } }, base: { repo: { full_name: DEFAULT_REPO } } },
      }),
    );
    const pr = await runCli(
      ['accept', plan, '--pull-request'],
      scheduledRun({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_REF: 'refs/pull/9/merge' }),
    );
    expect(pr.code).toBe(1);
    expect(pr.stderr).toContain('not in a "pull_request" run');
    await untouched();

    const outside = await runCli(['accept', plan, '--pull-request'], secodaEnv());
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('GITHUB_REPOSITORY is not set');
    await untouched();

    expect(writes()).toEqual([]);
    expect(github.git.ref(DEFAULT_REPO, BRANCH_REF)).toBeUndefined();
    expect(github.violations).toEqual([]);
  }, 60_000);
});
