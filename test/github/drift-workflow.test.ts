// The shipped drift workflow, run as a runner would, in a git checkout: the plan step is the
// Action, started as the runner starts it (node <main>, its `with:` values as INPUT_* variables),
// and the issue step's `run` script runs verbatim under `bash -e` with a stub `gh` (which records
// its arguments and the --body-file it is given) on PATH, fed the plan step's outputs. The issue
// body it would post must hold the plan, no token, no workflow command and no working mention or
// reference. The accept step is the Action too, talking to the local GitHub server (checked
// against GitHub's OpenAPI description); the `publish` input picks the steps that run.
import { execFile, spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { ACCEPT_TITLE } from '../../src/github/accept-pull-request.js';
import { applyToStore } from '../support/applied-store.js';
import { DEFAULT_REPO, startGitHubApiServer } from '../support/github-api-server.js';
import { inputVariables, parseStepOutputs, runAction } from '../support/run-action.js';
import { expectNoSecrets, readRunnerFiles, runnerEnv } from '../support/runner-env.js';
import { CLI, REPO_ROOT } from '../support/spawn-cli.js';

const SECODA_TOKEN = 'sntlDRIFT/Secoda+Token"9d4c';
const GH_TOKEN = 'ghs_sntlDriftGitHub51e0aa';
const SECRETS = [SECODA_TOKEN, GH_TOKEN];
/** The key Ana edits Secoda with: the audit log names her (issue 23). */
const ANA_KEY = 'ana-ui-session-key';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string | boolean>;
  run?: string;
}
interface Workflow {
  on: { workflow_dispatch: { inputs: Record<string, { type: string; options: string[]; default: string }> } };
  permissions: Record<string, string>;
  jobs: { drift: { if: string; env: Record<string, string>; steps: Step[] } };
}
const workflow = parse(await readFile(join(REPO_ROOT, '.github/workflows/examples/drift-check.yml'), 'utf8')) as Workflow;
const step = (name: string): Step => {
  const found = workflow.jobs.drift.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step "${name}" in drift-check.yml`);
  return found;
};
const stepScript = (name: string): string => step(name).run ?? '';

/** A step's `with:` values as the runner hands them over: `${{ … }}` evaluated (from `values`), every value a string. */
function withValues(given: Step['with'], values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(given ?? {}).map(([name, value]) => [
      name,
      String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_match, expression: string) => {
        const known = values[expression];
        if (known === undefined) throw new Error(`drift-check.yml: no value for \${{ ${expression} }}`);
        return known;
      }),
    ]),
  );
}

const GIT_ENV = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' };

let dir: string;
let workspace: string;
let bin: string;
let secoda: RunningEmulator;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-drift-wf-'));
  workspace = join(dir, 'workspace');
  bin = join(dir, 'bin');
  await mkdir(bin);
  await cp(join(REPO_ROOT, 'tracking-plan.example'), join(workspace, 'tracking-plan'), { recursive: true });
  const git = (...args: string[]) =>
    promisify(execFile)('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
      cwd: workspace,
      env: { ...process.env, ...GIT_ENV },
    });
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-qm', 'tracking plan');
  // The apply that fixes the drift, as a person would run it: the build under test.
  await writeFile(join(bin, 'tpsync'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  // The stub gh: one record per call (its arguments), the --body-file contents beside, and an open issue if told.
  await writeFile(
    join(bin, 'gh'),
    [
      '#!/usr/bin/env bash',
      '{ echo "--- gh"; printf "%s\\n" "$@"; } >> "$GH_STUB_LOG"',
      'args=("$@")',
      'for ((i = 0; i < ${#args[@]}; i++)); do',
      '  if [ "${args[i]}" = "--body-file" ]; then cat "${args[i+1]}" >> "$GH_STUB_BODIES"; fi',
      'done',
      'if [ "$1 $2" = "issue list" ]; then printf "%s\\n" "${GH_STUB_OPEN_ISSUE:-}"; fi',
    ].join('\n'),
  );
  await chmod(join(bin, 'tpsync'), 0o755);
  await chmod(join(bin, 'gh'), 0o755);

  secoda = await startEmulator({ token: SECODA_TOKEN, apiKeys: { [ANA_KEY]: { email: 'ana@acme.com', first_name: 'Ana' } } });
});
afterEach(async () => {
  await secoda.close();
  await rm(dir, { recursive: true, force: true });
});

function bash(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // A `run` step without `shell:` runs as `bash -e {0}` on Linux runners.
    const child = spawn('bash', ['-e', '-c', script], {
      cwd: workspace,
      env: { PATH: `${bin}:${process.env['PATH'] ?? ''}`, HOME: dir, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** main applied (in process: the scene, not the subject), then Ana edits an event in Secoda; returns the day of her edit (UTC), as the audit log wrote it. */
async function applyThenDrift(): Promise<string> {
  await applyToStore(secoda.store, join(workspace, 'tracking-plan'));
  // Ana edits an event in Secoda, pasting the token and pinging people.
  const event = secoda.store.list('event').find((e) => e.title === 'Products Searched')!;
  const edited = await fetch(`${secoda.url}/event/events/${event.id}/`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${ANA_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ description: `Fixed by @octocat for #12 (key ${SECODA_TOKEN}) ::add-mask::x` }),
  });
  expect(edited.status).toBe(200);
  return secoda.audit.entries.at(-1)!.logged_at.slice(0, 10);
}

