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
//
// This file starts the server; the pieces live beside it: github-api-types.ts (options, records,
// the handle), github-world.ts (the model), github-answer.ts (the order of checks),
// github-routes*.ts (the modelled operations) and github-replies.ts (GitHub's reply shapes).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadGitHubSpec } from './github-openapi.js';
import type { Urls } from './github-resources.js';
import {
  DEFAULT_REPO,
  type Fault,
  type GitHubApiServer,
  type GitHubApiServerOptions,
  type RecordedRequest,
  type Violation,
} from './github-api-types.js';
import { answer, findOperation, type Env, type Violate } from './github-answer.js';
import { githubError, type Reply } from './github-replies.js';
import { World } from './github-world.js';

export type { CommentRecord, GitHubUser, IssueRecord, PullFields, RepoRecord } from './github-resources.js';
export { DEFAULT_REPO, GITHUB_ACTIONS_BOT, GITHUB_BODY_LIMIT } from './github-api-types.js';
export type {
  CommitRecord,
  Fault,
  GitHubApiServer,
  GitHubApiServerOptions,
  GitHubSeed,
  GitHubState,
  RecordedRequest,
  SeedComment,
  SeedCommit,
  SeedIssue,
  SeedPull,
  Violation,
} from './github-api-types.js';
export { fakeSha } from './github-fake-sha.js';

/** Starts the fake on a free loopback port; `close()` it when done. */
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

function normaliseBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/\/+$/, '');
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
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
