// A fake GitHub REST API for tests, on a real `node:http` port. Every request is matched to an
// operation in GitHub's OpenAPI description and validated against it; whatever does not fit is
// answered the way GitHub would (404 / 422) *and* recorded in `violations`, so a test that ends
// with `expect(server.violations).toEqual([])` proves our code spoke GitHub's API, not a mock's.
//
// Behind the contract sits a small stateful model of the endpoints tpsync uses: sticky PR
// comments (with their authors, per token, and GitHub's refusal to let one user edit another's),
// the default branch's history (`GET /repos/{owner}/{repo}/commits`), the PRs of a commit, a
// drift-report issue, and Git data (trees, commits, branches: github-git.ts) with the pull
// requests opened from a branch.
import { createServer, STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitModel, gitCommitJson, gitRefJson, gitTreeJson } from './github-git.js';
import { loadGitHubSpec, type GitHubSpec, type Operation } from './github-openapi.js';
import {
  commentJson,
  commitJson,
  fullRepositoryJson,
  userJson,
  issueJson,
  pullJson,
  pullSimpleJson,
  type CommentRecord,
  type GitHubUser,
  type IssueRecord,
  type RepoRecord,
  type Urls,
} from './github-resources.js';

export type { CommentRecord, GitHubUser, IssueRecord, PullFields, RepoRecord } from './github-resources.js';

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

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Context {
  operation: Operation;
  repo: RepoRecord;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  user: GitHubUser;
  /** The request URL as an absolute URL on the fake, for `Link` headers. */
  requestUrl: URL;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function startGitHubApiServer(options: GitHubApiServerOptions = {}): Promise<GitHubApiServer> {
  const spec = loadGitHubSpec();
  const basePath = normaliseBasePath(options.basePath);
  const now = options.now ?? (() => new Date());
  const world = new World(now);
  world.seed(options);
  const faults: Env['faults'] = [];
  const arm = (fault: Fault): void => {
    if (!findOperation(spec, fault.operation)) throw new Error(`fail(): no operation "${fault.operation}" in GitHub's API`);
    if (fault.times !== undefined && fault.times < 1) throw new Error('fail(): times must be at least 1');
    faults.push({ ...fault, times: fault.times ?? 1 });
  };
  for (const fault of options.faults ?? []) arm(fault);

  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const urls: Urls = { api: '', web: '' };
  const handle: GitHubApiServer = {
    url: '',
    webUrl: '',
    state: world.state,
    requests,
    violations,
    readOnly: options.readOnly ?? false,
    specLoadMs: spec.loadMs,
    fail: (operation, status, rest = {}) => arm({ ...rest, operation, status }),
    commentsOn: (issueNumber, repo) => {
      const key = world.repo(repo ?? world.state.repos[0]?.fullName ?? DEFAULT_REPO)?.fullName;
      return world.state.comments.filter((c) => c.repo === key && c.issueNumber === issueNumber);
    },
    git: world.git,
    mergePull: (number, mergeOptions = {}) => world.mergePull(world.defaultRepo(mergeOptions.repo), number, mergeOptions.sha),
    addComment: (issueNumber, body, user, repo) =>
      world.addComment(world.defaultRepo(repo), issueNumber, body, world.user(user ?? 'octocat')),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  const env: Env = { spec, world, urls, options, faults, handle };
  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => {
        const url = new URL(req.url ?? '/', urls.web);
        const method = (req.method ?? 'GET').toUpperCase();
        const apiPath = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined;
        const recorded: RecordedRequest = {
          method,
          url: req.url ?? '/',
          path: apiPath ?? url.pathname,
          operationId: undefined,
          query: Object.fromEntries(url.searchParams),
          body: undefined,
          status: 0,
          headers: req.headers,
        };
        requests.push(recorded);
        const violate: Violate = (kind, problems, operation) => {
          violations.push({
            kind,
            method,
            path: url.pathname,
            ...(operation && { operationId: operation.operationId }),
            problems,
          });
        };
        let reply: Reply;
        try {
          reply = answer(env, { method, url, apiPath, raw, headers: req.headers, recorded, violate });
        } catch (error) {
          // A throwing route is a bug in the fake; make it loud rather than a hung request.
          violate('invalid-response', [`the fake GitHub threw: ${String(error)}`]);
          reply = githubError(500, 'Server Error', 'https://docs.github.com/rest');
        }
        recorded.status = reply.status;
        send(res, reply);
      },
      // The client went away mid-request: nothing to answer.
      () => res.destroy(),
    );
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  urls.web = `http://127.0.0.1:${port}`;
  urls.api = `${urls.web}${basePath}`;
  handle.url = urls.api;
  handle.webUrl = urls.web;
  return handle;
}

interface Env {
  spec: GitHubSpec;
  world: World;
  urls: Urls;
  options: GitHubApiServerOptions;
  faults: (Fault & { times: number })[];
  handle: GitHubApiServer;
}

type Violate = (kind: Violation['kind'], problems: string[], operation?: Operation) => void;

interface Incoming {
  method: string;
  url: URL;
  /** The path below the base path; `undefined` when the request is outside it. */
  apiPath: string | undefined;
  raw: string;
  headers: IncomingHttpHeaders;
  recorded: RecordedRequest;
  violate: Violate;
}

/**
 * The order mirrors GitHub: route, authentication, request validation, then (for tests) an armed
 * fault, the read-only token, and finally the model. Each refusal is GitHub's answer.
 */
function answer({ spec, world, urls, options, faults, handle }: Env, incoming: Incoming): Reply {
  const { method, url, apiPath, raw, headers, recorded, violate } = incoming;
  const match = apiPath === undefined ? undefined : spec.match(method, apiPath);
  if (!match) {
    violate('unknown-operation', [`${method} ${url.pathname} is not an operation of GitHub's REST API`]);
    return githubError(404, 'Not Found', 'https://docs.github.com/rest');
  }
  const { operation } = match;
  recorded.operationId = operation.operationId;

  const parsed = parseJson(raw);
  recorded.body = parsed.ok ? parsed.value : raw;

  const user = authenticate(headers.authorization, options.tokens, world);
  if (user === 'missing') return githubError(401, 'Requires authentication', operation.docsUrl);
  if (user === 'bad') return githubError(401, 'Bad credentials', operation.docsUrl);

  if (!parsed.ok) {
    violate('invalid-request', ['body is not JSON'], operation);
    return githubError(400, 'Problems parsing JSON', operation.docsUrl);
  }

  const checked = spec.checkRequest(operation, { pathParams: match.pathParams, query: url.searchParams, body: parsed.value });
  if (parsed.value !== undefined && !/^application\/(.+\+)?json\b/.test(headers['content-type'] ?? '')) {
    checked.problems.push({ in: 'body', message: 'content-type must be application/json' });
  }
  if (checked.problems.length > 0) {
    const problems = checked.problems.map((p) => p.message);
    violate('invalid-request', problems, operation);
    // GitHub's own wording when a request fails its JSON schema.
    return githubError(422, `Invalid request.\n\n${problems.join('\n')}`, operation.docsUrl);
  }

  const fault = faults.find((f) => f.operation === operation.operationId || f.operation === `${operation.method} ${operation.template}`);
  if (fault) {
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
    return {
      status: fault.status,
      body: fault.body ?? githubError(fault.status, STATUS_CODES[fault.status] ?? 'Error', operation.docsUrl).body,
      ...(fault.headers && { headers: fault.headers }),
    };
  }

  if (handle.readOnly && WRITE_METHODS.has(method)) {
    return githubError(403, 'Resource not accessible by integration', operation.docsUrl);
  }

  const route = routes[operation.operationId];
  if (!route) {
    violate('unimplemented', [`the fake GitHub does not model ${operation.operationId}`], operation);
    return githubError(501, `Not implemented by the fake GitHub: ${operation.operationId}`, operation.docsUrl);
  }
  const repo = world.repo(`${String(checked.pathParams.owner)}/${String(checked.pathParams.repo)}`);
  if (!repo) return githubError(404, 'Not Found', operation.docsUrl);
  const body = typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : {};
  const result = route(world, urls, {
    operation,
    repo,
    params: checked.pathParams,
    query: checked.query,
    body,
    user,
    requestUrl: url,
  });
  const problems = spec.checkResponse(operation, result.status, result.body);
  if (problems.length > 0) violate('invalid-response', problems, operation);
  return result;
}

// ---------------------------------------------------------------------------------------------
// The model

class World {
  readonly state: GitHubState = { repos: [], issues: [], comments: [], commits: [] };
  private readonly users = new Map<string, GitHubUser>([[GITHUB_ACTIONS_BOT.login, GITHUB_ACTIONS_BOT]]);
  // GitHub's ids are global and large; starting high keeps them from colliding with issue numbers
  // in a test that confuses the two.
  private nextId = 2_000_000_001;
  readonly git: GitModel;

  constructor(readonly now: () => Date) {
    this.git = new GitModel(() => this.timestamp());
  }

  timestamp(): string {
    // GitHub's timestamps have whole seconds.
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  id(): number {
    return this.nextId++;
  }

  user(login: string): GitHubUser {
    let user = this.users.get(login.toLowerCase());
    if (!user) {
      user = { login, id: 1000 + this.users.size, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
      this.users.set(login.toLowerCase(), user);
    }
    return user;
  }

  remember(user: GitHubUser): GitHubUser {
    this.users.set(user.login.toLowerCase(), user);
    return user;
  }

  // Owner and repository names are case-insensitive on GitHub.
  repo(fullName: string): RepoRecord | undefined {
    return this.state.repos.find((r) => r.fullName.toLowerCase() === fullName.toLowerCase());
  }

  ensureRepo(fullName: string): RepoRecord {
    const existing = this.repo(fullName);
    if (existing) return existing;
    const [owner = '', name = ''] = fullName.split('/');
    if (!owner || !name) throw new Error(`repository "${fullName}" is not owner/name`);
    const repo: RepoRecord = { id: this.id(), owner: this.user(owner), name, fullName, defaultBranch: 'main' };
    this.state.repos.push(repo);
    return repo;
  }

  issue(repo: RepoRecord, number: number): IssueRecord | undefined {
    return this.state.issues.find((i) => i.repo === repo.fullName && i.number === number);
  }

  defaultRepo(name?: string): RepoRecord {
    const repo = this.repo(name ?? this.state.repos[0]?.fullName ?? DEFAULT_REPO);
    if (!repo) throw new Error(`no repository ${name ?? ''}`);
    return repo;
  }

  /** The newest commit of the default branch (the last one added). */
  head(repo: RepoRecord): CommitRecord | undefined {
    return this.state.commits.filter((c) => c.repo === repo.fullName).at(-1);
  }

  commit(repo: RepoRecord, sha: string): CommitRecord | undefined {
    return this.state.commits.find((c) => c.repo === repo.fullName && c.sha === sha);
  }

  addCommit(repo: RepoRecord, fields: { sha: string; pulls: number[]; parents?: string[]; message?: string }): CommitRecord {
    const commit: CommitRecord = {
      repo: repo.fullName,
      sha: fields.sha,
      pulls: [...fields.pulls],
      parents: [...(fields.parents ?? [])],
      message: fields.message ?? `Commit ${fields.sha.slice(0, 7)}`,
      date: this.timestamp(),
    };
    this.state.commits.push(commit);
    return commit;
  }

  mergePull(repo: RepoRecord, number: number, sha?: string): string {
    const issue = this.issue(repo, number);
    if (!issue?.pull) throw new Error(`mergePull: #${number} is not a pull request of ${repo.fullName}`);
    if (issue.pull.mergedAt !== null) throw new Error(`mergePull: #${number} is merged already`);
    const at = this.timestamp();
    const mergeSha = sha ?? fakeSha(`merge ${number} ${this.state.commits.length}`);
    const parent = this.head(repo);
    issue.state = 'closed';
    issue.closedAt = at;
    issue.updatedAt = at;
    issue.pull.mergedAt = at;
    issue.pull.mergeCommitSha = mergeSha;
    this.addCommit(repo, { sha: mergeSha, pulls: [number], parents: parent ? [parent.sha] : [], message: `${issue.title} (#${number})` });
    return mergeSha;
  }

  addComment(repo: RepoRecord, issueNumber: number, body: string, user: GitHubUser): CommentRecord {
    const issue = this.issue(repo, issueNumber);
    if (!issue) throw new Error(`addComment: no #${issueNumber} in ${repo.fullName}`);
    const at = this.timestamp();
    const comment: CommentRecord = { id: this.id(), repo: repo.fullName, issueNumber, body, user, createdAt: at, updatedAt: at };
    this.state.comments.push(comment);
    return comment;
  }

  /** `sha` and its ancestors, newest first, each once (as `git log` lists them). */
  history(repo: RepoRecord, sha: string): CommitRecord[] | undefined {
    const start = this.commit(repo, sha);
    if (!start) return undefined;
    const seen = new Set<string>();
    const out: CommitRecord[] = [];
    const queue = [start];
    while (queue.length > 0) {
      queue.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || this.state.commits.indexOf(b) - this.state.commits.indexOf(a));
      const next = queue.shift()!;
      if (seen.has(next.sha)) continue;
      seen.add(next.sha);
      out.push(next);
      for (const parent of next.parents) {
        const found = this.commit(repo, parent);
        if (found && !seen.has(parent)) queue.push(found);
      }
    }
    return out;
  }

  nextNumber(repo: RepoRecord): number {
    // Issues and PRs share one sequence per repository.
    return Math.max(0, ...this.state.issues.filter((i) => i.repo === repo.fullName).map((i) => i.number)) + 1;
  }

  commentCount(issue: IssueRecord): number {
    return this.state.comments.filter((c) => c.repo === issue.repo && c.issueNumber === issue.number).length;
  }

  addIssue(repo: RepoRecord, fields: Partial<IssueRecord> & { title: string; user: GitHubUser }): IssueRecord {
    const at = fields.createdAt ?? this.timestamp();
    const issue: IssueRecord = {
      id: this.id(),
      repo: repo.fullName,
      number: fields.number ?? this.nextNumber(repo),
      body: null,
      state: 'open',
      stateReason: null,
      labels: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      ...fields,
    };
    if (this.issue(repo, issue.number)) throw new Error(`seed: #${issue.number} exists twice in ${repo.fullName}`);
    this.state.issues.push(issue);
    return issue;
  }

  seed(options: GitHubApiServerOptions): void {
    const seed = options.seed ?? {};
    const named = [
      ...(options.repos ?? [DEFAULT_REPO]),
      ...[seed.pulls, seed.issues, seed.comments, seed.commits].flatMap((list) => (list ?? []).map((s) => s.repo)),
    ];
    for (const name of named) if (name !== undefined) this.ensureRepo(name);
    const repoOf = (name: string | undefined): RepoRecord => this.ensureRepo(name ?? this.state.repos[0]?.fullName ?? DEFAULT_REPO);
    for (const who of Object.values(options.tokens ?? {})) if (typeof who !== 'string') this.remember(who);

    for (const p of seed.pulls ?? []) {
      const merged = p.merged ?? false;
      const at = this.timestamp();
      this.addIssue(repoOf(p.repo), {
        number: p.number,
        title: p.title ?? `Pull request #${p.number}`,
        body: p.body ?? null,
        user: this.user(p.user ?? 'octocat'),
        state: merged ? 'closed' : (p.state ?? 'open'),
        closedAt: merged || p.state === 'closed' ? at : null,
        labels: p.labels ?? [],
        pull: {
          headRef: p.headRef ?? `feature-${p.number}`,
          headSha: p.headSha ?? fakeSha(`head ${p.number}`),
          baseRef: p.baseRef ?? 'main',
          baseSha: p.baseSha ?? fakeSha(`base ${p.number}`),
          draft: p.draft ?? false,
          mergedAt: merged ? at : null,
          mergeCommitSha: p.mergeCommitSha ?? (merged ? fakeSha(`merge ${p.number}`) : null),
        },
      });
    }
    for (const i of seed.issues ?? []) {
      const repo = repoOf(i.repo);
      this.addIssue(repo, {
        ...(i.number !== undefined && { number: i.number }),
        title: i.title,
        body: i.body ?? null,
        user: this.user(i.user ?? 'octocat'),
        state: i.state ?? 'open',
        stateReason: i.state === 'closed' ? 'completed' : null,
        closedAt: i.state === 'closed' ? this.timestamp() : null,
        labels: i.labels ?? [],
        ...(i.createdAt !== undefined && { createdAt: i.createdAt, updatedAt: i.createdAt }),
      });
    }
    for (const c of seed.comments ?? []) {
      const repo = repoOf(c.repo);
      if (!this.issue(repo, c.issueNumber)) {
        this.addIssue(repo, {
          number: c.issueNumber,
          title: `Pull request #${c.issueNumber}`,
          user: this.user('octocat'),
          pull: {
            headRef: `feature-${c.issueNumber}`,
            headSha: fakeSha(`head ${c.issueNumber}`),
            baseRef: 'main',
            baseSha: fakeSha(`base ${c.issueNumber}`),
            draft: false,
            mergedAt: null,
            mergeCommitSha: null,
          },
        });
      }
      const at = c.createdAt ?? this.timestamp();
      this.state.comments.push({
        id: this.id(),
        repo: repo.fullName,
        issueNumber: c.issueNumber,
        body: c.body,
        user: this.user(c.user ?? 'octocat'),
        createdAt: at,
        updatedAt: at,
      });
    }
    for (const c of seed.commits ?? []) {
      this.addCommit(repoOf(c.repo), {
        sha: c.sha,
        pulls: c.pulls,
        ...(c.parents ? { parents: c.parents } : {}),
        ...(c.message ? { message: c.message } : {}),
      });
    }
    // A PR seeded as merged has its merge commit in the history (with no parents unless seeded).
    for (const issue of this.state.issues) {
      const sha = issue.pull?.mergeCommitSha;
      const repo = this.repo(issue.repo);
      if (sha && repo && !this.commit(repo, sha))
        this.addCommit(repo, { sha, pulls: [issue.number], message: `${issue.title} (#${issue.number})` });
    }
  }

  /** PR numbers associated with a commit, or `undefined` when the repository has no such commit. */
  pullsOfCommit(repo: RepoRecord, sha: string): number[] | undefined {
    const numbers = new Set<number>();
    let known = false;
    for (const c of this.state.commits) {
      if (c.repo === repo.fullName && c.sha === sha) {
        known = true;
        c.pulls.forEach((n) => numbers.add(n));
      }
    }
    for (const issue of this.state.issues) {
      if (issue.repo !== repo.fullName || !issue.pull) continue;
      if (issue.pull.headSha === sha || issue.pull.mergeCommitSha === sha || issue.pull.baseSha === sha) known = true;
      if (issue.pull.headSha === sha || issue.pull.mergeCommitSha === sha) numbers.add(issue.number);
    }
    return known ? [...numbers] : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Routes, by operationId. They run after the request has passed the OpenAPI checks, so the
// fields they read have the types the description promises.

type Route = (world: World, urls: Urls, ctx: Context) => Reply;

const routes: Record<string, Route> = {
  'issues/list-comments': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.issue_number));
    if (!issue) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
    const comments = world.state.comments.filter(
      (c) => c.repo === issue.repo && c.issueNumber === issue.number && (since === undefined || Date.parse(c.updatedAt) >= since),
    );
    return paginate(ctx, comments, (c) => commentJson(urls, c, issue));
  },

  'issues/create-comment': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.issue_number));
    if (!issue) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const body = String(ctx.body.body);
    const tooLong = bodyTooLong('IssueComment', body, ctx.operation);
    if (tooLong) return tooLong;
    const at = world.timestamp();
    const comment: CommentRecord = {
      id: world.id(),
      repo: issue.repo,
      issueNumber: issue.number,
      body,
      user: ctx.user,
      createdAt: at,
      updatedAt: at,
    };
    world.state.comments.push(comment);
    issue.updatedAt = at;
    const json = commentJson(urls, comment, issue);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  },

  'issues/get-comment': (world, urls, ctx) => {
    const found = findComment(world, ctx);
    return found
      ? { status: 200, body: commentJson(urls, found.comment, found.issue) }
      : githubError(404, 'Not Found', ctx.operation.docsUrl);
  },

  'issues/update-comment': (world, urls, ctx) => {
    const found = findComment(world, ctx);
    if (!found) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const refused = othersComment(found.comment, ctx);
    if (refused) return refused;
    const body = String(ctx.body.body);
    const tooLong = bodyTooLong('IssueComment', body, ctx.operation);
    if (tooLong) return tooLong;
    found.comment.body = body;
    found.comment.updatedAt = world.timestamp();
    return { status: 200, body: commentJson(urls, found.comment, found.issue) };
  },

  'issues/delete-comment': (world, _urls, ctx) => {
    const found = findComment(world, ctx);
    if (!found) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const refused = othersComment(found.comment, ctx);
    if (refused) return refused;
    world.state.comments.splice(world.state.comments.indexOf(found.comment), 1);
    return { status: 204 };
  },

  'repos/list-pull-requests-associated-with-commit': (world, urls, ctx) => {
    const sha = String(ctx.params.commit_sha);
    const numbers = world.pullsOfCommit(ctx.repo, sha);
    if (!numbers) return githubError(422, `No commit found for SHA: ${sha}`, ctx.operation.docsUrl);
    const pulls = numbers.map((n) => world.issue(ctx.repo, n)).filter((i): i is IssueRecord => i?.pull !== undefined);
    return paginate(ctx, pulls, (p) => pullSimpleJson(urls, ctx.repo, p));
  },

  'repos/list-commits': (world, urls, ctx) => {
    const start = typeof ctx.query.sha === 'string' ? ctx.query.sha : world.head(ctx.repo)?.sha;
    if (start === undefined) return githubError(409, 'Git Repository is empty.', ctx.operation.docsUrl);
    const history = world.history(ctx.repo, start);
    if (!history) return githubError(404, `No commit found for SHA: ${start}`, ctx.operation.docsUrl);
    return paginate(ctx, history, (c) => commitJson(urls, ctx.repo, c));
  },

  'pulls/get': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.pull_number));
    if (!issue?.pull) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    return { status: 200, body: pullJson(urls, ctx.repo, issue, world.commentCount(issue)) };
  },

  'issues/get': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.issue_number));
    if (!issue) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    return { status: 200, body: issueJson(urls, issue, world.commentCount(issue)) };
  },

  'issues/list-for-repo': (world, urls, ctx) => {
    const q = ctx.query;
    const state = typeof q.state === 'string' ? q.state : 'open';
    const labels =
      typeof q.labels === 'string'
        ? q.labels
            .split(',')
            .map((l) => l.trim().toLowerCase())
            .filter(Boolean)
        : [];
    const creator = typeof q.creator === 'string' ? q.creator.toLowerCase() : undefined;
    const since = typeof q.since === 'string' ? Date.parse(q.since) : undefined;
    // The model has no assignees, milestones or issue types: "none" matches all, anything else none.
    const unmodelled = ['assignee', 'milestone', 'type'].some((k) => typeof q[k] === 'string' && q[k] !== 'none');
    const mentioned = typeof q.mentioned === 'string' ? `@${q.mentioned.toLowerCase()}` : undefined;
    const matching = world.state.issues.filter(
      (i) =>
        i.repo === ctx.repo.fullName &&
        !unmodelled &&
        (state === 'all' || i.state === state) &&
        // GitHub returns the issues that carry *every* listed label.
        labels.every((l) => i.labels.some((have) => have.toLowerCase() === l)) &&
        (creator === undefined || i.user.login.toLowerCase() === creator) &&
        (since === undefined || Date.parse(i.updatedAt) >= since) &&
        (mentioned === undefined || (i.body ?? '').toLowerCase().includes(mentioned)),
    );
    const sort = typeof q.sort === 'string' ? q.sort : 'created';
    const key = (i: IssueRecord): number =>
      sort === 'comments' ? world.commentCount(i) : sort === 'updated' ? Date.parse(i.updatedAt) : i.id;
    // Newest first unless asked otherwise; ties (same second) fall back to creation order.
    const sign = q.direction === 'asc' ? 1 : -1;
    matching.sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
    return paginate(ctx, matching, (i) => issueJson(urls, i, world.commentCount(i)));
  },

  'issues/create': (world, urls, ctx) => {
    const body = typeof ctx.body.body === 'string' ? ctx.body.body : null;
    const tooLong = body === null ? undefined : bodyTooLong('Issue', body, ctx.operation);
    if (tooLong) return tooLong;
    const issue = world.addIssue(ctx.repo, {
      // The schema allows a string or an integer.
      title: typeof ctx.body.title === 'number' ? String(ctx.body.title) : (ctx.body.title as string),
      body,
      user: ctx.user,
      labels: labelNames(ctx.body.labels) ?? [],
    });
    const json = issueJson(urls, issue, 0);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  },

  'issues/update': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.issue_number));
    if (!issue) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const b = ctx.body;
    if (typeof b.body === 'string') {
      const tooLong = bodyTooLong('Issue', b.body, ctx.operation);
      if (tooLong) return tooLong;
    }
    const at = world.timestamp();
    if (typeof b.title === 'string' || typeof b.title === 'number') issue.title = String(b.title);
    if (b.body !== undefined) issue.body = typeof b.body === 'string' ? b.body : null;
    const labels = labelNames(b.labels);
    if (labels) issue.labels = labels;
    if (b.state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closedAt = at;
      issue.stateReason = isStateReason(b.state_reason) ? b.state_reason : 'completed';
    } else if (b.state === 'open' && issue.state === 'closed') {
      issue.state = 'open';
      issue.closedAt = null;
      issue.stateReason = 'reopened';
    }
    issue.updatedAt = at;
    return { status: 200, body: issueJson(urls, issue, world.commentCount(issue)) };
  },

  'repos/get': (_world, urls, ctx) => ({ status: 200, body: fullRepositoryJson(urls, ctx.repo) }),

  'repos/get-commit': (world, urls, ctx) => {
    const wanted = String(ctx.params.ref);
    const sha = world.git.ref(ctx.repo.fullName, `refs/heads/${wanted}`)?.sha ?? wanted;
    const commit = world.git.commit(ctx.repo.fullName, sha);
    if (!commit) return githubError(422, `No commit found for SHA: ${wanted}`, ctx.operation.docsUrl);
    const author = commit.author === null ? null : userJson(urls, commit.author);
    const json = commitJson(urls, ctx.repo, { sha: commit.sha, parents: commit.parents, message: commit.message, date: commit.date });
    const inner = json.commit as Record<string, unknown>;
    return {
      status: 200,
      body: {
        ...json,
        author,
        committer: author,
        commit: { ...inner, tree: { sha: commit.tree, url: `${urls.api}/repos/${ctx.repo.fullName}/git/trees/${commit.tree}` } },
      },
    };
  },

  'git/get-ref': (world, urls, ctx) => {
    const ref = world.git.ref(ctx.repo.fullName, `refs/${String(ctx.params.ref)}`);
    if (!ref) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    return { status: 200, body: gitRefJson(urls, ctx.repo, ref) };
  },

  'git/create-ref': (world, urls, ctx) => {
    const name = String(ctx.body.ref);
    const sha = String(ctx.body.sha);
    if (!/^refs\/.+\/.+/.test(name)) return githubError(422, 'Reference name must start with refs/', ctx.operation.docsUrl);
    if (world.git.ref(ctx.repo.fullName, name)) return githubError(422, 'Reference already exists', ctx.operation.docsUrl);
    if (!world.git.commit(ctx.repo.fullName, sha)) return githubError(422, 'Object does not exist', ctx.operation.docsUrl);
    return { status: 201, body: gitRefJson(urls, ctx.repo, world.git.setRef(ctx.repo.fullName, name, sha)) };
  },

  'git/update-ref': (world, urls, ctx) => {
    const name = `refs/${String(ctx.params.ref)}`;
    const sha = String(ctx.body.sha);
    const ref = world.git.ref(ctx.repo.fullName, name);
    if (!ref) return githubError(422, 'Reference does not exist', ctx.operation.docsUrl);
    if (!world.git.commit(ctx.repo.fullName, sha)) return githubError(422, 'Object does not exist', ctx.operation.docsUrl);
    if (ctx.body.force !== true && !world.git.reaches(ctx.repo.fullName, sha, ref.sha))
      return githubError(422, 'Update is not a fast forward', ctx.operation.docsUrl);
    world.git.setRef(ctx.repo.fullName, name, sha);
    // An open pull request from the branch follows it.
    const branch = name.replace(/^refs\/heads\//, '');
    for (const issue of world.state.issues)
      if (issue.repo === ctx.repo.fullName && issue.pull?.headRef === branch && issue.state === 'open') issue.pull.headSha = sha;
    return { status: 200, body: gitRefJson(urls, ctx.repo, ref) };
  },

  'git/get-commit': (world, urls, ctx) => {
    const commit = world.git.commit(ctx.repo.fullName, String(ctx.params.commit_sha));
    if (!commit) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    return { status: 200, body: gitCommitJson(urls, ctx.repo, commit) };
  },

  'git/create-tree': (world, urls, ctx) => {
    const base = typeof ctx.body.base_tree === 'string' ? world.git.tree(ctx.repo.fullName, ctx.body.base_tree) : undefined;
    if (typeof ctx.body.base_tree === 'string' && !base) return githubError(422, 'base_tree is not a valid tree', ctx.operation.docsUrl);
    const files = { ...(base?.files ?? {}) };
    for (const entry of ctx.body.tree as { path: string; content?: string; sha?: string | null }[]) {
      // The model keeps whole files: an entry gives its content (a null sha deletes it).
      if (entry.sha === null) delete files[entry.path];
      else if (typeof entry.content === 'string') files[entry.path] = entry.content;
      else return githubError(422, 'the fake GitHub models tree entries with content only', ctx.operation.docsUrl);
    }
    return { status: 201, body: gitTreeJson(urls, ctx.repo, world.git.addTree(ctx.repo.fullName, files)) };
  },

  'git/create-commit': (world, urls, ctx) => {
    const tree = String(ctx.body.tree);
    const parents = Array.isArray(ctx.body.parents) ? (ctx.body.parents as string[]) : [];
    if (!world.git.tree(ctx.repo.fullName, tree)) return githubError(422, 'Tree SHA does not exist', ctx.operation.docsUrl);
    if (parents.some((p) => !world.git.commit(ctx.repo.fullName, p)))
      return githubError(422, 'Parent SHA does not exist or is not a commit object', ctx.operation.docsUrl);
    const commit = world.git.addCommit(ctx.repo.fullName, { tree, parents, message: String(ctx.body.message), author: ctx.user });
    return { status: 201, body: gitCommitJson(urls, ctx.repo, commit) };
  },

  'pulls/list': (world, urls, ctx) => {
    const q = ctx.query;
    const state = typeof q.state === 'string' ? q.state : 'open';
    // `head` is `user:ref-name`; GitHub matches the branch of that user's repository.
    const [headOwner, headRef] = typeof q.head === 'string' ? q.head.split(':') : [];
    const matching = world.state.issues.filter(
      (i) =>
        i.repo === ctx.repo.fullName &&
        i.pull !== undefined &&
        (state === 'all' || i.state === state) &&
        (headRef === undefined || (headOwner?.toLowerCase() === ctx.repo.owner.login.toLowerCase() && i.pull.headRef === headRef)) &&
        (typeof q.base !== 'string' || i.pull.baseRef === q.base),
    );
    matching.sort((a, b) => b.id - a.id);
    return paginate(ctx, matching, (p) => pullSimpleJson(urls, ctx.repo, p));
  },

  'pulls/create': (world, urls, ctx) => {
    const head = String(ctx.body.head).replace(/^[^:]+:/, '');
    const base = String(ctx.body.base);
    const headRef = world.git.ref(ctx.repo.fullName, `refs/heads/${head}`);
    const baseRef = world.git.ref(ctx.repo.fullName, `refs/heads/${base}`);
    const invalid = (field: string) =>
      githubError(422, 'Validation Failed', ctx.operation.docsUrl, { errors: [{ resource: 'PullRequest', field, code: 'invalid' }] });
    if (!headRef) return invalid('head');
    if (!baseRef) return invalid('base');
    if (world.state.issues.some((i) => i.repo === ctx.repo.fullName && i.state === 'open' && i.pull?.headRef === head))
      return githubError(422, 'Validation Failed', ctx.operation.docsUrl, {
        errors: [
          { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${ctx.repo.owner.login}:${head}.` },
        ],
      });
    const body = typeof ctx.body.body === 'string' ? ctx.body.body : null;
    const tooLong = body === null ? undefined : bodyTooLong('Issue', body, ctx.operation);
    if (tooLong) return tooLong;
    const issue = world.addIssue(ctx.repo, {
      title: String(ctx.body.title),
      body,
      user: ctx.user,
      pull: {
        headRef: head,
        headSha: headRef.sha,
        baseRef: base,
        baseSha: baseRef.sha,
        draft: ctx.body.draft === true,
        mergedAt: null,
        mergeCommitSha: null,
      },
    });
    const json = pullJson(urls, ctx.repo, issue, 0);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  },

  'pulls/update': (world, urls, ctx) => {
    const issue = world.issue(ctx.repo, Number(ctx.params.pull_number));
    if (!issue?.pull) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    const b = ctx.body;
    if (typeof b.body === 'string') {
      const tooLong = bodyTooLong('Issue', b.body, ctx.operation);
      if (tooLong) return tooLong;
    }
    const at = world.timestamp();
    if (typeof b.title === 'string') issue.title = b.title;
    if (typeof b.body === 'string') issue.body = b.body;
    if (b.state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closedAt = at;
    } else if (b.state === 'open' && issue.state === 'closed' && issue.pull.mergedAt === null) {
      issue.state = 'open';
      issue.closedAt = null;
    }
    issue.updatedAt = at;
    return { status: 200, body: pullJson(urls, ctx.repo, issue, world.commentCount(issue)) };
  },
};

/**
 * A comment is edited or deleted only by its author here. (On GitHub a token with write access
 * may also edit others' comments; tpsync never tries, and a test that needs the refusal gets it.)
 */
function othersComment(comment: CommentRecord, ctx: Context): Reply | undefined {
  if (comment.user.login.toLowerCase() === ctx.user.login.toLowerCase()) return undefined;
  return githubError(
    403,
    ctx.user.type === 'Bot' ? 'Resource not accessible by integration' : 'Must have admin rights to Repository.',
    ctx.operation.docsUrl,
  );
}

function findComment(world: World, ctx: Context): { comment: CommentRecord; issue: IssueRecord } | undefined {
  const comment = world.state.comments.find((c) => c.repo === ctx.repo.fullName && c.id === Number(ctx.params.comment_id));
  const issue = comment && world.issue(ctx.repo, comment.issueNumber);
  return comment && issue ? { comment, issue } : undefined;
}

/**
 * GitHub's page: `per_page` defaults to 30 and is capped at 100; `Link` carries `prev`, `next`,
 * `last` and `first` as absolute URLs that keep the other query parameters (octokit's paginate
 * follows `rel="next"` until it is absent).
 */
function paginate<T>(ctx: Context, items: T[], render: (item: T) => unknown): Reply {
  const perPageAsked = typeof ctx.query.per_page === 'number' ? ctx.query.per_page : 30;
  const perPage = Math.min(100, Math.max(1, Math.trunc(perPageAsked)));
  const page = Math.max(1, typeof ctx.query.page === 'number' ? Math.trunc(ctx.query.page) : 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const body = items.slice((page - 1) * perPage, page * perPage).map(render);
  const link = (n: number, rel: string): string => {
    const url = new URL(ctx.requestUrl);
    url.searchParams.set('page', String(n));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(Math.min(page - 1, last), 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return { status: 200, body, ...(links.length > 0 && { headers: { link: links.join(', ') } }) };
}

function bodyTooLong(resource: 'Issue' | 'IssueComment', body: string, operation: Operation): Reply | undefined {
  // GitHub counts characters (code points), not UTF-16 units or bytes.
  if ([...body].length <= GITHUB_BODY_LIMIT) return undefined;
  return githubError(422, 'Validation Failed', operation.docsUrl, {
    errors: [{ resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${GITHUB_BODY_LIMIT} characters)` }],
  });
}

function labelNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value.map((l: unknown) =>
    typeof l === 'string' ? l : typeof l === 'object' && l !== null && 'name' in l ? String(l.name) : '',
  );
  return [...new Set(names.filter(Boolean))];
}

