import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_INPUT_DEFAULTS, actionInvocation } from '../../src/cli/action-inputs.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { DEFAULT_REPO, fakeSha, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { ACTION, inputVariables, parseStepOutputs, runAction } from '../support/run-action.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

describe('action.yml', () => {
  it('declares the documented inputs and outputs', () => {
    expect(Object.keys(ACTION.inputs)).toEqual([
      'command',
      'path',
      'secoda-api-url',
      'secoda-api-token',
      'github-token',
      'concurrency',
      'writes-per-minute',
      'allow-deletes',
      'require-reviewed-plan',
      'fail-on',
      'baseline',
      'comment-author',
      'review-key',
      'detailed-exitcode',
    ]);
    expect(Object.keys(ACTION.outputs)).toEqual([
      'has-changes',
      'create-count',
      'update-count',
      'replace-count',
      'delete-count',
      'plan-json',
      'exit-code',
      'plan-markdown',
      'pull-request-number',
      'pull-request-url',
    ]);
    // A JavaScript action's process sets its outputs itself: no `value:` to map them from a step.
    for (const output of Object.values(ACTION.outputs)) expect(output).toEqual({ description: expect.any(String) as string });
  });

  it("is a JavaScript action on the runner's Node 24, running the committed bundle: no setup step, nothing installed", () => {
    expect(ACTION.runs).toEqual({ using: 'node24', main: 'dist-action/action.mjs' });
    // Nothing that would change the Node of the rest of the job, or install anything.
    expect(JSON.stringify(ACTION)).not.toMatch(/setup-node|npm (ci|install|run)|actions\/cache/);
  });

  it("applies action.yml's defaults to inputs the runner left out, as the composite step read them", () => {
    for (const [name, input] of Object.entries(ACTION.inputs)) {
      const ours = ACTION_INPUT_DEFAULTS[name as keyof typeof ACTION_INPUT_DEFAULTS];
      if (input.default === '${{ github.token }}') expect(ours, name).toBeUndefined();
      else expect(ours, name).toBe(input.default ?? '');
    }
    const planned = actionInvocation({ INPUT_COMMAND: 'apply', GITHUB_TOKEN: 'kept' }, '/runner/temp');
    expect(planned).toEqual({
      ok: true,
      run: {
        argv: ['apply', 'tracking-plan', '--auto-approve', '--concurrency', '4', '--writes-per-minute', '30', '--require-reviewed-plan'],
        // GITHUB_TOKEN is not touched: `${{ github.token }}` is the runner's to fill in.
        env: {
          SECODA_API_URL: 'https://api.secoda.co/api/v1',
          SECODA_API_TOKEN: '',
          TPSYNC_COMMENT_AUTHOR: '',
          TPSYNC_REVIEW_KEY: '',
        },
        detailedExitcode: false,
      },
    });
    const plan = actionInvocation(
      {
        INPUT_COMMAND: 'plan',
        INPUT_PATH: 'plans',
        'INPUT_FAIL-ON': 'warning',
        INPUT_BASELINE: 'origin/main',
        'INPUT_DETAILED-EXITCODE': 'true',
      },
      '/t',
    );
    expect(plan.ok && plan.run.argv).toEqual([
      'plan',
      'plans',
      '--comment',
      '--out',
      '/t/tpsync-plan.json',
      '--markdown-out',
      '/t/tpsync-plan.md',
      '--concurrency',
      '4',
      '--writes-per-minute',
      '30',
      '--fail-on',
      'warning',
      '--baseline',
      'origin/main',
      '--detailed-exitcode',
    ]);
    const apply = actionInvocation({ INPUT_COMMAND: 'apply', 'INPUT_ALLOW-DELETES': 'true', 'INPUT_REQUIRE-REVIEWED-PLAN': 'false' }, '/t');
    expect(apply.ok && apply.run.argv.slice(-1)).toEqual(['--allow-deletes']);
    // accept: the drift workflow's pull request; exit 2 (left for a person) does not fail the step.
    const accept = actionInvocation({ INPUT_COMMAND: 'accept', INPUT_PATH: 'plans', INPUT_CONCURRENCY: '2' }, '/t');
    expect(accept.ok && accept.run.argv).toEqual(['accept', 'plans', '--pull-request', '--concurrency', '2']);
    expect(accept.ok && accept.run.detailedExitcode).toBe(true);
    expect(actionInvocation({}, '/t')).toEqual({
      ok: false,
      message: 'tpsync: the command input must be plan, apply, validate or accept, not empty',
    });
    // A token pasted into the command input is refused without being printed, in any form.
    const token = 'ghp_sntlCommandToken4e2a9c71d0Xz';
    for (const value of [token, `plan\n::add-mask::x ${token}`]) {
      const refused = actionInvocation({ INPUT_COMMAND: value }, '/t');
      expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/not a value of \d+ characters \(not shown/) });
      expect(JSON.stringify(refused)).not.toContain(token.slice(0, 8));
    }
  });

  it('ships workflows that parse, with the apply serialised and never cancelled', async () => {
    for (const name of [
      'ci.yml',
      'release.yml',
      'publish.yml',
      'examples/tpsync-plan.yml',
      'examples/tpsync-apply.yml',
      'examples/drift-check.yml',
    ]) {
      const workflow = parse(await readFile(join(REPO_ROOT, '.github/workflows', name), 'utf8')) as { jobs: object };
      expect(workflow.jobs, name).toBeTypeOf('object');
    }
    const apply = parse(await readFile(join(REPO_ROOT, '.github/workflows/examples/tpsync-apply.yml'), 'utf8')) as {
      concurrency: { group: string; 'cancel-in-progress': boolean };
    };
    expect(apply.concurrency).toEqual({ group: 'tpsync-apply', 'cancel-in-progress': false });
  });
});

