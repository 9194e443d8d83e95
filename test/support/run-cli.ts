/**
 * Runs the command line in-process, as `tpsync …` would, capturing what it prints: the same `run()`
 * the executable calls, without a process to start (the process's own behaviour — signals, the
 * output guard on real streams, exit codes — is tested by spawning it, see spawn-cli.ts).
 */
import { summary } from '@actions/core';
import { run } from '../../src/cli/run.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCliOptions {
  /**
   * Runs as a process started in `cwd` with `env` would: relative paths in the arguments and in
   * what it prints are against `cwd`, and `env` is also in `process.env`, where libraries read it
   * (@actions/core finds the job summary and step outputs there). The test process changes into
   * `cwd` and sets the variables for the run, and changes both back afterwards; tests in a file
   * run one at a time, and runs at once must share both.
   */
  readonly cwd?: string;
  /** Aborts the run as SIGINT would (the run's `signal`). */
  readonly signal?: AbortSignal;
}

/** What runs now in flight changed of the process (cwd, variables), how many they are, and what to restore. */
let inFlight: { cwd: string; env: string; runs: number; restore: () => void } | undefined;

export async function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: RunCliOptions = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const runEnv = { NO_COLOR: '1', ...env };
  // @actions/core's job summary keeps the first GITHUB_STEP_SUMMARY it finds, for the life of the
  // process; a process runs tpsync once, this one many times, each with its own summary file.
  (summary as unknown as { _filePath?: string })._filePath = undefined;
  const leave = options.cwd === undefined ? () => {} : enter(options.cwd, runEnv);
  try {
    const code = await run(args, {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      env: runEnv,
      // Octokit spaces GitHub writes a second apart per process: here, across every run of the file.
      spaceGitHubWrites: false,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { code, stdout, stderr };
  } finally {
    leave();
  }
}

/** Changes into `cwd` and sets `env` in `process.env` for a run; returns what undoes both once the last run at once ends. */
function enter(cwd: string, env: Record<string, string | undefined>): () => void {
  const key = JSON.stringify(env);
  if (inFlight && (inFlight.cwd !== cwd || inFlight.env !== key))
    throw new Error(`runCli: a run in ${inFlight.cwd} is still going; runs at once must share their cwd and env`);
  if (!inFlight) {
    const home = process.cwd();
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    process.chdir(cwd);
    setVariables(env);
    inFlight = {
      cwd,
      env: key,
      runs: 0,
      restore: () => {
        setVariables(saved);
        process.chdir(home);
      },
    };
  }
  inFlight.runs++;
  return () => {
    if (!inFlight || --inFlight.runs > 0) return;
    inFlight.restore();
    inFlight = undefined;
  };
}

function setVariables(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
