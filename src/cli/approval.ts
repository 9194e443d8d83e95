/**
 * Apply asks before it writes to a real Secoda, as `terraform apply` does: on an interactive
 * terminal it shows the plan (already printed) and goes on only when the answer is "yes"; with no
 * terminal to ask on it goes on only with --auto-approve, and otherwise stops before any write.
 * `--local` (a sandbox) and a saved plan (`--plan-file`, approved when it was saved and reviewed)
 * are not asked about, nor is a plan with nothing to apply.
 */
import { createInterface } from 'node:readline/promises';
import type { Approval } from '../apply/apply-workflow.js';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';

/**
 * Asks on the terminal; throws a UsageError (exit 1) when there is none to ask on. The question
 * goes to stdout, as Terraform's does. Ctrl-C while waiting is 'interrupted'.
 */
export async function askApproval(io: Io, target: string): Promise<Approval> {
  const stdin = io.stdin;
  if (stdin === undefined || stdin.isTTY !== true) {
    throw new UsageError(
      'apply changes Secoda only when approved, and there is no terminal to ask on',
      'review the plan above, then run again with --auto-approve (as CI does); --local needs no approval',
    );
  }
  io.stdout.write(
    `\nDo you want to apply these changes to ${target}?\n  tpsync will make the changes described above.\n  Only 'yes' will be accepted to approve.\n\n`,
  );
  // terminal: false keeps the terminal in its normal line mode: it echoes, and Ctrl-C is a signal.
  const reader = createInterface({ input: stdin, output: undefined, terminal: false });
  try {
    io.stdout.write('  Enter a value: ');
    const answer = await reader.question('', io.signal ? { signal: io.signal } : {});
    io.stdout.write('\n');
    return answer.trim() === 'yes' ? 'approved' : 'declined';
  } catch {
    io.stdout.write('\n');
    return io.signal?.aborted === true ? 'interrupted' : 'declined';
  } finally {
    reader.close();
  }
}
