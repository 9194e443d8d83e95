// The fake GitHub's public shapes: the options a test starts it with (repositories, tokens, seeded
// pull requests, issues, comments and commits, armed faults), what it records (requests and
// contract violations), its data, and the handle a test drives it through.
import type { IncomingHttpHeaders } from 'node:http';
import type { GitModel } from './github-git.js';
import type { CommentRecord, GitHubUser, IssueRecord, RepoRecord } from './github-resources.js';

/** GitHub's limit on the body of an issue, pull request or comment. */
export const GITHUB_BODY_LIMIT = 65_536;

/** The user a workflow's `GITHUB_TOKEN` acts as. */
export const GITHUB_ACTIONS_BOT: GitHubUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export const DEFAULT_REPO = 'octo-org/tracking-plan';

export interface GitHubApiServerOptions {
  /** Repositories that exist (`owner/name`); others answer 404. Default `[DEFAULT_REPO]`; seeds add theirs. */
  repos?: string[];
  /** Serve the API under a prefix, as GitHub Enterprise Server does with `/api/v3`. */
  basePath?: string;
  /** Answer every write with 403 "Resource not accessible by integration", as a fork PR's token gets. */
  readOnly?: boolean;
  /**
   * Which user each token acts as (a login, or a user). When given, any other token gets
   * 401 "Bad credentials". By default every token acts as `github-actions[bot]`.
   */
  tokens?: Record<string, string | GitHubUser>;
  seed?: GitHubSeed;
  /** Faults armed from the start; see `GitHubApiServer.fail`. */
  faults?: Fault[];
  /** The clock for `created_at`/`updated_at`. */
  now?: () => Date;
}

export interface GitHubSeed {
  pulls?: SeedPull[];
  issues?: SeedIssue[];
  /** Comments to exist already. One on a number that is neither a seeded PR nor issue creates an open PR. */
  comments?: SeedComment[];
  /** Extra commit → PR associations; a PR's `headSha` and `mergeCommitSha` are associated already. */
  commits?: SeedCommit[];
}

export interface SeedPull {
  repo?: string;
  number: number;
  title?: string;
  body?: string | null;
  /** Author login. Default `octocat`. */
  user?: string;
  state?: 'open' | 'closed';
  /** Merged implies closed, with `merged_at` set and `mergeCommitSha` defaulted. */
  merged?: boolean;
  headRef?: string;
  headSha?: string;
  baseRef?: string;
  baseSha?: string;
  mergeCommitSha?: string;
  draft?: boolean;
  labels?: string[];
}

export interface SeedIssue {
  repo?: string;
  /** Default: the next free number. */
  number?: number;
  title: string;
  body?: string | null;
  user?: string;
  state?: 'open' | 'closed';
  labels?: string[];
  createdAt?: string;
}

export interface SeedComment {
  repo?: string;
  issueNumber: number;
  body: string;
  /** Author login. Default `octocat`. */
  user?: string;
  createdAt?: string;
}

export interface SeedCommit {
  repo?: string;
  sha: string;
  pulls: number[];
  /** Parent commits, for the commits list. Default none. */
  parents?: string[];
  message?: string;
}

export interface Fault {
  /** An operationId (`issues/create-comment`) or `METHOD /template` (`POST /repos/{owner}/{repo}/issues`). */
  operation: string;
  status: number;
  /** Default: GitHub's error shape with the status text as message. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail. Default 1. */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  /** As received: base path and query string included. */
  url: string;
  /** The API path, without the base path: `/repos/octo-org/tracking-plan/issues`. */
  path: string;
  operationId: string | undefined;
  query: Record<string, string>;
  body: unknown;
  status: number;
  headers: IncomingHttpHeaders;
}

export interface Violation {
  /**
   * `unknown-operation`: no such method + path in the description (answered 404);
   * `invalid-request`: path, query or body does not fit the operation (answered 422, or 400 for bad JSON);
   * `unimplemented`: a real operation this fake does not model (answered 501);
   * `invalid-response`: the fake's own answer does not fit the description — a bug here, not in the caller.
   */
  kind: 'unknown-operation' | 'invalid-request' | 'unimplemented' | 'invalid-response';
  method: string;
  /** As received, base path included. */
  path: string;
  operationId?: string;
  problems: string[];
}

export interface CommitRecord {
  repo: string;
  sha: string;
  pulls: number[];
  parents: string[];
  message: string;
  date: string;
}

/** The fake's data. Tests may read it and change it between requests. */
export interface GitHubState {
  repos: RepoRecord[];
  /** Issues and pull requests, in creation order. */
  issues: IssueRecord[];
  comments: CommentRecord[];
  commits: CommitRecord[];
}

export interface GitHubApiServer {
  /** The API root to give Octokit as `baseUrl` (includes the base path). */
  url: string;
  /** Where `html_url`s point. */
  webUrl: string;
  state: GitHubState;
  requests: RecordedRequest[];
  violations: Violation[];
  /** Switchable mid-test, e.g. to model a token that loses write access. */
  readOnly: boolean;
  /** Time it took to load GitHub's OpenAPI description (once per worker; later servers reuse it). */
  specLoadMs: number;
  /** Answer the next `times` (default 1) requests to `operation` with `status`, after validation. */
  fail(operation: string, status: number, options?: Omit<Fault, 'operation' | 'status'>): void;
  /** Comments on one issue or PR, oldest first. */
  commentsOn(issueNumber: number, repo?: string): CommentRecord[];
  /**
   * Merges an open pull request onto the default branch: a merge commit (`sha`, default a fake
   * one) whose parent is the branch's head, associated with the PR. Returns the merge commit.
   */
  mergePull(number: number, options?: { sha?: string; repo?: string }): string;
  /** Git data: trees, commits and branches, for a client that commits through the API (tests seed and read it). */
  git: GitModel;
  /** Adds a comment as `user` would (a login; default `octocat`), bypassing the API. */
  addComment(issueNumber: number, body: string, user?: string, repo?: string): CommentRecord;
  close(): Promise<void>;
}
