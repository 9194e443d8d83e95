/**
 * On a merge: which plans were reviewed, and does the plan made now hold anything they did not?
 *
 * A `concurrency:` group keeps one apply running and one pending, and a newer pending run
 * cancels the older one ("Any existing pending job or workflow in the same concurrency group, if
 * it exists, will be canceled and the new queued job or workflow will take its place":
 * docs.github.com/en/actions/using-jobs/using-concurrency), so one apply may carry several
 * merged pull requests. So the apply walks back from the pushed commit (GITHUB_SHA) through
 * the commits API — a shallow checkout has no history to read — and asks GitHub which merged
 * pull request brought each commit
 * (`GET /repos/{owner}/{repo}/commits/{sha}/pulls`), until it meets one whose plan comment is
 * marked applied. An operation reviewed on any pull request in between is accepted.
 *
 * Only tpsync's own comments count, and only with a meta whose MAC verifies with the
 * workflow's key for that repository, pull request and plan path, and whose text is the one
 * tpsync signed (review-signature.ts).
 */
import type { Octokit } from 'octokit';
import { RequestError } from 'octokit';
import type { Operation, Plan } from '../plan/types.js';
import type { CommentMeta } from './comment-marker.js';
import type { GitHubContext } from './github-context.js';
import { planHash, unpackDigests, unreviewedOperations } from './operation-digest.js';
import { listPlanComments, type FoundComment, type PlanComments } from './pull-request-comment.js';
import { verifyComment, type CommentTrust, type ReviewKey } from './review-signature.js';

/** Why a comment by tpsync's login authorises nothing, as the refusal lists it. */
const TRUST_PROBLEMS: Record<Extract<CommentTrust, { ok: false }>['problem'], string> = {
  'no-meta': 'its plan comment carries no readable plan',
  'not-signed': "its plan comment is not signed with this workflow's key (made by another workflow, or before the Secoda token changed)",
  edited: 'its plan comment was edited since tpsync wrote it, so what it shows is not what was signed; re-run its plan job',
};

/** How far back the walk goes: one page of the commits list. */
export const MAX_COMMITS_WALKED = 100;
/** How many merged pull requests one apply may carry. */
export const MAX_PULLS_CARRIED = 30;

export interface MergedPull {
  readonly number: number;
  readonly title: string;
  readonly mergeCommitSha: string | null;
}

/** One merged pull request since the last applied plan, and what tpsync wrote on it. */
export interface PullReview {
  readonly pull: MergedPull;
  readonly comments: PlanComments;
  /** tpsync's sticky comment, when there is one. */
  readonly comment: FoundComment | undefined;
  /** Its meta, only when it verifies with the workflow's key. */
  readonly meta: CommentMeta | undefined;
  /** Why the pull request contributes no reviewed operations (absent, unsigned, …). */
  readonly problem: string | undefined;
}

export interface MergeWindow {
  /** Newest first. */
  readonly reviews: readonly PullReview[];
  /** The pull request whose applied plan ended the walk, when one was met. */
  readonly lastApplied: MergedPull | undefined;
  /** The walk stopped at its bounds before meeting an applied plan. */
  readonly truncated: boolean;
}

/**
 * Walks back from `context.sha` and gathers the merged pull requests since the last applied
 * plan for `planPath`. Throws octokit's errors (the caller words them).
 */
export async function findMergedSinceLastApply(
  octokit: Octokit,
  context: GitHubContext,
  planPath: string,
  key: ReviewKey,
  integration: string,
): Promise<MergeWindow> {
  const sha = context.sha;
  if (!sha) return { reviews: [], lastApplied: undefined, truncated: false };
  const reviews: PullReview[] = [];
  const seen = new Set<number>();
  for (const commit of await commitsFrom(octokit, context, sha)) {
    const { data: pulls } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      owner: context.owner,
      repo: context.repo,
      commit_sha: commit,
      per_page: 100,
    });
    const merged = pulls.filter((pr) => pr.merged_at !== null && !seen.has(pr.number));
    // The pull request whose merge commit this is first; then newest merge first.
    merged.sort(
      (a, b) =>
        Number(b.merge_commit_sha === commit) - Number(a.merge_commit_sha === commit) ||
        (b.merged_at ?? '').localeCompare(a.merged_at ?? ''),
    );
    for (const pr of merged) {
      seen.add(pr.number);
      const pull: MergedPull = { number: pr.number, title: pr.title, mergeCommitSha: pr.merge_commit_sha };
      const review = await reviewOf(octokit, context, pull, planPath, key, integration);
      if (review.meta?.status === 'applied') return { reviews, lastApplied: pull, truncated: false };
      reviews.push(review);
      if (reviews.length >= MAX_PULLS_CARRIED) return { reviews, lastApplied: undefined, truncated: true };
    }
  }
  return { reviews, lastApplied: undefined, truncated: false };
}

