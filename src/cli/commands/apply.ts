import { runApplyWorkflow, type ApplyOutcome } from '../../apply/apply-workflow.js';
import { UsageError } from '../../errors.js';
import type { ReviewRefusal } from '../../github/review-gate.js';
import { quote } from '../../render/quoted-values.js';
import { readRegularFile } from '../../files/read-regular-file.js';
import { booleanOption, integerOption, stringOption, type ArgsOf } from '../args.js';
import { guardRefusal } from '../apply-outcome-text.js';
import { applyPorts } from '../apply-ports.js';
import { commandSpec } from '../command-spec.js';
import { connectionOptions, openConnection } from '../connection.js';
import { reviewOptions } from '../github-options.js';
import { interruptedExitCode, type Io } from '../io.js';
import { loadPlanOrThrow, readRemoteAndPlan } from '../prepare-plan.js';
import { resolveNamesOrThrow } from '../resolve-names.js';
import { reviewGatePort, reviewRefusal } from '../review-gate-port.js';
import { DEFAULT_MAX_DELETES } from './plan.js';

/** A plan file larger than this is not one `plan --out` wrote for a tracking plan (which is at most 128 MiB of YAML). */
const MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024;

/** Why a saved plan is checked against a fresh one rather than run as written. */
const PLAN_FILE_WHY = 'so a stale or edited file can never apply more than the YAML says';

export const applySpec = commandSpec({
  name: 'apply',
  summary: 'Make Secoda match the tracking plan (idempotent: a second apply does nothing).',
  usage:
    'tpsync apply <plan> [--auto-approve] [--plan-file plan.json] [--allow-deletes] [--max-deletes N] [--require-reviewed-plan] [--concurrency N] [--writes-per-minute N] [--local]',
  positionals: ['plan'],
  options: {
    'auto-approve': {
      type: 'boolean',
      description: 'Apply without asking for "yes" (needed when there is no terminal, as in CI; --local never asks)',
    },
    'plan-file': {
      type: 'string',
      value: 'file',
      description: 'Apply only if a fresh plan is exactly this saved one (from `plan --out`); refused if stale or edited',
    },
    'allow-deletes': {
      type: 'boolean',
      description: 'Allow a plan that destroys (deletes or re-creates) more than --max-deletes resources or a quarter of them',
    },
    'max-deletes': {
      type: 'string',
      value: 'N',
      description: `Refuse to destroy more than N resources without --allow-deletes (default ${DEFAULT_MAX_DELETES})`,
    },
    ...reviewOptions,
    ...connectionOptions,
  },
  details: [
    'Against Secoda, apply shows the plan and asks for "yes" on a terminal; without one it needs --auto-approve. --local and --plan-file (a plan approved when it was saved) do not ask.',
    `--plan-file still takes the tracking plan's path: apply never runs the file as written, but plans afresh from the YAML and Secoda and applies that plan only if its operations are exactly the file's (${PLAN_FILE_WHY}).`,
    'Ctrl-C stops starting new requests, lets those in flight finish and prints what was done; run apply again to finish.',
    'Exit codes: 0 applied and verified, 1 error, refusal, declined or partial failure, 130/143 interrupted.',
  ].join('\n'),
  missingPositional: (name, values) =>
    name === 'plan' && typeof values['plan-file'] === 'string'
      ? {
          message: `--plan-file needs the tracking plan's path too: tpsync apply <plan> --plan-file ${values['plan-file']}`,
          hint: `apply plans afresh from the YAML and Secoda and runs that plan only if it is exactly the saved one (${PLAN_FILE_WHY}); give the path the plan was made from`,
        }
      : undefined,
});

/**
 * `tpsync apply`: loads the YAML, reads Secoda, makes a fresh plan and runs the apply workflow on
 * it; the outcome becomes text and the exit code.
 */
