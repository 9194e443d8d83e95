import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { COMMENT_LIMIT } from '../../src/github/comment-body.js';
import { parseMeta } from '../../src/github/comment-marker.js';
import {
  DEFAULT_REPO,
  fakeSha,
  startGitHubApiServer,
  type GitHubApiServer,
  type GitHubApiServerOptions,
} from '../support/github-api-server.js';
import { runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

const SECODA_TOKEN = 'secoda-secret-token-b81f';
const GITHUB_TOKEN = 'ghs_github-secret-token-77aa';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const PR = 7;
const MERGE_SHA = fakeSha('merge');

let secoda: RunningEmulator;
let github: GitHubApiServer;
let dir: string;
let planDir: string;

const earlierComments = Array.from({ length: 130 }, (_, i) => ({
  issueNumber: PR,
  body: `Looks good ${i}`,
  user: i % 2 ? 'alice' : 'bob',
}));

async function startGitHub(options: GitHubApiServerOptions = {}) {
  github = await startGitHubApiServer({
    seed: {
      comments: earlierComments,
      pulls: [{ number: PR, merged: true, mergeCommitSha: MERGE_SHA, headSha: fakeSha('head') }],
    },
    ...options,
  });
}

beforeEach(async () => {
  secoda = await startEmulator({ token: SECODA_TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'tpsync-gh-'));
  planDir = join(dir, 'tracking-plan');
  await cp(join(REPO_ROOT, 'tracking-plan.example'), planDir, { recursive: true });
});
afterEach(async () => {
  await secoda.close();
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

async function prEnv(extra: Record<string, string> = {}) {
  const eventPath = join(dir, 'event.json');
  await writeFile(
    eventPath,
    JSON.stringify({
      number: PR,
      pull_request: {
        number: PR,
        head: { sha: fakeSha('head'), repo: { full_name: DEFAULT_REPO } },
        base: { repo: { full_name: DEFAULT_REPO } },
      },
    }),
  );
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output.txt');
  await writeFile(summary, '');
  await writeFile(output, '');
  return {
    env: {
      SECODA_API_URL: secoda.url,
      SECODA_API_TOKEN: SECODA_TOKEN,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: DEFAULT_REPO,
      GITHUB_TOKEN,
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '4242',
      GITHUB_SHA: fakeSha('pr-merge-ref'),
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      ...extra,
    },
    summary,
    output,
  };
}

const planComments = () => github.commentsOn(PR).filter((c) => c.body.startsWith('<!-- tpsync:plan'));
const secodaWrites = () => secoda.log.entries.filter((e) => e.method !== 'GET').length;
const commentWrites = () => github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.operationId ?? r.path}`);

describe('plan --comment on a pull request', () => {
  it('creates one sticky comment past 130 others, then updates it in place, skipping unchanged bodies', async () => {
    await startGitHub();
    const { env, summary, output } = await prEnv();
    const args = ['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'];

    const first = await runCli(args, env, { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Plan comment created on pull request #7/);
    expect(planComments()).toHaveLength(1);
    const body = planComments()[0]!.body;
    expect(body).toContain('<!-- tpsync:plan path="tracking-plan" -->');
    expect(body).toContain('🟡 **Planned**');
    expect(body).toContain('**Plan: 201 to create, 0 to update, 0 to replace, 0 to delete.**');
    expect(body).toContain('[workflow run](https://github.example/octo-org/tracking-plan/actions/runs/4242)');
    expect(parseMeta(body)).toMatchObject({ status: 'planned', hash: expect.stringMatching(/^sha256:/) });

    const second = await runCli(args, env, { cwd: dir });
    expect(second.stderr).toMatch(/Plan comment unchanged/);
    expect(commentWrites()).toEqual(['POST issues/create-comment']);

    // The YAML changes: the same comment is updated.
    const file = join(planDir, 'search.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Products Searched', 'title: Products Searched v2'));
    const third = await runCli(args, env, { cwd: dir });
    expect(third.stderr).toMatch(/Plan comment updated/);
    expect(commentWrites()).toEqual(['POST issues/create-comment', 'PATCH issues/update-comment']);
    expect(planComments()).toHaveLength(1);
    expect(github.commentsOn(PR)).toHaveLength(131);

    expect(await readFile(summary, 'utf8')).toContain('### tpsync plan for `tracking-plan`');
    expect(await readFile(output, 'utf8')).toMatch(/has-changes[\s\S]*true[\s\S]*create-count[\s\S]*201/);
    expect(secodaWrites()).toBe(0);
    expect(github.violations).toEqual([]);
    for (const request of github.requests) expect(JSON.stringify(request.body ?? '')).not.toContain(SECODA_TOKEN);
  }, 60_000);

  it('keeps a huge plan under the comment limit and the whole plan in the job summary', async () => {
    await startGitHub();
    const { env, summary } = await prEnv();
    // ~150,000 characters of Markdown: long descriptions on many properties.
    const events = Array.from({ length: 40 }, (_, e) => {
      const properties = Array.from(
        { length: 25 },
        (_, p) =>
          `          - title: property_${p}\n            type: string\n            description: ${'A long description that a reviewer reads. '.repeat(3)}${p}\n`,
      ).join('');
      return `      - title: Event ${e}\n        properties:\n${properties}`;
    }).join('');
    await rm(planDir, { recursive: true });
    await writeFile(
      join(dir, 'huge.yaml'),
      `version: 1\nintegration: ${INTEGRATION}\ncategories:\n  - title: Huge\n    events:\n${events}`,
    );
    const result = await runCli(['plan', 'huge.yaml', '--comment', '--writes-per-minute', '0'], env, { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const [comment] = github.commentsOn(PR).filter((c) => c.body.startsWith('<!-- tpsync:plan path="huge.yaml"'));
    expect(comment).toBeDefined();
    expect(comment!.body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment!.body).toContain(
      "not shown to stay within GitHub's size limit. The full plan is in the [job summary](https://github.example/octo-org/tracking-plan/actions/runs/4242).",
    );
    expect(comment!.body).toContain('**Plan: 1041 to create');
    const written = await readFile(summary, 'utf8');
    expect(written.length).toBeGreaterThan(150_000);
    expect(written).toContain('Event 39 › property_24');
    expect(github.violations).toEqual([]);
  }, 60_000);

  it('falls back to the job summary with a warning when the token may not comment (a fork)', async () => {
    await startGitHub({ readOnly: true });
    const { env, summary } = await prEnv();
    const result = await runCli(['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'], env, { cwd: dir });
    expect(result.code).toBe(0);
    // A workflow command, on stderr (the runner reads both streams; stdout may carry a document).
    expect(result.stderr).toMatch(/^::warning::cannot comment on pull request #7/m);
    expect(result.stdout).not.toContain('::');
    expect(planComments()).toHaveLength(0);
    expect(await readFile(summary, 'utf8')).toContain('**Plan: 201 to create');
  }, 60_000);

  it('fails the job when commenting fails for another reason', async () => {
    await startGitHub({ faults: [{ operation: 'issues/create-comment', status: 422, times: 5 }] });
    const { env } = await prEnv();
    const result = await runCli(['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'], env, { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: could not post the plan comment: GitHub answered 422 to POST/);
  }, 60_000);

  it('annotates an invalid plan on its file and line, at most 10, and lists all in the summary', async () => {
    await startGitHub();
    const { env, summary } = await prEnv();
    const broken = Array.from({ length: 12 }, (_, i) => `      - title: E${i}\n        pii: maybe\n`).join('');
    await writeFile(join(dir, 'broken.yaml'), `version: 1\nintegration: ${INTEGRATION}\ncategories:\n  - title: A\n    events:\n${broken}`);
    const result = await runCli(['plan', 'broken.yaml', '--comment'], env, { cwd: dir });
    expect(result.code).toBe(1);
    const annotations = result.stderr.split('\n').filter((line) => line.startsWith('::error '));
    expect(result.stdout).not.toContain('::error');
    expect(annotations).toHaveLength(10);
    expect(annotations[0]).toMatch(
      /^::error title=tpsync%3A invalid tracking plan,file=broken.yaml,line=7,col=14::"pii" must be true or false, not "maybe"/,
    );
    const written = await readFile(summary, 'utf8');
    expect(written).toContain('The first 10 are annotated on the files; all 12 are listed here.');
    expect(written).toContain('`broken.yaml:29:14`');
    expect(secoda.log.entries).toHaveLength(0);
  }, 60_000);
});

describe('apply --require-reviewed-plan on merge', () => {
  async function reviewOnPr() {
    const { env } = await prEnv();
    const planned = await runCli(['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'], env, { cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    return (await prEnv({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: MERGE_SHA })).env;
  }
  const applyArgs = ['apply', 'tracking-plan', '--require-reviewed-plan', '--writes-per-minute', '0', '--auto-approve'];

  it('applies the reviewed plan and marks the comment applied', async () => {
    await startGitHub();
    const env = await reviewOnPr();
    const applied = await runCli(applyArgs, env, { cwd: dir });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stderr).toContain('The plan matches the one reviewed on pull request #7.');
    const body = planComments()[0]!.body;
    expect(body).toContain('🟢 **Applied**');
    expect(parseMeta(body)?.status).toBe('applied');
    expect(github.violations).toEqual([]);
  }, 60_000);

  it('accepts a plan that is a subset of the reviewed one', async () => {
    await startGitHub();
    const env = await reviewOnPr();
    // Part of the plan was applied in between (say, by an earlier merge's run, long finished: the
    // apply has no other run to wait for under a category that old).
    secoda.store.insert('event_category', { title: 'Search', integration: INTEGRATION, created_at: '2024-01-01T00:00:00.000000Z' });
    const applied = await runCli(applyArgs, env, { cwd: dir });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(planComments()[0]!.body).toContain('🟢 **Applied**');
  }, 60_000);

  it('refuses a plan with operations nobody reviewed, writing nothing', async () => {
    await startGitHub();
    const env = await reviewOnPr();
    const file = join(planDir, 'search.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Products Searched', 'title: Products Searched Unreviewed'));
    const refused = await runCli(applyArgs, env, { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /error: refused: the plan changed since review: \d+ operations not in the plans reviewed on #7 \(merged pull requests/,
    );
    expect(refused.stdout).toContain('+ event Search › Products Searched Unreviewed');
    expect(secodaWrites()).toBe(0);
    const body = planComments()[0]!.body;
    expect(body).toContain('⛔ **Apply refused**');
    expect(github.violations).toEqual([]);
  }, 60_000);

  it('a reviewed plan with nothing to apply but category drift: the comment says so, the apply writes nothing and exits 0', async () => {
    await startGitHub();
    const direct = await runCli(
      ['apply', 'tracking-plan', '--writes-per-minute', '0', '--auto-approve'],
      { SECODA_API_URL: secoda.url, SECODA_API_TOKEN: SECODA_TOKEN },
      { cwd: dir },
    );
    expect(direct.code, direct.stderr).toBe(0);
    secoda.store.insert('event_category', { title: 'Made In The UI', integration: INTEGRATION });
    const env = await reviewOnPr();
    const comment = planComments()[0]!.body;
    expect(comment).toContain('**Nothing to apply. 1 warning needs a manual step in Secoda.**');
    expect(comment).not.toContain('No changes');
    const before = secodaWrites();
    const applied = await runCli(applyArgs, env, { cwd: dir });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout.split('\n')[0]).toBe('Nothing to apply. 1 warning needs a manual step in Secoda.');
    expect(secodaWrites()).toBe(before);
    expect(parseMeta(planComments()[0]!.body)?.status).toBe('applied');
    expect(github.violations).toEqual([]);
  }, 60_000);

  it('refuses when the commit belongs to no reviewed pull request', async () => {
    await startGitHub();
    const { env } = await prEnv({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: MERGE_SHA });
    const refused = await runCli(applyArgs, env, { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no reviewed plan for tracking-plan among the pull requests merged');
    expect(refused.stderr).toContain('#7 (no plan comment by github-actions[bot])');
    expect(secodaWrites()).toBe(0);
  }, 60_000);
});

describe('the pull request without an event file', () => {
  it('is found from GITHUB_REF (refs/pull/N/merge)', async () => {
    await startGitHub();
    const { env } = await prEnv({ GITHUB_REF: `refs/pull/${PR}/merge` });
    const result = await runCli(
      ['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'],
      { ...env, GITHUB_EVENT_PATH: join(dir, 'missing.json') },
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(planComments()).toHaveLength(1);
  }, 60_000);
});
