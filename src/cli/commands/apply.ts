import { DEFAULT_CATEGORY_STAGGER_MS, executePlan, type ExecuteResult, type StepResult } from '../../apply/execute-plan.js';
import { explainResidue } from '../../apply/explain-residue.js';
import { checkSavedPlan } from '../../apply/saved-plan.js';
import { UsageError } from '../../errors.js';
import type { buildPlan } from '../../plan/build-plan.js';
import { checkDeleteGuard, type GuardVerdict } from '../../plan/delete-guard.js';
import type { Plan } from '../../plan/types.js';
import { pathText } from '../../render/describe-operation.js';
import { NO_CHANGES } from '../../render/plan-summary-text.js';
import { plural } from '../../render/plural.js';
import { guardCauseLines, guardTripText } from '../../render/delete-guard-text.js';
import { renderPlanText } from '../../render/plan-text.js';
import { quote } from '../../render/quoted-values.js';
import type { Style } from '../../style.js';
import { booleanOption, integerOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { connectionOptions, openConnection, type Connection } from '../connection.js';
import { catchSignals, interruptedExitCode, styleFor, type Io } from '../io.js';
import { emptyIntegrationNote, loadTrackingPlanOrThrow, readRemoteAndPlan } from '../prepare-plan.js';
import { createApplyProgress } from '../progress.js';
import { askApproval } from '../approval.js';
import { DEFAULT_MAX_DELETES } from './plan.js';
import { reviewOptions } from '../github-options.js';
import type { ReviewSession } from '../github-publish.js';
import { readRegularFile } from '../../files/read-regular-file.js';
import { redactedPlan } from '../redacted-plan.js';

/** A plan file larger than this is not one `plan --out` wrote for a tracking plan (which is at most 128 MiB of YAML). */
const MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024;

/** Why a saved plan is checked against a fresh one rather than run as written. */
const PLAN_FILE_WHY = 'so a stale or edited file can never apply more than the YAML says';

/** How long, at most, a paced run waits at random before creating its categories (see executePlan). */
const PACED_CATEGORY_STAGGER_MS = 5_000;

export const applySpec: CommandSpec = {
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
};

export async function applyCommand(args: ParsedArgs, io: Io): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  const maxDeletes = integerOption(args, 'max-deletes', DEFAULT_MAX_DELETES);
  const allowDeletes = booleanOption(args, 'allow-deletes');
  const planFile = stringOption(args, 'plan-file');
  if (booleanOption(args, 'force') && !booleanOption(args, 'require-reviewed-plan')) {
    throw new UsageError(
      '--force only has a meaning with --require-reviewed-plan: it applies even when the plan changed since review',
      'without --require-reviewed-plan apply checks no review, so there is nothing to force: leave --force out',
    );
  }
  const trackingPlan = await loadTrackingPlanOrThrow(args.positionals[0] ?? '', io);
  const saved = planFile === undefined ? undefined : await readPlanFile(planFile);

  const connection = await openConnection(args, io, 'apply');
  // Until the plan is made a signal ends the run at once (nothing was changed); from then on
  // it winds down: the writes in flight finish, the summary is printed, the comment updated.
  let release = () => {};
  try {
    // Always a fresh plan from fresh reads: a saved plan only says which fresh plan may run.
    const { plan: fresh, remote: read } = await readRemoteAndPlan(trackingPlan, connection, io);
    let plan: Plan = fresh;
    if (saved !== undefined) {
      const check = checkSavedPlan(saved, fresh);
      if (!check.ok) throw new UsageError(check.reason, check.hint);
      plan = check.plan;
    }

    const commentAuthor = stringOption(args, 'comment-author');
    const review: ReviewSession | undefined = booleanOption(args, 'require-reviewed-plan')
      ? await (
          await import('../github-publish.js')
        ).checkReviewedPlan(plan, io, args.positionals[0] ?? '', {
          force: booleanOption(args, 'force'),
          local: connection.local,
          ...(commentAuthor === undefined ? {} : { commentAuthor }),
        })
      : undefined;

    release = catchSignals(io, 'requests in flight finish, no new ones start');
    const guard = checkDeleteGuard(plan, { maxDeletes, allowDeletes });
    if (guard.refused) {
      await review?.setStatus('refused', 'The delete guard stopped it; see the run.');
      io.stdout.write(renderPlanText(redactedPlan(io, plan), { style }));
      throw guardRefusal(guard);
    }
    if (plan.operations.length === 0) {
      io.stdout.write(renderPlanText(redactedPlan(io, plan), { style }));
      await review?.setStatus('applied', 'Nothing was left to change.');
      return 0;
    }

    const emptyNote = connection.local ? null : emptyIntegrationNote(read, trackingPlan.integration, connection.baseUrl);
    io.stdout.write(renderPlanText(redactedPlan(io, plan), { style, notes: emptyNote === null ? [] : [style.yellow(`! ${emptyNote}`)] }));
    if (!connection.local && !booleanOption(args, 'auto-approve') && saved === undefined) {
      const approval = await askApproval(io, connection.baseUrl);
      if (approval !== 'approved') {
        io.stdout.write('Apply cancelled: nothing was changed.\n');
        return approval === 'interrupted' ? interruptedExitCode(io.signal) : 1;
      }
    }
    await review?.setStatus('applying');

    io.stdout.write(
      `\nApplying ${plural(plan.operations.length, 'change')}…${connection.writesPerMinute > 0 ? ` (writes paced at ${connection.writesPerMinute} a minute)` : ''}\n`,
    );
    const progress = createApplyProgress(io, plan.operations.length, styleFor(io.stderr, io.env), {
      operations: plan.operations,
      paceMs: connection.writesPerMinute > 0 ? 60_000 / connection.writesPerMinute : 0,
    });
    // While the steps run, a retry or a rate-limit wait is printed above the bar and counts in the time left.
    const restoreRetries = connection.retries.divert((notice, line) => progress.onRetry(notice, line));
    let result: ExecuteResult;
    try {
      result = await executePlan(plan.operations, connection.client, {
        integration: plan.integration,
        ...(io.signal ? { signal: io.signal } : {}),
        // Paced, a category's look-up waits for its write slot: stagger runs by more than a slot.
        categoryStaggerMs: connection.writesPerMinute > 0 ? PACED_CATEGORY_STAGGER_MS : DEFAULT_CATEGORY_STAGGER_MS,
        onStep: (step) => progress.onStep(step),
        // A create sent again after an unknown outcome says so, like the client's own retries.
        onRetry: connection.retries.announce,
      });
    } finally {
      progress.finish();
      restoreRetries();
    }
    io.stdout.write(summaryText(result, style));
    const waited = progress.waitSummary();
    if (waited !== null) io.stdout.write(`${waited}\n`);

    if (result.interrupted) {
      io.stdout.write(`Interrupted. Run the same apply again to finish: it plans from what Secoda holds now.\n`);
      await review?.setStatus(
        'interrupted',
        `Stopped after ${result.counts.done} of ${plural(plan.operations.length, 'change')}; re-run the apply workflow to finish.`,
      );
      return interruptedExitCode(io.signal);
    }
    if (result.counts.failed > 0) {
      const refused = result.steps.filter((step) => step.status === 'failed' && step.refused === true).length;
      if (refused > 0) {
        io.stdout.write(
          `Secoda refused ${refused === result.counts.failed ? (refused === 1 ? 'the failed change' : `all ${refused} failed changes`) : `${refused} of the failed changes`} as invalid (400): running apply again will not help. Change the fields Secoda names above in the tracking plan, then apply again.\n`,
        );
      }
      if (refused < result.counts.failed)
        io.stdout.write(
          `${refused > 0 ? 'The other failures' : 'Some changes failed'}: run the same apply again, it retries what is left and never duplicates what was done.\n`,
        );
      await review?.setStatus('failed', `${result.counts.failed} of ${plural(plan.operations.length, 'change')} failed.`);
      return 1;
    }
    let verified: number;
    try {
      verified = await verify(trackingPlan, connection, io, style, result.steps);
    } catch (error) {
      if (io.signal?.aborted !== true) throw error;
      // Every change was made; only the check was cut short.
      io.stdout.write('Interrupted while verifying. Run the same apply again to check that Secoda matches.\n');
      await review?.setStatus(
        'interrupted',
        'Every change was made; the check after it was interrupted. Re-run the apply workflow to verify.',
      );
      return interruptedExitCode(io.signal);
    }
    await review?.setStatus(verified === 0 ? 'applied' : 'failed', verified === 0 ? '' : 'Secoda still differs after the apply.');
    return verified;
  } finally {
    try {
      await connection.close();
    } finally {
      release();
    }
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

function summaryText(result: ExecuteResult, style: Style): string {
  const { done, failed, skipped } = result.counts;
  const notStarted = result.counts['not-started'];
  const parts = [style.green(`${done} done`), failed > 0 ? style.red(`${failed} failed`) : `${failed} failed`, `${skipped} skipped`];
  if (notStarted > 0) parts.push(`${notStarted} not started`);
  const lines = [`\nApply ${result.interrupted ? 'stopped' : 'finished'}: ${parts.join(', ')}.`];
  for (const step of result.steps) {
    if (step.status === 'failed')
      lines.push(
        `  ${style.red('✗')} ${step.operation.action} ${step.operation.kind} ${pathText(step.operation.path)}: ${step.detail ?? ''}`,
      );
  }
  return lines.join('\n') + '\n';
}

/** The guard's refusal: what is destroyed, by cause, and what to do. */
function guardRefusal(guard: GuardVerdict): UsageError {
  const causes = guardCauseLines(guard)
    .map((cause) => `\n    - ${cause}`)
    .join('');
  return new UsageError(
    `refused: ${guardTripText(guard) ?? ''}:${causes}`,
    guard.notInPlan
      ? 'check that the plan path is right and nothing was left out; if the destruction is intended, add --allow-deletes (or raise --max-deletes)'
      : 'if the destruction is intended, add --allow-deletes (or raise --max-deletes)',
  );
}

/** After an apply, a fresh plan must be empty; anything left is reported, with why when it can be told, and fails the run. */
async function verify(
  trackingPlan: Parameters<typeof buildPlan>[0],
  connection: Connection,
  io: Io,
  style: Style,
  steps: readonly StepResult[],
): Promise<number> {
  const { plan } = await readRemoteAndPlan(trackingPlan, connection, io);
  if (plan.operations.length === 0) {
    io.stdout.write(`${style.green('✓')} Verified: ${NO_CHANGES.replace('No changes. ', '')}\n`);
    // A duplicate category (two runs at once) cannot be deleted by the API: say so now, not only in the next plan.
    for (const warning of plan.warnings.filter((w) => w.code === 'category-duplicate')) {
      io.stdout.write(`${style.yellow('!')} ${warning.message}\n    ${style.dim('manual step:')} ${warning.hint}\n`);
    }
    return 0;
  }
  io.stdout.write(`${style.red('✗')} Verification failed: Secoda still differs from the tracking plan after apply:\n\n`);
  io.stdout.write(renderPlanText(redactedPlan(io, plan), { style }));
  const residue = explainResidue(steps, plan);
  if (residue.normalised.length > 0) {
    io.stdout.write(`\nSecoda stored these fields differently from what tpsync wrote, so applying again would not change them:\n`);
    for (const line of residue.normalised) io.stdout.write(`  - ${line}\n`);
    io.stdout.write(`  Write them in the YAML the way Secoda stores them.\n`);
  }
  for (const line of residue.lost) io.stdout.write(`  - ${line}\n`);
  if (residue.duplicates > 0) {
    io.stdout.write(
      `\n${residue.duplicates} surplus ${residue.duplicates === 1 ? 'copy was' : 'copies were'} created by another run at the same time. Run apply again to delete ${residue.duplicates === 1 ? 'it' : 'them'} (duplicates do not count against --max-deletes).\n`,
    );
  }
  return 1;
}
