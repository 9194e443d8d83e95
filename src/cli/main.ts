/** The `tpsync` executable: wires the real process to `run` and is the only place that exits. */
import { run } from './run.js';

const controller = new AbortController();
let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals++;
  // A second Ctrl-C stops at once; the first lets in-flight requests finish.
  if (signals > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
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
});
process.exitCode = code;
// Let stdout drain, then leave even if a socket or timer lingers.
setTimeout(() => process.exit(code), 200).unref();
