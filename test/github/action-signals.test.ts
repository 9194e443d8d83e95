// Cancelling a job: the runner sends SIGINT (then SIGTERM 7.5 s later) to the step's process —
// for a JavaScript action, the `node <main>` it started, and only it. tpsync runs in that process
// (action.yml's `runs.using: node24`, no shell in between that would hold the signal), so it stops
// as documented: requests in flight finish, no new write starts, the summary is printed, the PR
// comment says the apply was interrupted, and the exit code is 130 / 143.
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { parseMeta } from '../../src/github/comment-marker.js';
import { fakeSha, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { ACTION, inputVariables, startAction, type ActionRun } from '../support/run-action.js';
import { pullRequestEvent, pushEvent, runnerEnv } from '../support/runner-env.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

const SECODA_TOKEN = 'signal-secoda-token-0e51';
const PR = 3;

let dir: string;
let secoda: RunningEmulator;
let github: GitHubApiServer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-signals-'));
  // 7 creates: the third is held, four never start.
  await mkdir(join(dir, 'tracking-plan'));
  await cp(join(REPO_ROOT, 'test/fixtures/small-plan.yaml'), join(dir, 'tracking-plan', 'tracking-plan.yaml'));
  secoda = await startEmulator({ token: SECODA_TOKEN });
  github = await startGitHubApiServer({ seed: { pulls: [{ number: PR, headSha: fakeSha('head 3') }] } });
});
afterEach(async () => {
  secoda.gate = undefined;
  await secoda.close();
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

/** The action's step as the runner starts a node24 action: its main, with the inputs as INPUT_* variables. */
async function runStep(command: string, event: Record<string, string>): Promise<ActionRun> {
  const { env } = await runnerEnv(dir, command);
  const inputs = inputVariables(
    {
      command,
      path: 'tracking-plan',
      concurrency: '1',
      'writes-per-minute': '0',
      'secoda-api-url': secoda.url,
      'secoda-api-token': SECODA_TOKEN,
    },
    'ghs_signal',
  );
  return startAction({ ...env, ...event, GITHUB_API_URL: github.url, ...inputs }, dir);
}

/** Resolves once `test` holds for the step's stderr (checked on every chunk; no sleeping). */
function stderrShows(step: ActionRun, test: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (test.test(step.stderr)) {
        step.child.stderr!.off('data', check);
        resolve();
      }
    };
    step.child.stderr!.on('data', check);
    check();
  });
}

describe("cancelling the action's step", () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s to the action’s process reaches tpsync: in-flight writes finish, none start, summary printed, comment marked, exit %i',
    async (signal, exitCode) => {
      const planned = await runStep('plan', await pullRequestEvent(dir, PR, fakeSha('head 3')));
      expect((await planned.done).code, planned.stderr).toBe(0);
      const merge = github.mergePull(PR);

      // Hold the third write in flight; signal while it is held; let it finish once tpsync says it is stopping.
      let writes = 0;
      let onHeld!: () => void;
      const held = new Promise<void>((resolve) => (onHeld = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      secoda.gate = async (entry) => {
        if (entry.method === 'GET') return;
        writes++;
        if (writes === 3) {
          onHeld();
          await released;
        }
      };

      const apply = await runStep('apply', pushEvent(merge));
      await held;
      // The runner signals the step's process: the action's node, nothing else.
      process.kill(apply.child.pid!, signal);
      await stderrShows(apply, new RegExp(`${signal}: stopping`));
      release();
      const result = await apply.done;

      expect({ code: result.code, signal: result.signal }).toEqual({ code: exitCode, signal: null });
      expect(writes).toBe(3);
      expect(secoda.log.entries.filter((e) => e.method !== 'GET').map((e) => e.status)).toEqual([201, 201, 201]);
      expect(apply.stdout).toMatch(/Apply stopped: 3 done, 0 failed, 0 skipped, \d+ not started\./);
      expect(apply.stdout).toContain('Interrupted. Run the same apply again to finish');
      const comment = github.commentsOn(PR).find((c) => c.body.startsWith('<!-- tpsync:plan'))!;
      expect(comment.body).toContain('⏹️ **Apply interrupted**');
      expect(comment.body).toContain('Stopped after 3 of 7 changes');
      expect(parseMeta(comment.body)?.status).toBe('interrupted');
    },
    120_000,
  );

  it('has no shell or setup step between the runner and tpsync', () => {
    expect(ACTION.runs).toEqual({ using: 'node24', main: 'dist-action/action.mjs' });
  });
});