describe('the action, run as the runner runs it (node <main>, inputs as INPUT_* variables)', () => {
  let secoda: RunningEmulator;
  let github: GitHubApiServer;
  let dir: string;
  let event: string;
  beforeEach(async () => {
    secoda = await startEmulator({ token: 'secoda-token' });
    github = await startGitHubApiServer({ seed: { pulls: [{ number: 3, headSha: fakeSha('head') }] } });
    dir = await mkdtemp(join(tmpdir(), 'tpsync-action-'));
    // A small plan (7 creates): what the action does with it does not depend on its size.
    await mkdir(join(dir, 'tracking-plan'));
    await cp(join(REPO_ROOT, 'test/fixtures/small-plan.yaml'), join(dir, 'tracking-plan', 'tracking-plan.yaml'));
    event = join(dir, 'event.json');
    await writeFile(
      event,
      JSON.stringify({
        pull_request: {
          number: 3,
          head: { sha: fakeSha('head'), repo: { full_name: DEFAULT_REPO } },
          base: { repo: { full_name: DEFAULT_REPO } },
        },
      }),
    );
  });
  afterEach(async () => {
    await secoda.close();
    await github.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** What the runner gives every step of a pull_request job, its output files fresh. */
  async function pullRequestRunner(): Promise<Record<string, string>> {
    for (const file of ['output', 'path', 'env']) await writeFile(join(dir, file), '');
    return {
      RUNNER_TEMP: dir,
      GITHUB_WORKSPACE: dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_PATH: join(dir, 'path'),
      GITHUB_ENV: join(dir, 'env'),
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: DEFAULT_REPO,
      GITHUB_API_URL: github.url,
    };
  }

  it('plans, comments and sets the outputs; a wrong command is an error annotation', async () => {
    const runner = await pullRequestRunner();
    const inputs = inputVariables(
      { command: 'plan', path: 'tracking-plan', 'secoda-api-url': secoda.url, 'secoda-api-token': 'secoda-token' },
      'github-token',
    );
    const result = await runAction({ ...runner, ...inputs }, dir);
    expect(result.code, result.stderr).toBe(0);
    // Not a real runner (no RUNNER_NAME): the tokens never reach stdout, not even to be masked.
    expect(result.stdout + result.stderr).not.toContain('secoda-token');
    // On a runner neither: no `::add-mask::` either, which would carry the token to whatever captures stderr.
    const onRunner = await runAction({ ...runner, ...inputs, RUNNER_NAME: 'GitHub Actions 7' }, dir);
    expect(onRunner.code, onRunner.stderr).toBe(0);
    expect(onRunner.stdout + onRunner.stderr).not.toContain('secoda-token');
    expect(onRunner.stdout + onRunner.stderr).not.toContain('github-token');
    expect(onRunner.stderr).not.toContain('::add-mask::');
    expect(github.commentsOn(3).filter((c) => c.body.startsWith('<!-- tpsync:plan path="tracking-plan"'))).toHaveLength(1);

    const outputs = parseStepOutputs(await readFile(runner['GITHUB_OUTPUT']!, 'utf8'));
    expect(outputs).toMatchObject({
      'has-changes': 'true',
      'create-count': '7',
      'plan-json': join(dir, 'tpsync-plan.json'),
      'exit-code': '0',
      'plan-markdown': join(dir, 'tpsync-plan.md'),
    });
    expect(JSON.parse(await readFile(join(dir, 'tpsync-plan.json'), 'utf8'))).toMatchObject({
      format_version: 2,
      summary: { create: 7 },
    });
    expect(await readFile(join(dir, 'tpsync-plan.md'), 'utf8')).toMatch(/^\*\*Plan: 7 to create/);
    // The Node of the rest of the job is left alone: nothing added to PATH or to the job's environment.
    expect(await readFile(runner['GITHUB_PATH']!, 'utf8')).toBe('');
    expect(await readFile(runner['GITHUB_ENV']!, 'utf8')).toBe('');
    expect(github.violations).toEqual([]);

    const wrong = await runAction({ ...runner, ...inputVariables({ command: 'destroy' }) }, dir);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('::error::tpsync: the command input must be plan, apply, validate or accept, not "destroy"');
  }, 60_000);

  it('validates without Secoda, passing the baseline through', async () => {
    // The runner sets every input, with its default when the workflow leaves it out.
    const env = { RUNNER_TEMP: dir, ...inputVariables({ command: 'validate' }) };
    const valid = await runAction(env, dir);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toContain('tracking-plan is valid');
    expect(secoda.log.entries).toHaveLength(0);
    // Not a git repository: the baseline reached tpsync, which says so.
    const withBaseline = await runAction({ ...env, INPUT_BASELINE: 'origin/main' }, dir);
    expect(withBaseline.code).toBe(1);
    expect(withBaseline.stderr).toContain('--baseline: tracking-plan is not in a git repository');
    // A variable the runner did not set gets action.yml's default (path: tracking-plan).
    const bare = await runAction({ INPUT_COMMAND: 'validate' }, dir);
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toContain('tracking-plan is valid');
  }, 60_000);

  it('fails the step on a breaking change with fail-on, after commenting', async () => {
    const category = secoda.store.insert('event_category', { title: 'Legacy', integration: 'ca529385-fbc9-4934-afae-e372affe795b' });
    secoda.store.insert('event', { title: 'Old Event', integration: 'ca529385-fbc9-4934-afae-e372affe795b', parent: category.id });
    const runner = await pullRequestRunner();
    const given = { command: 'plan', 'writes-per-minute': '0', 'secoda-api-url': secoda.url, 'secoda-api-token': 'secoda-token' };
    const failed = await runAction({ ...runner, ...inputVariables({ ...given, 'fail-on': 'breaking' }, 'github-token') }, dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('error: --fail-on breaking: the plan has 1 breaking change (event-removed)');
    expect(parseStepOutputs(await readFile(runner['GITHUB_OUTPUT']!, 'utf8'))['exit-code']).toBe('1');
    const comments = github.commentsOn(3).filter((c) => c.body.startsWith('<!-- tpsync:plan path="tracking-plan"'));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('#### Breaking changes (1)');
    expect((await runAction({ ...runner, ...inputVariables(given, 'github-token') }, dir)).code).toBe(0);
    expect(github.violations).toEqual([]);
  }, 60_000);

  it('with detailed-exitcode, reports drift in exit-code without failing the step', async () => {
    const runner: Record<string, string> = { ...(await pullRequestRunner()), GITHUB_EVENT_NAME: 'schedule' };
    const given = { command: 'plan', 'detailed-exitcode': 'true', 'secoda-api-url': secoda.url, 'secoda-api-token': 'secoda-token' };
    const differs = await runAction({ ...runner, ...inputVariables(given, 'github-token') }, dir);
    expect(differs.code, differs.stderr).toBe(0);
    expect(parseStepOutputs(await readFile(runner['GITHUB_OUTPUT']!, 'utf8'))['exit-code']).toBe('2');

    const applied = await runAction(
      {
        ...runner,
        ...inputVariables({ ...given, command: 'apply', 'writes-per-minute': '0', 'require-reviewed-plan': 'false' }, 'github-token'),
      },
      dir,
    );
    expect(applied.code, applied.stderr).toBe(0);
    await writeFile(runner['GITHUB_OUTPUT']!, '');
    const matches = await runAction({ ...runner, ...inputVariables(given, 'github-token') }, dir);
    expect(matches.code, matches.stderr).toBe(0);
    expect(parseStepOutputs(await readFile(runner['GITHUB_OUTPUT']!, 'utf8'))['exit-code']).toBe('0');
    expect(await readFile(join(dir, 'tpsync-plan.md'), 'utf8')).toMatch(/^\*\*No changes/);
  }, 90_000);
});
