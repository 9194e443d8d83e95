/** The `tpsync` executable: wires the real process to `run` and, with its interrupts, is the only place that exits. */
import { processInterrupts } from './interrupts.js';
import { guardProcessOutput } from './output-guard.js';
import { run } from './run.js';

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

const code = await run(process.argv.slice(2), {
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
process.exitCode = code;
// Let stdout drain, then leave even if a socket or timer lingers.
setTimeout(() => process.exit(code), 200).unref();
