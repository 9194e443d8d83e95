/**
 * tpsync in the real process: the output guard, the crash handlers, the signals, the run and the
 * exit. Shared by the `tpsync` executable (main.ts) and the GitHub Action's entry (action-main.ts),
 * which both run tpsync in their own process, so that the SIGINT / SIGTERM a terminal or the
 * runner sends reach it directly. This is the only place that exits.
 */
import { processInterrupts } from './interrupts.js';
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

  // Signals end the process at once, except where a command catches them to wind down (interrupts.ts).
  const interrupts = processInterrupts((text) => process.stderr.write(text));

  return run(argv, {
    // Touched only when apply asks for approval: opening stdin for nothing could keep the process waiting.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: interrupts.signal,
    catchSignals: interrupts.catchSignals,
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
