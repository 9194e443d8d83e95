/**
 * Where plan and apply meet GitHub: the job summary, step outputs, the sticky PR comment,
 * and the reviewed-plan check on merge. Everything GitHub-specific the commands do goes
 * through here. Every text that leaves is redacted (the Redactor of the run) on the way.
 */
import { describeError, PlanInvalidError, UsageError } from '../errors.js';
import { buildFailedPlanComment, buildPlanComment } from '../github/comment-body.js';
import { sealComment, withStatus, type CommentStatus, type MetaSigner } from '../github/comment-marker.js';
import { appendJobSummary, hasJobSummary, setPlanOutputs, warningAnnotation } from '../github/actions-toolkit.js';
import { inGitHubActions, readGitHubContext, type GitHubContext } from '../github/github-context.js';
import {
  describeGitHubError,
  GitHubForeignUrlError,
  GitHubRedirectError,
  isPermissionDenied,
  listPlanComments,
  makeOctokit,
  upsertPlanComment,
  type FoundComment,
} from '../github/pull-request-comment.js';
import {
  describeWindow,
  findMergedSinceLastApply,
  judgeAgainstReviews,
  MAX_COMMITS_WALKED,
  type PullReview,
} from '../github/reviewed-plan.js';
import { reviewKeyFromEnv, signerFor, verifyComment, type ReviewKey } from '../github/review-signature.js';
import type { Plan } from '../plan/types.js';
import { escapeText } from '../render/markdown-text.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanText } from '../render/plan-text.js';
import { cutQuotedValues } from '../render/quoted-values.js';
import { plain } from '../style.js';
import { redactorOf, workflowCommandsOf, type Io } from './io.js';
import { version } from './version.js';
import { redactedPlan } from './redacted-plan.js';

/** How a plan path is named in the comment's marker: stable across runs and machines. */
export function planLabel(planPath: string): string {
  const label = planPath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return label === '' ? '.' : label;
}

const SUMMARY_CHARS = 1_000_000;

export interface PublishOptions {
  readonly planPath: string;
  readonly comment: boolean;
  readonly planJsonPath?: string;
  /** Where `--markdown-out` wrote the plan as Markdown (the `plan-markdown` step output). */
  readonly planMarkdownPath?: string;
  readonly notes?: readonly string[];
  /** Whether the run reads a local emulator (`--local`): then the review key is a fixed one. */
  readonly local?: boolean;
  /** `--comment-author`: the login tpsync posts as (default TPSYNC_COMMENT_AUTHOR, then github-actions[bot]). */
  readonly commentAuthor?: string;
  /** The plan with its values redacted, when the caller made it already. */
  readonly shown?: Plan;
}

/** A warning on stderr and, on a runner, as an annotation. */
function warn(io: Io, message: string): void {
  io.stderr.write(`warning: ${message}\n`);
  if (inGitHubActions(io.env)) warningAnnotation(message, workflowCommandsOf(io), redactorOf(io));
}

/** "a comment by @mallory (https://…)" for warnings: who imitated tpsync's comment, and where. */
function describeForeign(comments: readonly FoundComment[], author: string): string {
  const list = comments.map((c) => `${c.author}${c.url ? ` (${c.url})` : ` (comment ${c.id})`}`).join(', ');
  return `ignored ${comments.length === 1 ? 'a comment' : `${comments.length} comments`} by ${list} that imitate tpsync's plan comment: only comments by ${author} count, and they are never edited`;
}

function signerOf(
  io: Io,
  context: GitHubContext,
  pullNumber: number,
  label: string,
  local: boolean,
): { sign: MetaSigner | undefined; key: ReviewKey | undefined } {
  const key = reviewKeyFromEnv(io.env, local);
  return {
    key,
    sign: key ? signerFor(key, { repository: `${context.owner}/${context.repo}`, pullNumber, planPath: label }) : undefined,
  };
}

/**
 * After a plan: the job summary and step outputs (in GitHub Actions), and with `--comment` the
 * sticky, signed PR comment. Throws UsageError when the comment cannot be written, except for a
 * token that may not comment (a fork's): then a warning, and the plan is in the job summary.
 */