async function runWorkflow(openIssue = '', acceptPrUrl = '') {
  const runner = await runnerEnv(dir, 'plan-step');
  const planStep = step('Plan main against Secoda');
  expect(planStep.uses).toMatch(/^tpsync\/tpsync@/);
  const inputs = withValues(planStep.with, {
    "vars.SECODA_API_URL || 'https://api.secoda.co/api/v1'": secoda.url,
    'secrets.SECODA_API_TOKEN': SECODA_TOKEN,
  });
  const plan = await runAction({ ...runner.env, GITHUB_EVENT_NAME: 'schedule', ...inputVariables(inputs, GH_TOKEN) }, workspace);
  const outputs = await readRunnerFiles(runner.files);
  const stepOutputs = parseStepOutputs(outputs.output);
  const code = stepOutputs['exit-code'] ?? '';
  const log = join(dir, 'gh.log');
  const bodies = join(dir, 'gh-bodies.md');
  await writeFile(log, '');
  await writeFile(bodies, '');
  const issue = await bash(stepScript('Open, update or close the drift issue'), {
    GITHUB_ACTIONS: 'true',
    GH_TOKEN,
    GH_REPO: DEFAULT_REPO,
    CODE: code,
    PLAN_MARKDOWN: stepOutputs['plan-markdown'] ?? '',
    RUN_URL: `https://github.example/${DEFAULT_REPO}/actions/runs/4242`,
    GH_STUB_LOG: log,
    GH_STUB_BODIES: bodies,
    GH_STUB_OPEN_ISSUE: openIssue,
    ACCEPT_PR_URL: acceptPrUrl,
  });
  return {
    plan,
    issue,
    code,
    outputs,
    ghCalls: (await readFile(log, 'utf8')).split('--- gh\n').filter(Boolean),
    body: await readFile(bodies, 'utf8'),
    driftMd: await readFile(stepOutputs['plan-markdown'] ?? '', 'utf8'),
  };
}

