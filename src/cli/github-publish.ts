/**
 * Where plan and apply meet GitHub: the job summary, step outputs, the sticky PR comment,
 * and the reviewed-plan check on merge. Everything GitHub-specific the commands do goes
 * through here.
 */
import { UsageError } from '../errors.js';
import { buildPlanComment } from '../github/comment-body.js';
import { withStatus, type CommentStatus } from '../github/comment-marker.js';
import { appendJobSummary, hasJobSummary, maskSecrets, setPlanOutputs, warn } from '../github/actions-toolkit.js';
import { inGitHubActions, readGitHubContext } from '../github/github-context.js';
import { describeGitHubError, isPermissionDenied, makeOctokit, upsertPlanComment } from '../github/pull-request-comment.js';
import { findReviewedPlan, operationsNotReviewed } from '../github/reviewed-plan.js';
import type { Plan } from '../plan/types.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanText } from '../render/plan-text.js';
import { plain } from '../render/style.js';
import type { Io } from './io.js';
import { version } from './version.js';

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
  readonly notes?: readonly string[];
  /** stdout carries the plan as JSON or Markdown: no workflow commands may be written there. */
  readonly documentOnStdout?: boolean;
}

export async function publishPlan(plan: Plan, io: Io, options: PublishOptions): Promise<void> {
  const label = planLabel(options.planPath);
  maskSecrets(io.env, io.env['SECODA_API_TOKEN'], io.env['GITHUB_TOKEN']);
  if (hasJobSummary(io.env)) {
    await appendJobSummary(
      renderPlanMarkdown(plan, {
        header: [`### tpsync plan for \`${label}\``],
        notes: options.notes ?? [],
        maxLength: SUMMARY_CHARS,
        truncatedNote: 'Use `tpsync plan --json` for the whole plan.',
      }),
    );
  }
  // Outputs go to the GITHUB_OUTPUT file; without it @actions/core would fall back to stdout.
  if (inGitHubActions(io.env) && (io.env['GITHUB_OUTPUT'] ?? '') !== '') setPlanOutputs(plan, options.planJsonPath);
  if (!options.comment) return;

  const context = await readGitHubContext(io.env);
  if (!context.pullRequest) {
    io.stderr.write(`note: --comment: this is a "${context.eventName || 'unknown'}" run, not a pull request; no comment written.\n`);
    return;
  }
  const body = buildPlanComment(
    plan,
    {
      planPath: label,
      version,
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      ...(context.pullRequest.headSha ? { sha: context.pullRequest.headSha } : {}),
    },
    { status: 'planned', notes: options.notes ?? [] },
  );
  const octokit = makeOctokit(context, `tpsync/${version}`);
  try {
    const result = await upsertPlanComment(octokit, context, context.pullRequest.number, label, body);
    io.stderr.write(`Plan comment ${result.action} on pull request #${context.pullRequest.number}${result.url ? `: ${result.url}` : ''}\n`);
  } catch (error) {
    if (isPermissionDenied(error)) {
      // A fork's token cannot comment: the plan is in the job summary instead, and that is not a failure.
      const message = `cannot comment on pull request #${context.pullRequest.number} (${context.pullRequest.fromFork ? 'a pull request from a fork gets a read-only token' : 'the token may not write comments'}); the plan is in the job summary`;
      if (!options.documentOnStdout) warn(message);
      io.stderr.write(`warning: ${message}\n`);
      return;
    }
    throw new UsageError(
      `could not post the plan comment: ${describeGitHubError(error)}`,
      'give the workflow `permissions: pull-requests: write` (and issues: write), and check GITHUB_TOKEN',
    );
  }
}

export interface ReviewSession {
  setStatus(status: CommentStatus, detail?: string): Promise<void>;
}

/**
 * Before an apply on merge: refuse when the plan holds operations the reviewers did not see.
 * Returns a handle to update the comment's status as the apply goes on.
 */
export async function checkReviewedPlan(plan: Plan, io: Io, planPath: string, force: boolean): Promise<ReviewSession | undefined> {
  const label = planLabel(planPath);
  maskSecrets(io.env, io.env['SECODA_API_TOKEN'], io.env['GITHUB_TOKEN']);
  const context = await readGitHubContext(io.env);
  const octokit = makeOctokit(context, `tpsync/${version}`);
  let lookup;
  try {
    lookup = await findReviewedPlan(octokit, context, label);
  } catch (error) {
    throw new UsageError(
      `could not read the reviewed plan from GitHub: ${describeGitHubError(error)}`,
      'the workflow needs `permissions: pull-requests: read` and `contents: read`',
    );
  }
  if (!lookup.ok) {
    if (force) {
      io.stderr.write(`warning: ${lookup.reason}; applying anyway (--force)\n`);
      return undefined;
    }
    throw new UsageError(
      `refused: ${lookup.reason}`,
      'plan in a pull request with --comment first, or pass --force to apply without a reviewed plan',
    );
  }
  const { reviewed } = lookup;
  let body = reviewed.comment.body;
  const session: ReviewSession = {
    async setStatus(status, detail) {
      const next = withStatus(body, status, detail);
      if (next === body) return;
      try {
        await octokit.rest.issues.updateComment({ owner: context.owner, repo: context.repo, comment_id: reviewed.comment.id, body: next });
        body = next;
      } catch (error) {
        if (!isPermissionDenied(error)) throw new UsageError(`could not update the plan comment: ${describeGitHubError(error)}`);
        io.stderr.write(`warning: cannot update the plan comment on #${reviewed.pullNumber}: ${describeGitHubError(error)}\n`);
      }
    },
  };
  const extra = operationsNotReviewed(plan, reviewed.meta);
  if (extra.length > 0 && !force) {
    await session.setStatus('refused', `${extra.length} ${extra.length === 1 ? 'change was' : 'changes were'} not in the reviewed plan.`);
    const listing = renderPlanText({ ...plan, operations: extra, warnings: [] }, { style: plain });
    io.stdout.write(`The plan changed since review (pull request #${reviewed.pullNumber}). Not reviewed:\n\n${listing}`);
    throw new UsageError(
      `refused: the plan changed since review: ${extra.length} ${extra.length === 1 ? 'operation' : 'operations'} not in the plan reviewed on #${reviewed.pullNumber}`,
      'open a pull request so the new plan is reviewed, or re-run with --force',
    );
  }
  io.stderr.write(
    `The plan matches the one reviewed on pull request #${reviewed.pullNumber}${extra.length > 0 ? ' (--force: unreviewed operations included)' : ''}.\n`,
  );
  return session;
}