export async function publishPlan(plan: Plan, io: Io, options: PublishOptions): Promise<void> {
  const label = planLabel(options.planPath);
  const redactor = redactorOf(io);
  // Secrets out of the values before rendering: Markdown escaping would hide them from a later pass.
  const shown = options.shown ?? redactedPlan(io, plan);
  if (hasJobSummary(io.env)) {
    await appendJobSummary(
      renderPlanMarkdown(shown, {
        header: [`### tpsync plan for \`${label.replace(/`/g, "'")}\``],
        notes: options.notes ?? [],
        maxLength: SUMMARY_CHARS,
        truncatedNote: 'Use `tpsync plan --json` for the whole plan.',
      }),
      redactor,
    );
  }
  // Outputs go to the GITHUB_OUTPUT file; without it @actions/core would fall back to stdout.
  if (inGitHubActions(io.env) && (io.env['GITHUB_OUTPUT'] ?? '') !== '')
    setPlanOutputs(plan, options.planJsonPath, redactor, options.planMarkdownPath);
  if (!options.comment) return;

  const context = await readGitHubContext(io.env, options.commentAuthor === undefined ? {} : { commentAuthor: options.commentAuthor });
  if (!context.pullRequest) {
    io.stderr.write(`note: --comment: this is a "${context.eventName || 'unknown'}" run, not a pull request; no comment written.\n`);
    return;
  }
  const pullNumber = context.pullRequest.number;
  const { sign } = signerOf(io, context, pullNumber, label, options.local ?? false);
  const body = buildPlanComment(
    plan,
    {
      planPath: label,
      version,
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      ...(context.pullRequest.headSha ? { sha: context.pullRequest.headSha } : {}),
    },
    { status: 'planned', notes: options.notes ?? [], shown },
  );
  // Sealed last, over the text exactly as posted (secrets out first).
  await writeComment(io, context, pullNumber, label, sealComment(redactor.redact(body), sign), 'the plan');
}

/**
 * After a failed re-plan (invalid YAML, Secoda unreachable): the sticky comment says that the
 * plan of the new commit failed and that the plan it shows is outdated, so nobody reviews it as
 * current — and the apply on merge refuses the pull request. Never throws: the failure that
 * brought us here is what the run reports.
 */
export async function publishPlanFailure(error: unknown, io: Io, options: PublishOptions): Promise<void> {
  if (!options.comment) return;
  try {
    const context = await readGitHubContext(io.env, options.commentAuthor === undefined ? {} : { commentAuthor: options.commentAuthor });
    if (!context.pullRequest) return;
    const label = planLabel(options.planPath);
    const pullNumber = context.pullRequest.number;
    const { sign, key } = signerOf(io, context, pullNumber, label, options.local ?? false);
    const headSha = context.pullRequest.headSha;
    const detail = failureDetail(error, io, headSha);
    const octokit = makeOctokit(context, `tpsync/${version}`, redactorOf(io));
    const { own, foreign } = await listPlanComments(octokit, context, pullNumber, label);
    if (foreign.length > 0) warn(io, describeForeign(foreign, context.commentAuthor));
    const existing = own[0];
    const binding = { repository: `${context.owner}/${context.repo}`, pullNumber, planPath: label };
    // Keep the plan shown only if tpsync signed it, as it stands: re-signing a meta it did not make,
    // or text someone edited, would launder it.
    const body =
      existing && key && verifyComment(key, binding, existing.body).ok
        ? withStatus(existing.body, 'plan-failed', detail, headSha ? { failed_sha: headSha } : {})
        : buildFailedPlanComment(
            { planPath: label, version, ...(context.runUrl ? { runUrl: context.runUrl } : {}), ...(headSha ? { failedSha: headSha } : {}) },
            detail,
          );
    const result = await upsertPlanComment(octokit, context, pullNumber, existing, sealComment(redactorOf(io).redact(body), sign));
    io.stderr.write(`Plan comment on pull request #${pullNumber} marked: the plan failed.\n`);
    if (result.editRefused)
      warn(io, `could not edit comment ${result.editRefused.id} by ${result.editRefused.author}; posted tpsync's own`);
  } catch (commentError) {
    io.stderr.write(`warning: could not mark the plan comment as failed: ${describeGitHubError(commentError)}\n`);
  }
}

