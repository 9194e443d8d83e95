/**
 * The reviewed-plan gate of an apply on merge (`--require-reviewed-plan`): does the plan made now
 * hold only operations that a reviewed plan of the pull requests merged since the last applied
 * one showed (reviewed-plan.ts finds them)? The answer is a verdict, never an exception: the
 * caller words it and decides the exit code. With `force`, what would refuse is let through and
 * said so. Reading GitHub may still fail: that throws, as an error the run reports.
 */
import { UsageError } from '../errors.js';
import type { Operation, Plan } from '../plan/types.js';
import { readGitHubContext } from './github-context.js';
import { describeForeign, userAgentOf, warn, type GitHubRun } from './github-run.js';
import { planLabel } from './plan-label.js';
import { describeGitHubError, makeOctokit } from './pull-request-comment.js';
import { describeWindow, findMergedSinceLastApply, judgeAgainstReviews, MAX_COMMITS_WALKED } from './reviewed-plan.js';
import { reviewKeyFromEnv } from './review-signature.js';
import { reviewSession, type ReviewSession } from './review-session.js';

/** The merged pull requests the gate looked at, in words: "since #12, the last applied one" and "#14, #13 (…)". */
export interface WindowWords {
  readonly since: string;
  readonly involved: string;
}

/** Why the plan may not run as reviewed. */
export type ReviewRefusal =
  /** No secret (SECODA_API_TOKEN or TPSYNC_REVIEW_KEY) to verify the comments with. */
  | { readonly reason: 'no-key' }
  /** GITHUB_SHA is not set: the merged pull requests cannot be found. */
  | { readonly reason: 'no-sha' }
  /** The latest plan of these pull requests failed: what was merged there was never planned. */
  | { readonly reason: 'failed-plans'; readonly failed: readonly number[]; readonly window: WindowWords }
  /** No pull request of the window carries a reviewed plan for this path. */
  | { readonly reason: 'nothing-reviewed'; readonly label: string; readonly window: WindowWords }
  /** Operations that no reviewed plan showed. */
  | {
      readonly reason: 'unreviewed';
      readonly unreviewed: readonly Operation[];
      readonly reviewedOn: readonly number[];
      readonly window: WindowWords;
    };

/** What the gate says of a plan. */
export type ReviewGateVerdict =
  /** Reviewed (with `unreviewedForced` operations let through by --force): `session` marks the comments. */
  | {
      readonly kind: 'reviewed';
      readonly reviewedOn: readonly number[];
      readonly unreviewedForced: number;
      readonly session: ReviewSession;
    }
  /** It would refuse, but --force lets it through; no comment is marked. */
  | { readonly kind: 'forced'; readonly refusal: ReviewRefusal }
  /** Refused; `session` and `refusedDetail`, when present, mark the comments refused. */
  | {
      readonly kind: 'refused';
      readonly refusal: ReviewRefusal;
      readonly session?: ReviewSession;
      readonly refusedDetail?: string;
    };

/** What the gate is told of the run besides the plan. */
export interface ReviewGateOptions {
  /** The tracking plan's path, as the plan job was given it. */
  readonly planPath: string;
  /** `--force`: let an unreviewed plan through, saying so. */
  readonly force: boolean;
  /** `--local`: the sandbox's fixed review key. */
  readonly local: boolean;
  /** `--comment-author`: the login whose comments count. */
  readonly commentAuthor?: string;
}

/**
 * Judges `plan` against the plans reviewed on the pull requests merged since the last applied
 * one. Foreign comments that imitate tpsync's are warned about as they are met.
 * @throws UsageError when the GitHub context is incomplete or GitHub cannot be read.
 */
export async function judgeReviewedPlan(plan: Plan, run: GitHubRun, options: ReviewGateOptions): Promise<ReviewGateVerdict> {
  const label = planLabel(options.planPath);
  const context = await readGitHubContext(run.env, options.commentAuthor === undefined ? {} : { commentAuthor: options.commentAuthor });
  const key = reviewKeyFromEnv(run.env, options.local);
  if (!key) return { kind: 'refused', refusal: { reason: 'no-key' } };
  const refuseOrForce = (refusal: ReviewRefusal): ReviewGateVerdict =>
    options.force ? { kind: 'forced', refusal } : { kind: 'refused', refusal };
  if (!context.sha) return refuseOrForce({ reason: 'no-sha' });
  const octokit = makeOctokit(context, userAgentOf(run), run.redactor, run.spaceWrites);
  let window;
  try {
    window = await findMergedSinceLastApply(octokit, context, label, key, plan.integration);
  } catch (error) {
    throw new UsageError(
      `could not read the reviewed plan from GitHub: ${describeGitHubError(error)}`,
      'the workflow needs `permissions: pull-requests: read` and `contents: read`',
    );
  }
  for (const review of window.reviews) {
    if (review.comments.foreign.length > 0)
      warn(run, `on #${review.pull.number}: ${describeForeign(review.comments.foreign, context.commentAuthor)}`);
  }
  const session = reviewSession(run, octokit, context, window.reviews, key, label);
  const words: WindowWords = {
    involved: window.reviews.length > 0 ? describeWindow(window.reviews) : 'none',
    since: window.lastApplied
      ? `since #${window.lastApplied.number}, the last applied one`
      : window.truncated
        ? `(the newest ${window.reviews.length}; no applied plan among them)`
        : `(no applied plan found in the last ${MAX_COMMITS_WALKED} commits)`,
  };
  const verdict = judgeAgainstReviews(plan, window.reviews);
  if (verdict.failedPlans.length > 0 && plan.operations.length > 0 && !options.force) {
    const failed = verdict.failedPlans.map((r) => r.pull.number);
    return {
      kind: 'refused',
      refusal: { reason: 'failed-plans', failed, window: words },
      session,
      refusedDetail: `The latest plan of ${failed.map((n) => `#${n}`).join(', ')} failed, so what was merged was never planned.`,
    };
  }
  if (verdict.reviewed.length === 0 && plan.operations.length > 0)
    return refuseOrForce({ reason: 'nothing-reviewed', label, window: words });
  const reviewedOn = verdict.reviewed.map((r) => r.pull.number);
  const extra = verdict.unreviewed;
  if (extra.length > 0 && !options.force) {
    return {
      kind: 'refused',
      refusal: { reason: 'unreviewed', unreviewed: extra, reviewedOn, window: words },
      session,
      refusedDetail: `${extra.length} ${extra.length === 1 ? 'change was' : 'changes were'} not in the reviewed plan.`,
    };
  }
  return { kind: 'reviewed', reviewedOn, unreviewedForced: extra.length, session };
}
