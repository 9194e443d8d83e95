import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { DEFAULT_REPO, fakeSha, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

interface ActionFile {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; run?: string; env?: Record<string, string> }[] };
}

const action = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionFile;
const script = action.runs.steps.find((step) => step.id === 'tpsync')?.run ?? '';

function bash(command: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd: env['WORKSPACE'], env: { PATH: process.env['PATH'] ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('action.yml', () => {
  it('declares the documented inputs and outputs', () => {
    expect(Object.keys(action.inputs)).toEqual([
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
    ]);
    expect(Object.keys(action.outputs)).toEqual([
      'has-changes',
      'create-count',
      'update-count',
      'replace-count',
      'delete-count',
      'plan-json',
    ]);
    for (const output of Object.values(action.outputs)) expect(output.value).toMatch(/^\$\{\{ steps\.tpsync\.outputs\.[a-z-]+ \}\}$/);
    expect(action.runs.using).toBe('composite');
  });

  it('passes inputs through the environment, never pasted into the script', () => {
    expect(script).not.toContain('${{');
  });

  it('installs nothing: setup-node, then one step that execs the committed bundle', () => {
    const steps = action.runs.steps as { uses?: string; run?: string }[];
    expect(steps.map((step) => step.uses ?? 'run')).toEqual(['actions/setup-node@v4', 'run']);
    expect(JSON.stringify(steps)).not.toMatch(/npm (ci|install|run)|actions\/cache/);
    const lines = script.trim().split('\n');
    expect(lines[lines.length - 1]?.trim()).toBe('exec node "$GITHUB_ACTION_PATH/dist-action/tpsync.mjs" "${args[@]}"');
  });

  it('ships workflows that parse, with the apply serialised and never cancelled', async () => {
    for (const name of ['ci.yml', 'examples/tpsync-plan.yml', 'examples/tpsync-apply.yml', 'examples/drift-check.yml']) {
      const workflow = parse(await readFile(join(REPO_ROOT, '.github/workflows', name), 'utf8')) as { jobs: object };
      expect(workflow.jobs, name).toBeTypeOf('object');
    }
    const apply = parse(await readFile(join(REPO_ROOT, '.github/workflows/examples/tpsync-apply.yml'), 'utf8')) as {
      concurrency: { group: string; 'cancel-in-progress': boolean };
    };
    expect(apply.concurrency).toEqual({ group: 'tpsync-apply', 'cancel-in-progress': false });
  });
});

describe("the action's run step, executed as the runner would", () => {
  let secoda: RunningEmulator;
  let github: GitHubApiServer;
  let dir: string;
  beforeEach(async () => {
    secoda = await startEmulator({ token: 'secoda-token' });
    github = await startGitHubApiServer({ seed: { pulls: [{ number: 3, headSha: fakeSha('head') }] } });
    dir = await mkdtemp(join(tmpdir(), 'tpsync-action-'));
    await cp(join(REPO_ROOT, 'tracking-plan.example'), join(dir, 'tracking-plan'), { recursive: true });
  });
  afterEach(async () => {
    await secoda.close();
    await github.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('plans, comments and sets the outputs', async () => {
    const event = join(dir, 'event.json');
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
    const output = join(dir, 'output');
    await writeFile(output, '');
    const env = {
      WORKSPACE: dir,
      GITHUB_ACTION_PATH: REPO_ROOT,
      RUNNER_TEMP: dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: output,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: DEFAULT_REPO,
      GITHUB_API_URL: github.url,
      INPUT_COMMAND: 'plan',
      INPUT_PATH: 'tracking-plan',
      INPUT_CONCURRENCY: '4',
      INPUT_WRITES_PER_MINUTE: '30',
      INPUT_ALLOW_DELETES: 'false',
      INPUT_REQUIRE_REVIEWED_PLAN: 'true',
      SECODA_API_URL: secoda.url,
      SECODA_API_TOKEN: 'secoda-token',
      GITHUB_TOKEN: 'github-token',
    };
    const result = await bash(script, env);
    expect(result.code, result.stderr).toBe(0);
    // Not a real runner (no RUNNER_NAME): the tokens never reach stdout, not even to be masked.
    expect(result.stdout + result.stderr).not.toContain('secoda-token');
    // On a runner neither: no `::add-mask::` either, which would carry the token to whatever captures stderr.
    const onRunner = await bash(script, { ...env, RUNNER_NAME: 'GitHub Actions 7' });
    expect(onRunner.code, onRunner.stderr).toBe(0);
    expect(onRunner.stdout + onRunner.stderr).not.toContain('secoda-token');
    expect(onRunner.stdout + onRunner.stderr).not.toContain('github-token');
    expect(onRunner.stderr).not.toContain('::add-mask::');
    expect(github.commentsOn(3).filter((c) => c.body.startsWith('<!-- tpsync:plan path="tracking-plan"'))).toHaveLength(1);
    const outputs = await readFile(output, 'utf8');
    expect(outputs).toContain('has-changes');
    expect(outputs).toContain(join(dir, 'tpsync-plan.json'));
    expect(JSON.parse(await readFile(join(dir, 'tpsync-plan.json'), 'utf8'))).toMatchObject({
      format_version: 2,
      summary: { create: 201 },
    });
    expect(github.violations).toEqual([]);

    const wrong = await bash(script, { ...env, INPUT_COMMAND: 'destroy' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('::error::tpsync: the command input must be plan, apply or validate');
  }, 60_000);

  it('validates without Secoda, passing the baseline through', async () => {
    // The runner sets every input, with its default when the workflow leaves it out.
    const env = {
      WORKSPACE: dir,
      GITHUB_ACTION_PATH: REPO_ROOT,
      RUNNER_TEMP: dir,
      INPUT_COMMAND: 'validate',
      INPUT_PATH: 'tracking-plan',
      INPUT_CONCURRENCY: '4',
      INPUT_WRITES_PER_MINUTE: '30',
      INPUT_ALLOW_DELETES: 'false',
      INPUT_REQUIRE_REVIEWED_PLAN: 'true',
      INPUT_BASELINE: '',
      SECODA_API_URL: secoda.url,
      SECODA_API_TOKEN: '',
      GITHUB_TOKEN: '',
    };
    const valid = await bash(script, env);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toContain('tracking-plan is valid');
    expect(secoda.log.entries).toHaveLength(0);
    // Not a git repository: the baseline reached tpsync, which says so.
    const withBaseline = await bash(script, { ...env, INPUT_BASELINE: 'origin/main' });
    expect(withBaseline.code).toBe(1);
    expect(withBaseline.stderr).toContain('--baseline: tracking-plan is not in a git repository');
  }, 60_000);

  it('fails the step on a breaking change with fail-on, after commenting', async () => {
    const event = join(dir, 'event.json');
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
    const category = secoda.store.insert('event_category', { title: 'Legacy', integration: 'ca529385-fbc9-4934-afae-e372affe795b' });
    secoda.store.insert('event', { title: 'Old Event', integration: 'ca529385-fbc9-4934-afae-e372affe795b', parent: category.id });
    const env = {
      WORKSPACE: dir,
      GITHUB_ACTION_PATH: REPO_ROOT,
      RUNNER_TEMP: dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: DEFAULT_REPO,
      GITHUB_API_URL: github.url,
      INPUT_COMMAND: 'plan',
      INPUT_PATH: 'tracking-plan',
      INPUT_CONCURRENCY: '4',
      INPUT_WRITES_PER_MINUTE: '0',
      INPUT_ALLOW_DELETES: 'false',
      INPUT_REQUIRE_REVIEWED_PLAN: 'true',
      INPUT_BASELINE: '',
      SECODA_API_URL: secoda.url,
      SECODA_API_TOKEN: 'secoda-token',
      GITHUB_TOKEN: 'github-token',
    };
    const failed = await bash(script, { ...env, INPUT_FAIL_ON: 'breaking' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('error: --fail-on breaking: the plan has 1 breaking change (event-removed)');
    const comments = github.commentsOn(3).filter((c) => c.body.startsWith('<!-- tpsync:plan path="tracking-plan"'));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('#### Breaking changes (1)');
    expect((await bash(script, { ...env, INPUT_FAIL_ON: '' })).code).toBe(0);
    expect(github.violations).toEqual([]);
  }, 60_000);
});