function failureDetail(error: unknown, io: Io, headSha: string | undefined): string {
  const commit = headSha ? `commit \`${headSha.slice(0, 7)}\`` : 'the latest commit';
  const reason =
    error instanceof PlanInvalidError
      ? `the tracking plan is invalid (${error.issues.length} ${error.issues.length === 1 ? 'problem' : 'problems'}; see the annotations and the job summary)`
      : (describeError(error)?.message ?? (error instanceof Error ? error.message : String(error)));
  const safe = escapeText(cutQuotedValues(redactorOf(io).redact(reason))).slice(0, 600);
  return `The plan for ${commit} failed: ${safe}. Fix it and push, or re-run the job; the apply on merge refuses this pull request until its latest plan succeeds.`;
}

async function writeComment(io: Io, context: GitHubContext, pullNumber: number, label: string, body: string, what: string): Promise<void> {
  const octokit = makeOctokit(context, `tpsync/${version}`, redactorOf(io));
  try {
    const { own, foreign } = await listPlanComments(octokit, context, pullNumber, label);
    if (foreign.length > 0) warn(io, describeForeign(foreign, context.commentAuthor));
    const result = await upsertPlanComment(octokit, context, pullNumber, own[0], body);
    io.stderr.write(`Plan comment ${result.action} on pull request #${pullNumber}${result.url ? `: ${result.url}` : ''}\n`);
    if (result.editRefused) {
      warn(
        io,
        `GitHub refused to let this token edit comment ${result.editRefused.id} by ${result.editRefused.author}; posted a new comment instead. Set comment-author (--comment-author) to the login this token acts as`,
      );
    }
    if (result.author !== undefined && result.author.toLowerCase() !== context.commentAuthor.toLowerCase()) {
      warn(
        io,
        `the comment was written by ${result.author}, but tpsync trusts only comments by ${context.commentAuthor}: set comment-author (--comment-author) to ${result.author}, or the apply on merge finds nothing reviewed`,
      );
    }
  } catch (error) {
    if (isPermissionDenied(error)) {
      // A fork's token cannot comment: the plan is in the job summary instead, and that is not a failure.
      warn(
        io,
        `cannot comment on pull request #${pullNumber} (${context.pullRequest?.fromFork ? 'a pull request from a fork gets a read-only token' : 'the token may not write comments'}); ${what} is in the job summary`,
      );
      return;
    }
    throw new UsageError(
      `could not post the plan comment: ${describeGitHubError(error)}`,
      error instanceof GitHubRedirectError || error instanceof GitHubForeignUrlError
        ? "check GITHUB_API_URL: GitHub's API answers without redirecting, and pages within itself"
        : 'give the workflow `permissions: pull-requests: write` (and issues: write), and check GITHUB_TOKEN',
    );
  }
}

export interface ReviewSession {
  /** Sets the status of every reviewed plan comment the apply carries. */
  setStatus(status: CommentStatus, detail?: string): Promise<void>;
}

export interface ReviewOptions {
  readonly force: boolean;
  readonly local: boolean;
  readonly commentAuthor?: string;
}

/**
 * Before an apply on merge: refuse when the plan holds operations that no reviewed plan of the
 * pull requests merged since the last applied one showed. Returns a handle to update those
 * comments' status as the apply goes on.
 */
