/**
 * The GitHub Action's entry (action.yml: `runs.using: node24`, `main: dist-action/action.mjs`).
 * The runner starts it with the Node it ships and nothing else: no setup step, no shell. It
 * reads the inputs (action-inputs.ts), sets the variables tpsync reads, and runs tpsync in this
 * process, so the SIGINT / SIGTERM the runner sends on cancel reach tpsync itself and it stops
 * as documented. plan sets its outputs itself (plan-json, plan-markdown, the counts); this entry
 * adds `exit-code`.
 */
import { tmpdir } from 'node:os';
import { annotationCommand } from '../github/workflow-commands.js';
import { actionInvocation } from './action-inputs.js';
import { exitProcess, runInProcess } from './process-main.js';

const planned = actionInvocation(process.env, process.env['RUNNER_TEMP'] || tmpdir());
if (!planned.ok) {
  // On stdout, as the composite step's `echo "::error::…"` did: the runner reads both streams.
  process.stdout.write(`${annotationCommand('error', planned.message)}\n`);
  exitProcess(1);
} else {
  const { run } = planned;
  Object.assign(process.env, run.env);
  const code = await runInProcess(run.argv);
  if ((process.env['GITHUB_OUTPUT'] ?? '') !== '') {
    const { setStepOutputs } = await import('../github/actions-toolkit.js');
    setStepOutputs({ 'exit-code': String(code) });
  }
  exitProcess(run.detailedExitcode && code === 2 ? 0 : code);
}
