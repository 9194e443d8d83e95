/**
 * `tpsync accept --pull-request`: the accepted YAML change as ONE pull request, "Accept edits made
 * in Secoda", opened or updated in place on every run of the drift workflow, and closed when
 * Secoda matches the YAML again. Same trust rules as the rest of tpsync's GitHub side: it runs on
 * the default branch only (a schedule or a manual run, never a pull request), and it touches only
 * the pull request and the branch it made itself — the pull request by its hidden marker and its
 * author (tpsync's login), the branch by its last commit's trailer and author (accept-branch.ts).
 * A pull request or branch of that name that someone else made is refused, and left as it is.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Octokit } from 'octokit';
import type { AcceptResult } from '../accept/types.js';
import { UsageError } from '../errors.js';
import { renderAcceptMarkdown, type AcceptMarkdownOptions } from '../render/accept-markdown.js';
import { ACCEPT_BRANCH, ownBranch, pointBranch, treeWith, type RepositoryFile } from './accept-branch.js';
import { setStepOutputs } from './actions-toolkit.js';
import { isCommentAuthor, readGitHubContext, type GitHubContext } from './github-context.js';
import { userAgentOf, type GitHubRun } from './github-run.js';
import { describeGitHubError, GitHubForeignUrlError, GitHubRedirectError, makeOctokit } from './pull-request-comment.js';

export const ACCEPT_TITLE = 'Accept edits made in Secoda';
/** The first line of the pull request's body: with the author, what makes the pull request tpsync's. */
export const ACCEPT_MARKER = '<!-- tpsync:accept-secoda-edits -->';

export interface AcceptPublishOptions {
  /** The login tpsync acts as (default TPSYNC_COMMENT_AUTHOR, then github-actions[bot]). */
  readonly commentAuthor?: string;
}

/** A pull request of the accept branch, as tpsync reads it. */
interface FoundPull {
  readonly number: number;
  readonly state: string;
  readonly author: string | undefined;
  readonly body: string;
  readonly title: string;
  readonly url: string;
  /** The head branch and the repository it is in (`owner/name`; undefined when that repository is gone). */
  readonly headRef: string;
  readonly headRepo: string | undefined;
}

/** Where the pull request goes: checked before accept writes anything (prepareAcceptPullRequest). */
export interface AcceptPullRequestTarget {
  readonly octokit: Octokit;
  readonly context: GitHubContext;
  /** The commit the run checked out (GITHUB_SHA): the branch's parent. */
  readonly base: string;
  readonly defaultBranch: string;
}

/**
 * Checks, before accept writes a file, that this run may publish: a run of the default branch
 * (GITHUB_REF is it, as GitHub's repository says), not of a pull request.
 * @throws UsageError otherwise, or when GitHub cannot be read.
 */
export async function prepareAcceptPullRequest(run: GitHubRun, options: AcceptPublishOptions = {}): Promise<AcceptPullRequestTarget> {
  const context = await readGitHubContext(run.env, options.commentAuthor === undefined ? {} : { commentAuthor: options.commentAuthor });
  if (context.pullRequest !== undefined || context.sha === undefined)
    throw new UsageError(
      `tpsync accept --pull-request runs on the default branch (a scheduled or manual run), not in a "${context.eventName}" run`,
      'run it from the drift workflow (.github/workflows/examples/drift-check.yml)',
    );
  const octokit = makeOctokit(context, userAgentOf(run), run.redactor);
  const defaultBranch = await guarded(async () => {
    const repository = await octokit.rest.repos.get({ owner: context.owner, repo: context.repo });
    return repository.data.default_branch;
  });
  if (run.env['GITHUB_REF'] !== `refs/heads/${defaultBranch}`)
    throw new UsageError(
      `tpsync accept --pull-request runs on the default branch (${defaultBranch}), not on ${run.env['GITHUB_REF'] ?? 'an unknown ref'}: the change it proposes is to what was applied`,
      `run the drift workflow on ${defaultBranch}`,
    );
  return { octokit, context, base: context.sha, defaultBranch };
}

/**
 * Publishes the accepted change (`files`: the plan files accept changed, with their new text);
 * `changedBy` names who made each edit in the body, where Secoda's audit log says.
 * @throws UsageError when a branch or an open pull request of that name is someone else's, or
 * when GitHub refuses a write.
 */
export async function publishAcceptPullRequest(
  target: AcceptPullRequestTarget,
  result: AcceptResult,
  files: readonly { readonly path: string; readonly text: string }[],
  run: GitHubRun,
  changedBy?: AcceptMarkdownOptions['changedBy'],
): Promise<void> {
  await guarded(() => publish(target, result, repositoryFiles(files, run.env), run, changedBy));
}

