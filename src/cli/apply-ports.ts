/**
 * The apply workflow's ports (src/apply/apply-workflow.ts) on the command line: the plan and the
 * question on the terminal, the progress of the writes, their summary and outcome in words, the
 * signals held while the writes wind down, and a fresh read of Secoda to verify.
 */
import type { ApplyWorkflowPorts } from '../apply/apply-workflow.js';
import type { ReviewRefusal } from '../github/review-gate.js';
import type { NamesById } from '../secoda/directories.js';
import type { RemoteState } from '../secoda/types.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import { plural } from '../render/plural.js';
import { renderPlanText } from '../render/plan-text.js';
import { summaryText, writesOutcomeText } from './apply-outcome-text.js';
import { askApproval } from './approval.js';
import type { Connection } from './connection.js';
import { catchSignals, styleFor, type Io } from './io.js';
import { emptyIntegrationNote, readRemoteAndPlan } from './prepare-plan.js';
import { createApplyProgress, type ApplyProgress } from './progress.js';
import { redactedPlan } from './redacted-plan.js';

/** What the ports work with: the streams, the connection, the tracking plan and what Secoda held. */
export interface ApplyPortsContext {
  readonly io: Io;
  readonly connection: Connection;
  /** The tracking plan applied: verified against Secoda after the writes. */
  readonly trackingPlan: TrackingPlan;
  /** The names of the IDs the plans show (read once, before the plan was made). */
  readonly names?: NamesById;
  /** What Secoda held when the plan was made (for the note on an empty integration). */
  readonly remote: RemoteState;
  readonly review?: ApplyWorkflowPorts<ReviewRefusal>['review'];
}

/** The ports, and `release` to let go of the signals (call it after the connection is closed). */
export function applyPorts(context: ApplyPortsContext): { ports: ApplyWorkflowPorts<ReviewRefusal>; release: () => void } {
  const { io, connection, trackingPlan } = context;
  const style = styleFor(io.stdout, io.env);
  let release = () => {};
  let progress: ApplyProgress | undefined;
  const ports: ApplyWorkflowPorts<ReviewRefusal> = {
    client: connection.client,
    ...(context.review ? { review: context.review } : {}),
    holdSignals: () => {
      // Until now a signal ends the run at once (nothing was changed); from now on it winds down:
      // the writes in flight finish, the summary is printed, the comment updated.
      release = catchSignals(io, 'requests in flight finish, no new ones start');
    },
    showPlan: (plan, moment) => {
      const note =
        moment !== 'to-apply' || connection.local
          ? null
          : emptyIntegrationNote(context.remote, trackingPlan.integration, connection.baseUrl);
      io.stdout.write(renderPlanText(redactedPlan(io, plan), { style, notes: note === null ? [] : [style.yellow(`! ${note}`)] }));
    },
    approve: () => askApproval(io, connection.baseUrl),
    watch: (plan) => {
      const paced = connection.writesPerMinute > 0;
      io.stdout.write(
        `\nApplying ${plural(plan.operations.length, 'change')}…${paced ? ` (writes paced at ${connection.writesPerMinute} a minute)` : ''}\n`,
      );
      const watching = createApplyProgress(io, plan.operations.length, styleFor(io.stderr, io.env), {
        operations: plan.operations,
        paceMs: paced ? 60_000 / connection.writesPerMinute : 0,
      });
      progress = watching;
      // While the steps run, a retry or a rate-limit wait is printed above the bar and counts in the time left.
      const restoreRetries = connection.retries.divert((notice, line) => watching.onRetry(notice, line));
      return {
        onStep: (step) => watching.onStep(step),
        finish: () => {
          watching.finish();
          restoreRetries();
        },
      };
    },
    // A create sent again after an unknown outcome says so, like the client's own retries.
    onCreateRetry: connection.retries.announce,
    executed: (result) => {
      io.stdout.write(summaryText(result, style));
      const waited = progress?.waitSummary() ?? null;
      if (waited !== null) io.stdout.write(`${waited}\n`);
    },
    replan: async () =>
      (await readRemoteAndPlan(trackingPlan, connection, io, context.names === undefined ? {} : { names: context.names })).plan,
    concluded: (outcome) => io.stdout.write(writesOutcomeText(outcome, style, (plan) => redactedPlan(io, plan))),
  };
  return { ports, release: () => release() };
}
