import { readFile } from 'node:fs/promises';
import { executePlan, type ExecuteResult } from '../../apply/execute-plan.js';
import { checkSavedPlan } from '../../apply/saved-plan.js';
import { UsageError } from '../../errors.js';
import type { buildPlan } from '../../plan/build-plan.js';
import { checkDeleteGuard } from '../../plan/delete-guard.js';
import type { Plan } from '../../plan/types.js';
import { NO_CHANGES, pathText } from '../../render/describe-operation.js';
import { renderPlanText } from '../../render/plan-text.js';
import type { Style } from '../../render/style.js';
import { booleanOption, integerOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { connectionOptions, type Connection } from '../connection.js';
import { styleFor, type Io } from '../io.js';
import { earlyReadHolder } from '../early-read.js';
import { loadTrackingPlanOrThrow, readRemoteAndPlan } from '../prepare-plan.js';
import { createApplyProgress } from '../progress.js';
import { DEFAULT_MAX_DELETES } from './plan.js';
import { reviewOptions } from '../github-options.js';
import type { ReviewSession } from '../github-publish.js';

export const applySpec: CommandSpec = {
  name: 'apply',
  summary: 'Make Secoda match the tracking plan (idempotent: a second apply does nothing).',
  usage:
    'tpsync apply <plan> [--plan-file plan.json] [--allow-deletes] [--max-deletes N] [--require-reviewed-plan] [--concurrency N] [--writes-per-minute N] [--local]',
  positionals: ['plan'],
  options: {
    'plan-file': { type: 'string', value: 'file', description: 'Apply exactly this saved plan (from `plan --out`); refused if stale' },
    'allow-deletes': { type: 'boolean', description: 'Allow a plan that deletes more than --max-deletes resources or a quarter of them' },
    'max-deletes': {
      type: 'string',
      value: 'N',
      description: `Refuse to delete more than N resources without --allow-deletes (default ${DEFAULT_MAX_DELETES})`,
    },
    ...reviewOptions,
    ...connectionOptions,
  },
  details:
    'Ctrl-C stops starting new requests, lets those in flight finish and prints what was done; run apply again to finish.\n' +
    'Exit codes: 0 applied and verified, 1 error, refusal or partial failure, 130/143 interrupted.',
};

export async function applyCommand(args: ParsedArgs, io: Io): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  const maxDeletes = integerOption(args, 'max-deletes', DEFAULT_MAX_DELETES);
  const allowDeletes = booleanOption(args, 'allow-deletes');
  const planFile = stringOption(args, 'plan-file');
  const early = earlyReadHolder(args, io);
  const trackingPlan = await loadTrackingPlanOrThrow(args.positionals[0] ?? '', early.start);
  const saved = planFile === undefined ? undefined : await readPlanFile(planFile);

  const { connection, remote } = await early.take(trackingPlan.integration);
  try {
    const { plan: fresh } = await readRemoteAndPlan(trackingPlan, connection, io, remote);
    let plan: Plan = fresh;
    if (saved !== undefined) {
      const check = checkSavedPlan(saved, fresh);
      if (!check.ok) throw new UsageError(check.reason, check.hint);
      plan = check.plan;
    }

    const review: ReviewSession | undefined = booleanOption(args, 'require-reviewed-plan')
      ? await (await import('../github-publish.js')).checkReviewedPlan(plan, io, args.positionals[0] ?? '', booleanOption(args, 'force'))
      : undefined;

    const guard = checkDeleteGuard(plan, { maxDeletes, allowDeletes });
    if (guard.refused) {
      await review?.setStatus('refused', 'The delete guard stopped it; see the run.');
      io.stdout.write(renderPlanText(plan, { style }));
      throw new UsageError(
        `refused: ${guard.tripped ?? ''}`,
        'check that the plan path is right and nothing was left out; if the deletes are intended, add --allow-deletes (or raise --max-deletes)',
      );
    }
    if (plan.operations.length === 0) {
      io.stdout.write(renderPlanText(plan, { style }));
      await review?.setStatus('applied', 'Nothing was left to change.');
      return 0;
    }
    await review?.setStatus('applying');

    io.stdout.write(renderPlanText(plan, { style }));
    io.stdout.write(
      `\nApplying ${plan.operations.length} changes…${connection.writesPerMinute > 0 ? ` (writes paced at ${connection.writesPerMinute} a minute)` : ''}\n`,
    );
    const progress = createApplyProgress(io, plan.operations.length, styleFor(io.stderr, io.env));
    const result = await executePlan(plan.operations, connection.client, {
      integration: plan.integration,
      ...(io.signal ? { signal: io.signal } : {}),
      onStep: (step) => progress.onStep(step),
    });
    progress.finish();
    io.stdout.write(summaryText(result, style));

    if (result.interrupted) {
      io.stdout.write(`Interrupted. Run the same apply again to finish: it plans from what Secoda holds now.\n`);
      await review?.setStatus('failed', `Interrupted after ${result.counts.done} of ${plan.operations.length} changes.`);
      return io.signal?.reason === 'SIGTERM' ? 143 : 130;
    }
    if (result.counts.failed > 0) {
      io.stdout.write(`Some changes failed. Run the same apply again: it retries what is left and never duplicates what was done.\n`);
      await review?.setStatus('failed', `${result.counts.failed} of ${plan.operations.length} changes failed.`);
      return 1;
    }
    const verified = await verify(trackingPlan, connection, io, style);
    await review?.setStatus(verified === 0 ? 'applied' : 'failed', verified === 0 ? '' : 'Secoda still differs after the apply.');
    return verified;
  } finally {
    await connection.close();
  }
}

async function readPlanFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the plan file ${path}`, 'make it with `tpsync plan <plan> --out plan.json`');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`the plan file ${path} is not JSON`, 'make it with `tpsync plan <plan> --out plan.json`');
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

/** After an apply, a fresh plan must be empty; anything left is reported and fails the run. */
async function verify(trackingPlan: Parameters<typeof buildPlan>[0], connection: Connection, io: Io, style: Style): Promise<number> {
  const { plan } = await readRemoteAndPlan(trackingPlan, connection, io);
  if (plan.operations.length === 0) {
    io.stdout.write(`${style.green('✓')} Verified: ${NO_CHANGES.replace('No changes. ', '')}\n`);
    return 0;
  }
  io.stdout.write(`${style.red('✗')} Verification failed: Secoda still differs from the tracking plan after apply:\n\n`);
  io.stdout.write(renderPlanText(plan, { style }));
  return 1;
}