export async function applyCommand(args: ArgsOf<typeof applySpec>, io: Io): Promise<number> {
  const planPath = args.positionals[0] ?? '';
  const maxDeletes = integerOption(args, 'max-deletes', DEFAULT_MAX_DELETES);
  const planFile = stringOption(args, 'plan-file');
  const force = booleanOption(args, 'force');
  const requireReviewed = booleanOption(args, 'require-reviewed-plan');
  if (force && !requireReviewed) {
    throw new UsageError(
      '--force only has a meaning with --require-reviewed-plan: it applies even when the plan changed since review',
      'without --require-reviewed-plan apply checks no review, so there is nothing to force: leave --force out',
    );
  }
  const loaded = await loadPlanOrThrow(planPath, io);
  const saved = planFile === undefined ? undefined : await readPlanFile(planFile);
  const connection = await openConnection(args, io, 'apply');

  let release = () => {};
  try {
    // Names become IDs first: a name that fails stops the run before anything is written.
    const { trackingPlan, names } = await resolveNamesOrThrow(loaded, connection, io);
    // Always a fresh plan from fresh reads: a saved plan only says which fresh plan may run.
    const { plan: fresh, remote: read } = await readRemoteAndPlan(trackingPlan, connection, io, { names });
    const commentAuthor = stringOption(args, 'comment-author');
    const review = requireReviewed
      ? reviewGatePort(io, { planPath, force, local: connection.local, ...(commentAuthor === undefined ? {} : { commentAuthor }) })
      : undefined;
    const wired = applyPorts({ io, connection, trackingPlan, names, remote: read, ...(review ? { review } : {}) });
    release = wired.release;
    const outcome = await runApplyWorkflow(
      {
        fresh,
        ...(saved === undefined ? {} : { saved }),
        maxDeletes,
        allowDeletes: booleanOption(args, 'allow-deletes'),
        local: connection.local,
        autoApprove: booleanOption(args, 'auto-approve'),
        paced: connection.writesPerMinute > 0,
        ...(io.signal ? { signal: io.signal } : {}),
      },
      wired.ports,
    );
    return exitCodeOf(outcome, io);
  } finally {
    try {
      await connection.close();
    } finally {
      release();
    }
  }
}

/**
 * The exit code of an outcome whose text is already out, or the error that says why nothing
 * ran: 0 applied and verified (or nothing to apply), 1 refused, declined or failed, 130 / 143
 * interrupted.
 */
function exitCodeOf(outcome: ApplyOutcome<ReviewRefusal>, io: Io): number {
  switch (outcome.kind) {
    case 'saved-plan-mismatch':
      throw new UsageError(outcome.reason, outcome.hint);
    case 'review-refused':
      throw reviewRefusal(outcome.refusal, outcome.plan, io);
    case 'guard-refused':
      throw guardRefusal(outcome.guard);
    case 'declined':
    case 'approval-interrupted':
      io.stdout.write('Apply cancelled: nothing was changed.\n');
      return outcome.kind === 'declined' ? 1 : interruptedExitCode(io.signal);
    case 'interrupted':
    case 'verify-interrupted':
      return interruptedExitCode(io.signal);
    case 'failed':
    case 'residue':
      return 1;
    case 'unchanged':
    case 'verified':
      return 0;
  }
}

/** The plan file, read only if it is a regular file of a sane size (a FIFO would block; a device never ends). */
async function readPlanFile(path: string): Promise<unknown> {
  const hint = 'make it with `tpsync plan <plan> --out plan.json`';
  const read = await readRegularFile(path, MAX_PLAN_FILE_BYTES);
  if (!read.ok) {
    const problem =
      read.code === 'too-large' ? `is larger than ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MiB, more than any plan file` : read.problem;
    throw new UsageError(`the plan file ${quote(path)} ${problem}`, hint);
  }
  try {
    return JSON.parse(read.bytes.toString('utf8')) as unknown;
  } catch {
    throw new UsageError(`the plan file ${quote(path)} is not JSON`, hint);
  }
}
