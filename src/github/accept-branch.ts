/**
 * The branch of the accept pull request, through GitHub's Git data API: a commit of the edited
 * plan files on the commit the run checked out (the default branch's head), and the branch
 * pointed at it — created, or force-updated, but only when tpsync made it: its last commit
 * carries tpsync's trailer and GitHub names tpsync's login as its author. A branch of that name
 * that someone else made is refused, never touched.
 */
import type { Octokit } from 'octokit';
import { RequestError } from 'octokit';
import { UsageError } from '../errors.js';
import { isCommentAuthor, type GitHubContext } from './github-context.js';

/** The branch tpsync keeps the accepted change on. */
export const ACCEPT_BRANCH = 'tpsync/accept-secoda-edits';

/** The trailer of tpsync's commits on that branch: with the author, what makes the branch tpsync's. */
export const ACCEPT_TRAILER = 'Tpsync-Accept: secoda-edits';

/** The branch's last commit, when the branch exists (it is then tpsync's). */
export interface OwnBranch {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly tree: string;
}

/** A file to commit: its path from the repository's root (`/`-separated) and its text. */
export interface RepositoryFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The branch's last commit, or null when there is no such branch.
 * @throws UsageError when the branch exists and tpsync did not make it.
 */
export async function ownBranch(octokit: Octokit, context: GitHubContext): Promise<OwnBranch | null> {
  let sha: string;
  try {
    const ref = await octokit.rest.git.getRef({ owner: context.owner, repo: context.repo, ref: `heads/${ACCEPT_BRANCH}` });
    sha = ref.data.object.sha;
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) return null;
    throw error;
  }
  const commit = await octokit.rest.repos.getCommit({ owner: context.owner, repo: context.repo, ref: sha });
  const login = commit.data.author !== null && 'login' in commit.data.author ? commit.data.author.login : undefined;
  const trailer = commit.data.commit.message.split('\n').some((line) => line.trim() === ACCEPT_TRAILER);
  if (!trailer || !isCommentAuthor(login, context.commentAuthor))
    throw new UsageError(
      `the branch ${ACCEPT_BRANCH} exists and tpsync did not make it (its last commit is ${login === undefined ? 'by an unknown author' : `by ${login}`}${trailer ? '' : ", without tpsync's trailer"}); tpsync updates only the branch it made, so nothing was written`,
      `rename or delete that branch, or set comment-author (--comment-author) to the login this token acts as`,
    );
  return { sha, parents: commit.data.parents.map((parent) => parent.sha), tree: commit.data.commit.tree.sha };
}

/** The tree of `files` written over the tree of the commit `base`: its SHA. */
export async function treeWith(octokit: Octokit, context: GitHubContext, base: string, files: readonly RepositoryFile[]): Promise<string> {
  const commit = await octokit.rest.git.getCommit({ owner: context.owner, repo: context.repo, commit_sha: base });
  const tree = await octokit.rest.git.createTree({
    owner: context.owner,
    repo: context.repo,
    base_tree: commit.data.tree.sha,
    tree: files.map((file) => ({ path: file.path, mode: '100644' as const, type: 'blob' as const, content: file.text })),
  });
  return tree.data.sha;
}

/** A commit of `tree` on `base` with `message` (the trailer is added), and the branch pointed at it. */
export async function pointBranch(
  octokit: Octokit,
  context: GitHubContext,
  existing: OwnBranch | null,
  base: string,
  tree: string,
  message: string,
): Promise<string> {
  const commit = await octokit.rest.git.createCommit({
    owner: context.owner,
    repo: context.repo,
    message: `${message}\n\n${ACCEPT_TRAILER}\n`,
    tree,
    parents: [base],
  });
  const sha = commit.data.sha;
  if (existing === null) {
    await octokit.rest.git.createRef({ owner: context.owner, repo: context.repo, ref: `refs/heads/${ACCEPT_BRANCH}`, sha });
  } else {
    // Rebuilt from the default branch on every run: its history is tpsync's own, so it is forced.
    await octokit.rest.git.updateRef({ owner: context.owner, repo: context.repo, ref: `heads/${ACCEPT_BRANCH}`, sha, force: true });
  }
  return sha;
}