describe('the drift-check workflow, its steps run verbatim', () => {
  it('plans with the Action: no Node set up, nothing installed from npm', () => {
    expect(step('Plan main against Secoda').with).toMatchObject({ command: 'plan', baseline: 'HEAD', 'detailed-exitcode': true });
    expect(JSON.stringify(workflow)).not.toMatch(/setup-node|npm (install|ci)|npx /);
  });

  it('opens an issue whose body holds the plan and who drifted Secoda: no token, no workflow command, no working mention', async () => {
    const day = await applyThenDrift();
    const run = await runWorkflow();
    expect(run.plan.code, run.plan.stderr).toBe(0);
    expect(run.code).toBe('2');
    expect(run.issue.code, run.issue.stderr).toBe(0);
    expect(run.ghCalls.map((call) => call.split('\n').slice(0, 2).join(' '))).toEqual(['issue list', 'label create', 'issue create']);
    expect(run.ghCalls[2]).toContain('--body-file\nbody.md');

    expect(run.body).toContain('Secoda has drifted from the tracking plan on `main`');
    expect(run.body).toContain('~ event Search › Products Searched');
    expect(run.body).toContain(`~ event Search › Products Searched  (drift: changed in Secoda by ana@acme.com on ${day})`);
    expect(run.body).toContain('key ***');
    // Only the document: no workflow command, not even the one pasted into Secoda, can act.
    expect(run.driftMd).not.toMatch(/^\s*::/m);
    expect(run.body).not.toMatch(/^\s*::/m);
    expect(run.driftMd.startsWith('**Plan:')).toBe(true);
    // The mention and the reference outside code would ping and link; inside the diff block they cannot.
    const outsideCode = run.body.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '').replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
    expect(outsideCode).not.toMatch(/@octocat|#12/);

    expectNoSecrets(
      {
        driftMd: run.driftMd,
        body: run.body,
        ghCalls: run.ghCalls.join('\n'),
        planStdout: run.plan.stdout,
        planLog: run.plan.stderr,
        issueLog: run.issue.stdout + run.issue.stderr,
        ...run.outputs,
      },
      SECRETS,
    );
  }, 90_000);

  it('reports category drift, which only a manual step fixes, as drift too', async () => {
    await applyToStore(secoda.store, join(workspace, 'tracking-plan'));
    // Someone adds a category in Secoda's UI: nothing to apply, but the catalog is not the YAML's.
    secoda.store.insert('event_category', { title: 'Made In The UI', integration: 'ca529385-fbc9-4934-afae-e372affe795b' });
    const run = await runWorkflow();
    expect(run.plan.code, run.plan.stderr).toBe(0);
    expect(run.code).toBe('2');
    expect(run.ghCalls.map((call) => call.split('\n').slice(0, 2).join(' '))).toEqual(['issue list', 'label create', 'issue create']);
    expect(run.driftMd.startsWith('**Nothing to apply. 1 warning needs a manual step in Secoda.**')).toBe(true);
    expect(run.body).toContain('category "Made In The UI" is in Secoda but not in the tracking plan');
    expect(run.body).toContain('need a manual step in Secoda');
    expect(run.body).not.toContain('No changes');
  }, 90_000);

  it('updates the open issue, and closes it once the drift is gone', async () => {
    await applyThenDrift();
    const updated = await runWorkflow('5');
    expect(updated.ghCalls.map((call) => call.split('\n').slice(0, 3).join(' '))).toEqual(['issue list --label', 'issue edit 5']);
    expect(updated.body).toContain('~ event Search › Products Searched');

    const fixed = await bash('tpsync apply tracking-plan --auto-approve --writes-per-minute 0', {
      SECODA_API_URL: secoda.url,
      SECODA_API_TOKEN: SECODA_TOKEN,
    });
    expect(fixed.code, fixed.stderr).toBe(0);
    const closed = await runWorkflow('5');
    expect(closed.code).toBe('0');
    expect(closed.ghCalls.map((call) => call.split('\n').slice(0, 3).join(' '))).toEqual(['issue list --label', 'issue close 5']);
    expectNoSecrets({ calls: closed.ghCalls.join('\n'), log: closed.plan.stderr }, SECRETS);
  }, 90_000);

  it('the publish input chooses the pull request, the issue or both; a scheduled run does both, on main only', () => {
    const publish = workflow.on.workflow_dispatch.inputs['publish'];
    expect(publish?.type).toBe('choice');
    expect([...(publish?.options ?? [])].sort()).toEqual(['both', 'issue', 'pull-request']);
    expect(publish?.default).toBe('both');
    // A schedule has no inputs: the expression's fallback is what it does.
    expect(workflow.jobs.drift.env['PUBLISH']).toBe("${{ inputs.publish || 'both' }}");
    expect(workflow.jobs.drift.if).toBe("github.ref == 'refs/heads/main'");
    expect(workflow.permissions).toMatchObject({ contents: 'write', 'pull-requests': 'write', issues: 'write' });
    const accept = step("Accept Secoda's edits in a pull request");
    expect(accept.uses).toMatch(/^tpsync\/tpsync@/);
    expect(accept.with).toMatchObject({ command: 'accept', path: step('Plan main against Secoda').with?.['path'] });
    // The steps' conditions, evaluated as the runner does for the one form they use.
    const runs = (s: Step, value: string): boolean => {
      const condition = /^env\.PUBLISH != '([a-z-]+)'$/.exec(s.if ?? '');
      if (condition === null) throw new Error(`unexpected condition "${s.if ?? ''}" on "${s.name ?? ''}"`);
      return value !== condition[1];
    };
    const issue = step('Open, update or close the drift issue');
    expect(['both', 'pull-request', 'issue'].map((value) => [value, runs(accept, value), runs(issue, value)])).toEqual([
      ['both', true, true],
      ['pull-request', true, false],
      ['issue', false, true],
    ]);
    expect(issue.env?.['ACCEPT_PR_URL']).toBe('${{ steps.accept.outputs.pull-request-url }}');
    expect(accept.id).toBe('accept');
  });

  it('the accept step opens the pull request "Accept edits made in Secoda" with the YAML change; the issue points at it', async () => {
    const day = await applyThenDrift();
    const github = await startGitHubApiServer();
    try {
      // main's head on GitHub: the checkout's files.
      const files: Record<string, string> = {};
      const plan = join(workspace, 'tracking-plan');
      for (const name of await readdir(plan)) files[`tracking-plan/${name}`] = await readFile(join(plan, name), 'utf8');
      const tree = github.git.addTree(DEFAULT_REPO, files);
      const head = github.git.addCommit(DEFAULT_REPO, { tree: tree.sha, parents: [], message: 'tracking plan', author: null }).sha;
      github.git.setRef(DEFAULT_REPO, 'refs/heads/main', head);

      const runner = await runnerEnv(dir, 'accept-step');
      const inputs = withValues(step("Accept Secoda's edits in a pull request").with, {
        "vars.SECODA_API_URL || 'https://api.secoda.co/api/v1'": secoda.url,
        'secrets.SECODA_API_TOKEN': SECODA_TOKEN,
      });
      const accept = await runAction(
        {
          ...runner.env,
          GITHUB_EVENT_NAME: 'schedule',
          GITHUB_REF: 'refs/heads/main',
          GITHUB_SHA: head,
          GITHUB_API_URL: github.url,
          GITHUB_WORKSPACE: workspace,
          ...inputVariables(inputs, GH_TOKEN),
        },
        workspace,
      );
      expect(accept.code, accept.stderr).toBe(0);
      // Secoda's text in the step's log cannot act as a workflow command.
      expect(accept.stdout + accept.stderr).not.toMatch(/^\s*::add-mask::/m);
      expect(accept.stdout).toContain('Products Searched');
      const outputs = await readRunnerFiles(runner.files);
      const acceptOutputs = parseStepOutputs(outputs.output);
      expect(acceptOutputs['exit-code']).toBe('0');
      const pulls = github.state.issues.filter((issue) => issue.pull !== undefined);
      expect(pulls.map((pull) => [pull.number, pull.title, pull.state])).toEqual([[1, ACCEPT_TITLE, 'open']]);
      expect(acceptOutputs['pull-request-url']).toBe(`${github.webUrl}/${DEFAULT_REPO}/pull/1`);
      const body = pulls[0]?.body ?? '';
      expect(body).toContain('Products Searched');
      // Who made the edit, from the audit log: Ana's key made it.
      expect(body).toContain(`ana@acme.com on ${day}`);
      expect(body).toContain('key ***');
      const outsideCode = body.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
      expect(outsideCode).not.toMatch(/@octocat|#12/);
      // The branch: main's files with only the edited description changed.
      const branch = github.git.files(DEFAULT_REPO, 'refs/heads/tpsync/accept-secoda-edits') ?? {};
      const changed = Object.keys(files).filter((path) => branch[path] !== files[path]);
      expect(changed).toEqual(['tracking-plan/search.yaml']);
      expect(branch['tracking-plan/search.yaml']).toContain('description: "Fixed by @octocat for #12 (key ***) ::add-mask::x"');
      expect(github.violations).toEqual([]);

      const run = await runWorkflow('', acceptOutputs['pull-request-url']);
      expect(run.issue.code, run.issue.stderr).toBe(0);
      expect(run.body).toContain(`The pull request ${github.webUrl}/${DEFAULT_REPO}/pull/1 writes the edits`);
      expectNoSecrets(
        { acceptLog: accept.stdout + accept.stderr, body, branch: JSON.stringify(branch), issue: run.body, ...outputs },
        SECRETS,
      );
    } finally {
      await github.close();
    }
  }, 90_000);
});
