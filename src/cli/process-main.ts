/**
 * tpsync in the real process: the output guard, the crash handlers, the signals, the run and the
 * exit. Shared by the `tpsync` executable (main.ts) and the GitHub Action's entry (action-main.ts),
 * which both run tpsync in their own process, so that the SIGINT / SIGTERM a terminal or the
 * runner sends reach it directly. This is the only place that exits.
 */
import { guardProcessOutput } from './output-guard.js';
import { run } from './run.js';

/**
 * Runs tpsync on `argv` (the arguments after the executable) with the process's stdin, stdout,
 * stderr and environment, and resolves to its exit code. Call it once per process: it patches
 * stdout and stderr (secrets out) and installs the process's signal and crash handlers.
 */
export async function runInProcess(argv: readonly string[]): Promise<number> {
  // Before anything is printed: secrets out of stdout and stderr, workflow commands only where the runner reads them.
  const guard = guardProcessOutput(process.env);

  // Node prints an uncaught error straight to the file descriptor, past the guard: print it ourselves.
  const crash = (error: unknown) => {
    const text = error instanceof Error ? (process.env['TPSYNC_DEBUG'] ? (error.stack ?? error.message) : error.message) : String(error);
    process.stderr.write(`error: unexpected error — this is a bug in tpsync; please report it with the command you ran\n    ${text}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);

  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    // A second Ctrl-C stops at once; the first lets in-flight requests finish.
    if (signals > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
    process.stderr.write(`\n${signal}: stopping — requests in flight finish, no new ones start (a second signal stops at once).\n`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  return run(argv, {
    // Touched only when apply asks for approval: opening stdin for nothing could keep the process waiting.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: controller.signal,
    redactor: guard.redactor,
    workflowCommands: guard.workflowCommands,
    foldsInLog: guard.foldsInLog,
  });
}

/** Ends the process with `code`: stdout drains first, and a socket or timer left open cannot hold it. */
export function exitProcess(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 200).unref();
}
