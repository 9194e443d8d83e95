/**
 * What a GitHub Actions run tells us through its environment: the repository, the event
 * (and its pull request), the token, the API URL (GitHub Enterprise sets its own), the
 * commit, the run's address, and the login tpsync's comments are written by.
 */
import { readTextFile } from '../files/read-text-file.js';
import { UsageError } from '../errors.js';

/** The user a workflow's GITHUB_TOKEN acts as, and so the author of tpsync's comments by default. */
export const DEFAULT_COMMENT_AUTHOR = 'github-actions[bot]';

export interface GitHubContext {
  readonly owner: string;
  readonly repo: string;
  readonly apiUrl: string;
  readonly token: string;
  /**
   * The login tpsync posts as: only comments by it count as tpsync's (anyone can comment on a
   * public pull request). `github-actions[bot]` for the workflow token; `<app-slug>[bot]` for a
   * GitHub App's token. From `--comment-author` or TPSYNC_COMMENT_AUTHOR.
   */
  readonly commentAuthor: string;
  readonly eventName: string;
  readonly sha: string | undefined;
  readonly runUrl: string | undefined;
  /** The pull request of a pull_request / pull_request_target event. */
  readonly pullRequest: { readonly number: number; readonly fromFork: boolean; readonly headSha: string | undefined } | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

export function inGitHubActions(env: Env): boolean {
  return env['GITHUB_ACTIONS'] === 'true';
}

/**
 * tpsync refuses to run under `pull_request_target`: that event checks out the base branch, so
 * a plan would not be the pull request's; and checking out the pull request's head there runs
 * a stranger's files with the repository's secrets.
 */
export function refusePullRequestTarget(env: Env): void {
  if (env['GITHUB_EVENT_NAME'] !== 'pull_request_target') return;
  throw new UsageError(
    'tpsync does not run under pull_request_target: the code checked out there is the base branch, not the pull request, and checking out the pull request would run its files with your secrets',
    'run tpsync plan on the `pull_request` event (a fork then gets no secrets: see "Pull requests from forks" in docs/github.md)',
  );
}

/** Whether `login` is `author` (GitHub logins compare without regard to case). */
export function isCommentAuthor(login: string | undefined, author: string): boolean {
  return login !== undefined && login.toLowerCase() === author.toLowerCase();
}

export async function readGitHubContext(env: Env, options: { commentAuthor?: string } = {}): Promise<GitHubContext> {
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo)
    throw new UsageError('GITHUB_REPOSITORY is not set (owner/repo)', 'run this in GitHub Actions, or set GITHUB_REPOSITORY');
  const token = env['GITHUB_TOKEN']?.trim();
  if (!token)
    throw new UsageError(
      'GITHUB_TOKEN is not set',
      "pass `github-token: ${{ secrets.GITHUB_TOKEN }}` to the action, or set GITHUB_TOKEN in the step's env",
    );
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const serverUrl = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const runId = env['GITHUB_RUN_ID'];
  const payload = await readEvent(env['GITHUB_EVENT_PATH']);
  return {
    owner,
    repo,
    apiUrl: apiUrlOf(env['GITHUB_API_URL']),
    token,
    commentAuthor: (options.commentAuthor ?? env['TPSYNC_COMMENT_AUTHOR'] ?? '').trim() || DEFAULT_COMMENT_AUTHOR,
    eventName,
    sha: env['GITHUB_SHA'],
    runUrl: runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
    pullRequest: pullRequestOf(eventName, payload, env['GITHUB_REF']),
  };
}

/**
 * GITHUB_API_URL (the runner sets it; GitHub Enterprise has its own), checked like SECODA_API_URL:
 * an http(s) URL without credentials. A value that is not one is never quoted (it may be a token
 * put in the wrong variable), and octokit is never given it (its errors would quote it).
 */
function apiUrlOf(raw: string | undefined): string {
  const text = raw?.trim() || 'https://api.github.com';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new UsageError(
      'GITHUB_API_URL is not an http(s) URL (it is not shown: it may hold a secret)',
      'leave it to the runner (https://api.github.com, or your GitHub Enterprise Server API URL)',
    );
  if (url.username !== '' || url.password !== '')
    throw new UsageError('GITHUB_API_URL must not contain credentials (user:password@)', 'the token goes in GITHUB_TOKEN');
  return text.replace(/\/+$/, '');
}

async function readEvent(path: string | undefined): Promise<unknown> {
  if (!path) return undefined;
  try {
    return JSON.parse(await readTextFile(path)) as unknown;
  } catch {
    return undefined;
  }
}

function pullRequestOf(eventName: string, payload: unknown, ref: string | undefined): GitHubContext['pullRequest'] {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return undefined;
  // Without the event file, a pull_request run's ref still names the PR: refs/pull/7/merge.
  const fromRef = /^refs\/pull\/(\d+)\//.exec(ref ?? '')?.[1];
  const pr = (
    payload as
      | {
          pull_request?: {
            number?: unknown;
            head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
            base?: { repo?: { full_name?: unknown } };
          };
        }
      | undefined
  )?.pull_request;
  const number = typeof pr?.number === 'number' ? pr.number : Number((payload as { number?: unknown } | undefined)?.number ?? fromRef);
  if (!Number.isInteger(number) || number <= 0) return undefined;
  const head = pr?.head?.repo?.full_name;
  const base = pr?.base?.repo?.full_name;
  return {
    number,
    fromFork: typeof head === 'string' && typeof base === 'string' && head !== base,
    headSha: typeof pr?.head?.sha === 'string' ? pr.head.sha : undefined,
  };
}
