/**
 * `apply --require-reviewed-plan`: the reviewed-plan gate of src/github as the apply workflow's
 * review port, and its refusals in words. What the gate lets through is said on stderr (which
 * pull requests it matches, or that --force let it past); a refusal is worded when the workflow
 * hands it back (`reviewRefusalError`).
 */
import { UsageError } from '../errors.js';
import type { ReviewAnswer } from '../apply/apply-workflow.js';
import type { ReviewRefusal } from '../github/review-gate.js';
import type { Plan } from '../plan/types.js';
import { renderPlanText } from '../render/plan-text.js';
import { plain } from '../style.js';
import { githubRunOf } from './github-run.js';
import type { Io } from './io.js';
import { redactedPlan } from './redacted-plan.js';

/** The flags and facts the gate needs: the plan path, --force, --local, --comment-author. */
export interface ReviewPortOptions {
  readonly planPath: string;
  readonly force: boolean;
  readonly local: boolean;
  readonly commentAuthor?: string;
}

/** The review port: asks the gate (loaded only now: it brings the GitHub client) and says what it let through. */
export function reviewGatePort(io: Io, options: ReviewPortOptions): (plan: Plan) => Promise<ReviewAnswer<ReviewRefusal>> {
  return async (plan) => {
    const { judgeReviewedPlan } = await import('../github/review-gate.js');
    const verdict = await judgeReviewedPlan(plan, githubRunOf(io), options);
    switch (verdict.kind) {
      case 'reviewed': {
        const pulls = verdict.reviewedOn.map((n) => `#${n}`).join(', ');
        io.stderr.write(
          `The plan matches the ${verdict.reviewedOn.length === 1 ? 'one' : 'ones'} reviewed on pull request ${pulls}${verdict.unreviewedForced > 0 ? ' (--force: unreviewed operations included)' : ''}.\n`,
        );
        return { accepted: true, setStatus: (status, detail) => verdict.session.setStatus(status, detail) };
      }
      case 'forced':
        io.stderr.write(`warning: ${refusalReason(verdict.refusal)}; applying anyway (--force)\n`);
        return { accepted: true };
      case 'refused': {
        const session = verdict.session;
        return {
          accepted: false,
          refusal: verdict.refusal,
          ...(session ? { setStatus: (status, detail) => session.setStatus(status, detail) } : {}),
          ...(verdict.refusedDetail === undefined ? {} : { refusedDetail: verdict.refusedDetail }),
        };
      }
    }
  };
}

/**
 * The error for a refusal; the operations that were not reviewed are first listed on stdout.
 * `plan` is the plan the gate judged.
 */
export function reviewRefusal(refusal: ReviewRefusal, plan: Plan, io: Io): UsageError {
  const pulls = (numbers: readonly number[]) => numbers.map((n) => `#${n}`).join(', ');
  switch (refusal.reason) {
    case 'no-key':
      return new UsageError(
        'refused: there is no secret to check the reviewed plan with (SECODA_API_TOKEN or TPSYNC_REVIEW_KEY)',
        'give the apply job the same secret as the plan job',
      );
    case 'no-sha':
    case 'nothing-reviewed':
      return new UsageError(
        `refused: ${refusalReason(refusal)}`,
        'plan in a pull request with --comment first, or pass --force to apply without a reviewed plan',
      );
    case 'failed-plans':
      return new UsageError(
        `refused: the latest plan of pull request ${pulls(refusal.failed)} failed, so what was merged there was never planned and reviewed (merged pull requests ${refusal.window.since}: ${refusal.window.involved})`,
        "re-run that pull request's plan job until it succeeds, then re-run this apply; or open a pull request that fixes the tracking plan; or re-run with --force",
      );
    case 'unreviewed': {
      const count = refusal.unreviewed.length;
      const listing = renderPlanText(redactedPlan(io, { ...plan, operations: [...refusal.unreviewed], warnings: [] }), { style: plain });
      io.stdout.write(`The plan changed since review (reviewed on ${pulls(refusal.reviewedOn)}). Not reviewed:\n\n${listing}`);
      return new UsageError(
        `refused: the plan changed since review: ${count} ${count === 1 ? 'operation' : 'operations'} not in the plans reviewed on ${pulls(refusal.reviewedOn)} (merged pull requests ${refusal.window.since}: ${refusal.window.involved})`,
        'open a pull request so the new plan is reviewed (its plan comment must show these changes), or re-run with --force',
      );
    }
  }
}

/** Why nothing reviewed covers the plan, for a refusal or a --force warning. */
function refusalReason(refusal: ReviewRefusal): string {
  switch (refusal.reason) {
    case 'no-sha':
      return 'GITHUB_SHA is not set, so the merged pull requests cannot be found';
    case 'nothing-reviewed':
      return `no reviewed plan for ${refusal.label} among the pull requests merged ${refusal.window.since} (${refusal.window.involved}), so nothing was reviewed`;
    default:
      return 'the plan was not reviewed';
  }
}
