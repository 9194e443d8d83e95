/**
 * The status of an apply, on the plan comments it was reviewed on: each signed comment of the
 * merged pull requests gets the new status (applying → applied / failed / refused /
 * interrupted), re-signed over its new text. A token that may not edit them is a warning; any
 * other failure stops the run.
 */
import type { Octokit } from 'octokit';
import { UsageError } from '../errors.js';
import { sealComment, withStatus, type CommentStatus } from './comment-marker.js';
import type { GitHubContext } from './github-context.js';
import type { GitHubRun } from './github-run.js';
import { describeGitHubError, isPermissionDenied } from './pull-request-comment.js';
import type { PullReview } from './reviewed-plan.js';
import { signerFor, type ReviewKey } from './review-signature.js';

/** A handle on the reviewed plan comments of an apply. */
export interface ReviewSession {
  /** Sets the status of every reviewed plan comment the apply carries. */
  setStatus(status: CommentStatus, detail?: string): Promise<void>;
}

/** A session over the signed comments of `reviews` (those without a verified meta are left alone). */
export function reviewSession(
  run: GitHubRun,
  octokit: Octokit,
  context: GitHubContext,
  reviews: readonly PullReview[],
  key: ReviewKey,
  label: string,
): ReviewSession {
  const repository = `${context.owner}/${context.repo}`;
  const signed = new Map<number, PullReview>(reviews.filter((r) => r.meta !== undefined).map((r) => [r.pull.number, r]));
  const bodies = new Map<number, string>([...signed].map(([number, r]) => [number, r.comment?.body ?? '']));
  return {
    async setStatus(status, detail) {
      for (const [number, review] of signed) {
        const body = bodies.get(number) ?? '';
        const sign = signerFor(key, { repository, pullNumber: number, planPath: label });
        const next = sealComment(run.redactor.redact(withStatus(body, status, detail)), sign);
        if (next === body || !review.comment) continue;
        try {
          await octokit.rest.issues.updateComment({ owner: context.owner, repo: context.repo, comment_id: review.comment.id, body: next });
          bodies.set(number, next);
        } catch (error) {
          if (!isPermissionDenied(error))
            throw new UsageError(`could not update the plan comment on #${number}: ${describeGitHubError(error)}`);
          run.stderr(`warning: cannot update the plan comment on #${number}: ${describeGitHubError(error)}\n`);
        }
      }
    },
  };
}
