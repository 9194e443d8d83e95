/**
 * The sticky pull-request comment for one plan path: marker, meta, status, the Markdown plan
 * and a footer, always within GitHub's limit of 65,536 characters (details are dropped first,
 * with a pointer to the job summary, which holds the whole plan).
 */
import type { Plan } from '../plan/types.js';
import { codeSpan, renderPlanMarkdown } from '../render/plan-markdown.js';
import { commentMarker, metaLine, statusBlock, type CommentMeta, type CommentStatus } from './comment-marker.js';
import { packDigests, planHash } from './operation-digest.js';

/** GitHub refuses comment bodies longer than this. */
export const COMMENT_LIMIT = 65_536;
/** Room kept for the operation digests; beyond it only the plan hash is carried. */
const MAX_DIGEST_CHARS = 40_000;
/** What sealing adds to the meta line (`sealComment`: the text digest and the MAC, 43 characters each, with their keys). */
const SEAL_CHARS = 120;

export interface CommentContext {
  readonly planPath: string;
  readonly version: string;
  /** Link to the workflow run, where the job summary holds the full plan. */
  readonly runUrl?: string;
  readonly sha?: string;
}

export interface CommentOptions {
  readonly status: CommentStatus;
  readonly notes?: readonly string[];
  readonly limit?: number;
  /** The plan as shown (its values redacted); the digests are always the real plan's. Default: `plan`. */
  readonly shown?: Plan;
}

/**
 * The comment's text with an unsigned meta: seal it (`sealComment`) once it is final, so that the
 * MAC covers the text as posted.
 */
export function buildPlanComment(plan: Plan, context: CommentContext, options: CommentOptions): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const packed = packDigests(plan);
  const unsigned: CommentMeta = {
    hash: planHash(plan),
    ...(packed.length <= MAX_DIGEST_CHARS ? { ops: packed } : {}),
    status: options.status,
    ...(context.sha ? { sha: context.sha } : {}),
    integration: plan.integration,
  };
  const head = [
    commentMarker(context.planPath),
    metaLine(unsigned),
    `### tpsync plan for ${codeSpan(context.planPath)}`,
    '',
    statusBlock(options.status),
    '',
  ].join('\n');
  const footer = footerOf(context, plan.integration);
  // A little margin: GitHub may count some characters differently from JavaScript.
  const budget = limit - head.length - SEAL_CHARS - footer.length - 64;
  const where = context.runUrl ? `The full plan is in the [job summary](${context.runUrl}).` : 'The full plan is in the job summary.';
  const markdown = renderPlanMarkdown(options.shown ?? plan, { notes: options.notes ?? [], maxLength: budget, truncatedNote: where });
  return `${head}${markdown}${footer}`;
}

/**
 * The comment for a pull request whose plan could not be made and that has no plan comment yet:
 * it says so, and its meta carries no operations, so the apply on merge refuses.
 */
export function buildFailedPlanComment(context: CommentContext & { failedSha?: string }, detail: string): string {
  const unsigned: CommentMeta = { hash: '', status: 'plan-failed', ...(context.failedSha ? { failed_sha: context.failedSha } : {}) };
  return [
    commentMarker(context.planPath),
    metaLine(unsigned),
    `### tpsync plan for ${codeSpan(context.planPath)}`,
    '',
    statusBlock('plan-failed', detail),
    '',
    'No plan has been made for this pull request yet.',
    footerOf(context),
  ].join('\n');
}

function footerOf(context: CommentContext, integration?: string): string {
  const footerParts = [`tpsync ${context.version}`];
  // What the plan is for, in the text reviewers read (an integration ID is letters, digits, "-" and "_").
  if (integration !== undefined) footerParts.push(`integration ${codeSpan(integration)}`);
  if (context.sha) footerParts.push(`commit ${context.sha.slice(0, 7)}`);
  if (context.runUrl) footerParts.push(`[workflow run](${context.runUrl})`);
  return `\n<sub>${footerParts.join(' · ')}</sub>\n`;
}