/** `sha` and its ancestors, newest first (one page); just `sha` when GitHub cannot list them. */
async function commitsFrom(octokit: Octokit, context: GitHubContext, sha: string): Promise<string[]> {
  try {
    const { data } = await octokit.rest.repos.listCommits({ owner: context.owner, repo: context.repo, sha, per_page: MAX_COMMITS_WALKED });
    const shas = data.map((c) => c.sha);
    return shas[0] === sha ? shas : [sha, ...shas.filter((s) => s !== sha)];
  } catch (error) {
    // 404/409/422: a commit GitHub does not list (an empty repository, a force-push race).
    if (error instanceof RequestError && [404, 409, 422].includes(error.status)) return [sha];
    throw error;
  }
}

async function reviewOf(
  octokit: Octokit,
  context: GitHubContext,
  pull: MergedPull,
  planPath: string,
  key: ReviewKey,
  integration: string,
): Promise<PullReview> {
  const comments = await listPlanComments(octokit, context, pull.number, planPath);
  const comment = comments.own[0];
  if (!comment) return { pull, comments, comment, meta: undefined, problem: `no plan comment by ${context.commentAuthor}` };
  const binding = { repository: `${context.owner}/${context.repo}`, pullNumber: pull.number, planPath };
  const trust = verifyComment(key, binding, comment.body);
  if (trust.ok && trust.meta.status !== 'plan-failed' && trust.meta.integration !== integration) {
    const other = trust.meta.integration === undefined ? 'no integration' : `integration ${trust.meta.integration.slice(0, 64)}`;
    return { pull, comments, comment, meta: undefined, problem: `its plan was made for ${other}, not ${integration}` };
  }
  if (trust.ok) return { pull, comments, comment, meta: trust.meta, problem: undefined };
  return { pull, comments, comment, meta: undefined, problem: TRUST_PROBLEMS[trust.problem] };
}

export interface ReviewVerdict {
  /** Operations of the plan that no reviewed plan in the window held. */
  readonly unreviewed: readonly Operation[];
  /** Pull requests whose latest plan failed: what was merged there was never planned. */
  readonly failedPlans: readonly PullReview[];
  /** Pull requests whose verified plans count. */
  readonly reviewed: readonly PullReview[];
}

/**
 * Which of `plan`'s operations were reviewed on some pull request of the window. Fewer
 * operations than reviewed is fine: some may have been applied already.
 */
export function judgeAgainstReviews(plan: Plan, reviews: readonly PullReview[]): ReviewVerdict {
  const failedPlans = reviews.filter((r) => r.meta?.status === 'plan-failed');
  const reviewed = reviews.filter((r) => r.meta !== undefined && r.meta.status !== 'plan-failed');
  const digests = new Set<string>();
  const wholePlans = new Set<string>();
  for (const { meta } of reviewed) {
    if (meta?.ops !== undefined) for (const digest of unpackDigests(meta.ops)) digests.add(digest);
    // A plan too large to carry its operations: only an identical plan is known to be reviewed.
    else if (meta) wholePlans.add(meta.hash);
  }
  const unreviewed = wholePlans.has(planHash(plan)) ? [] : unreviewedOperations(plan, digests);
  return { unreviewed, failedPlans, reviewed };
}

/** "#12, #11 (no plan comment by github-actions[bot])": every pull request of the window. */
export function describeWindow(reviews: readonly PullReview[]): string {
  return reviews
    .map((r) => {
      const status = r.meta?.status === 'plan-failed' ? 'its latest plan failed' : r.problem;
      return `#${r.pull.number}${status ? ` (${status})` : ''}`;
    })
    .join(', ');
}
