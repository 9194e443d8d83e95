/**
 * On a merge: find the pull request that was merged, read the plan its reviewers saw (the
 * hidden meta of tpsync's comment), and tell whether the plan made now holds anything they
 * did not see. Fewer operations are fine — some may have been applied already.
 */
import type { Octokit } from 'octokit';
import type { Operation, Plan } from '../plan/types.js';
import { parseMeta, type CommentMeta } from './comment-marker.js';
import type { GitHubContext } from './github-context.js';
import { planHash, unpackDigests, unreviewedOperations } from './operation-digest.js';
import { findPlanComment, type FoundComment } from './pull-request-comment.js';

export interface ReviewedPlan {
  readonly pullNumber: number;
  readonly comment: FoundComment;
  readonly meta: CommentMeta;
}

export type ReviewLookup = { ok: true; reviewed: ReviewedPlan } | { ok: false; reason: string };

export async function findReviewedPlan(octokit: Octokit, context: GitHubContext, planPath: string): Promise<ReviewLookup> {
  const sha = context.sha;
  if (!sha) return { ok: false, reason: 'GITHUB_SHA is not set, so the merged pull request cannot be found' };
  const { data: pulls } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner: context.owner,
    repo: context.repo,
    commit_sha: sha,
  });
  const merged = pulls.filter((pr) => pr.merged_at !== null);
  const pull = merged.find((pr) => pr.merge_commit_sha === sha) ?? merged[0];
  if (!pull)
    return {
      ok: false,
      reason: `commit ${sha.slice(0, 7)} belongs to no merged pull request, so there is no reviewed plan (was it pushed directly?)`,
    };
  const comment = await findPlanComment(octokit, context, pull.number, planPath);
  const meta = comment ? parseMeta(comment.body) : undefined;
  if (!comment || !meta)
    return { ok: false, reason: `pull request #${pull.number} has no tpsync plan comment for ${planPath}, so nothing was reviewed` };
  return { ok: true, reviewed: { pullNumber: pull.number, comment, meta } };
}

/** The operations of `plan` that the reviewed plan did not hold. */
export function operationsNotReviewed(plan: Plan, meta: CommentMeta): Operation[] {
  if (meta.ops !== undefined) return unreviewedOperations(plan, unpackDigests(meta.ops));
  // The reviewed plan was too large to carry its operations: only an identical plan is known to be reviewed.
  return planHash(plan) === meta.hash ? [] : [...plan.operations];
}
