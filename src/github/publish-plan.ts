/**
 * A plan, published on GitHub: the job summary and step outputs (in GitHub Actions), and with
 * `--comment` the sticky, signed pull request comment. Every text that leaves is redacted on the way.
 */
import { UsageError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { appendJobSummary, hasJobSummary, setPlanOutputs } from './actions-toolkit.js';
import { buildPlanComment } from './comment-body.js';
import { sealComment } from './comment-marker.js';
import { inGitHubActions, readGitHubContext, type GitHubContext } from './github-context.js';
import { describeForeign, userAgentOf, warn, type GitHubRun } from './github-run.js';
import { planLabel } from './plan-label.js';
import {
  describeGitHubError,
  GitHubForeignUrlError,
  GitHubRedirectError,
  isPermissionDenied,
  listPlanComments,
  makeOctokit,
  upsertPlanComment,
} from './pull-request-comment.js';
import { runSigner } from './review-signature.js';

/** The most of the job summary one plan takes (GitHub's limit is 1 MiB). */
const SUMMARY_CHARS = 1_000_000;

/** What a plan is published with, besides the plan. */
export interface PublishOptions {
  /** The tracking plan's path, as given: named in the comment's marker. */
  readonly planPath: string;
  /** `--comment`: write the sticky comment. */
  readonly comment: boolean;
  /** Where `--out` wrote the plan as JSON (the `plan-json` step output). */
  readonly planJsonPath?: string;
  /** Where `--markdown-out` wrote the plan as Markdown (the `plan-markdown` step output). */
  readonly planMarkdownPath?: string;
  /** Markdown notes above the plan (the delete guard's warning). */
  readonly notes: readonly string[];
  /** Whether the run reads a local emulator (`--local`): then the review key is a fixed one. */
  readonly local: boolean;
  /** `--comment-author`: the login tpsync posts as (default TPSYNC_COMMENT_AUTHOR, then github-actions[bot]). */
  readonly commentAuthor?: string;
}

/**
 * Publishes `plan` (`shown` is the plan with its values redacted: what the summary and the comment
 * show; the comment's digests are the real plan's).
 * @throws UsageError when the comment cannot be written, except for a token that may not comment
 * (a fork's): then a warning, and the plan is in the job summary.
 */
export async function publishPlan(plan: Plan, shown: Plan, run: GitHubRun, options: PublishOptions): Promise<void> {
  const label = planLabel(options.planPath);
  if (hasJobSummary(run.env)) {
    await appendJobSummary(
      renderPlanMarkdown(shown, {
        header: [`### tpsync plan for \`${label.replace(/`/g, "'")}\``],
        notes: options.notes,
        maxLength: SUMMARY_CHARS,
        truncatedNote: 'Use `tpsync plan --json` for the whole plan.',
      }),
      run.redactor,
    );
  }
  // Outputs go to the GITHUB_OUTPUT file; without it @actions/core would fall back to stdout.
  if (inGitHubActions(run.env) && (run.env['GITHUB_OUTPUT'] ?? '') !== '')
    setPlanOutputs(plan, options.planJsonPath, run.redactor, options.planMarkdownPath);
  if (!options.comment) return;

  const context = await readGitHubContext(run.env, options.commentAuthor === undefined ? {} : { commentAuthor: options.commentAuthor });
  if (!context.pullRequest) {
    run.stderr(`note: --comment: this is a "${context.eventName || 'unknown'}" run, not a pull request; no comment written.\n`);
    return;
  }
  const pullNumber = context.pullRequest.number;
  const { sign } = runSigner(run.env, context, pullNumber, label, options.local);
  const body = buildPlanComment(
    plan,
    {
      planPath: label,
      version: run.version,
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      ...(context.pullRequest.headSha ? { sha: context.pullRequest.headSha } : {}),
    },
    { status: 'planned', notes: options.notes, shown },
  );
  // Sealed last, over the text exactly as posted (secrets out first).
  await writeComment(run, context, pullNumber, label, sealComment(run.redactor.redact(body), sign));
}

async function writeComment(run: GitHubRun, context: GitHubContext, pullNumber: number, label: string, body: string): Promise<void> {
  const octokit = makeOctokit(context, userAgentOf(run), run.redactor, run.spaceWrites);
  try {
    const { own, foreign } = await listPlanComments(octokit, context, pullNumber, label);
    if (foreign.length > 0) warn(run, describeForeign(foreign, context.commentAuthor));
    const result = await upsertPlanComment(octokit, context, pullNumber, own[0], body);
    run.stderr(`Plan comment ${result.action} on pull request #${pullNumber}${result.url ? `: ${result.url}` : ''}\n`);
    if (result.editRefused) {
      warn(
        run,
        `GitHub refused to let this token edit comment ${result.editRefused.id} by ${result.editRefused.author}; posted a new comment instead. Set comment-author (--comment-author) to the login this token acts as`,
      );
    }
    if (result.author !== undefined && result.author.toLowerCase() !== context.commentAuthor.toLowerCase()) {
      warn(
        run,
        `the comment was written by ${result.author}, but tpsync trusts only comments by ${context.commentAuthor}: set comment-author (--comment-author) to ${result.author}, or the apply on merge finds nothing reviewed`,
      );
    }
  } catch (error) {
    if (isPermissionDenied(error)) {
      // A fork's token cannot comment: the plan is in the job summary instead, and that is not a failure.
      warn(
        run,
        `cannot comment on pull request #${pullNumber} (${context.pullRequest?.fromFork ? 'a pull request from a fork gets a read-only token' : 'the token may not write comments'}); the plan is in the job summary`,
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
