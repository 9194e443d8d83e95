/** The `tpsync` executable: wires the real process to `run` and is the only place that exits. */
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

const code = await run(process.argv.slice(2), {
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
process.exitCode = code;
// Let stdout drain, then leave even if a socket or timer lingers.
setTimeout(() => process.exit(code), 200).unref();