function isStateReason(value: unknown): value is 'completed' | 'not_planned' | 'duplicate' {
  return value === 'completed' || value === 'not_planned' || value === 'duplicate';
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing

function githubError(status: number, message: string, docsUrl: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { message, ...extra, documentation_url: docsUrl, status: String(status) } };
}

function authenticate(header: string | undefined, tokens: GitHubApiServerOptions['tokens'], world: World): GitHubUser | 'missing' | 'bad' {
  // Octokit sends `token <t>` for personal and installation tokens, `bearer <jwt>` for apps.
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (token === undefined) return 'missing';
  if (!tokens) return GITHUB_ACTIONS_BOT;
  const who = tokens[token];
  if (who === undefined) return 'bad';
  return typeof who === 'string' ? world.user(who) : who;
}

function findOperation(spec: GitHubSpec, name: string): Operation | undefined {
  const byId = spec.operationsById.get(name);
  if (byId) return byId;
  const [method = '', template = ''] = name.split(' ');
  return [...spec.operationsById.values()].find((op) => op.method === method.toUpperCase() && op.template === template);
}

function normaliseBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/\/+$/, '');
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'x-github-media-type': 'github.v3; format=json', ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(reply.body));
}

/** A 40-hex-digit stand-in for a commit id, stable for a given label. */
export function fakeSha(label: string): string {
  let out = '';
  let h = 2166136261;
  while (out.length < 40) {
    for (const ch of `${label}:${out.length}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}