/** GitHub's errors as a UsageError that says what to check. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `could not update the pull request "${ACCEPT_TITLE}": ${describeGitHubError(error)}`,
      error instanceof GitHubRedirectError || error instanceof GitHubForeignUrlError
        ? "check GITHUB_API_URL: GitHub's API answers without redirecting, and pages within itself"
        : 'give the workflow `permissions: contents: write` and `pull-requests: write`, and allow GitHub Actions to create pull requests (Settings → Actions → General)',
    );
  }
}

async function publish(
  target: AcceptPullRequestTarget,
  result: AcceptResult,
  files: RepositoryFile[],
  run: GitHubRun,
  changedBy?: AcceptMarkdownOptions['changedBy'],
): Promise<void> {
  const { octokit, context, base, defaultBranch } = target;
  // The list is asked for the accept branch only; each answer is checked again all the same.
  const fullName = `${context.owner}/${context.repo}`.toLowerCase();
  const pulls = (await accessPulls(octokit, context)).filter(
    (pull) => pull.headRef === ACCEPT_BRANCH && pull.headRepo?.toLowerCase() === fullName,
  );
  const own = pulls.filter((pull) => isCommentAuthor(pull.author, context.commentAuthor) && pull.body.startsWith(ACCEPT_MARKER));
  const open = own.find((pull) => pull.state === 'open');
  const foreign = pulls.find((pull) => pull.state === 'open' && !own.includes(pull));

  if (files.length === 0) {
    if (open === undefined) return;
    await octokit.rest.pulls.update({
      owner: context.owner,
      repo: context.repo,
      pull_number: open.number,
      state: 'closed',
      body: closingBody(context),
    });
    run.stderr(`Closed pull request #${open.number} (${ACCEPT_TITLE}): Secoda's edits are in the tracking plan, or were undone.\n`);
    return;
  }
  if (open === undefined && foreign !== undefined)
    throw new UsageError(
      `pull request #${foreign.number} from ${ACCEPT_BRANCH} is open and tpsync did not make it (by ${foreign.author ?? 'an unknown author'}); tpsync does not touch it, so nothing was written`,
      `close it, or rename its branch`,
    );

  const existing = await ownBranch(octokit, context);
  const tree = await treeWith(octokit, context, base, files);
  const current = existing !== null && existing.tree === tree && existing.parents.length === 1 && existing.parents[0] === base;
  if (!current) await pointBranch(octokit, context, existing, base, tree, commitMessage(result));

  const body = run.redactor.redact(
    renderAcceptMarkdown(result, {
      marker: ACCEPT_MARKER,
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      ...(changedBy === undefined ? {} : { changedBy }),
    }),
  );
  let url: string;
  let number: number;
  if (open !== undefined) {
    if (open.body !== body || open.title !== ACCEPT_TITLE)
      await octokit.rest.pulls.update({ owner: context.owner, repo: context.repo, pull_number: open.number, title: ACCEPT_TITLE, body });
    ({ url, number } = open);
    run.stderr(`Updated pull request #${number} (${ACCEPT_TITLE})${current ? ', its branch unchanged' : ''}: ${url}\n`);
  } else {
    const created = await octokit.rest.pulls.create({
      owner: context.owner,
      repo: context.repo,
      title: ACCEPT_TITLE,
      head: ACCEPT_BRANCH,
      base: defaultBranch,
      body,
    });
    ({ html_url: url, number } = created.data);
    run.stderr(`Opened pull request #${number} (${ACCEPT_TITLE}): ${url}\n`);
  }
  if ((run.env['GITHUB_OUTPUT'] ?? '') !== '') setStepOutputs({ 'pull-request-number': String(number), 'pull-request-url': url });
}

/** Every pull request whose head is the accept branch of this repository, open or not. */
async function accessPulls(octokit: Octokit, context: GitHubContext): Promise<FoundPull[]> {
  const found: FoundPull[] = [];
  const iterator = octokit.paginate.iterator(octokit.rest.pulls.list, {
    owner: context.owner,
    repo: context.repo,
    head: `${context.owner}:${ACCEPT_BRANCH}`,
    state: 'all',
    per_page: 100,
  });
  for await (const page of iterator)
    for (const pull of page.data)
      found.push({
        number: pull.number,
        state: pull.state,
        author: pull.user?.login,
        body: pull.body ?? '',
        title: pull.title,
        url: pull.html_url,
        headRef: pull.head.ref,
        headRepo: pull.head.repo?.full_name,
      });
  return found;
}

/** The plan files' paths from the repository's root (GITHUB_WORKSPACE, where the checkout is). */
function repositoryFiles(files: readonly { readonly path: string; readonly text: string }[], env: GitHubRun['env']): RepositoryFile[] {
  const root = resolve(env['GITHUB_WORKSPACE'] || '.');
  return files.map((file) => {
    const path = relative(root, resolve(file.path));
    if (path === '' || path.startsWith('..') || isAbsolute(path))
      throw new UsageError(`${file.path} is not inside the checkout (${root}); the pull request can only change files of the repository`);
    return { path: path.split(sep).join('/'), text: file.text };
  });
}

function commitMessage(result: AcceptResult): string {
  const count = result.accepted.length + result.added.length;
  return `${ACCEPT_TITLE}\n\n${count === 1 ? 'One change' : `${count} changes`} made in Secoda, written into the tracking plan by tpsync accept.`;
}

function closingBody(context: GitHubContext): string {
  return `${ACCEPT_MARKER}\n### ${ACCEPT_TITLE}\n\nNothing to accept any more: Secoda matches the tracking plan${context.runUrl ? ` ([drift check](${context.runUrl}))` : ''}.\n`;
}
