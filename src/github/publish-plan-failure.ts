/**
 * After a failed re-plan (invalid YAML, Secoda unreachable): the sticky comment says that the
 * plan of the new commit failed and that the plan it shows is outdated, so nobody reviews it as
 * current — and the apply on merge refuses the pull request (review-gate.ts).
 */
import { describeError, PlanInvalidError } from '../errors.js';
import { escapeText } from '../render/markdown-text.js';
import { cutQuotedValues } from '../render/quoted-values.js';
import { buildFailedPlanComment } from './comment-body.js';
import { sealComment, withStatus } from './comment-marker.js';
import { readGitHubContext } from './github-context.js';
import { describeForeign, userAgentOf, warn, type GitHubRun } from './github-run.js';
import { planLabel } from './plan-label.js';
import { describeGitHubError, listPlanComments, makeOctokit, upsertPlanComment } from './pull-request-comment.js';
import type { PublishOptions } from './publish-plan.js';
import { runSigner, verifyComment } from './review-signature.js';

/** Marks the plan comment failed with why (`error`). Never throws: the failure that brought us here is what the run reports. */
export async function publishPlanFailure(error: unknown, run: GitHubRun, options: PublishOptions): Promise<void> {
  if (!options.comment) return;
  try {
    const context = await readGitHubContext(run.env, options.commentAuthor === undefined ? {} : { commentAuthor: options.commentAuthor });
    if (!context.pullRequest) return;
    const label = planLabel(options.planPath);
    const pullNumber = context.pullRequest.number;
    const { sign, key } = runSigner(run.env, context, pullNumber, label, options.local);
    const headSha = context.pullRequest.headSha;
    const detail = failureDetail(error, run, headSha);
    const octokit = makeOctokit(context, userAgentOf(run), run.redactor, run.spaceWrites);
    const { own, foreign } = await listPlanComments(octokit, context, pullNumber, label);
    if (foreign.length > 0) warn(run, describeForeign(foreign, context.commentAuthor));
    const existing = own[0];
    const binding = { repository: `${context.owner}/${context.repo}`, pullNumber, planPath: label };
    // Keep the plan shown only if tpsync signed it, as it stands: re-signing a meta it did not make,
    // or text someone edited, would launder it.
    const body =
      existing && key && verifyComment(key, binding, existing.body).ok
        ? withStatus(existing.body, 'plan-failed', detail, headSha ? { failed_sha: headSha } : {})
        : buildFailedPlanComment(
            {
              planPath: label,
              version: run.version,
              ...(context.runUrl ? { runUrl: context.runUrl } : {}),
              ...(headSha ? { failedSha: headSha } : {}),
            },
            detail,
          );
    const result = await upsertPlanComment(octokit, context, pullNumber, existing, sealComment(run.redactor.redact(body), sign));
    run.stderr(`Plan comment on pull request #${pullNumber} marked: the plan failed.\n`);
    if (result.editRefused)
      warn(run, `could not edit comment ${result.editRefused.id} by ${result.editRefused.author}; posted tpsync's own`);
  } catch (commentError) {
    run.stderr(`warning: could not mark the plan comment as failed: ${describeGitHubError(commentError)}\n`);
  }
}

function failureDetail(error: unknown, run: GitHubRun, headSha: string | undefined): string {
  const commit = headSha ? `commit \`${headSha.slice(0, 7)}\`` : 'the latest commit';
  const reason =
    error instanceof PlanInvalidError
      ? `the tracking plan is invalid (${error.issues.length} ${error.issues.length === 1 ? 'problem' : 'problems'}; see the annotations and the job summary)`
      : (describeError(error)?.message ?? (error instanceof Error ? error.message : String(error)));
  const safe = escapeText(cutQuotedValues(run.redactor.redact(reason))).slice(0, 600);
  return `The plan for ${commit} failed: ${safe}. Fix it and push, or re-run the job; the apply on merge refuses this pull request until its latest plan succeeds.`;
}