export async function checkReviewedPlan(plan: Plan, io: Io, planPath: string, options: ReviewOptions): Promise<ReviewSession | undefined> {
  const label = planLabel(planPath);
  const context = await readGitHubContext(io.env, options.commentAuthor === undefined ? {} : { commentAuthor: options.commentAuthor });
  const key = reviewKeyFromEnv(io.env, options.local);
  if (!key) {
    throw new UsageError(
      'refused: there is no secret to check the reviewed plan with (SECODA_API_TOKEN or TPSYNC_REVIEW_KEY)',
      'give the apply job the same secret as the plan job',
    );
  }
  if (!context.sha) {
    return refuseOrForce(io, options.force, 'GITHUB_SHA is not set, so the merged pull requests cannot be found');
  }
  const octokit = makeOctokit(context, `tpsync/${version}`, redactorOf(io));
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
      warn(io, `on #${review.pull.number}: ${describeForeign(review.comments.foreign, context.commentAuthor)}`);
  }
  const repository = `${context.owner}/${context.repo}`;
  const signed = new Map<number, PullReview>(window.reviews.filter((r) => r.meta !== undefined).map((r) => [r.pull.number, r]));
  const bodies = new Map<number, string>([...signed].map(([number, r]) => [number, r.comment?.body ?? '']));
  const session: ReviewSession = {
    async setStatus(status, detail) {
      for (const [number, review] of signed) {
        const body = bodies.get(number) ?? '';
        const sign = signerFor(key, { repository, pullNumber: number, planPath: label });
        const next = sealComment(redactorOf(io).redact(withStatus(body, status, detail)), sign);
        if (next === body || !review.comment) continue;
        try {
          await octokit.rest.issues.updateComment({ owner: context.owner, repo: context.repo, comment_id: review.comment.id, body: next });
          bodies.set(number, next);
        } catch (error) {
          if (!isPermissionDenied(error))
            throw new UsageError(`could not update the plan comment on #${number}: ${describeGitHubError(error)}`);
          io.stderr.write(`warning: cannot update the plan comment on #${number}: ${describeGitHubError(error)}\n`);
        }
      }
    },
  };

  const involved = window.reviews.length > 0 ? describeWindow(window.reviews) : 'none';
  const since = window.lastApplied
    ? `since #${window.lastApplied.number}, the last applied one`
    : window.truncated
      ? `(the newest ${window.reviews.length}; no applied plan among them)`
      : `(no applied plan found in the last ${MAX_COMMITS_WALKED} commits)`;
  const verdict = judgeAgainstReviews(plan, window.reviews);
  if (verdict.failedPlans.length > 0 && plan.operations.length > 0 && !options.force) {
    const failed = verdict.failedPlans.map((r) => `#${r.pull.number}`).join(', ');
    await session.setStatus('refused', `The latest plan of ${failed} failed, so what was merged was never planned.`);
    throw new UsageError(
      `refused: the latest plan of pull request ${failed} failed, so what was merged there was never planned and reviewed (merged pull requests ${since}: ${involved})`,
      "re-run that pull request's plan job until it succeeds, then re-run this apply; or open a pull request that fixes the tracking plan; or re-run with --force",
    );
  }
  if (verdict.reviewed.length === 0 && plan.operations.length > 0) {
    return refuseOrForce(
      io,
      options.force,
      `no reviewed plan for ${label} among the pull requests merged ${since} (${involved}), so nothing was reviewed`,
    );
  }
  const extra = verdict.unreviewed;
  if (extra.length > 0 && !options.force) {
    const reviewedOn = verdict.reviewed.map((r) => `#${r.pull.number}`).join(', ');
    await session.setStatus('refused', `${extra.length} ${extra.length === 1 ? 'change was' : 'changes were'} not in the reviewed plan.`);
    const listing = renderPlanText(redactedPlan(io, { ...plan, operations: [...extra], warnings: [] }), { style: plain });
    io.stdout.write(`The plan changed since review (reviewed on ${reviewedOn}). Not reviewed:\n\n${listing}`);
    throw new UsageError(
      `refused: the plan changed since review: ${extra.length} ${extra.length === 1 ? 'operation' : 'operations'} not in the plans reviewed on ${reviewedOn} (merged pull requests ${since}: ${involved})`,
      'open a pull request so the new plan is reviewed (its plan comment must show these changes), or re-run with --force',
    );
  }
  io.stderr.write(
    `The plan matches the ${verdict.reviewed.length === 1 ? 'one' : 'ones'} reviewed on pull request ${verdict.reviewed.map((r) => `#${r.pull.number}`).join(', ')}${extra.length > 0 ? ' (--force: unreviewed operations included)' : ''}.\n`,
  );
  return session;
}

function refuseOrForce(io: Io, force: boolean, reason: string): undefined {
  if (force) {
    io.stderr.write(`warning: ${reason}; applying anyway (--force)\n`);
    return undefined;
  }
  throw new UsageError(
    `refused: ${reason}`,
    'plan in a pull request with --comment first, or pass --force to apply without a reviewed plan',
  );
}
