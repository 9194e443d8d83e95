// Cancelling a job: the runner sends SIGINT (then SIGTERM 7.5 s later) to the step's process —
// the shell running the action's step, and only it. The step must hand the signal to tpsync
// (`exec node …`, no shell in between that would hold it), so that tpsync stops as documented:
// requests in flight finish, no new write starts, the summary is printed, the PR comment says
// the apply was interrupted, and the exit code is 130 / 143.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { parseMeta } from '../../src/github/comment-marker.js';
import { fakeSha, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { pullRequestEvent, pushEvent, runnerEnv } from '../support/runner-env.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

interface ActionFile {
  runs: { steps: { id?: string; run?: string }[] };
}
const action = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionFile;
const runScript = action.runs.steps.find((step) => step.id === 'tpsync')?.run ?? '';

const SECODA_TOKEN = 'signal-secoda-token-0e51';
const PR = 3;

let dir: string;
let scriptFile: string;
let secoda: RunningEmulator;
let github: GitHubApiServer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-signals-'));
  await cp(join(REPO_ROOT, 'tracking-plan.example'), join(dir, 'tracking-plan'), { recursive: true });
  scriptFile = join(dir, 'step.sh');
  await writeFile(scriptFile, runScript);
  secoda = await startEmulator({ token: SECODA_TOKEN });
  github = await startGitHubApiServer({ seed: { pulls: [{ number: PR, headSha: fakeSha('head 3') }] } });
});
afterEach(async () => {
  secoda.gate = undefined;
  await secoda.close();
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

interface Step {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The action's run step as the runner starts a `shell: bash` step. */
async function runStep(inputs: Record<string, string>, event: Record<string, string>): Promise<Step> {
  const { env } = await runnerEnv(dir, inputs['INPUT_COMMAND'] ?? 'step');
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
    cwd: dir,
    env: {
      PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      NO_COLOR: '1',
      ...env,
      ...event,
      GITHUB_ACTION_PATH: REPO_ROOT,
      GITHUB_API_URL: github.url,
      SECODA_API_URL: secoda.url,
      SECODA_API_TOKEN: SECODA_TOKEN,
      GITHUB_TOKEN: 'ghs_signal',
      INPUT_PATH: 'tracking-plan',
      INPUT_CONCURRENCY: '1',
      INPUT_WRITES_PER_MINUTE: '0',
      INPUT_ALLOW_DELETES: 'false',
      INPUT_REQUIRE_REVIEWED_PLAN: 'true',
      ...inputs,
    },
  });
  const step: Step = {
    child,
    stdout: '',
    stderr: '',
    done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout.on('data', (chunk: Buffer) => (step.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (step.stderr += chunk.toString()));
  return step;
}

/** Resolves once `test` holds for the step's stderr (checked on every chunk; no sleeping). */
function stderrShows(step: Step, test: RegExp): Promise<void> {
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
    '%s to the step’s shell reaches tpsync: in-flight writes finish, none start, summary printed, comment marked, exit %i',
    async (signal, exitCode) => {
      const planned = await runStep({ INPUT_COMMAND: 'plan' }, await pullRequestEvent(dir, PR, fakeSha('head 3')));
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

      const apply = await runStep({ INPUT_COMMAND: 'apply' }, pushEvent(merge));
      await held;
      // The runner signals the step's process: the shell's PID, nothing else.
      process.kill(apply.child.pid!, signal);
      await stderrShows(apply, new RegExp(`${signal}: stopping`));
      release();
      const result = await apply.done;

      expect(result).toEqual({ code: exitCode, signal: null });
      expect(writes).toBe(3);
      expect(secoda.log.entries.filter((e) => e.method !== 'GET').map((e) => e.status)).toEqual([201, 201, 201]);
      expect(apply.stdout).toMatch(/Apply stopped: 3 done, 0 failed, 0 skipped, \d+ not started\./);
      expect(apply.stdout).toContain('Interrupted. Run the same apply again to finish');
      const comment = github.commentsOn(PR).find((c) => c.body.startsWith('<!-- tpsync:plan'))!;
      expect(comment.body).toContain('⏹️ **Apply interrupted**');
      expect(comment.body).toContain('Stopped after 3 of 201 changes');
      expect(parseMeta(comment.body)?.status).toBe('interrupted');
    },
    120_000,
  );

  it('runs tpsync in place of the shell (exec), and passes --auto-approve to apply', () => {
    const lines = runScript.trim().split('\n');
    expect(lines.at(-1)?.trim()).toMatch(/^exec node "[^"]+" "\$\{args\[@\]\}"$/);
    expect(runScript).toContain('args=(apply "$INPUT_PATH" --auto-approve)');
  });
});
